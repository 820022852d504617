#pragma once
// Replays a recorded NMEA log into a QNmeaPositionInfoSource quickly: the log is fed fix by
// fix into a QBuffer that announces each piece with readyRead.

#include <QBuffer>
#include <QByteArrayList>
#include <QObject>
#include <QTimer>

class QNmeaPositionInfoSource;

namespace td::app {

class NmeaReplay : public QObject {
    Q_OBJECT
public:
    /// `nmea` is the whole log; each fix starts at a $..GGA sentence.
    explicit NmeaReplay(const QByteArray& nmea, QObject* parent = nullptr);

    /// A real-time NMEA source reading this replay, with horizontal accuracy derived from HDOP
    /// and `uereMetres`. Owned by `parent`.
    QNmeaPositionInfoSource* createSource(double uereMetres, QObject* parent);
    /// Starts feeding one fix every `intervalMs` (0: as fast as the event loop runs).
    void start(int intervalMs = 0);
    /// Starts again from the first fix after the last (a position source that keeps talking).
    void setLoop(bool loop) { m_loop = loop; }
    int fixCount() const { return static_cast<int>(m_fixes.size()); }
    int fed() const { return m_next; }

Q_SIGNALS:
    void finished();

private:
    void feedOne();

    QByteArrayList m_fixes;
    int m_next = 0;
    bool m_loop = false;
    QBuffer m_buffer;
    QTimer m_timer;
};

} // namespace td::app
