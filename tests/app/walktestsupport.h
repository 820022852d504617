#pragma once
// Test support for safety walks: replays the reference NMEA track of a Vindeln walk through
// Qt's NMEA position source epoch by epoch, keeping the app clock at the replayed time, and
// stops where the walkers stood still; plus the states the screen renders need.

#include "appcore/appcontext.h"

#include <QBuffer>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <vector>

class QNmeaPositionInfoSource;

namespace td::app {
class Clock;
}

namespace td::app::test {

class WalkReplayDriver : public QObject {
    Q_OBJECT
    /// Epochs fed so far, and in all.
    Q_PROPERTY(int fed READ fed NOTIFY fedChanged)
    Q_PROPERTY(int epochCount READ epochCount CONSTANT)
    Q_PROPERTY(bool finished READ finished NOTIFY fedChanged)
public:
    /// Reads `nmeaPath` (one epoch = a GGA sentence and the sentences after it); `clock` is
    /// set to each fed epoch's time (may be null).
    WalkReplayDriver(const QString& nmeaPath, Clock* clock, QObject* parent = nullptr);

    /// A real-time Qt NMEA source reading the replay (UERE 5 m), owned by the driver.
    QNmeaPositionInfoSource* source() { return m_source; }

    int fed() const { return m_next; }
    int epochCount() const { return static_cast<int>(m_epochs.size()); }
    bool finished() const { return m_next >= epochCount(); }

    /// Feeds epochs until the walkers have stood still (ground speed 0) for `stillEpochs`
    /// epochs in a row; returns false when the track ended first.
    Q_INVOKABLE bool feedUntilStop(int stillEpochs = 45);
    /// Feeds `count` epochs (fewer at the end of the track).
    Q_INVOKABLE void feed(int count);
    Q_INVOKABLE void feedToEnd();

Q_SIGNALS:
    void fedChanged();

private:
    struct Epoch {
        QByteArray text;
        QDateTime time;
        bool still = false;
    };
    void feedOne();

    std::vector<Epoch> m_epochs;
    QBuffer m_buffer;
    QNmeaPositionInfoSource* m_source;
    Clock* m_clock;
    int m_next = 0;
    int m_stillRun = 0;
};

/// The reference data directory's NMEA track.
QString referenceTrackPath();

/// Brings the app into a state the screen test renders: "walk" (a walk with two stops and
/// part of the track), "observation" (the form of the next stop, partly filled) or
/// "measures" (three pulled measures) or "measures-edited" (those measures with one status
/// changed on the device and one pulled with a conflict on "status"). False when that fails.
bool prepareWalkScreen(AppContext& context, const QString& state);

} // namespace td::app::test
