#pragma once
// The JSON error answer every endpoint uses: {"error":{"code":"snake_case","message":"…"}}.

#include "td/core/result.hpp"
#include "td/server/http_types.hpp"

#include <string_view>

namespace td::server {

/// A response with `status` and the error body; `message` is escaped.
HttpResponse errorResponse(int status, std::string_view code, std::string_view message);

/// A JSON response with `status` and an already serialised body.
HttpResponse jsonResponse(int status, std::string body);

/// Maps a td::Error from the shared library to an HTTP error answer, choosing the status
/// from its code (e.g. not_found → 404, conflict codes → 409, validation → 422).
HttpResponse errorResponse(const Error& error);

/// HTTP status fitting a shared-library error code.
int statusForErrorCode(std::string_view code);

} // namespace td::server
