#include "appcore/kioskcontroller.h"

#include "appcore/clock.h"
#include "appcore/contentrepository.h"
#include "appcore/issuetext.h"
#include "appcore/localstore.h"
#include "appcore/surveycontroller.h"
#include "appcore/text.h"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"

namespace td::app {

KioskController::KioskController(SurveyController* runner, QObject* parent)
    : QObject(parent)
    , m_runner(runner) {
    m_runner->setDraftsEnabled(false);
    connect(m_runner, &SurveyController::submitted, this, &KioskController::onResidentSubmitted);
}

QString KioskController::startedAtText() const {
    return m_startedAt.isValid()
               ? m_startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
               : QString();
}

void KioskController::setPeopleMet(int peopleMet) {
    if (peopleMet >= 0 && peopleMet != m_peopleMet) {
        m_peopleMet = peopleMet;
        Q_EMIT changed();
    }
}

bool KioskController::startDialogue(const QString& placeId, const QString& placeLabel,
                                    const QString& description, const QString& locality,
                                    const QString& organisation, const QString& pin) {
    if (m_active) {
        setError(tr("En dialog pågår redan."));
        return false;
    }
    if (placeId.isEmpty() && description.trimmed().isEmpty()) {
        setError(tr("Välj en plats eller beskriv var dialogen hålls."));
        return false;
    }
    if (locality.trimmed().isEmpty()) {
        setError(tr("Ange ort."));
        return false;
    }
    if (organisation != QLatin1String("polis") && organisation != QLatin1String("kommun")) {
        setError(tr("Välj polis eller kommun."));
        return false;
    }
    if (!PinHash::isAcceptable(pin)) {
        setError(tr("PIN-koden ska vara 4–8 siffror."));
        return false;
    }
    m_pin = PinHash::make(pin);
    m_dialogueId = m_clock ? QString::fromStdString(m_clock->newUuid())
                           : QString::fromStdString(td::newUuidV7().toString());
    m_startedAt = m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
    m_placeId = placeId;
    m_placeLabel = placeId.isEmpty() ? description.trimmed() : placeLabel;
    m_description = placeId.isEmpty() ? description.trimmed() : QString();
    m_locality = locality.trimmed();
    m_organisation = organisation;
    m_peopleMet = 0;
    m_responses = 0;
    m_topics.clear();
    m_active = true;
    m_campaignId = m_content ? m_content->prepareDialogueSurvey(m_runner) : QString();
    setError(m_campaignId.isEmpty() && m_content ? m_content->lastError() : QString());
    Q_EMIT changed();
    return true;
}

bool KioskController::enterKiosk() {
    if (!m_active) {
        return false;
    }
    if (m_campaignId.isEmpty() && m_content) {
        m_campaignId = m_content->prepareDialogueSurvey(m_runner);
    }
    if (m_campaignId.isEmpty() ||
        !m_runner->start(m_campaignId, QStringLiteral("kiosk"), m_dialogueId)) {
        setError(m_content ? m_content->lastError() : tr("Ingen enkät för dialogen."));
        return false;
    }
    m_inKiosk = true;
    setError({});
    Q_EMIT changed();
    return true;
}

void KioskController::nextResident() {
    if (m_inKiosk) {
        m_runner->start(m_campaignId, QStringLiteral("kiosk"), m_dialogueId);
    }
}

bool KioskController::leaveKiosk(const QString& pin) {
    if (!m_inKiosk) {
        return true;
    }
    if (!m_pin.matches(pin)) {
        setError(tr("Fel PIN-kod."));
        return false;
    }
    m_runner->discard();
    m_inKiosk = false;
    setError({});
    Q_EMIT changed();
    return true;
}

bool KioskController::endDialogue() {
    if (!m_active || m_inKiosk) {
        return false;
    }
    td::model::Dialogue dialogue;
    dialogue.id = m_dialogueId.toStdString();
    if (!m_campaignId.isEmpty()) {
        dialogue.campaignId = m_campaignId.toStdString();
    }
    if (!m_placeId.isEmpty()) {
        dialogue.placeId = m_placeId.toStdString();
    } else {
        dialogue.description = m_description.toStdString();
    }
    dialogue.locality = m_locality.toStdString();
    dialogue.startedAt = m_startedAt.toString(Qt::ISODateWithMs).toStdString();
    const QDateTime ended = m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
    dialogue.endedAt = ended.toString(Qt::ISODateWithMs).toStdString();
    dialogue.peopleMet = m_peopleMet;
    dialogue.topics = m_topics.topics();
    dialogue.organisation = m_organisation == QLatin1String("kommun")
                                ? td::model::Organisation::Kommun
                                : td::model::Organisation::Polis;
    if (const auto issues = td::model::validateDialogue(dialogue); !issues.empty()) {
        setError(tr("Dialogen kunde inte sparas: %1").arg(issueMessage(issues.front())));
        return false;
    }
    if (!m_store) {
        setError(tr("Dialogen kunde inte sparas: ingen lokal lagring."));
        return false;
    }
    if (auto s = m_store->submitRecord("dialogue", dialogue.id, td::model::toJsonText(dialogue));
        !s) {
        setError(tr("Dialogen kunde inte sparas: %1").arg(qs(s.error().describe())));
        return false;
    }
    m_active = false;
    m_pin = {};
    m_topics.clear();
    m_peopleMet = 0;
    m_responses = 0;
    m_dialogueId.clear();
    setError({});
    Q_EMIT changed();
    return true;
}

void KioskController::setError(const QString& error) {
    if (error != m_lastError) {
        m_lastError = error;
        Q_EMIT changed();
    }
}

void KioskController::onResidentSubmitted() {
    ++m_responses;
    Q_EMIT changed();
}

} // namespace td::app
