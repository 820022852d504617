#pragma once
// Injectable wall clock: milliseconds since the Unix epoch. Production code takes a Clock so
// that tests can set the time (ManualClock).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

namespace td {

using Clock = std::function<std::int64_t()>;

/// The system clock in Unix milliseconds.
inline std::int64_t systemUnixMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

inline Clock systemClock() {
    return &systemUnixMillis;
}

/// A clock that only moves when told to; thread-safe. `clock()` must not outlive it.
class ManualClock {
public:
    explicit ManualClock(std::int64_t unixMillis = 0)
        : m_now(unixMillis) {}
    std::int64_t now() const { return m_now.load(); }
    void set(std::int64_t unixMillis) { m_now.store(unixMillis); }
    void advance(std::int64_t millis) { m_now.fetch_add(millis); }
    Clock clock() const {
        return [this] {
            return now();
        };
    }

private:
    std::atomic<std::int64_t> m_now;
};

} // namespace td
