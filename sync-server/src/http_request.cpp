#include "http_request.hpp"

#include "td/core/gzip.hpp"
#include "td/server/errors.hpp"

#include <algorithm>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <cctype>

namespace td::server {

namespace http = boost::beast::http;

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

HttpResponse badFraming(std::string_view why) {
    auto answer = errorResponse(400, "bad_request", why);
    answer.closeConnection = true;
    return answer;
}

} // namespace

void configureParser(RequestParser& parser, const Limits& limits) {
    parser.header_limit(static_cast<std::uint32_t>(limits.maxHeaderBytes));
    parser.body_limit(limits.maxBodyBytes);
}

std::optional<HttpResponse> framingRefusal(const RequestHeader& header) {
    const auto codings = header.equal_range(http::field::transfer_encoding);
    const auto count = std::distance(codings.first, codings.second);
    if (count == 0)
        return std::nullopt;
    if (header.version() < 11)
        return badFraming("Transfer-Encoding is not allowed in HTTP/1.0");
    if (header.count(http::field::content_length) > 0)
        return badFraming("a request may not have both Transfer-Encoding and Content-Length");
    if (count > 1 || !boost::beast::iequals(trimmed(codings.first->value()), "chunked"))
        return badFraming("the only Transfer-Encoding accepted is chunked");
    return std::nullopt;
}

std::optional<HttpResponse> readFailureAnswer(const boost::system::error_code& ec,
                                              const Limits& limits) {
    if (ec == http::error::body_limit)
        return errorResponse(413, "payload_too_large",
                             "request body exceeds " + std::to_string(limits.maxBodyBytes) +
                                 " bytes");
    if (ec == http::error::header_limit)
        return errorResponse(431, "header_too_large",
                             "request header exceeds " + std::to_string(limits.maxHeaderBytes) +
                                 " bytes");
    if (ec.category() == http::make_error_code(http::error::body_limit).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message)
        return errorResponse(400, "bad_request", "malformed HTTP request");
    return std::nullopt;
}

HttpRequest plainHeader(const RequestHeader& header) {
    HttpRequest out;
    out.method = std::string(header.method_string());
    std::string_view target = header.target();
    auto q = target.find('?');
    out.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos)
        out.query = std::string(target.substr(q + 1));
    out.headers.reserve(16);
    for (const auto& field : header) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        out.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    return out;
}

std::optional<HttpResponse> decodeContentEncoding(HttpRequest& request, const Limits& limits) {
    auto field = std::find_if(request.headers.begin(), request.headers.end(),
                              [](const auto& h) { return h.first == "content-encoding"; });
    if (field == request.headers.end())
        return std::nullopt;
    const auto fields = std::count_if(request.headers.begin(), request.headers.end(),
                                      [](const auto& h) { return h.first == "content-encoding"; });
    // Several codings (in one field or several) are not accepted: one layer of gzip is enough.
    const std::string_view coding =
        fields > 1 ? std::string_view("several codings") : trimmed(field->second);
    if (coding.empty() || boost::beast::iequals(coding, "identity")) {
        request.headers.erase(field);
        return std::nullopt;
    }
    if (!boost::beast::iequals(coding, "gzip") && !boost::beast::iequals(coding, "x-gzip")) {
        auto answer = errorResponse(415, "unsupported_encoding",
                                    "Content-Encoding \"" + std::string(coding) +
                                        "\" is not supported; send gzip or no encoding");
        answer.headers.emplace_back("Accept-Encoding", "gzip");
        return answer;
    }
    auto inflated = gzipInflate(request.body, limits.maxBodyBytes);
    if (!inflated) {
        if (inflated.error().code == "too_large")
            return errorResponse(413, "payload_too_large",
                                 "request body inflates beyond " +
                                     std::to_string(limits.maxBodyBytes) + " bytes");
        return errorResponse(400, "malformed_gzip", "the gzip request body cannot be inflated");
    }
    request.body = std::move(inflated).value();
    request.headers.erase(field);
    return std::nullopt;
}

} // namespace td::server
