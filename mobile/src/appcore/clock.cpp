#include "appcore/clock.h"

namespace td::app {

Clock::Clock(QObject* parent)
    : QObject(parent) {}

QDateTime Clock::now() const {
    return m_fixed.isValid() ? m_fixed : QDateTime::currentDateTimeUtc();
}

void Clock::setCurrentDateTime(const QDateTime& dt) {
    m_fixed = dt.toUTC();
}

} // namespace td::app

namespace td::app {

td::Clock Clock::coreClock() const {
    return [this] {
        return now().toMSecsSinceEpoch();
    };
}

std::string Clock::newUuid() {
    return m_uuids.next().toString();
}

} // namespace td::app
