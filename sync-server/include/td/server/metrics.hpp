#pragma once
// Counters and a latency histogram, rendered in the Prometheus text format.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace td::server {

struct RecordCounts {
    std::uint64_t stored = 0;
    std::uint64_t duplicate = 0;
    std::uint64_t conflict = 0;
    std::uint64_t rejected = 0;
};

class Metrics {
public:
    /// Upper bounds (seconds) of the latency histogram buckets.
    static constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                     0.1,   0.25,   0.5,   1.0,  2.5,   5.0};

    /// Counts one answered request: `route` is the path template (or a fixed label such as
    /// "unmatched"), never a raw path.
    void recordRequest(std::string_view route, int status, std::chrono::nanoseconds duration);
    void recordRecords(const RecordCounts& counts);
    void connectionOpened() { ++m_openConnections; }
    void connectionClosed() { --m_openConnections; }
    void connectionRefused() { ++m_refusedConnections; }
    void authAttemptRefused() { ++m_refusedAuthAttempts; }
    void recordAuditFailure() { ++m_auditFailures; }
    void residentEnrolmentRefused() { ++m_refusedResidentEnrolments; }

    std::uint64_t requestCount(std::string_view route, int status) const;
    RecordCounts recordCounts() const;

    /// The Prometheus exposition text (version 0.0.4).
    std::string render() const;

private:
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, int>, std::uint64_t, std::less<>> m_requests;
    std::array<std::uint64_t, kBuckets.size() + 1> m_latencyBuckets{};
    double m_latencySum = 0;
    std::uint64_t m_latencyCount = 0;
    std::atomic<std::uint64_t> m_stored{0}, m_duplicate{0}, m_conflict{0}, m_rejected{0};
    std::atomic<std::int64_t> m_openConnections{0};
    std::atomic<std::uint64_t> m_refusedConnections{0};
    std::atomic<std::uint64_t> m_refusedAuthAttempts{0};
    std::atomic<std::uint64_t> m_auditFailures{0};
    std::atomic<std::uint64_t> m_refusedResidentEnrolments{0};
};

} // namespace td::server
