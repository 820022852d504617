#include "td/server/request_log.hpp"

#include <atomic>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <sodium.h>
#include <unistd.h>

namespace td::server {

std::string formatLogLine(const RequestLogEntry& e) {
    boost::json::object line;
    auto now = std::chrono::system_clock::now().time_since_epoch();
    line["ts_ms"] = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
    line["request_id"] = e.requestId;
    line["method"] = e.method;
    line["route"] = e.route;
    line["status"] = e.status;
    line["duration_us"] = std::chrono::duration_cast<std::chrono::microseconds>(e.duration).count();
    if (!e.role.empty())
        line["role"] = e.role;
    if (!e.errorCode.empty())
        line["error"] = e.errorCode;
    std::string out = boost::json::serialize(line);
    out.push_back('\n');
    return out;
}

void logRequest(const RequestLogEntry& entry, std::FILE* out) {
    // One write(2) per line: stdio may split an unbuffered fwrite, interleaving threads.
    std::string line = formatLogLine(entry);
    int fd = fileno(out);
    std::size_t done = 0;
    while (done < line.size()) {
        ssize_t n = ::write(fd, line.data() + done, line.size() - done);
        if (n <= 0)
            break;
        done += static_cast<std::size_t>(n);
    }
}

std::string nextRequestId() {
    static const std::string prefix = [] {
        unsigned char raw[4];
        randombytes_buf(raw, sizeof raw);
        char hex[9];
        sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
        return std::string(hex);
    }();
    static std::atomic<std::uint64_t> counter{0};
    return prefix + "-" + std::to_string(++counter);
}

} // namespace td::server
