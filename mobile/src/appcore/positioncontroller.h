#pragma once
// "Här jag står nu": asks the position source for one fix, with a time-out, and exposes the
// position and its horizontal accuracy.

#include <QGeoPositionInfo>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

class QGeoPositionInfoSource;

namespace td::app {

class PositionController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(double latitude READ latitude NOTIFY stateChanged)
    Q_PROPERTY(double longitude READ longitude NOTIFY stateChanged)
    /// Horizontal accuracy in metres; -1 when unknown.
    Q_PROPERTY(double accuracy READ accuracy NOTIFY stateChanged)
    Q_PROPERTY(bool hasFix READ hasFix NOTIFY stateChanged)
    Q_PROPERTY(bool available READ available CONSTANT)
public:
    enum State { Idle, Waiting, Fixed, TimedOut, Unavailable };
    Q_ENUM(State)

    explicit PositionController(QObject* parent = nullptr);

    /// The source to read from (not owned; may be null: then every request is Unavailable).
    void setSource(QGeoPositionInfoSource* source);

    State state() const { return m_state; }
    double latitude() const;
    double longitude() const;
    double accuracy() const;
    bool hasFix() const { return m_state == Fixed; }
    bool available() const { return m_source != nullptr; }

    /// Starts waiting for a fix; gives up (TimedOut) after `timeoutMs`.
    Q_INVOKABLE void requestFix(int timeoutMs = 30000);
    Q_INVOKABLE void cancel();

Q_SIGNALS:
    void stateChanged();

private:
    void onPosition(const QGeoPositionInfo& info);
    void setState(State state);

    QGeoPositionInfoSource* m_source = nullptr;
    QGeoPositionInfo m_fix;
    State m_state = Idle;
    QTimer m_timeout;
};

} // namespace td::app
