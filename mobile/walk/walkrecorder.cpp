#include "walk/walkrecorder.h"

#include <cmath>

namespace td::app {

WalkRecorder::WalkRecorder(QGeoPositionInfoSource* source, td::walk::RecorderRules rules,
                           QObject* parent)
    : QObject(parent)
    , m_source(source)
    , m_track(rules) {
    if (m_source) {
        connect(m_source, &QGeoPositionInfoSource::positionUpdated, this,
                &WalkRecorder::onPositionUpdated);
        connect(m_source, &QObject::destroyed, this, &WalkRecorder::stop);
    }
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
    if (verdict != td::walk::FixVerdict::Kept)
        Q_EMIT fixDropped(info.timestamp(), verdict);
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
