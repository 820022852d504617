#pragma once
// One JSON line per answered request. Only the route template, status, duration and request
// id are logged — never bodies, tokens, passwords, query strings or client addresses.

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace td::server {

struct RequestLogEntry {
    std::string_view requestId;
    std::string_view method;
    std::string_view route; ///< Path template, or a fixed label ("unmatched", "rejected").
    int status = 0;
    std::chrono::nanoseconds duration{0};
    std::string_view role;      ///< The caller's role when authenticated, else empty.
    std::string_view errorCode; ///< The error code of an error answer, else empty.
};

/// Serialises `entry` as one JSON line (with trailing newline).
std::string formatLogLine(const RequestLogEntry& entry);

/// Writes the line for `entry` to `out` in one call, so lines from threads never interleave.
void logRequest(const RequestLogEntry& entry, std::FILE* out = stderr);

/// A process-unique request id: a random prefix chosen at start and a counter.
std::string nextRequestId();

} // namespace td::server
