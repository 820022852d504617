#include "td/server/peer_limits.hpp"

#include <algorithm>
#include <arpa/inet.h>

namespace td::server {
namespace {

// The textual form inet_ntop gives an address (IPv4-mapped IPv6 as IPv4), or "" when `text`
// is not an address.
std::string canonicalAddress(std::string_view text) {
    char buf[64] = {};
    if (text.empty() || text.size() >= sizeof buf)
        return {};
    std::copy(text.begin(), text.end(), buf);
    unsigned char bytes[16];
    char out[INET6_ADDRSTRLEN] = {};
    if (inet_pton(AF_INET, buf, bytes) == 1)
        return inet_ntop(AF_INET, bytes, out, sizeof out) ? out : "";
    if (inet_pton(AF_INET6, buf, bytes) != 1)
        return {};
    static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(kMapped, kMapped + 12, bytes))
        return inet_ntop(AF_INET, bytes + 12, out, sizeof out) ? out : "";
    return inet_ntop(AF_INET6, bytes, out, sizeof out) ? out : "";
}

} // namespace

bool KeyedCounter::tryAcquire(const std::string& key) {
    std::lock_guard lock(m_mutex);
    std::size_t& n = m_counts[key];
    if (m_cap != 0 && n >= m_cap)
        return false;
    ++n;
    return true;
}

void KeyedCounter::release(const std::string& key) {
    std::lock_guard lock(m_mutex);
    auto it = m_counts.find(key);
    if (it == m_counts.end())
        return;
    if (--it->second == 0)
        m_counts.erase(it); // the map holds only keys with a holder
}

std::size_t KeyedCounter::count(const std::string& key) const {
    std::lock_guard lock(m_mutex);
    auto it = m_counts.find(key);
    return it == m_counts.end() ? 0 : it->second;
}

TrustedProxies::TrustedProxies(bool behindProxy, const std::vector<std::string>& addresses)
    : m_behindProxy(behindProxy) {
    for (const std::string& a : addresses)
        m_addresses.push_back(canonicalAddress(a));
}

bool TrustedProxies::contains(std::string_view peerAddress) const {
    if (!m_behindProxy)
        return false;
    if (m_addresses.empty())
        return true;
    const std::string peer = canonicalAddress(peerAddress);
    return !peer.empty() &&
           std::find(m_addresses.begin(), m_addresses.end(), peer) != m_addresses.end();
}

bool isIpAddress(std::string_view text) {
    return !canonicalAddress(text).empty();
}

} // namespace td::server
