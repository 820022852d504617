#pragma once
// The observation (iakttagelse) being made at a stop of a safety walk: its position, the
// checklist ratings, overall feeling, time of day, note, proposed measure and responsible party.

#include "appcore/walkchecklistmodel.h"
#include "td/model/checklist.hpp"
#include "td/model/walk.hpp"

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace td::app {

class WalkObservationForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the walk controller")
    Q_PROPERTY(td::app::WalkChecklistModel* checklist READ checklist CONSTANT)
    /// 1-based number of this stop on the walk.
    Q_PROPERTY(int stopNumber READ stopNumber NOTIFY changed)
    Q_PROPERTY(bool hasPosition READ hasPosition NOTIFY changed)
    Q_PROPERTY(double latitude READ latitude NOTIFY changed)
    Q_PROPERTY(double longitude READ longitude NOTIFY changed)
    /// Accuracy radius of the position in metres.
    Q_PROPERTY(double accuracy READ accuracy NOTIFY changed)
    /// The registry place the position was taken from (when there was no recent GPS fix).
    Q_PROPERTY(QString placeId READ placeId NOTIFY changed)
    /// 1..5, 0 while not chosen.
    Q_PROPERTY(int overallFeeling READ overallFeeling WRITE setOverallFeeling NOTIFY changed)
    Q_PROPERTY(QString timeOfDay READ timeOfDay WRITE setTimeOfDay NOTIFY changed)
    Q_PROPERTY(QString note READ note WRITE setNote NOTIFY changed)
    Q_PROPERTY(QString proposedMeasure READ proposedMeasure WRITE setProposedMeasure NOTIFY changed)
    /// A party key ("kommun", "polis", …) or empty.
    Q_PROPERTY(
        QString responsibleParty READ responsibleParty WRITE setResponsibleParty NOTIFY changed)
    /// [{value, label}] for the ratings 0..3 and NotApplicable, in the current language.
    Q_PROPERTY(QVariantList ratingOptions READ ratingOptions NOTIFY optionsChanged)
    /// [{value, label}] for overall feeling 1..5.
    Q_PROPERTY(QVariantList feelingOptions READ feelingOptions NOTIFY optionsChanged)
    /// [{key, label}] for times of day and responsible parties.
    Q_PROPERTY(QVariantList timeOptions READ timeOptions NOTIFY optionsChanged)
    Q_PROPERTY(QVariantList partyOptions READ partyOptions NOTIFY optionsChanged)
public:
    explicit WalkObservationForm(QObject* parent = nullptr);

    /// The checklist the form offers; labels in `language`.
    void setChecklist(const td::model::WalkChecklist& checklist, const QString& language);
    void setLanguage(const QString& language);
    const td::model::WalkChecklist& checklistDefinition() const { return m_checklist; }

    /// Empties the form for stop number `stopNumber`, with `timeOfDay` preselected.
    void reset(int stopNumber, const QString& timeOfDay);
    /// Sets the observation's position (from GPS, or a registry place when `placeId` is set).
    void setPosition(const td::model::Position& position, const QString& placeId = {});

    /// Copies the form into `o` (position, place, ratings, feeling, time, texts, party).
    /// False when the time of day or party is not one of the checklist's keys.
    bool fill(td::model::Observation& o) const;

    WalkChecklistModel* checklist() { return &m_model; }
    int stopNumber() const { return m_stopNumber; }
    bool hasPosition() const { return m_hasPosition; }
    double latitude() const { return m_position.lat; }
    double longitude() const { return m_position.lon; }
    double accuracy() const { return m_position.accuracyM; }
    QString placeId() const { return m_placeId; }
    int overallFeeling() const { return m_overallFeeling; }
    void setOverallFeeling(int value);
    QString timeOfDay() const { return m_timeOfDay; }
    void setTimeOfDay(const QString& value);
    QString note() const { return m_note; }
    void setNote(const QString& value);
    QString proposedMeasure() const { return m_proposedMeasure; }
    void setProposedMeasure(const QString& value);
    QString responsibleParty() const { return m_responsibleParty; }
    void setResponsibleParty(const QString& value);
    QVariantList ratingOptions() const;
    QVariantList feelingOptions() const;
    QVariantList timeOptions() const;
    QVariantList partyOptions() const;

Q_SIGNALS:
    void changed();
    void optionsChanged();

private:
    template <class T> void assign(T& member, const T& value) {
        if (member != value) {
            member = value;
            Q_EMIT changed();
        }
    }

    td::model::WalkChecklist m_checklist;
    QString m_language = QStringLiteral("sv");
    WalkChecklistModel m_model;
    int m_stopNumber = 0;
    bool m_hasPosition = false;
    td::model::Position m_position;
    QString m_placeId;
    int m_overallFeeling = 0;
    QString m_timeOfDay;
    QString m_note;
    QString m_proposedMeasure;
    QString m_responsibleParty;
};

} // namespace td::app
