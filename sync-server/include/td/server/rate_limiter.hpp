#pragma once
// Per-token request rate limit: a token bucket per key, refilled continuously.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace td::server {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    /// `perMinute` requests per key and minute, with bursts up to the same number; 0 = off.
    explicit RateLimiter(std::uint32_t perMinute)
        : m_perMinute(perMinute) {}

    struct Decision {
        bool allowed = true;
        std::chrono::seconds retryAfter{0}; ///< When refused: whole seconds until allowed.
    };

    /// Takes one request from `key`'s bucket at time `now`. Thread-safe.
    Decision take(const std::string& key, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens;
        Clock::time_point updated;
    };
    std::uint32_t m_perMinute;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
    Clock::time_point m_lastSweep{};
};

} // namespace td::server
