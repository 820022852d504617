#pragma once
// Injectable wall clock: everything in the app asks this object for "now".

#include <QDateTime>
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace td::app {

class Clock : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
public:
    explicit Clock(QObject* parent = nullptr);

    /// The current time in UTC, or the fixed time set for unit testing.
    Q_INVOKABLE QDateTime now() const;
    /// Fixes the clock at `dt` (for unit testing); an invalid value returns to the system clock.
    void setCurrentDateTime(const QDateTime& dt);

private:
    QDateTime m_fixed;
};

} // namespace td::app
