#pragma once
// A small portable PRNG (SplitMix64) so demo data is identical on every platform and standard
// library, unlike std:: distributions.

#include <cmath>
#include <cstdint>
#include <numbers>
#include <span>
#include <string>

namespace td::demo::detail {

class Rng {
public:
    explicit Rng(std::uint64_t seed)
        : m_state(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return uniform() < p; }
    /// Uniform integer in [0, n).
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * n); }
    /// Standard normal (Box–Muller).
    double normal() {
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }
    /// Index drawn with probability proportional to `weights`.
    std::size_t pick(std::span<const double> weights) {
        double total = 0.0;
        for (double w : weights)
            total += w;
        double u = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (u < weights[i])
                return i;
            u -= weights[i];
        }
        return weights.size() - 1;
    }
    std::uint64_t state() const { return m_state; }

private:
    std::uint64_t m_state;
};

/// A UUIDv7 string from a millisecond timestamp and random bits.
inline std::string uuidV7(std::int64_t unixMs, Rng& rng) {
    const std::uint64_t a = rng.next();
    const std::uint64_t b = rng.next();
    unsigned char bytes[16];
    for (int i = 0; i < 6; ++i)
        bytes[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(unixMs) >> (40 - 8 * i));
    for (int i = 6; i < 16; ++i)
        bytes[i] = static_cast<unsigned char>((i < 8 ? a : b) >> (8 * (i % 8)));
    bytes[6] = static_cast<unsigned char>(0x70 | (bytes[6] & 0x0F));
    bytes[8] = static_cast<unsigned char>(0x80 | (bytes[8] & 0x3F));
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += hex[bytes[i] >> 4];
        out += hex[bytes[i] & 0x0F];
    }
    return out;
}

/// "YYYY-MM-DDTHH:MM:SSZ" for days since 1970-01-01 plus seconds of the day.
std::string timestamp(std::int64_t day, std::int64_t secondOfDay);
/// "YYYY-MM-DD".
std::string date(std::int64_t day);
/// Days since 1970-01-01 of year/month/day.
std::int64_t dayOf(std::int64_t year, unsigned month, unsigned day);

} // namespace td::demo::detail
