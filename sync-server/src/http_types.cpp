#include "td/server/http_types.hpp"

#include <algorithm>
#include <cctype>

namespace td::server {
namespace {

/// Longer than any textual IP address (with brackets and port); longer entries are not one.
constexpr std::size_t kMaxAddressLength = 64;

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

std::string_view HttpRequest::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (equalsIgnoreCase(key, name))
            return value;
    return {};
}

bool HttpRequest::hasHeader(std::string_view name) const {
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto& h) { return equalsIgnoreCase(h.first, name); });
}

std::string clientAddressOf(std::string_view peerAddress, const HttpRequest& request,
                            bool behindProxy) {
    if (!behindProxy)
        return std::string(peerAddress);
    std::string_view forwarded;
    for (const auto& [key, value] : request.headers)
        if (equalsIgnoreCase(key, "x-forwarded-for"))
            forwarded = value;
    auto comma = forwarded.rfind(',');
    std::string_view last =
        comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
    while (!last.empty() && (last.front() == ' ' || last.front() == '\t'))
        last.remove_prefix(1);
    while (!last.empty() && (last.back() == ' ' || last.back() == '\t'))
        last.remove_suffix(1);
    if (last.empty() || last.size() > kMaxAddressLength)
        return std::string(peerAddress);
    return std::string(last);
}

void markApiAnswer(HttpResponse& response) {
    auto& h = response.headers;
    h.erase(std::remove_if(h.begin(), h.end(),
                           [](const auto& field) {
                               return equalsIgnoreCase(field.first, "cache-control") ||
                                      equalsIgnoreCase(field.first, "x-content-type-options");
                           }),
            h.end());
    h.emplace_back("Cache-Control", "no-store");
    h.emplace_back("X-Content-Type-Options", "nosniff");
}

bool drainBody(HttpResponse& response) {
    if (!response.producer)
        return true;
    BodyProducer producer = std::move(response.producer);
    response.producer = nullptr;
    while (true) {
        switch (producer(response.body)) {
        case ChunkResult::More:
            continue;
        case ChunkResult::Done:
            return true;
        case ChunkResult::Failed:
            return false;
        }
    }
}

std::string_view reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}

} // namespace td::server
