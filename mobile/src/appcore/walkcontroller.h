#pragma once
// Trygghetsvandring: the officer starts a safety walk (area, locality, date, participants by
// role), the GPS track is recorded while it runs (walk/walkrecorder.h, rules in
// docs/walk-recording.md), observations are made at the stops, and ending the walk stores the
// SafetyWalk and its Observations with their outbox entries. Everything recorded is on disk as
// it grows (WalkJournal), so a walk in progress survives an app restart and resumes recording.

#include "appcore/walkjournal.h"
#include "appcore/walkobservationform.h"
#include "td/model/place.hpp"
#include "walk/walkrecorder.h"

#include <QObject>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <optional>

class QGeoPositionInfoSource;

namespace td::app {

class Clock;
class LanguageController;
class LocalStore;
class PlaceRegistryModel;

class WalkController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    Q_PROPERTY(bool active READ active NOTIFY changed)
    Q_PROPERTY(bool recording READ recording NOTIFY changed)
    /// Whether a position source exists at all.
    Q_PROPERTY(bool positionAvailable READ positionAvailable NOTIFY changed)
    Q_PROPERTY(QString walkId READ walkId NOTIFY changed)
    Q_PROPERTY(QString areaName READ areaName NOTIFY changed)
    Q_PROPERTY(QString locality READ locality NOTIFY changed)
    /// The locality's name as the place registry spells it (the id when unknown).
    Q_PROPERTY(QString localityName READ localityName NOTIFY changed)
    Q_PROPERTY(QString date READ date NOTIFY changed)
    /// Participants by role: residents, police, municipality, propertyOwner, other.
    Q_PROPERTY(QVariantMap participants READ participants NOTIFY changed)
    /// Recorded length in metres.
    Q_PROPERTY(double distance READ distance NOTIFY trackChanged)
    /// Seconds since the walk started.
    Q_PROPERTY(int duration READ duration NOTIFY tick)
    /// Accuracy radius of the newest fix in metres; -1 when unknown.
    Q_PROPERTY(double accuracy READ accuracy NOTIFY trackChanged)
    /// A fix arrived within the observation window (an observation gets a GPS position).
    Q_PROPERTY(bool hasRecentFix READ hasRecentFix NOTIFY tick)
    Q_PROPERTY(int fixCount READ fixCount NOTIFY trackChanged)
    Q_PROPERTY(int droppedCount READ droppedCount NOTIFY trackChanged)
    Q_PROPERTY(int gapCount READ gapCount NOTIFY trackChanged)
    /// Observations saved so far.
    Q_PROPERTY(int stopCount READ stopCount NOTIFY changed)
    /// [{number, latitude, longitude, accuracy, feeling, note}] in order.
    Q_PROPERTY(QVariantList stops READ stops NOTIFY changed)
    /// An observation form is open.
    Q_PROPERTY(bool observing READ observing NOTIFY changed)
    Q_PROPERTY(td::app::WalkObservationForm* observation READ observation CONSTANT)
    /// [{id, name}] of the localities in the place registry.
    Q_PROPERTY(QVariantList localities READ localities NOTIFY placesChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)
public:
    WalkController(LocalStore* store, Clock* clock, QObject* parent = nullptr);
    ~WalkController() override;

    /// The GPS source (not owned; may be null).
    void setPositionSource(QGeoPositionInfoSource* source);
    void setLanguage(LanguageController* language);
    /// The registry that names places and localities (not owned).
    void setPlaces(PlaceRegistryModel* places);
    /// The checklist observations are rated against (shared/content/walk_checklist.json).
    void setChecklist(const td::model::WalkChecklist& checklist);

    /// Resumes a walk left running (app restart): its details, track and observations are
    /// read back and recording continues. False (and lastError) when the drafts are unreadable.
    bool resume();

    bool active() const { return m_walk.has_value(); }
    bool recording() const { return m_recorder.isRecording(); }
    bool positionAvailable() const { return m_recorder.source() != nullptr; }
    QString walkId() const;
    QString areaName() const;
    QString locality() const;
    QString localityName() const;
    QString date() const;
    QVariantMap participants() const;
    double distance() const { return m_recorder.length(); }
    int duration() const;
    double accuracy() const { return m_lastAccuracy; }
    bool hasRecentFix() const;
    int fixCount() const { return m_recorder.fixCount(); }
    int droppedCount() const { return m_recorder.droppedCount(); }
    int gapCount() const { return m_recorder.gapCount(); }
    int stopCount() const { return static_cast<int>(m_observations.size()); }
    QVariantList stops() const;
    bool observing() const { return m_observing; }
    WalkObservationForm* observation() { return &m_form; }
    QVariantList localities() const;
    QString lastError() const { return m_lastError; }
    const WalkRecorder& recorder() const { return m_recorder; }

    /// Starts a walk in `areaName` (a registry place's name or a free name) in the locality
    /// with id `locality`, on `date` (YYYY-MM-DD; empty: today), with participants counted by
    /// role. False (and lastError) when a walk is running or the details are not valid.
    Q_INVOKABLE bool start(const QString& areaName, const QString& locality, const QString& date,
                           int residents, int police, int municipality, int propertyOwner,
                           int other);
    /// The locality id for a typed name ("Hällnäs" -> "hallnas").
    Q_INVOKABLE static QString localityId(const QString& name);

    /// Opens the observation form for the next stop, at the mean of the fixes of the last
    /// 20 s. Without a recent fix the form has no position: pick a registry place instead.
    Q_INVOKABLE bool beginObservation();
    /// Takes the observation's position from the registry place `placeId`.
    Q_INVOKABLE bool useRegistryPlace(const QString& placeId);
    /// Validates the form with the shared validator and saves the observation.
    Q_INVOKABLE bool saveObservation();
    Q_INVOKABLE void cancelObservation();

    /// Ends the walk: stores the SafetyWalk (with its track) and its observations, each with
    /// its outbox entry. False (and lastError) when storing fails; the walk then keeps running.
    Q_INVOKABLE bool end();
    /// Drops the running walk and everything recorded of it.
    Q_INVOKABLE bool discard();

    /// The track and stops projected into a `width` × `height` view:
    /// {segments: [[x, y, x, y, …], …], stops: [{number, x, y}], scaleBarPixels,
    ///  scaleBarMetres}.
    Q_INVOKABLE QVariantMap sketch(double width, double height, double margin = 24) const;

Q_SIGNALS:
    void changed();
    void trackChanged();
    void tick();
    void placesChanged();

private:
    void setError(const QString& error);
    void onFixKept(const td::walk::Fix& fix);
    void onFixDropped();
    void onTick();
    void startRecording();
    void resetWalk();
    QString defaultTimeOfDay() const;
    std::optional<td::model::Place> findPlace(const std::string& id) const;
    std::int64_t nowMs() const;

    LocalStore* m_store;
    Clock* m_clock;
    LanguageController* m_language = nullptr;
    PlaceRegistryModel* m_places = nullptr;
    WalkJournal m_journal;
    WalkRecorder m_recorder;
    WalkObservationForm m_form;
    td::model::WalkChecklist m_checklist;
    std::optional<td::model::SafetyWalk> m_walk;
    std::vector<td::model::Observation> m_observations;
    bool m_observing = false;
    double m_lastAccuracy = -1;
    std::optional<std::int64_t> m_lastUpdateAtMs; ///< wall-clock time the newest fix arrived
    QTimer m_ticker;
    QString m_lastError;
};

} // namespace td::app
