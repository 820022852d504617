#pragma once
// gzip (RFC 1952) over zlib, for bodies on the wire: the app and the tests compress what they
// send, the server inflates request bodies within its limit and compresses static files and
// pull answers.

#include "td/core/result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace td {

/// Best size for bodies sent once (static files cached by the server).
inline constexpr int kGzipBest = 9;
/// zlib's default: nearly the best size at a third of the CPU, for bodies made per request.
inline constexpr int kGzipDefault = 6;

/// `data` as one gzip member at `level` (1–9); nullopt if zlib fails.
std::optional<std::string> gzipCompress(std::string_view data, int level = kGzipDefault);

/// The inflated form of a gzip body (one or more members), streamed so that no more than
/// `maxBytes` are ever produced. Errors: `too_large` as soon as the output would exceed
/// `maxBytes`; `malformed_gzip` for anything that is not complete, valid gzip.
Result<std::string> gzipInflate(std::string_view data, std::size_t maxBytes);

} // namespace td
