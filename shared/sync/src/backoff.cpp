#include "td/sync/backoff.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

namespace td::sync {

UniformRandom makeUniformRandom(std::uint64_t seed) {
    if (seed == 0)
        seed = (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
    auto engine = std::make_shared<std::mt19937_64>(seed);
    return [engine] {
        return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
    };
}

Backoff::Backoff(BackoffPolicy policy, Clock clock, UniformRandom random)
    : m_policy(policy)
    , m_clock(std::move(clock))
    , m_random(std::move(random)) {}

std::int64_t Backoff::nextCeilingMs() const {
    const double ceiling = static_cast<double>(m_policy.initialMs) *
                           std::pow(m_policy.multiplier, static_cast<double>(m_failures));
    return static_cast<std::int64_t>(std::min(ceiling, static_cast<double>(m_policy.maxMs)));
}

std::int64_t Backoff::recordFailure() {
    const std::int64_t ceiling = nextCeilingMs();
    const double u = std::clamp(m_random(), 0.0, 1.0);
    const std::int64_t delay = std::min(static_cast<std::int64_t>(u * static_cast<double>(ceiling)),
                                        std::max<std::int64_t>(ceiling - 1, 0));
    ++m_failures;
    m_dueAtMs = m_clock() + delay;
    return delay;
}

void Backoff::recordSuccess() {
    m_failures = 0;
    m_dueAtMs = m_clock();
}

void Backoff::syncNow() {
    m_dueAtMs = m_clock();
}

std::int64_t Backoff::msUntilDue() const {
    return std::max<std::int64_t>(0, m_dueAtMs - m_clock());
}

} // namespace td::sync
