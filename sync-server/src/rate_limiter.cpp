#include "td/server/rate_limiter.hpp"

#include <cmath>

namespace td::server {

RateLimiter::Decision RateLimiter::take(const std::string& key, Clock::time_point now) {
    if (m_perMinute == 0)
        return {};
    const double capacity = m_perMinute;
    const double perSecond = m_perMinute / 60.0;
    std::lock_guard lock(m_mutex);
    // Forget full buckets now and then so the map does not grow with dead tokens.
    if (now - m_lastSweep > std::chrono::minutes(5)) {
        std::erase_if(m_buckets, [&](const auto& entry) {
            return now - entry.second.updated > std::chrono::minutes(2);
        });
        m_lastSweep = now;
    }
    auto [it, inserted] = m_buckets.try_emplace(key, Bucket{capacity, now});
    Bucket& b = it->second;
    if (!inserted) {
        double elapsed = std::chrono::duration<double>(now - b.updated).count();
        if (elapsed > 0) {
            b.tokens = std::min(capacity, b.tokens + elapsed * perSecond);
            b.updated = now;
        }
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return {};
    }
    double wait = (1.0 - b.tokens) / perSecond;
    return {false, std::chrono::seconds(static_cast<long>(std::ceil(wait)))};
}

} // namespace td::server
