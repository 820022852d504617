#pragma once
// SHA-256 (FIPS 180-4), for digests of stored records that outlive their bodies.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace td {

/// The 32-byte SHA-256 digest of `data`.
std::array<std::uint8_t, 32> sha256(std::string_view data);

/// The digest as 64 lower-case hex characters.
std::string sha256Hex(std::string_view data);

} // namespace td
