#include "link_proxy.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace td::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
/// Bytes a direction holds between reading and delivering them: the link's buffer. Beyond it
/// the proxy stops reading, so the sender feels the link's pace.
constexpr std::size_t kQueueCap = 64 * 1024;
constexpr std::size_t kReadSize = 16 * 1024;

struct Chunk {
    std::string data;
    Clock::time_point due;
    bool cutAfter = false;
};

struct Direction {
    explicit Direction(asio::io_context& ioc, int i)
        : index(i)
        , wake(ioc)
        , room(ioc)
        , sleep(ioc) {}
    int index; ///< 0: client → server, 1: server → client
    std::deque<Chunk> queue;
    std::size_t queued = 0;
    bool eof = false;
    asio::steady_timer wake;  ///< the writer waits here for bytes
    asio::steady_timer room;  ///< the reader waits here for room in the queue
    asio::steady_timer sleep; ///< the writer's delay and pacing
    Clock::time_point nextSend{};
};

asio::awaitable<void> waitOn(asio::steady_timer& timer) {
    timer.expires_at(Clock::time_point::max());
    co_await timer.async_wait(kNoThrow);
}

asio::awaitable<void> sleepUntil(asio::steady_timer& timer, Clock::time_point when) {
    if (when <= Clock::now())
        co_return;
    timer.expires_at(when);
    co_await timer.async_wait(kNoThrow);
}

} // namespace

struct LinkProxy::Impl {
    asio::io_context ioc;
    tcp::acceptor acceptor{ioc};
    tcp::endpoint target;
    std::mutex shapeMutex;
    LinkShape shape;
    std::array<std::uint64_t, 2> carried{}; ///< bytes taken in per direction, for the cuts
    std::array<std::atomic<std::uint64_t>, 2> delivered{};
    std::atomic<std::uint64_t> connections{0};
    std::atomic<std::uint64_t> cuts{0};
    std::thread thread;

    /// The shape in force and whether `n` bytes just read in direction `index` reach a cut;
    /// if so `n` shrinks to end exactly at it.
    std::pair<LinkShape, bool> take(int index, std::size_t& n) {
        std::lock_guard lock(shapeMutex);
        const std::uint64_t cutAt = index == 0 ? shape.cutUpAt : shape.cutDownAt;
        std::uint64_t& done = carried[static_cast<std::size_t>(index)];
        bool cut = false;
        if (cutAt > 0) {
            const std::uint64_t boundary = shape.cutEvery ? (done / cutAt + 1) * cutAt : cutAt;
            if (done < boundary && done + n >= boundary) {
                n = static_cast<std::size_t>(boundary - done);
                cut = true;
            }
        }
        done += n;
        return {shape, cut};
    }

    asio::awaitable<void> acceptLoop();
};

namespace {

class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(LinkProxy::Impl& proxy, tcp::socket client)
        : m_proxy(proxy)
        , m_client(std::move(client))
        , m_server(proxy.ioc)
        , m_up(proxy.ioc, 0)
        , m_down(proxy.ioc, 1) {}

    static asio::awaitable<void> run(std::shared_ptr<Connection> self) {
        auto [ec] = co_await self->m_server.async_connect(self->m_proxy.target, kNoThrow);
        if (ec) {
            self->closeAll();
            co_return;
        }
        boost::system::error_code ignored;
        self->m_server.set_option(tcp::no_delay(true), ignored);
        self->m_client.set_option(tcp::no_delay(true), ignored);
        auto exec = self->m_proxy.ioc.get_executor();
        for (Direction* d : {&self->m_up, &self->m_down}) {
            asio::co_spawn(exec, self->reader(self, *d), asio::detached);
            asio::co_spawn(exec, self->writer(self, *d), asio::detached);
        }
    }

private:
    tcp::socket& source(const Direction& d) { return d.index == 0 ? m_client : m_server; }
    tcp::socket& sink(const Direction& d) { return d.index == 0 ? m_server : m_client; }

    void closeAll() {
        if (m_closed)
            return;
        m_closed = true;
        boost::system::error_code ignored;
        m_client.close(ignored);
        m_server.close(ignored);
        for (Direction* d : {&m_up, &m_down}) {
            d->wake.cancel();
            d->room.cancel();
            d->sleep.cancel();
        }
    }

    asio::awaitable<void> reader(std::shared_ptr<Connection> self, Direction& d) {
        (void)self; // keeps the connection alive while this runs
        std::array<char, kReadSize> buffer{};
        for (;;) {
            while (d.queued >= kQueueCap && !m_closed)
                co_await waitOn(d.room);
            if (m_closed)
                co_return;
            auto [ec, n] = co_await source(d).async_read_some(asio::buffer(buffer), kNoThrow);
            if (m_closed)
                co_return;
            if (ec) {
                d.eof = true;
                d.wake.cancel();
                co_return;
            }
            auto [shape, cut] = m_proxy.take(d.index, n);
            d.queue.push_back(
                Chunk{std::string(buffer.data(), n), Clock::now() + shape.oneWayDelay, cut});
            d.queued += n;
            d.wake.cancel();
            if (cut)
                co_return;
        }
    }

