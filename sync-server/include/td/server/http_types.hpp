#pragma once
// Plain HTTP request/response values exchanged between the socket layer and the handlers.
// Nothing here depends on Beast, so the request handling is testable with no socket.

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

    /// Value of the first header named `name` (case-insensitive), or empty.
    std::string_view header(std::string_view name) const;
    bool hasHeader(std::string_view name) const;
};

struct HttpResponse {
    int status = 200;
    std::string contentType = "application/json";
    /// Extra header fields (e.g. Retry-After); Content-Type and Content-Length are set by the
    /// socket layer.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    /// When true the socket layer closes the connection after writing this response.
    bool closeConnection = false;
};

/// The canonical reason phrase for `status` ("Not Found"), or "Unknown".
std::string_view reasonPhrase(int status);

} // namespace td::server
