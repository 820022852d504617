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
