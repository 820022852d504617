#pragma once
// Internal to the socket layer: reading a request off the wire without the socket. The parser
// and its limits, the framing rules a request header must meet, the answers to what the parser
// refuses, and the conversion into a plain HttpRequest. The HTTP fuzz target drives these on
// raw bytes exactly as a session does.

#include "td/server/config.hpp"
#include "td/server/http_types.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>

namespace td::server {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;
using RequestHeader = boost::beast::http::request_header<>;

/// Sets the configured header and body limits on a fresh parser.
void configureParser(RequestParser& parser, const Limits& limits);

/// RFC 9112 §6.1 and §6.3: the 400 answer for a header whose body length is ambiguous, i.e. one
/// with a Transfer-Encoding other than exactly "chunked", with both Transfer-Encoding and
/// Content-Length, or with Transfer-Encoding in HTTP/1.0. The connection must close after it,
/// so that no byte of the body is ever read as another request.
std::optional<HttpResponse> framingRefusal(const RequestHeader& header);

/// The answer to a request the parser refused with `ec` (413, 431 or 400), or nullopt when the
/// client went away or the socket failed, which gets no answer.
std::optional<HttpResponse> readFailureAnswer(const boost::system::error_code& ec,
                                              const Limits& limits);

/// The request line and header fields as a plain request; the body is added once read.
HttpRequest plainHeader(const RequestHeader& header);

/// Undoes a request body's Content-Encoding in place: gzip is inflated (never beyond
/// limits.maxBodyBytes) and the field dropped, identity or none leaves the body as it is. The
/// answer when it cannot: 413 payload_too_large, 400 malformed_gzip, 415 unsupported_encoding.
std::optional<HttpResponse> decodeContentEncoding(HttpRequest& request, const Limits& limits);

} // namespace td::server
