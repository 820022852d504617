#include "appcore/kioskcontroller.h"

#include "appcore/clock.h"
#include "appcore/contentrepository.h"
#include "appcore/issuetext.h"
#include "appcore/localstore.h"
#include "appcore/runningdialogue.h"
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
    connect(&m_topics, &TopicModel::dataChanged, this, &KioskController::persist);
}

QString KioskController::startedAtText() const {
    return m_startedAt.isValid()
               ? m_startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
               : QString();
}

void KioskController::setPeopleMet(int peopleMet) {
    if (peopleMet >= 0 && peopleMet != m_peopleMet) {
        m_peopleMet = peopleMet;
        persist();
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
    // A typed locality ("Hällnäs") is stored as the registry's id for it ("hallnas").
    const QString localityId = idFromName(locality);
    if (localityId.isEmpty()) {
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
    m_locality = localityId;
    m_organisation = organisation;
    m_peopleMet = 0;
    m_responses = 0;
    m_topics.clear();
    m_active = true;
    m_campaignId = m_content ? m_content->prepareDialogueSurvey(m_runner) : QString();
    setError(m_campaignId.isEmpty() && m_content ? m_content->lastError() : QString());
    persist();
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
    persist();
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
    persist();
    Q_EMIT changed();
    return true;
}

bool KioskController::endDialogue() {
    if (!m_active || m_inKiosk) {
        return false;
    }
    td::model::Dialogue dialogue = currentDialogue();
    const QDateTime ended = m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
    dialogue.endedAt = ended.toString(Qt::ISODateWithMs).toStdString();
    if (const auto issues = td::model::validateDialogue(dialogue); !issues.empty()) {
        setError(tr("Dialogen kunde inte sparas: %1").arg(issueMessage(issues.front())));
        return false;
    }
    if (!m_store) {
        setError(tr("Dialogen kunde inte sparas: ingen lokal lagring."));
        return false;
    }
    // The record, its outbox entry and the end of the running state in one transaction.
    if (auto s = m_store->submitRecord("dialogue", dialogue.id, td::model::toJsonText(dialogue),
                                       std::string(kRunningDialogueDraftId));
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

bool KioskController::restore() {
    if (m_active || !m_store) {
        return false;
    }
    const auto text = m_store->loadDraft(std::string(kRunningDialogueDraftId));
    if (!text) {
        return false;
    }
    auto state = decodeRunningDialogue(*text);
    if (!state) {
        setError(tr("Den pågående dialogen kunde inte återställas: %1")
                     .arg(qs(state.error().describe())));
        return false;
    }
    const td::model::Dialogue& d = state->dialogue;
    m_restoring = true;
    m_dialogueId = qs(d.id);
    m_campaignId = d.campaignId ? qs(*d.campaignId) : QString();
    m_placeId = d.placeId ? qs(*d.placeId) : QString();
    m_description = d.description ? qs(*d.description) : QString();
    m_placeLabel = qs(state->placeLabel);
    m_locality = qs(d.locality);
    m_organisation = d.organisation == td::model::Organisation::Kommun ? QStringLiteral("kommun")
                                                                       : QStringLiteral("polis");
    m_startedAt = QDateTime::fromString(qs(d.startedAt), Qt::ISODateWithMs);
    m_peopleMet = static_cast<int>(d.peopleMet);
    m_topics.clear();
    for (const auto& topic : d.topics) {
        const int row = static_cast<int>(topic.focusArea);
        m_topics.adjust(row, static_cast<int>(topic.count));
        if (topic.note) {
            m_topics.setNote(row, qs(*topic.note));
        }
    }
    m_pin = PinHash::fromStored(qs(state->pin));
    m_responses = countResponses();
    m_active = true;
    m_inKiosk = false;
    if (m_content) {
        if (m_campaignId.isEmpty()) {
            m_campaignId = m_content->prepareDialogueSurvey(m_runner);
        } else if (!m_content->prepareSurvey(m_runner, m_campaignId)) {
            setError(m_content->lastError());
        }
    }
    // Residents had the device: back to kiosk mode with a fresh form (the PIN still guards it).
    if (state->inKiosk && m_pin.isSet() && !m_campaignId.isEmpty() &&
        m_runner->start(m_campaignId, QStringLiteral("kiosk"), m_dialogueId)) {
        m_inKiosk = true;
    }
    m_restoring = false;
    Q_EMIT changed();
    return true;
}

td::model::Dialogue KioskController::currentDialogue() const {
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
    dialogue.peopleMet = m_peopleMet;
    dialogue.topics = m_topics.topics();
    dialogue.organisation = m_organisation == QLatin1String("kommun")
                                ? td::model::Organisation::Kommun
                                : td::model::Organisation::Polis;
    return dialogue;
}

void KioskController::persist() {
    if (!m_active || m_restoring || !m_store) {
        return;
    }
    RunningDialogue state;
    state.dialogue = currentDialogue();
    state.placeLabel = m_placeLabel.toStdString();
    state.inKiosk = m_inKiosk;
    state.pin = m_pin.toStored().toStdString();
    m_store->saveDraft(std::string(kRunningDialogueDraftId), "dialogue", m_campaignId.toStdString(),
                       encodeRunningDialogue(state));
}

int KioskController::countResponses() const {
    // Response bodies are the shared codec's compact JSON, so the dialogue id appears as this
    // exact member exactly when the response belongs to the dialogue.
    const std::string member = "\"dialogue_id\":\"" + m_dialogueId.toStdString() + "\"";
    int count = 0;
    for (const auto& body : m_store->recordBodies("response")) {
        if (body.find(member) != std::string::npos) {
            ++count;
        }
    }
    return count;
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
