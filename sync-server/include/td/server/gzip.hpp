#pragma once
// Whether a client accepts gzip answers (static files, pull); the codec is td/core/gzip.hpp.

#include <optional>
#include <string>
#include <string_view>

namespace td::server {

/// Whether an Accept-Encoding field value accepts gzip (RFC 9110 §12.5.3): "gzip" or "*" with a
/// non-zero quality, unless gzip itself is listed with q=0.
bool acceptsGzip(std::string_view acceptEncoding);

} // namespace td::server
