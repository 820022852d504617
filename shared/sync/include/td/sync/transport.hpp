#pragma once
// How the sync client reaches the server: two calls the app implements over Qt networking
// (and tests over real HTTP or in-process). Authentication is the transport's business.

#include <chrono>
#include <string>
#include <string_view>

namespace td::sync {

inline constexpr std::string_view kPushPath = "/api/v1/sync/push";
inline constexpr std::string_view kPullPath = "/api/v1/sync/pull";

/// An HTTP answer; `status` 0 means none arrived (network failure, timeout) and `error`
/// then says why.
struct TransportReply {
    int status = 0;
    std::string body;
    std::string error;
    /// From sending the request to the end of the answer; 0 when the transport does not
    /// measure it. Push batches are sized from it.
    std::chrono::milliseconds elapsed{0};
};

class SyncTransport {
public:
    virtual ~SyncTransport() = default;
    /// POST `body` (application/json; a transport may send it gzip-compressed) to `path`.
    virtual TransportReply post(std::string_view path, std::string_view body) = 0;
    /// GET `pathAndQuery`.
    virtual TransportReply get(std::string_view pathAndQuery) = 0;
};

} // namespace td::sync
