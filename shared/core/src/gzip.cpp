#include "td/core/gzip.hpp"

#include <algorithm>
#include <array>
#include <zlib.h>

namespace td {

std::optional<std::string> gzipCompress(std::string_view data, int level) {
    z_stream z{};
    // windowBits 15 + 16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&z, std::clamp(level, 1, 9), Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        return std::nullopt;
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&z, Z_FINISH);
    const std::size_t written = out.size() - z.avail_out;
    deflateEnd(&z);
    if (result != Z_STREAM_END)
        return std::nullopt;
    out.resize(written);
    return out;
}

Result<std::string> gzipInflate(std::string_view data, std::size_t maxBytes) {
    auto malformed = [] {
        return makeError("malformed_gzip", "the body is not valid gzip");
    };
    if (data.empty())
        return malformed();
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) // gzip only, no raw or zlib streams
        return makeError("gzip_failed", "zlib could not start inflating");
    std::string out;
    std::array<unsigned char, 16 * 1024> piece{};
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    for (;;) {
        z.next_out = piece.data();
        z.avail_out = static_cast<uInt>(piece.size());
        const int rc = inflate(&z, Z_NO_FLUSH);
        const std::size_t produced = piece.size() - z.avail_out;
        if (out.size() + produced > maxBytes) {
            inflateEnd(&z);
            return makeError("too_large",
                             "the body inflates beyond " + std::to_string(maxBytes) + " bytes");
        }
        out.append(reinterpret_cast<const char*>(piece.data()), produced);
        if (rc == Z_STREAM_END) {
            if (z.avail_in == 0)
                break;
            // Another gzip member follows (RFC 1952 allows several): inflate it too.
            if (inflateReset(&z) != Z_OK)
                break;
            continue;
        }
        if (rc != Z_OK && !(rc == Z_BUF_ERROR && produced > 0)) {
            inflateEnd(&z);
            return malformed();
        }
        if (z.avail_in == 0 && produced == 0) { // input ended before the stream did
            inflateEnd(&z);
            return malformed();
        }
    }
    inflateEnd(&z);
    return out;
}

} // namespace td
