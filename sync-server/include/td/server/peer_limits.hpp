#pragma once
// Caps that keep one host from taking every connection: open connections per socket peer, and
// (behind a trusted proxy, where every connection comes from the proxy) requests in flight per
// forwarded client address. Keys are addressKey()s, so an IPv6 host counts per /64.

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace td::server {

/// Counts holders per key and refuses a key that already has `cap` of them. Thread-safe.
class KeyedCounter {
public:
    /// `cap` 0 turns the cap off (every acquire succeeds).
    explicit KeyedCounter(std::size_t cap)
        : m_cap(cap) {}

    /// Counts one more holder of `key`; false (counting nothing) when `key` is at the cap.
    bool tryAcquire(const std::string& key);
    /// Gives back one holder of `key` taken by a successful tryAcquire().
    void release(const std::string& key);
    /// Holders of `key` now.
    std::size_t count(const std::string& key) const;

private:
    std::size_t m_cap;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::size_t> m_counts;
};

/// The proxies whose connections are exempt from the per-peer cap and whose X-Forwarded-For is
/// believed. Empty with `behindProxy`: every peer is taken for the proxy (the server is then
/// reachable only through it); without `behindProxy`: no peer is.
class TrustedProxies {
public:
    TrustedProxies() = default;
    TrustedProxies(bool behindProxy, const std::vector<std::string>& addresses);

    bool contains(std::string_view peerAddress) const;

private:
    bool m_behindProxy = false;
    std::vector<std::string> m_addresses; ///< each configured proxy, in inet_ntop form
};

/// Whether `text` is an IPv4 or IPv6 address (no port, no brackets, no prefix length).
bool isIpAddress(std::string_view text);

} // namespace td::server
