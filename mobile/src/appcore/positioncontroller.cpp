#include "appcore/positioncontroller.h"

#include <QGeoPositionInfoSource>

namespace td::app {

PositionController::PositionController(QObject* parent)
    : QObject(parent) {
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_source) {
            m_source->stopUpdates();
        }
        setState(TimedOut);
    });
}

void PositionController::setSource(QGeoPositionInfoSource* source) {
    if (m_source) {
        disconnect(m_source, nullptr, this, nullptr);
    }
    m_source = source;
    if (m_source) {
        connect(m_source, &QGeoPositionInfoSource::positionUpdated, this,
                &PositionController::onPosition);
        connect(m_source, &QGeoPositionInfoSource::errorOccurred, this,
                [this](QGeoPositionInfoSource::Error error) {
                    if (error != QGeoPositionInfoSource::NoError && m_state == Waiting) {
                        m_timeout.stop();
                        setState(error == QGeoPositionInfoSource::UpdateTimeoutError ? TimedOut
                                                                                     : Unavailable);
                    }
                });
        if (m_state == Waiting) {
            m_source->startUpdates(); // a new source while waiting takes over the request
        }
    }
}

double PositionController::latitude() const {
    return hasFix() ? m_fix.coordinate().latitude() : 0.0;
}

double PositionController::longitude() const {
    return hasFix() ? m_fix.coordinate().longitude() : 0.0;
}

double PositionController::accuracy() const {
    if (!hasFix() || !m_fix.hasAttribute(QGeoPositionInfo::HorizontalAccuracy)) {
        return -1.0;
    }
    return m_fix.attribute(QGeoPositionInfo::HorizontalAccuracy);
}

void PositionController::requestFix(int timeoutMs) {
    if (!m_source) {
        setState(Unavailable);
        return;
    }
    m_fix = {};
    setState(Waiting);
    m_timeout.start(timeoutMs);
    m_source->startUpdates();
}

void PositionController::cancel() {
    m_timeout.stop();
    if (m_source) {
        m_source->stopUpdates();
    }
    setState(Idle);
}

void PositionController::onPosition(const QGeoPositionInfo& info) {
    if (m_state != Waiting || !info.isValid() || !info.coordinate().isValid()) {
        return;
    }
    m_timeout.stop();
    m_source->stopUpdates();
    m_fix = info;
    setState(Fixed);
}

void PositionController::setState(State state) {
    m_state = state;
    Q_EMIT stateChanged();
}

} // namespace td::app
