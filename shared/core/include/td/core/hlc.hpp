#pragma once
// Hybrid logical clock (Kulkarni et al.): physical milliseconds + a logical counter + the node
// id. Timestamps order causally related events correctly even when wall clocks disagree.

#include "td/core/clock.hpp"
#include "td/core/result.hpp"

#include <compare>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace td {

struct HlcTimestamp {
    std::int64_t physicalMs = 0; ///< Unix milliseconds, 0 .. 2^48-1
    std::uint32_t logical = 0;
    std::string node; ///< non-empty, no control characters

    /// Fixed-width "0193a1b2c3d4-00000000-node" (hex ms, hex counter, node); sorts as the
    /// timestamps do.
    std::string toString() const;
    /// Parses toString()'s form; the node part may itself contain '-'.
    static Result<HlcTimestamp> parse(std::string_view text);

    auto operator<=>(const HlcTimestamp&) const = default; // physical, logical, node
};

/// One node's clock. Thread-safe.
class Hlc {
public:
    /// `maxForwardDriftMs` bounds how far ahead of our physical clock a received timestamp
    /// may be before receive() refuses it (so one bad device clock cannot drag everyone along).
    explicit Hlc(std::string node, Clock clock = systemClock(),
                 std::int64_t maxForwardDriftMs = 24 * 3600 * 1000);

    /// A timestamp for a local event, greater than every one issued or received before.
    HlcTimestamp now();
    /// Merges a remote timestamp: the result exceeds both it and every earlier local one.
    /// Fails with "clock_drift" (and changes nothing) if it is too far in the future.
    Result<HlcTimestamp> receive(const HlcTimestamp& remote);
    /// The last timestamp issued, without advancing.
    HlcTimestamp last() const;
    const std::string& node() const { return m_node; }

private:
    HlcTimestamp stampLocked() const;

    std::string m_node;
    Clock m_clock;
    std::int64_t m_maxForwardDriftMs;
    mutable std::mutex m_mutex;
    std::int64_t m_physicalMs = 0;
    std::uint32_t m_logical = 0;
};

} // namespace td
