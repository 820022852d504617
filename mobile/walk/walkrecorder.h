#pragma once
// Records a safety walk's track from a Qt position source: every update becomes a td::walk
// fix, judged and measured by td::walk::TrackRecorder (rules in docs/walk-recording.md).

#include "td/core/result.hpp"
#include "td/model/common.hpp"
#include "td/walk/track_recorder.hpp"

#include <QDateTime>
#include <QGeoPositionInfo>
#include <QGeoPositionInfoSource>
#include <QObject>
#include <QPointer>
#include <optional>
#include <vector>

namespace td::app {

class WalkRecorder : public QObject {
    Q_OBJECT
    Q_PROPERTY(double length READ length NOTIFY trackChanged)
    Q_PROPERTY(int fixCount READ fixCount NOTIFY trackChanged)
    Q_PROPERTY(int droppedCount READ droppedCount NOTIFY trackChanged)
    Q_PROPERTY(int gapCount READ gapCount NOTIFY trackChanged)
    Q_PROPERTY(bool recording READ isRecording NOTIFY recordingChanged)

public:
    /// `source` is not owned; it must outlive recording (a destroyed source stops it).
    explicit WalkRecorder(QGeoPositionInfoSource* source, td::walk::RecorderRules rules = {},
                          QObject* parent = nullptr);

    /// Replaces the source (not owned); a recording in progress continues from the new one.
    void setSource(QGeoPositionInfoSource* source);
    QGeoPositionInfoSource* source() const { return m_source; }

    /// Starts the source's updates and records every fix until stop().
    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();
    bool isRecording() const { return m_recording; }

    /// Recorded length in metres.
    double length() const { return m_track.lengthM(); }
    /// Fixes kept in the track.
    int fixCount() const { return static_cast<int>(m_track.keptCount()); }
    /// Fixes dropped by the rules (no position, poor accuracy, too fast, out of order),
    /// including those counted before a restore().
    int droppedCount() const {
        return static_cast<int>(m_track.droppedCount()) + m_restoredDropped;
    }
    int gapCount() const { return static_cast<int>(m_track.gaps().size()); }

    /// Records an observation made at `at` (default: the time of the newest fix received) and
    /// returns its position: the mean of the kept fixes in the window before it. Fails with
    /// `no_recent_fix` when there is none.
    td::Result<td::model::Position> addObservation(const QDateTime& at = {});
    /// The position an observation made at `tMs` would get, without recording one.
    td::Result<td::model::Position> positionAt(std::int64_t tMs) const {
        return m_track.positionAt(tMs);
    }
    /// Time of the newest fix received (kept or not), if any.
    std::optional<std::int64_t> lastFixMs() const { return m_lastFixMs; }

    /// Rebuilds the track of an interrupted recording from its kept fixes (in order) and the
    /// number of fixes dropped before the interruption; replaces anything recorded so far.
    void restore(const std::vector<td::walk::Fix>& kept, int droppedBefore);

    /// Positions of the observations added so far, in order.
    const std::vector<td::model::Position>& observations() const { return m_observations; }

    const td::walk::TrackRecorder& track() const { return m_track; }

    /// A Qt position update as a td::walk fix (invalid coordinate -> no position).
    static td::walk::Fix toFix(const QGeoPositionInfo& info);

Q_SIGNALS:
    void trackChanged();
    void recordingChanged();
    /// A fix the rules kept (now the newest point of the track).
    void fixKept(const td::walk::Fix& fix);
    /// A fix the rules dropped, with its time and why.
    void fixDropped(const QDateTime& time, td::walk::FixVerdict reason);

private:
    void connectSource();
    void onPositionUpdated(const QGeoPositionInfo& info);

    QPointer<QGeoPositionInfoSource> m_source;
    td::walk::TrackRecorder m_track;
    std::vector<td::model::Position> m_observations;
    std::optional<std::int64_t> m_lastFixMs;
    int m_restoredDropped = 0;
    bool m_recording = false;
};

} // namespace td::app
