#pragma once
// UUIDs (RFC 9562) and a UUIDv7 generator: 48-bit Unix milliseconds, version 7, variant 10,
// a 12-bit counter in rand_a that keeps ids monotonic within a millisecond, and 62 random
// bits from the operating system's CSPRNG.

#include "td/core/clock.hpp"
#include "td/core/result.hpp"

#include <array>
#include <compare>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace td {

class Uuid {
public:
    using Bytes = std::array<std::uint8_t, 16>;

    Uuid() = default; ///< the nil UUID
    explicit Uuid(const Bytes& bytes)
        : m_bytes(bytes) {}

    /// Parses the canonical 36-character form (hex digits in either case).
    static Result<Uuid> parse(std::string_view text);

    /// Canonical lower-case form, e.g. "01932c07-a4d1-7c3e-8f21-5b3a9e0d4c7f".
    std::string toString() const;
    const Bytes& bytes() const { return m_bytes; }
    int version() const { return m_bytes[6] >> 4; }
    /// True for the RFC 9562 variant (bits 10).
    bool hasRfcVariant() const { return (m_bytes[8] & 0xc0) == 0x80; }
    bool isNil() const { return m_bytes == Bytes{}; }
    /// The Unix-millisecond timestamp of a version-7 UUID.
    std::int64_t unixMillis() const;

    auto operator<=>(const Uuid&) const = default;

private:
    Bytes m_bytes{};
};

/// Generates version-7 UUIDs, strictly increasing across all calls on one generator even when
/// the clock stands still or jumps backwards. Thread-safe.
class UuidV7Generator {
public:
    explicit UuidV7Generator(Clock clock = systemClock());

    Uuid next();

private:
    Clock m_clock;
    std::mutex m_mutex;
    std::int64_t m_lastMillis = -1;
    std::uint16_t m_counter = 0; ///< 12 bits used
};

/// A new UUIDv7 from a process-wide generator on the system clock.
Uuid newUuidV7();

/// Fills `out` with `size` bytes from the operating system's CSPRNG; aborts if none exists.
void secureRandomBytes(void* out, std::size_t size);

} // namespace td
