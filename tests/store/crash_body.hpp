#pragma once
// Deterministic record content for the crash test: the body is derived from the id alone, so
// the checker can compare every stored body byte for byte. Ids ending in "-L" get large bodies.

#include <cstdint>
#include <string>
#include <string_view>

namespace td::test {

inline std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

inline bool isLargeId(std::string_view id) {
    return id.size() > 2 && id.ends_with("-L");
}

/// A JSON response body of 200..4200 bytes (or 256 KiB..1 MiB for large ids) derived from `id`.
inline std::string crashBody(std::string_view id) {
    std::uint64_t state = fnv1a(id);
    const std::size_t padSize =
        isLargeId(id) ? (256u << 10) + state % (768u << 10) : 200 + state % 4000;
    std::string body = R"({"id":")" + std::string(id) + R"(","answers":{"q_trygg_kvall":)" +
                       std::to_string(state % 5 + 1) + R"(},"pad":")";
    body.reserve(body.size() + padSize + 2);
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123";
    for (std::size_t i = 0; i < padSize; ++i) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        body += kAlphabet[state % 60];
    }
    body += "\"}";
    return body;
}

} // namespace td::test
