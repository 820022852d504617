#include "td/core/uuid.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#if defined(__linux__) || defined(__ANDROID__)
#include <sys/random.h>
#else
#include <stdlib.h> // arc4random_buf on Apple and the BSDs
#endif

namespace td {

void secureRandomBytes(void* out, std::size_t size) {
    auto* cursor = static_cast<std::uint8_t*>(out);
#if defined(__linux__) || defined(__ANDROID__)
    while (size > 0) {
        const ssize_t got = getrandom(cursor, size, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            std::abort(); // no CSPRNG: ids would not be unique, refuse to continue
        }
        cursor += got;
        size -= static_cast<std::size_t>(got);
    }
#else
    arc4random_buf(cursor, size);
#endif
}

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

constexpr std::int64_t kMaxMillis = (std::int64_t{1} << 48) - 1;

} // namespace

Result<Uuid> Uuid::parse(std::string_view text) {
    if (text.size() != 36)
        return makeError("invalid_uuid",
                         "a UUID has 36 characters, got " + std::to_string(text.size()));
    Bytes bytes{};
    size_t byte = 0;
    for (size_t i = 0; i < text.size();) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != '-')
                return makeError("invalid_uuid",
                                 "expected '-' at position " + std::to_string(i) + " of a UUID");
            ++i;
            continue;
        }
        const int hi = hexValue(text[i]);
        const int lo = hexValue(text[i + 1]);
        if (hi < 0 || lo < 0)
            return makeError("invalid_uuid", "non-hex character at position " +
                                                 std::to_string(hi < 0 ? i : i + 1) + " of a UUID");
        bytes[byte++] = static_cast<std::uint8_t>(hi << 4 | lo);
        i += 2;
    }
    return Uuid(bytes);
}

std::string Uuid::toString() const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (size_t i = 0; i < m_bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += kHex[m_bytes[i] >> 4];
        out += kHex[m_bytes[i] & 0x0f];
    }
    return out;
}

std::int64_t Uuid::unixMillis() const {
    std::int64_t ms = 0;
    for (size_t i = 0; i < 6; ++i)
        ms = ms << 8 | m_bytes[i];
    return ms;
}

UuidV7Generator::UuidV7Generator(Clock clock)
    : m_clock(std::move(clock)) {}

Uuid UuidV7Generator::next() {
    std::uint8_t random[10];
    secureRandomBytes(random, sizeof random);

    std::int64_t millis = 0;
    std::uint16_t counter = 0;
    {
        std::lock_guard lock(m_mutex);
        std::int64_t now = m_clock();
        if (now < 0)
            now = 0;
        if (now > kMaxMillis)
            now = kMaxMillis;
        if (now > m_lastMillis) {
            m_lastMillis = now;
            // A fresh random start with the top bit clear leaves >= 2048 increments.
            m_counter = static_cast<std::uint16_t>((random[8] << 8 | random[9]) & 0x7ff);
        } else if (m_counter < 0xfff) {
            ++m_counter; // same or earlier millisecond: stay monotonic
        } else {
            ++m_lastMillis; // counter exhausted: borrow the next millisecond
            m_counter = static_cast<std::uint16_t>((random[8] << 8 | random[9]) & 0x7ff);
        }
        millis = m_lastMillis;
        counter = m_counter;
    }

    Uuid::Bytes b{};
    for (int i = 0; i < 6; ++i)
        b[static_cast<size_t>(i)] = static_cast<std::uint8_t>(millis >> (8 * (5 - i)));
    b[6] = static_cast<std::uint8_t>(0x70 | (counter >> 8));
    b[7] = static_cast<std::uint8_t>(counter & 0xff);
    b[8] = static_cast<std::uint8_t>(0x80 | (random[0] & 0x3f));
    std::memcpy(&b[9], &random[1], 7);
    return Uuid(b);
}

Uuid newUuidV7() {
    static UuidV7Generator generator;
    return generator.next();
}

} // namespace td
