#pragma once
// Plain HTTP request/response values exchanged between the socket layer and the handlers.
// Nothing here depends on Beast, so the request handling is testable with no socket.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace td::server {

struct HttpRequest {
    std::string method; ///< Upper case, e.g. "GET".
    std::string path;   ///< Percent-encoded path without the query, e.g. "/api/v1/sync/pull".
    std::string query;  ///< Raw query string without the '?', possibly empty.
    /// Header fields with lower-case names, in arrival order.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    /// The client's address (see clientAddressOf). Held in memory for the failed-attempt
    /// limiter only: never logged, never stored.
    std::string clientAddress;

    /// Value of the first header named `name` (case-insensitive), or empty.
    std::string_view header(std::string_view name) const;
    bool hasHeader(std::string_view name) const;
};

/// The client address of `request` that arrived from socket peer `peerAddress`: behind a
/// proxy, the last entry of the last X-Forwarded-For field (the one the proxy appended) when
/// there is one; otherwise, or when not behind a proxy (a client can forge the field), the peer.
std::string clientAddressOf(std::string_view peerAddress, const HttpRequest& request,
                            bool behindProxy);

/// What a body producer did: appended a piece and more follows, appended the last piece (or
/// nothing), or failed — then the socket layer ends the connection without the final chunk,
/// so the client sees a truncated response rather than a short one that looks complete.
enum class ChunkResult { More, Done, Failed };

/// Produces a streamed body piece by piece: each call appends the next piece to `out`.
using BodyProducer = std::function<ChunkResult(std::string& out)>;

struct HttpResponse {
    int status = 200;
    std::string contentType = "application/json";
    /// Extra header fields (e.g. Retry-After); Content-Type and Content-Length are set by the
    /// socket layer.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    /// When set, the body is `body` followed by everything the producer yields, sent with
    /// Transfer-Encoding: chunked (HTTP/1.0: until the connection closes).
    BodyProducer producer;
    /// When true the socket layer closes the connection after writing this response.
    bool closeConnection = false;
};

/// Marks an API answer private and its type binding: `Cache-Control: no-store` (in place of any
/// other Cache-Control) and `X-Content-Type-Options: nosniff`. Every answer except the
/// dashboard's static files carries both.
void markApiAnswer(HttpResponse& response);

/// Runs the response's producer to the end, appending its output to `body`, and clears it
/// (for callers without a socket, e.g. tests). False when the producer failed.
bool drainBody(HttpResponse& response);

/// The canonical reason phrase for `status` ("Not Found"), or "Unknown".
std::string_view reasonPhrase(int status);

} // namespace td::server
