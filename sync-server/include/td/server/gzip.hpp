#pragma once
// gzip for static files: the compressed form of a body, and whether a client accepts it.

#include <optional>
#include <string>
#include <string_view>

namespace td::server {

/// `data` as one gzip member (RFC 1952) at the best compression level; nullopt if zlib fails.
std::optional<std::string> gzipCompress(std::string_view data);

/// Whether an Accept-Encoding field value accepts gzip (RFC 9110 §12.5.3): "gzip" or "*" with a
/// non-zero quality, unless gzip itself is listed with q=0.
bool acceptsGzip(std::string_view acceptEncoding);

} // namespace td::server
