#include "appcore/nmeareplay.h"

#include <QNmeaPositionInfoSource>

namespace td::app {

NmeaReplay::NmeaReplay(const QByteArray& nmea, QObject* parent)
    : QObject(parent) {
    QByteArray current;
    for (const QByteArray& line : nmea.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty()) {
            continue;
        }
        if (trimmed.size() > 6 && trimmed.mid(3, 3) == "GGA" && !current.isEmpty()) {
            m_fixes.append(current);
            current.clear();
        }
        current += trimmed + "\r\n";
    }
    if (!current.isEmpty()) {
        m_fixes.append(current);
    }
    m_buffer.open(QIODevice::ReadOnly);
    connect(&m_timer, &QTimer::timeout, this, &NmeaReplay::feedOne);
}

QNmeaPositionInfoSource* NmeaReplay::createSource(double uereMetres, QObject* parent) {
    auto* source = new QNmeaPositionInfoSource(QNmeaPositionInfoSource::RealTimeMode, parent);
    source->setUserEquivalentRangeError(uereMetres);
    source->setDevice(&m_buffer);
    return source;
}

void NmeaReplay::start(int intervalMs) {
    m_timer.start(intervalMs);
}

void NmeaReplay::feedOne() {
    if (m_next >= m_fixes.size() && m_loop && !m_fixes.isEmpty()) {
        m_next = 0;
    }
    if (m_next >= m_fixes.size()) {
        m_timer.stop();
        Q_EMIT finished();
        return;
    }
    // Append behind the read position without moving it, then announce the new data.
    m_buffer.buffer().append(m_fixes.at(m_next++));
    Q_EMIT m_buffer.readyRead();
}

} // namespace td::app
