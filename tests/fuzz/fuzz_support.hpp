#pragma once
// Shared by the fuzz targets: a property that does not hold is a crash libFuzzer reports and
// keeps the input of.

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace td::fuzz {

/// Stops the run as a crash when `ok` is false.
inline void require(bool ok, const char* property) {
    if (!ok) {
        std::fprintf(stderr, "fuzz property violated: %s\n", property);
        std::abort();
    }
}

inline std::string_view asText(const unsigned char* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace td::fuzz
