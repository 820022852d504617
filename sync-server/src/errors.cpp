#include "td/server/errors.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace td::server {

HttpResponse jsonResponse(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

HttpResponse errorResponse(int status, std::string_view code, std::string_view message) {
    boost::json::object error;
    error["code"] = code;
    error["message"] = message;
    boost::json::object root;
    root["error"] = std::move(error);
    return jsonResponse(status, boost::json::serialize(root));
}

int statusForErrorCode(std::string_view code) {
    if (code == "not_found" || code == "invalid_code")
        return 404;
    if (code == "conflict" || code == "already_exists" || code == "published_immutable" ||
        code == "code_used")
        return 409;
    if (code == "payload_too_large" || code == "body_too_large")
        return 413;
    if (code == "unsupported_media_type")
        return 415;
    if (code == "validation_failed" || code == "batch_too_large" || code == "unknown_kind")
        return 422;
    if (code == "unauthorized" || code == "invalid_token" || code == "token_expired")
        return 401;
    if (code == "forbidden")
        return 403;
    if (code == "storage_error" || code == "internal_error")
        return 500;
    if (code == "unavailable")
        return 503;
    return 400;
}

HttpResponse errorResponse(const Error& error) {
    std::string message = error.path.empty() ? error.message : error.describe();
    return errorResponse(statusForErrorCode(error.code), error.code, message);
}

} // namespace td::server
