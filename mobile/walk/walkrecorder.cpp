#include "walk/walkrecorder.h"

#include <cmath>

namespace td::app {

WalkRecorder::WalkRecorder(QGeoPositionInfoSource* source, td::walk::RecorderRules rules,
                           QObject* parent)
    : QObject(parent)
    , m_source(source)
    , m_track(rules) {
    connectSource();
}

void WalkRecorder::connectSource() {
    if (!m_source)
        return;
    connect(m_source, &QGeoPositionInfoSource::positionUpdated, this,
            &WalkRecorder::onPositionUpdated);
    connect(m_source, &QObject::destroyed, this, &WalkRecorder::stop);
}

void WalkRecorder::setSource(QGeoPositionInfoSource* source) {
    if (source == m_source)
        return;
    if (m_source) {
        disconnect(m_source, nullptr, this, nullptr);
        if (m_recording)
            m_source->stopUpdates();
    }
    m_source = source;
    connectSource();
    if (m_recording && m_source)
        m_source->startUpdates();
}

void WalkRecorder::start() {
    if (m_recording || !m_source)
        return;
    m_recording = true;
    m_source->startUpdates();
    Q_EMIT recordingChanged();
}

void WalkRecorder::stop() {
    if (!m_recording)
        return;
    m_recording = false;
    if (m_source)
        m_source->stopUpdates();
    Q_EMIT recordingChanged();
}

td::walk::Fix WalkRecorder::toFix(const QGeoPositionInfo& info) {
    td::walk::Fix fix;
    fix.tMs = info.timestamp().toMSecsSinceEpoch();
    const QGeoCoordinate c = info.coordinate();
    fix.valid = info.isValid() && c.isValid();
    fix.lat = c.latitude();
    fix.lon = c.longitude();
    if (info.hasAttribute(QGeoPositionInfo::HorizontalAccuracy)) {
        const double accuracy = info.attribute(QGeoPositionInfo::HorizontalAccuracy);
        if (!std::isnan(accuracy))
            fix.accuracyM = accuracy;
    }
    if (info.hasAttribute(QGeoPositionInfo::GroundSpeed)) {
        const double speed = info.attribute(QGeoPositionInfo::GroundSpeed);
        if (!std::isnan(speed))
            fix.speedMps = speed;
    }
    return fix;
}

void WalkRecorder::onPositionUpdated(const QGeoPositionInfo& info) {
    if (!m_recording)
        return;
    const td::walk::Fix fix = toFix(info);
    if (info.timestamp().isValid())
        m_lastFixMs = fix.tMs;
    const td::walk::FixVerdict verdict = m_track.add(fix);
    if (verdict == td::walk::FixVerdict::Kept)
        Q_EMIT fixKept(fix);
    else
        Q_EMIT fixDropped(info.timestamp(), verdict);
    Q_EMIT trackChanged();
}

void WalkRecorder::restore(const std::vector<td::walk::Fix>& kept, int droppedBefore) {
    m_track = td::walk::TrackRecorder(m_track.rules());
    m_observations.clear();
    m_lastFixMs.reset();
    // Fixes kept once are kept again: each rule only looks at the fix and the last kept one.
    for (const td::walk::Fix& fix : kept) {
        if (m_track.add(fix) == td::walk::FixVerdict::Kept)
            m_lastFixMs = fix.tMs;
    }
    m_restoredDropped = droppedBefore;
    Q_EMIT trackChanged();
}

td::Result<td::model::Position> WalkRecorder::addObservation(const QDateTime& at) {
    std::int64_t tMs = 0;
    if (at.isValid())
        tMs = at.toMSecsSinceEpoch();
    else if (m_lastFixMs)
        tMs = *m_lastFixMs;
    else
        return td::makeError("no_recent_fix", "no position has been received yet");
    auto position = m_track.positionAt(tMs);
    if (position)
        m_observations.push_back(*position);
    return position;
}

} // namespace td::app
