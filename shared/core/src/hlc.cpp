#include "td/core/hlc.hpp"

#include <algorithm>
#include <cstdio>

namespace td {

namespace {

constexpr std::int64_t kMaxPhysical = (std::int64_t{1} << 48) - 1;

Result<std::uint64_t> parseHex(std::string_view text, std::string_view what) {
    std::uint64_t value = 0;
    for (char c : text) {
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        if (digit < 0)
            return makeError("invalid_hlc", std::string(what) +
                                                " must be lower-case hex digits, got \"" +
                                                std::string(text) + "\"");
        value = value << 4 | static_cast<std::uint64_t>(digit);
    }
    return value;
}

bool validNode(std::string_view node) {
    return !node.empty() && std::none_of(node.begin(), node.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    });
}

} // namespace

std::string HlcTimestamp::toString() const {
    char head[32];
    std::snprintf(head, sizeof head, "%012llx-%08x-", static_cast<unsigned long long>(physicalMs),
                  static_cast<unsigned>(logical));
    return head + node;
}

Result<HlcTimestamp> HlcTimestamp::parse(std::string_view text) {
    // 12 hex + '-' + 8 hex + '-' + node
    if (text.size() < 23 || text[12] != '-' || text[21] != '-')
        return makeError("invalid_hlc",
                         "expected \"<12 hex>-<8 hex>-<node>\", got \"" + std::string(text) + "\"");
    auto physical = parseHex(text.substr(0, 12), "physical time");
    if (!physical)
        return physical.error();
    auto logical = parseHex(text.substr(13, 8), "logical counter");
    if (!logical)
        return logical.error();
    const std::string_view node = text.substr(22);
    if (!validNode(node))
        return makeError("invalid_hlc", "node id must be non-empty without control characters");
    return HlcTimestamp{static_cast<std::int64_t>(*physical), static_cast<std::uint32_t>(*logical),
                        std::string(node)};
}

Hlc::Hlc(std::string node, Clock clock, std::int64_t maxForwardDriftMs)
    : m_node(std::move(node))
    , m_clock(std::move(clock))
    , m_maxForwardDriftMs(maxForwardDriftMs) {}

HlcTimestamp Hlc::stampLocked() const {
    return HlcTimestamp{m_physicalMs, m_logical, m_node};
}

HlcTimestamp Hlc::now() {
    const std::int64_t physical = std::clamp<std::int64_t>(m_clock(), 0, kMaxPhysical);
    std::lock_guard lock(m_mutex);
    if (physical > m_physicalMs) {
        m_physicalMs = physical;
        m_logical = 0;
    } else if (m_logical < UINT32_MAX) {
        ++m_logical;
    } else {
        ++m_physicalMs; // counter exhausted: move time on rather than repeat
        m_logical = 0;
    }
    return stampLocked();
}

Result<HlcTimestamp> Hlc::receive(const HlcTimestamp& remote) {
    const std::int64_t physical = std::clamp<std::int64_t>(m_clock(), 0, kMaxPhysical);
    if (remote.physicalMs < 0 || remote.physicalMs > kMaxPhysical)
        return makeError("invalid_hlc", "remote physical time out of range");
    if (remote.physicalMs - physical > m_maxForwardDriftMs)
        return makeError("clock_drift", "remote clock " + std::to_string(remote.physicalMs) +
                                            " ms is more than " +
                                            std::to_string(m_maxForwardDriftMs) +
                                            " ms ahead of local " + std::to_string(physical));
    std::lock_guard lock(m_mutex);
    const std::int64_t next = std::max({m_physicalMs, remote.physicalMs, physical});
    std::uint64_t logical = 0;
    if (next == m_physicalMs && next == remote.physicalMs)
        logical = std::uint64_t{std::max(m_logical, remote.logical)} + 1;
    else if (next == m_physicalMs)
        logical = std::uint64_t{m_logical} + 1;
    else if (next == remote.physicalMs)
        logical = std::uint64_t{remote.logical} + 1;
    if (logical > UINT32_MAX) {
        m_physicalMs = next + 1; // counter exhausted: move time on rather than repeat
        m_logical = 0;
    } else {
        m_physicalMs = next;
        m_logical = static_cast<std::uint32_t>(logical);
    }
    return stampLocked();
}

HlcTimestamp Hlc::last() const {
    std::lock_guard lock(m_mutex);
    return stampLocked();
}

} // namespace td
