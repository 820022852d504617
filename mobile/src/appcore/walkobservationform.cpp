#include "appcore/walkobservationform.h"

#include "appcore/text.h"

#include <QVariantMap>

namespace td::app {

WalkObservationForm::WalkObservationForm(QObject* parent)
    : QObject(parent)
    , m_model(this) {}

void WalkObservationForm::setChecklist(const td::model::WalkChecklist& checklist,
                                       const QString& language) {
    m_checklist = checklist;
    m_language = language;
    m_model.setChecklist(checklist, language);
    Q_EMIT optionsChanged();
}

void WalkObservationForm::setLanguage(const QString& language) {
    if (language == m_language) {
        return;
    }
    m_language = language;
    m_model.setLanguage(language);
    Q_EMIT optionsChanged();
}

void WalkObservationForm::reset(int stopNumber, const QString& timeOfDay) {
    m_stopNumber = stopNumber;
    m_hasPosition = false;
    m_position = {};
    m_placeId.clear();
    m_overallFeeling = 0;
    m_timeOfDay = timeOfDay;
    m_note.clear();
    m_proposedMeasure.clear();
    m_responsibleParty.clear();
    m_model.clearRatings();
    Q_EMIT changed();
}

void WalkObservationForm::setPosition(const td::model::Position& position, const QString& placeId) {
    m_position = position;
    m_placeId = placeId;
    m_hasPosition = true;
    Q_EMIT changed();
}

bool WalkObservationForm::fill(td::model::Observation& o) const {
    o.position = m_position;
    o.placeId = m_placeId.isEmpty() ? std::nullopt : std::optional(m_placeId.toStdString());
    o.ratings = m_model.ratings();
    o.overallFeeling = m_overallFeeling;
    const auto time = td::model::enumFromString<td::model::TimeOfDay>(m_timeOfDay.toStdString());
    if (!time) {
        return false;
    }
    o.timeOfDay = *time;
    const QString note = m_note.trimmed();
    o.note = note.isEmpty() ? std::nullopt : std::optional(note.toStdString());
    const QString measure = m_proposedMeasure.trimmed();
    o.proposedMeasure = measure.isEmpty() ? std::nullopt : std::optional(measure.toStdString());
    o.responsibleParty.reset();
    if (!m_responsibleParty.isEmpty()) {
        o.responsibleParty = td::model::enumFromString<td::model::ResponsibleParty>(
            m_responsibleParty.toStdString());
        if (!o.responsibleParty) {
            return false;
        }
    }
    return true;
}

void WalkObservationForm::setOverallFeeling(int value) {
    assign(m_overallFeeling, value);
}

void WalkObservationForm::setTimeOfDay(const QString& value) {
    assign(m_timeOfDay, value);
}

void WalkObservationForm::setNote(const QString& value) {
    assign(m_note, value);
}

void WalkObservationForm::setProposedMeasure(const QString& value) {
    assign(m_proposedMeasure, value);
}

void WalkObservationForm::setResponsibleParty(const QString& value) {
    assign(m_responsibleParty, value);
}

QVariantList WalkObservationForm::ratingOptions() const {
    QVariantList out;
    for (const auto& r : m_checklist.ratings) {
        out.append(QVariantMap{{QStringLiteral("value"), static_cast<int>(r.value)},
                               {QStringLiteral("label"), localized(r.label, m_language)}});
    }
    out.append(
        QVariantMap{{QStringLiteral("value"), int(WalkChecklistModel::NotApplicable)},
                    {QStringLiteral("label"), localized(m_checklist.notApplicable, m_language)}});
    return out;
}

QVariantList WalkObservationForm::feelingOptions() const {
    QVariantList out;
    for (const auto& r : m_checklist.overallFeeling) {
        out.append(QVariantMap{{QStringLiteral("value"), static_cast<int>(r.value)},
                               {QStringLiteral("label"), localized(r.label, m_language)}});
    }
    return out;
}

QVariantList WalkObservationForm::timeOptions() const {
    QVariantList out;
    for (const auto& t : m_checklist.timesOfDay) {
        out.append(QVariantMap{{QStringLiteral("key"), qs(td::model::toString(t.id))},
                               {QStringLiteral("label"), localized(t.label, m_language)}});
    }
    return out;
}

QVariantList WalkObservationForm::partyOptions() const {
    QVariantList out;
    for (const auto& p : m_checklist.parties) {
        out.append(QVariantMap{{QStringLiteral("key"), qs(td::model::toString(p.id))},
                               {QStringLiteral("label"), localized(p.label, m_language)}});
    }
    return out;
}

} // namespace td::app
