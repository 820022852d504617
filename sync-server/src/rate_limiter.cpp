#include "td/server/rate_limiter.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cmath>
#include <cstring>

namespace td::server {
namespace {

/// Keys kept per map before the oldest-looking entries are dropped to bound memory.
constexpr std::size_t kMaxKeys = 100'000;
constexpr std::int64_t kSweepEveryMs = 60'000;

} // namespace

RateLimiter::Decision RateLimiter::take(const std::string& key, Clock::time_point now) {
    if (m_perPeriod == 0 || m_period.count() <= 0)
        return {};
    const double capacity = m_perPeriod;
    const double perSecond = m_perPeriod / static_cast<double>(m_period.count());
    std::lock_guard lock(m_mutex);
    // Forget full buckets now and then (and whenever the map is large) so that it does not
    // grow with dead tokens or passing addresses; a bucket idle for a period is full again.
    const bool full = m_buckets.size() >= kMaxKeys;
    if (now - m_lastSweep > (full ? std::chrono::seconds(1) : std::chrono::seconds(300))) {
        std::erase_if(m_buckets, [&](const auto& entry) {
            return now - entry.second.updated > m_period + std::chrono::minutes(1);
        });
        m_lastSweep = now;
    }
    // Memory stays bounded: with kMaxKeys keys in use, a new key waits until some go idle.
    if (m_buckets.size() >= kMaxKeys && !m_buckets.contains(key))
        return {false, std::chrono::seconds(60)};
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

AuthFailureLimiter::AuthFailureLimiter(std::uint32_t maxFailures, std::chrono::seconds window)
    : m_maxFailures(maxFailures)
    , m_windowMs(std::chrono::duration_cast<std::chrono::milliseconds>(window).count()) {}

std::int64_t AuthFailureLimiter::lockedForMs(const FailureMap& map, const std::string& key,
                                             std::int64_t nowMs) const {
    auto it = map.find(key);
    if (it == map.end() || it->second.size() < m_maxFailures)
        return 0;
    // Full: locked until the oldest of the last m_maxFailures failures leaves the window.
    return std::max<std::int64_t>(0, it->second.front() + m_windowMs - nowMs);
}

AuthFailureLimiter::Decision AuthFailureLimiter::checkLocked(const std::string& keyOfAddress,
                                                             std::string_view account,
                                                             std::int64_t nowMs) const {
    std::int64_t waitMs = lockedForMs(m_byAddress, keyOfAddress, nowMs);
    if (!account.empty())
        waitMs = std::max(waitMs, lockedForMs(m_byAccount, std::string(account), nowMs));
    if (waitMs <= 0)
        return {};
    return {false, std::chrono::seconds((waitMs + 999) / 1000)};
}

AuthFailureLimiter::Decision
AuthFailureLimiter::check(std::string_view address, std::string_view account, std::int64_t nowMs) {
    if (!enabled())
        return {};
    std::lock_guard lock(m_mutex);
    return checkLocked(addressKey(address), account, nowMs);
}

void AuthFailureLimiter::add(FailureMap& map, std::string key, std::int64_t nowMs) {
    if (map.size() >= kMaxKeys && !map.contains(key)) {
        sweep(nowMs);
        if (map.size() >= kMaxKeys)
            map.erase(map.begin());
    }
    Failures& times = map[std::move(key)];
    times.insert(std::upper_bound(times.begin(), times.end(), nowMs), nowMs);
    if (times.size() > m_maxFailures)
        times.erase(times.begin(), times.end() - static_cast<std::ptrdiff_t>(m_maxFailures));
}

void AuthFailureLimiter::recordLocked(const std::string& keyOfAddress, std::string_view account,
                                      std::int64_t nowMs) {
    if (nowMs - m_lastSweepMs > kSweepEveryMs) {
        sweep(nowMs);
        m_lastSweepMs = nowMs;
    }
    add(m_byAddress, keyOfAddress, nowMs);
    if (!account.empty())
        add(m_byAccount, std::string(account), nowMs);
}

void AuthFailureLimiter::recordFailure(std::string_view address, std::string_view account,
                                       std::int64_t nowMs) {
    if (!enabled())
        return;
    std::lock_guard lock(m_mutex);
    recordLocked(addressKey(address), account, nowMs);
}

AuthFailureLimiter::Decision AuthFailureLimiter::beginAttempt(std::string_view address,
                                                              std::string_view account,
                                                              std::int64_t nowMs) {
    if (!enabled())
        return {};
    const std::string key = addressKey(address);
    std::lock_guard lock(m_mutex);
    auto d = checkLocked(key, account, nowMs);
    if (d.allowed)
        recordLocked(key, account, nowMs);
    return d;
}

void AuthFailureLimiter::remove(FailureMap& map, const std::string& key, std::int64_t atMs) {
    auto it = map.find(key);
    if (it == map.end())
        return;
    Failures& times = it->second;
    if (auto t = std::find(times.rbegin(), times.rend(), atMs); t != times.rend())
        times.erase(std::next(t).base());
    if (times.empty())
        map.erase(it);
}

void AuthFailureLimiter::forgetAttempt(std::string_view address, std::string_view account,
                                       std::int64_t nowMs) {
    if (!enabled())
        return;
    const std::string key = addressKey(address);
    std::lock_guard lock(m_mutex);
    remove(m_byAddress, key, nowMs);
    if (!account.empty())
        remove(m_byAccount, std::string(account), nowMs);
}

void AuthFailureLimiter::clearAccount(std::string_view account) {
    std::lock_guard lock(m_mutex);
    m_byAccount.erase(std::string(account));
}

void AuthFailureLimiter::sweep(std::int64_t nowMs) {
    auto expired = [&](const auto& entry) {
        return entry.second.empty() || entry.second.back() + m_windowMs <= nowMs;
    };
    std::erase_if(m_byAddress, expired);
    std::erase_if(m_byAccount, expired);
}

std::string addressKey(std::string_view address) {
    char text[INET6_ADDRSTRLEN] = {};
    if (address.empty() || address.size() >= sizeof text)
        return std::string(address);
    std::memcpy(text, address.data(), address.size());
    unsigned char bytes[16];
    if (inet_pton(AF_INET6, text, bytes) != 1)
        return std::string(address);
    static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    char out[INET6_ADDRSTRLEN] = {};
    if (std::memcmp(bytes, kMappedPrefix, sizeof kMappedPrefix) == 0) {
        if (!inet_ntop(AF_INET, bytes + 12, out, sizeof out))
            return std::string(address);
        return out;
    }
    std::memset(bytes + 8, 0, 8);
    if (!inet_ntop(AF_INET6, bytes, out, sizeof out))
        return std::string(address);
    return std::string(out) + "/64";
}

} // namespace td::server