    asio::awaitable<void> writer(std::shared_ptr<Connection> self, Direction& d) {
        (void)self;
        for (;;) {
            while (d.queue.empty() && !d.eof && !m_closed)
                co_await waitOn(d.wake);
            if (m_closed)
                co_return;
            if (d.queue.empty()) { // the sender closed its side: pass that on
                boost::system::error_code ignored;
                sink(d).shutdown(tcp::socket::shutdown_send, ignored);
                co_return;
            }
            Chunk chunk = std::move(d.queue.front());
            d.queue.pop_front();
            d.queued -= chunk.data.size();
            d.room.cancel();
            co_await sleepUntil(d.sleep, chunk.due);
            std::size_t rate = 0;
            {
                std::lock_guard lock(m_proxy.shapeMutex);
                rate = d.index == 0 ? m_proxy.shape.upBytesPerSecond
                                    : m_proxy.shape.downBytesPerSecond;
            }
            // Paced in slices of 1/50 s of the rate: the link is never ahead of its rate by
            // more than one slice.
            const std::size_t sliceSize =
                rate ? std::max<std::size_t>(rate / 50, 64) : chunk.data.size();
            for (std::size_t offset = 0; offset < chunk.data.size() && !m_closed;) {
                const std::size_t slice = std::min(sliceSize, chunk.data.size() - offset);
                if (rate) {
                    d.nextSend = std::max(d.nextSend, Clock::now());
                    co_await sleepUntil(d.sleep, d.nextSend);
                    if (m_closed)
                        co_return;
                }
                auto [ec, written] = co_await asio::async_write(
                    sink(d), asio::buffer(chunk.data.data() + offset, slice), kNoThrow);
                if (m_closed)
                    co_return;
                if (ec) {
                    closeAll();
                    co_return;
                }
                offset += written;
                m_proxy.delivered[static_cast<std::size_t>(d.index)] += written;
                if (rate)
                    d.nextSend += std::chrono::nanoseconds(
                        static_cast<std::int64_t>(written * 1'000'000'000ull / rate));
            }
            if (chunk.cutAfter) {
                ++m_proxy.cuts;
                closeAll();
                co_return;
            }
        }
    }

    LinkProxy::Impl& m_proxy;
    tcp::socket m_client;
    tcp::socket m_server;
    Direction m_up;
    Direction m_down;
    bool m_closed = false;
};

} // namespace

asio::awaitable<void> LinkProxy::Impl::acceptLoop() {
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(kNoThrow);
        if (ec) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open())
                co_return;
            continue;
        }
        ++connections;
        auto connection = std::make_shared<Connection>(*this, std::move(socket));
        asio::co_spawn(ioc, Connection::run(connection), asio::detached);
    }
}

LinkProxy::LinkProxy(const std::string& target, LinkShape shape)
    : m_impl(std::make_shared<Impl>()) {
    const auto colon = target.rfind(':');
    if (colon == std::string::npos)
        throw std::invalid_argument("LinkProxy: target must be HOST:PORT, got " + target);
    std::string host = target.substr(0, colon);
    if (host.size() > 2 && host.front() == '[')
        host = host.substr(1, host.size() - 2);
    m_impl->target =
        tcp::endpoint(asio::ip::make_address(host),
                      static_cast<unsigned short>(std::stoi(target.substr(colon + 1))));
    m_impl->shape = shape;
    tcp::endpoint local(asio::ip::make_address("127.0.0.1"), 0);
    m_impl->acceptor.open(local.protocol());
    m_impl->acceptor.set_option(asio::socket_base::reuse_address(true));
    m_impl->acceptor.bind(local);
    m_impl->acceptor.listen();
    m_address = "127.0.0.1:" + std::to_string(m_impl->acceptor.local_endpoint().port());
    asio::co_spawn(m_impl->ioc, m_impl->acceptLoop(), asio::detached);
    m_impl->thread = std::thread([impl = m_impl] { impl->ioc.run(); });
}

LinkProxy::~LinkProxy() {
    m_impl->ioc.stop();
    m_impl->thread.join();
}

void LinkProxy::setShape(LinkShape shape) {
    std::lock_guard lock(m_impl->shapeMutex);
    m_impl->shape = shape;
    m_impl->carried = {};
}

LinkStats LinkProxy::stats() const {
    return LinkStats{m_impl->delivered[0].load(), m_impl->delivered[1].load(),
                     m_impl->connections.load(), m_impl->cuts.load()};
}

} // namespace td::test
