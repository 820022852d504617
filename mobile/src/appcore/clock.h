#pragma once
// Injectable wall clock: everything in the app asks this object for "now".

#include "td/core/clock.hpp"
#include "td/core/uuid.hpp"

#include <QDateTime>
#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <string>

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
    /// This clock as the shared library's millisecond clock (valid while this object lives).
    td::Clock coreClock() const;
    /// A new UUIDv7 (canonical lower-case text) stamped with this clock's time.
    std::string newUuid();

private:
    QDateTime m_fixed;
    td::UuidV7Generator m_uuids;
};

} // namespace td::app
