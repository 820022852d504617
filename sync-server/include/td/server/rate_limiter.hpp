#pragma once
// Per-token request rate limit (a token bucket per key, refilled continuously) and the
// failed sign-in / enrolment attempt limiter (per client address and per account name).

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace td::server {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    /// `perPeriod` requests per key and `period` (a minute unless given), with bursts up to
    /// the same number; 0 = off.
    explicit RateLimiter(std::uint32_t perPeriod,
                         std::chrono::seconds period = std::chrono::seconds(60))
        : m_perPeriod(perPeriod)
        , m_period(period) {}

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
    std::uint32_t m_perPeriod;
    std::chrono::seconds m_period;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
    Clock::time_point m_lastSweep{};
};

/// Counts failed sign-in and enrolment attempts per client address and per account name in a
/// sliding window. A key with `maxFailures` failures inside the window is locked until the
/// oldest of them leaves the window. Times are Unix milliseconds (the API's clock). Client
/// addresses live only here, in memory, as map keys; they are never logged or stored.
class AuthFailureLimiter {
public:
    using Decision = RateLimiter::Decision;

    /// `maxFailures` 0 or a zero `window` turns the limiter off.
    AuthFailureLimiter(std::uint32_t maxFailures, std::chrono::seconds window);

    /// Whether an attempt from `address`, and for `account` when not empty, may be checked
    /// at `nowMs`; when not, how long until it may. Thread-safe, as are the others.
    Decision check(std::string_view address, std::string_view account, std::int64_t nowMs);

    /// Counts one failed attempt against `address` and, when not empty, against `account`.
    void recordFailure(std::string_view address, std::string_view account, std::int64_t nowMs);

    /// check() and, when allowed, recordFailure() in one step: an attempt counts as failed
    /// until it is known otherwise, so parallel guesses cannot all slip through one check.
    Decision beginAttempt(std::string_view address, std::string_view account, std::int64_t nowMs);

    /// Takes back what beginAttempt() at `nowMs` counted, for an attempt that did not fail.
    void forgetAttempt(std::string_view address, std::string_view account, std::int64_t nowMs);

    /// Forgets `account`'s own failures after a successful sign-in; the address keeps its count.
    void clearAccount(std::string_view account);

    bool enabled() const { return m_maxFailures > 0 && m_windowMs > 0; }

private:
    /// Failure times of one key, oldest first, at most m_maxFailures of them.
    using Failures = std::vector<std::int64_t>;
    using FailureMap = std::unordered_map<std::string, Failures>;

    std::int64_t lockedForMs(const FailureMap& map, const std::string& key,
                             std::int64_t nowMs) const;
    Decision checkLocked(const std::string& keyOfAddress, std::string_view account,
                         std::int64_t nowMs) const;
    void add(FailureMap& map, std::string key, std::int64_t nowMs);
    void recordLocked(const std::string& keyOfAddress, std::string_view account,
                      std::int64_t nowMs);
    static void remove(FailureMap& map, const std::string& key, std::int64_t atMs);
    void sweep(std::int64_t nowMs);

    std::uint32_t m_maxFailures;
    std::int64_t m_windowMs;
    std::mutex m_mutex;
    FailureMap m_byAddress;
    FailureMap m_byAccount;
    std::int64_t m_lastSweepMs = 0;
};

/// The limiter's key for a client address: IPv6 addresses by their /64 network (one host
/// usually holds a whole /64), IPv4-mapped IPv6 as plain IPv4, anything else as given.
std::string addressKey(std::string_view address);

} // namespace td::server
