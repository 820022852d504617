#pragma once
// Retry timing for sync: exponential backoff with full jitter, capped, reset on success;
// "sync now" makes the next attempt due at once. Clock and randomness are injectable.

#include "td/core/clock.hpp"

#include <cstdint>
#include <functional>

namespace td::sync {

struct BackoffPolicy {
    std::int64_t initialMs = 2'000;  ///< ceiling of the first retry delay
    std::int64_t maxMs = 5 * 60'000; ///< no delay is longer than this
    double multiplier = 2.0;         ///< ceiling growth per consecutive failure
};

/// Returns a uniformly distributed value in [0, 1).
using UniformRandom = std::function<double()>;
/// A UniformRandom over a seeded std::mt19937_64 (seeded from std::random_device when 0).
UniformRandom makeUniformRandom(std::uint64_t seed = 0);

class Backoff {
public:
    explicit Backoff(BackoffPolicy policy = {}, Clock clock = systemClock(),
                     UniformRandom random = makeUniformRandom());

    /// After a failed attempt: the next attempt is due after a delay drawn uniformly from
    /// [0, ceiling), where ceiling = min(maxMs, initialMs * multiplier^(failures-1)).
    /// Returns that delay in milliseconds.
    std::int64_t recordFailure();
    /// After a successful sync: failures reset, the next attempt is due now.
    void recordSuccess();
    /// "Sync now": the next attempt is due now (the failure count is kept).
    void syncNow();

    bool isDue() const { return m_clock() >= m_dueAtMs; }
    /// Milliseconds until the next attempt is due (0 when due).
    std::int64_t msUntilDue() const;
    std::int64_t dueAtMs() const { return m_dueAtMs; }
    int consecutiveFailures() const { return m_failures; }
    /// The ceiling the next failure's delay will be drawn below.
    std::int64_t nextCeilingMs() const;

private:
    BackoffPolicy m_policy;
    Clock m_clock;
    UniformRandom m_random;
    int m_failures = 0;
    std::int64_t m_dueAtMs = 0;
};

} // namespace td::sync
