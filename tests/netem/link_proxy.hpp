#pragma once
// A loopback TCP proxy that behaves like a poor mobile link: a one-way delay and a bandwidth
// cap in each direction, and connections cut after a given number of bytes. Real sockets on
// both sides; it runs on a thread of its own, so blocking clients and a server process can
// use it from anywhere.
//
// Cuts count the bytes carried in one direction over every connection since the proxy
// started (or since setShape): with cutUpAt = N the connection carrying client→server byte N
// is cut right after that byte reaches the server; with cutEvery the same happens at 2N, 3N…
// A cut closes both sides; bytes still queued in the other direction are dropped.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace td::test {

struct LinkShape {
    std::chrono::milliseconds oneWayDelay{0}; ///< added in each direction
    std::size_t upBytesPerSecond = 0;         ///< client → server; 0: no cap
    std::size_t downBytesPerSecond = 0;       ///< server → client; 0: no cap
    std::uint64_t cutUpAt = 0;                ///< 0: never
    std::uint64_t cutDownAt = 0;              ///< 0: never
    bool cutEvery = false;                    ///< cut again every cut*At bytes

    /// A symmetric link of `bitsPerSecond` with round-trip time `rtt`.
    static LinkShape mobile(std::size_t bitsPerSecond, std::chrono::milliseconds rtt) {
        LinkShape s;
        s.oneWayDelay = rtt / 2;
        s.upBytesPerSecond = s.downBytesPerSecond = bitsPerSecond / 8;
        return s;
    }
};

struct LinkStats {
    std::uint64_t upBytes = 0;   ///< delivered to the server
    std::uint64_t downBytes = 0; ///< delivered to the client
    std::uint64_t connections = 0;
    std::uint64_t cuts = 0;
};

class LinkProxy {
public:
    /// Listens on 127.0.0.1 (an ephemeral port) and forwards each connection to `target`
    /// ("HOST:PORT") shaped by `shape`.
    LinkProxy(const std::string& target, LinkShape shape);
    ~LinkProxy();
    LinkProxy(const LinkProxy&) = delete;
    LinkProxy& operator=(const LinkProxy&) = delete;

    /// "127.0.0.1:PORT".
    const std::string& address() const { return m_address; }
    /// Replaces the shape for bytes read from now on and restarts the cut counters.
    void setShape(LinkShape shape);
    LinkStats stats() const;

    struct Impl;

private:
    std::shared_ptr<Impl> m_impl;
    std::string m_address;
};

} // namespace td::test
