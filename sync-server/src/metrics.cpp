#include "td/server/metrics.hpp"

#include <cstdio>

namespace td::server {

void Metrics::recordRequest(std::string_view route, int status, std::chrono::nanoseconds duration) {
    double seconds = std::chrono::duration<double>(duration).count();
    std::lock_guard lock(m_mutex);
    auto key = std::make_pair(std::string(route), status);
    ++m_requests[key];
    std::size_t bucket = 0;
    while (bucket < kBuckets.size() && seconds > kBuckets[bucket])
        ++bucket;
    ++m_latencyBuckets[bucket];
    m_latencySum += seconds;
    ++m_latencyCount;
}

void Metrics::recordRecords(const RecordCounts& c) {
    m_stored += c.stored;
    m_duplicate += c.duplicate;
    m_conflict += c.conflict;
    m_rejected += c.rejected;
}

std::uint64_t Metrics::requestCount(std::string_view route, int status) const {
    std::lock_guard lock(m_mutex);
    auto it = m_requests.find(std::make_pair(std::string(route), status));
    return it == m_requests.end() ? 0 : it->second;
}

RecordCounts Metrics::recordCounts() const {
    return {m_stored.load(), m_duplicate.load(), m_conflict.load(), m_rejected.load()};
}

std::string Metrics::render() const {
    std::string out;
    char line[1024];
    out += "# HELP td_http_requests_total HTTP requests answered, by route template and status.\n";
    out += "# TYPE td_http_requests_total counter\n";
    std::lock_guard lock(m_mutex);
    for (const auto& [key, count] : m_requests) {
        std::snprintf(line, sizeof line,
                      "td_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
                      key.first.c_str(), key.second, static_cast<unsigned long long>(count));
        out += line;
    }
    out += "# HELP td_http_request_duration_seconds Time from a complete request to its answer.\n";
    out += "# TYPE td_http_request_duration_seconds histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += m_latencyBuckets[i];
        std::snprintf(line, sizeof line,
                      "td_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", kBuckets[i],
                      static_cast<unsigned long long>(cumulative));
        out += line;
    }
    cumulative += m_latencyBuckets[kBuckets.size()];
    std::snprintf(line, sizeof line,
                  "td_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
                  "td_http_request_duration_seconds_sum %.6f\n"
                  "td_http_request_duration_seconds_count %llu\n",
                  static_cast<unsigned long long>(cumulative), m_latencySum,
                  static_cast<unsigned long long>(m_latencyCount));
    out += line;
    out += "# HELP td_sync_records_total Pushed records, by outcome.\n";
    out += "# TYPE td_sync_records_total counter\n";
    const std::pair<const char*, std::uint64_t> outcomes[] = {{"stored", m_stored.load()},
                                                              {"duplicate", m_duplicate.load()},
                                                              {"conflict", m_conflict.load()},
                                                              {"rejected", m_rejected.load()}};
    for (const auto& [name, value] : outcomes) {
        std::snprintf(line, sizeof line, "td_sync_records_total{outcome=\"%s\"} %llu\n", name,
                      static_cast<unsigned long long>(value));
        out += line;
    }
    std::snprintf(line, sizeof line,
                  "# HELP td_open_connections Connections currently open.\n"
                  "# TYPE td_open_connections gauge\n"
                  "td_open_connections %lld\n"
                  "# HELP td_refused_connections_total Connections refused because the server "
                  "was full.\n"
                  "# TYPE td_refused_connections_total counter\n"
                  "td_refused_connections_total %llu\n"
                  "# HELP td_auth_refused_total Sign-in and enrolment attempts refused unchecked "
                  "after too many failures.\n"
                  "# TYPE td_auth_refused_total counter\n"
                  "td_auth_refused_total %llu\n"
                  "# HELP td_audit_failures_total Audit-log entries that could not be written.\n"
                  "# TYPE td_audit_failures_total counter\n"
                  "td_audit_failures_total %llu\n",
                  static_cast<long long>(m_openConnections.load()),
                  static_cast<unsigned long long>(m_refusedConnections.load()),
                  static_cast<unsigned long long>(m_refusedAuthAttempts.load()),
                  static_cast<unsigned long long>(m_auditFailures.load()));
    out += line;
    std::snprintf(line, sizeof line,
                  "# HELP td_resident_enrolments_refused_total Resident tokens refused because "
                  "their client address reached its hourly limit.\n"
                  "# TYPE td_resident_enrolments_refused_total counter\n"
                  "td_resident_enrolments_refused_total %llu\n",
                  static_cast<unsigned long long>(m_refusedResidentEnrolments.load()));
    out += line;
    return out;
}

} // namespace td::server
