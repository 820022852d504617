#include "td/server/http_server.hpp"

#include "http_request.hpp"
#include "td/server/errors.hpp"
#include "td/server/peer_limits.hpp"
#include "td/server/rate_limiter.hpp"
#include "td/server/request_log.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <list>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <sys/socket.h>
#include <thread>

namespace td::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::chrono::seconds kShutdownGrace{20};
constexpr std::size_t kFirstRead = 16 * 1024;

// Why a connection is answered once and closed instead of served.
enum class Refusal { None, ServerFull, PeerFull };

// A forwarded client's place among the requests in flight, given back once.
struct ClientSlot {
    KeyedCounter* counter = nullptr;
    std::string key;

    ClientSlot() = default;
    ClientSlot(const ClientSlot&) = delete;
    ClientSlot& operator=(const ClientSlot&) = delete;
    ~ClientSlot() { release(); }
    void release() {
        if (counter)
            counter->release(key);
        counter = nullptr;
    }
};

// What a session needs to be told when the server stops.
struct SessionBase {
    virtual ~SessionBase() = default;
    virtual void closeIfIdle() = 0;
};

http::response<http::string_body> toBeastResponse(HttpResponse&& r, unsigned version,
                                                  bool keepAlive) {
    http::response<http::string_body> res{static_cast<http::status>(r.status), version};
    res.set(http::field::server, "td-sync-server");
    res.set(http::field::content_type, r.contentType);
    for (auto& [name, value] : r.headers)
        res.set(name, value);
    res.body() = std::move(r.body);
    res.keep_alive(keepAlive);
    res.prepare_payload();
    return res;
}

// When the next piece of a body that began at `start` and has brought `received` bytes must
// have arrived: within the stall timeout, and early enough to keep the average rate.
std::chrono::steady_clock::time_point bodyDeadline(std::chrono::steady_clock::time_point start,
                                                   std::uint64_t received, const Limits& limits) {
    const auto now = std::chrono::steady_clock::now();
    auto deadline = now + limits.bodyStallTimeout;
    if (limits.bodyMinRate > 0) {
        const auto earned = std::chrono::milliseconds(received * 1000 / limits.bodyMinRate);
        deadline = std::min(deadline, start + limits.bodyStallTimeout + earned);
    }
    return deadline;
}

std::string jsonErrorCode(int status) {
    switch (status) {
    case 413:
        return "payload_too_large";
    case 415:
        return "unsupported_encoding";
    default:
        return "malformed_gzip";
    }
}

} // namespace

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl> {
    ServerConfig config;
    RequestHandler handler;
    Metrics& metrics;
    asio::io_context ioc;
    std::optional<ssl::context> tls;
    // Acceptor, signals and the shutdown timer are only touched on this strand.
    asio::strand<asio::io_context::executor_type> control{asio::make_strand(ioc)};
    tcp::acceptor acceptor{control};
    asio::signal_set signals{control, SIGINT, SIGTERM};
    asio::steady_timer graceTimer{control};
    std::chrono::steady_clock::time_point shutdownStarted;
    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> openConnections{0};
    TrustedProxies trustedProxies{config.behindProxy, config.trustedProxies};
    KeyedCounter connectionsPerPeer{config.limits.maxConnectionsPerPeer};
    KeyedCounter requestsPerClient{config.limits.maxRequestsPerClient};

    std::mutex sessionsMutex;
    std::list<std::weak_ptr<SessionBase>> sessions;

    Impl(ServerConfig c, RequestHandler h, Metrics& m)
        : config(std::move(c))
        , handler(std::move(h))
        , metrics(m)
        , ioc(static_cast<int>(config.threads)) {}

    // Counts and logs an answer given by the socket layer itself, and marks it like an API
    // answer.
    void logRejected(std::string_view method, HttpResponse& answer, std::string_view code,
                     std::chrono::steady_clock::time_point start) {
        auto duration = std::chrono::steady_clock::now() - start;
        std::string id = nextRequestId();
        metrics.recordRequest("rejected", answer.status, duration);
        logRequest({id, method, "rejected", answer.status, duration, {}, code});
        markApiAnswer(answer);
        answer.headers.emplace_back("X-Request-Id", std::move(id));
    }

    std::list<std::weak_ptr<SessionBase>>::iterator addSession(std::weak_ptr<SessionBase> s) {
        std::lock_guard lock(sessionsMutex);
        return sessions.insert(sessions.end(), std::move(s));
    }

    void removeSession(std::list<std::weak_ptr<SessionBase>>::iterator it) {
        std::lock_guard lock(sessionsMutex);
        sessions.erase(it);
    }

    bool sessionsLeft() {
        std::lock_guard lock(sessionsMutex);
        return !sessions.empty();
    }

    // Polls until every session has ended; abandons requests still running after the grace
    // period so a stuck client cannot hold the process.
    void awaitSessionsEnded() {
        if (!sessionsLeft())
            return;
        if (std::chrono::steady_clock::now() - shutdownStarted > kShutdownGrace) {
            ioc.stop();
            return;
        }
        graceTimer.expires_after(std::chrono::milliseconds(50));
        graceTimer.async_wait([self = shared_from_this()](beast::error_code e) {
            if (!e)
                self->awaitSessionsEnded();
        });
    }

    void beginShutdown() {
        if (stopping.exchange(true))
            return;
        beast::error_code ec;
        acceptor.close(ec);
        signals.cancel(ec);
        std::list<std::shared_ptr<SessionBase>> live;
        {
            std::lock_guard lock(sessionsMutex);
            for (auto& w : sessions)
                if (auto s = w.lock())
                    live.push_back(std::move(s));
        }
        for (auto& s : live)
            s->closeIfIdle();
        shutdownStarted = std::chrono::steady_clock::now();
        awaitSessionsEnded();
    }

    asio::awaitable<void> acceptLoop();
};

namespace {

template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
public:
    /// `peerKey` is the peer's addressKey(), counted in connectionsPerPeer unless the peer is
    /// a trusted proxy or the connection is refused.
    Session(std::shared_ptr<HttpServer::Impl> server, Stream stream, Refusal refusal,
            std::string peerAddress, bool viaProxy)
        : m_server(std::move(server))
        , m_stream(std::move(stream))
        , m_refusal(refusal)
        , m_peerAddress(std::move(peerAddress))
        , m_viaProxy(viaProxy) {}

    void start() {
        m_registration = m_server->addSession(this->weak_from_this());
        auto exec = tcpLayer().get_executor();
        asio::co_spawn(exec, run(this->shared_from_this()), asio::detached);
    }

    void closeIfIdle() override {
        asio::post(tcpLayer().get_executor(), [self = this->shared_from_this()] {
            // A request partly received is in flight too: let it finish.
            if (self->m_idle) {
                beast::error_code ec;
                self->tcpLayer().socket().cancel(ec); // may already be closed
            }
        });
    }

private:
    beast::tcp_stream& tcpLayer() { return beast::get_lowest_layer(m_stream); }

    // Acknowledges what arrives next at once rather than after the kernel's delayed-ACK wait.
    // Clients that send a request's header and body in separate writes without TCP_NODELAY
    // (Qt's HTTP stack does) hold the body back until the header is acknowledged: without
    // this, every push waits up to 40 ms for nothing. Linux resets the mode by itself, so it is
    // set again before each read; elsewhere it does not exist and nothing is done.
    void acknowledgePromptly() {
#ifdef TCP_QUICKACK
        const int on = 1;
        (void)::setsockopt(tcpLayer().socket().native_handle(), IPPROTO_TCP, TCP_QUICKACK, &on,
                           sizeof on);
#endif
    }

    static asio::awaitable<void> run(std::shared_ptr<Session> self) {
        co_await self->serve();
        self->m_server->removeSession(self->m_registration);
        if (self->m_refusal == Refusal::None) {
            if (!self->m_viaProxy)
                self->m_server->connectionsPerPeer.release(addressKey(self->m_peerAddress));
            --self->m_server->openConnections;
            self->m_server->metrics.connectionClosed();
        }
    }

    // Waits up to the idle timeout for the first byte of the next request (when none is
    // buffered yet). False when none came: the connection is then closed without an answer.
    asio::awaitable<bool> awaitRequestStart(beast::flat_buffer& buffer) {
        if (buffer.size() > 0)
            co_return true;
        const Limits& limits = m_server->config.limits;
        tcpLayer().expires_after(std::min(limits.idleTimeout, limits.readTimeout));
        m_idle = true;
        acknowledgePromptly();
        auto [ec, n] = co_await m_stream.async_read_some(buffer.prepare(kFirstRead), kNoThrow);
        m_idle = false;
        if (ec)
            co_return false;
        buffer.commit(n);
        co_return true;
    }

    // Answers a request the socket layer refuses, then closes (reading what the client still
    // sends for a moment, so that it sees the answer).
    asio::awaitable<void> refuse(HttpResponse answer, std::string_view method,
                                 std::string_view code, unsigned version,
                                 std::chrono::steady_clock::time_point start) {
        m_server->logRejected(method, answer, code, start);
        co_await write(std::move(answer), version, false);
        co_await drainInput();
    }

    static HttpResponse busyAnswer(Refusal refusal) {
        HttpResponse answer = refusal == Refusal::ServerFull
                                  ? errorResponse(503, "server_busy", "too many open connections")
                                  : errorResponse(429, "too_many_connections",
                                                  "too many open connections from this address");
        answer.headers.emplace_back("Retry-After", "1");
        return answer;
    }

    asio::awaitable<void> serve() {
        const Limits& limits = m_server->config.limits;
        if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
            // A client that does not even start its handshake is idle.
            tcpLayer().expires_after(std::min(limits.idleTimeout, limits.readTimeout));
            auto [ec] = co_await m_stream.async_handshake(ssl::stream_base::server, kNoThrow);
            if (ec)
                co_return;
        }
        beast::flat_buffer buffer;
        std::uint32_t answered = 0;
        while (!m_server->stopping) {
            if (!co_await awaitRequestStart(buffer))
                break;
            RequestParser parser;
            configureParser(parser, limits);
            // A refused connection gets no longer than the idle timeout for its request head.
            tcpLayer().expires_after(m_refusal == Refusal::None
                                         ? limits.readTimeout
                                         : std::min(limits.idleTimeout, limits.readTimeout));
            acknowledgePromptly();
            auto [headerError, headerBytes] =
                co_await http::async_read_header(m_stream, buffer, parser, kNoThrow);
            (void)headerBytes;
            auto start = std::chrono::steady_clock::now();
            if (headerError) {
                if (auto answer = readFailureAnswer(headerError, limits)) {
                    const std::string code =
                        answer->status == 431 ? "header_too_large" : "bad_request";
                    co_await refuse(std::move(*answer), "-", code, 11, start);
                }
                break;
            }
            const RequestHeader& header = parser.get().base();
            const unsigned version = header.version();
            const std::string method(header.method_string());
            if (m_refusal != Refusal::None) {
                co_await refuse(busyAnswer(m_refusal), method,
                                m_refusal == Refusal::ServerFull ? "server_busy"
                                                                 : "too_many_connections",
                                version, start);
                break;
            }
            if (auto answer = framingRefusal(header)) {
                co_await refuse(std::move(*answer), method, "bad_request", version, start);
                break;
            }
            HttpRequest plain = plainHeader(header);
            plain.clientAddress = clientAddressOf(m_peerAddress, plain, m_viaProxy);
            // Behind a trusted proxy every client shares the proxy's connections: cap the
            // requests each forwarded address has in flight instead.
            ClientSlot slot;
            if (m_viaProxy && limits.maxRequestsPerClient > 0) {
                std::string clientKey = addressKey(plain.clientAddress);
                if (m_server->requestsPerClient.tryAcquire(clientKey)) {
                    slot.counter = &m_server->requestsPerClient;
                    slot.key = std::move(clientKey);
                } else {
                    auto answer = errorResponse(429, "too_many_requests",
                                                "too many requests in flight from this address");
                    answer.headers.emplace_back("Retry-After", "1");
                    co_await refuse(std::move(answer), method, "too_many_requests", version, start);
                    break;
                }
            }
            if (!co_await serveRequest(parser, buffer, std::move(plain), slot, answered))
                break;
        }
        co_await close();
    }

    // Reads the body of the request whose header `parser` holds, answers it and says whether
    // the connection stays open for another.
    asio::awaitable<bool> serveRequest(RequestParser& parser, beast::flat_buffer& buffer,
                                       HttpRequest plain, ClientSlot& slot,
                                       std::uint32_t& answered) {
        const Limits& limits = m_server->config.limits;
        const auto ec = co_await readBody(parser, buffer, limits);
        auto start = std::chrono::steady_clock::now();
        if (ec) {
            if (auto answer = readFailureAnswer(ec, limits)) {
                const std::string code =
                    answer->status == 413 ? "payload_too_large" : "bad_request";
                co_await refuse(std::move(*answer), plain.method, code, parser.get().version(),
                                start);
            }
            co_return false;
        }
        const unsigned version = parser.get().version();
        bool keepAlive = parser.get().keep_alive();
        plain.body = std::move(parser.get().body());
        HttpResponse answer;
        if (auto refused = decodeContentEncoding(plain, limits)) {
            answer = std::move(*refused);
            m_server->logRejected(plain.method, answer, jsonErrorCode(answer.status), start);
        } else {
            answer = m_server->handler(std::move(plain));
        }
        slot.release(); // answered: no longer in flight, however slowly the answer is read
        ++answered;
        keepAlive = keepAlive && !answer.closeConnection && !m_server->stopping &&
                    answered < limits.maxRequestsPerConnection;
        co_return co_await write(std::move(answer), version, keepAlive) && keepAlive;
    }

    // Reads the rest of the request's body. The body has no deadline of its own: it must keep
    // coming, with no silence longer than bodyStallTimeout, and on average at bodyMinRate
    // bytes/s or faster after a grace of bodyStallTimeout (so a minutes-long upload over a slow
    // link is received, and a client that trickles or stops is dropped).
    asio::awaitable<beast::error_code> readBody(RequestParser& parser, beast::flat_buffer& buffer,
                                                const Limits& limits) {
        const auto bodyStart = std::chrono::steady_clock::now();
        std::uint64_t received = 0;
        while (!parser.is_done()) {
            tcpLayer().expires_at(bodyDeadline(bodyStart, received, limits));
            acknowledgePromptly();
            auto [ec, n] = co_await http::async_read_some(m_stream, buffer, parser, kNoThrow);
            if (ec)
                co_return ec;
            received += n;
        }
        co_return beast::error_code{};
    }

    asio::awaitable<bool> write(HttpResponse&& answer, unsigned version, bool keepAlive) {
        if (answer.producer)
            co_return co_await writeStreamed(std::move(answer), version, keepAlive);
        auto res = toBeastResponse(std::move(answer), version, keepAlive);
        tcpLayer().expires_after(m_server->config.limits.readTimeout);
        auto [ec, n] = co_await http::async_write(m_stream, res, kNoThrow);
        (void)n;
        co_return !ec;
    }

    // Writes the header, then each piece the producer yields as one chunk (HTTP/1.0: raw, and
    // the connection closes after). Every write has the usual timeout; false when the client
    // went away, a write timed out or the producer failed (the final chunk is then never sent).
    asio::awaitable<bool> writeStreamed(HttpResponse&& answer, unsigned version, bool keepAlive) {
        const bool chunked = version >= 11;
        http::response<http::buffer_body> res{static_cast<http::status>(answer.status), version};
        res.set(http::field::server, "td-sync-server");
        res.set(http::field::content_type, answer.contentType);
        for (auto& [name, value] : answer.headers)
            res.set(name, value);
        res.keep_alive(keepAlive && chunked);
        res.chunked(chunked);
        res.body().data = nullptr;
        res.body().more = true;
        http::response_serializer<http::buffer_body> sr{res};
        const auto timeout = m_server->config.limits.readTimeout;
        tcpLayer().expires_after(timeout);
        if (auto [ec, n] = co_await http::async_write_header(m_stream, sr, kNoThrow); ec)
            co_return false;
        std::string piece = std::move(answer.body);
        bool more = true;
        while (more || !piece.empty()) {
            if (piece.empty()) {
                const ChunkResult r = answer.producer(piece);
                if (r == ChunkResult::Failed)
                    co_return false;
                more = r == ChunkResult::More;
                continue;
            }
            res.body().data = piece.data();
            res.body().size = piece.size();
            res.body().more = true;
            tcpLayer().expires_after(timeout);
            auto [ec, n] = co_await http::async_write(m_stream, sr, kNoThrow);
            (void)n;
            if (ec && ec != http::error::need_buffer)
                co_return false;
            piece.clear();
        }
        res.body().data = nullptr;
        res.body().size = 0;
        res.body().more = false;
        tcpLayer().expires_after(timeout);
        auto [ec, n] = co_await http::async_write(m_stream, sr, kNoThrow);
        (void)n;
        co_return !ec && chunked;
    }

    // After an early error answer the client may still be sending: half-close and read what
    // arrives for a moment, so closing does not reset the connection before the client has
    // read the answer.
    asio::awaitable<void> drainInput() {
        beast::error_code ec;
        if constexpr (std::is_same_v<Stream, beast::tcp_stream>)
            tcpLayer().socket().shutdown(tcp::socket::shutdown_send, ec);
        tcpLayer().expires_after(std::chrono::milliseconds(500));
        std::vector<char> sink(64 * 1024);
        std::size_t drained = 0;
        const std::size_t cap = 2 * m_server->config.limits.maxBodyBytes + (1 << 20);
        while (drained < cap) {
            auto [e, n] = co_await m_stream.async_read_some(asio::buffer(sink), kNoThrow);
            if (e)
                break;
            drained += n;
        }
    }

    asio::awaitable<void> close() {
        if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
            tcpLayer().expires_after(std::chrono::seconds(2));
            co_await m_stream.async_shutdown(kNoThrow);
        }
        beast::error_code ec;
        tcpLayer().socket().shutdown(tcp::socket::shutdown_send, ec);
        tcpLayer().socket().close(ec);
    }

    std::shared_ptr<HttpServer::Impl> m_server;
    Stream m_stream;
    Refusal m_refusal;
    std::string m_peerAddress;
    bool m_viaProxy;
    bool m_idle = false; ///< waiting for the first byte of a request
    std::list<std::weak_ptr<SessionBase>>::iterator m_registration;
};

} // namespace

asio::awaitable<void> HttpServer::Impl::acceptLoop() {
    auto self = shared_from_this();
    while (!stopping) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kNoThrow);
        if (ec) {
            if (stopping || ec == asio::error::operation_aborted)
                break;
            continue; // e.g. EMFILE: keep serving the connections we have
        }
        beast::error_code peerError;
        // An answer goes out as soon as it is written, not after the peer's delayed ACK of the
        // previous segment (Nagle): a response's header and body are separate writes.
        socket.set_option(asio::ip::tcp::no_delay(true), peerError);
        auto peer = socket.remote_endpoint(peerError);
        std::string peerAddress = peerError ? std::string() : peer.address().to_string();
        const bool viaProxy = trustedProxies.contains(peerAddress);
        Refusal refusal = Refusal::None;
        if (openConnections.load() >= config.limits.maxConnections)
            refusal = Refusal::ServerFull;
        else if (!viaProxy && !connectionsPerPeer.tryAcquire(addressKey(peerAddress)))
            refusal = Refusal::PeerFull;
        if (refusal == Refusal::None) {
            ++openConnections;
            metrics.connectionOpened();
        } else {
            metrics.connectionRefused();
        }
        beast::tcp_stream stream(std::move(socket));
        if (tls) {
            auto s = std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
                self, beast::ssl_stream<beast::tcp_stream>(std::move(stream), *tls), refusal,
                std::move(peerAddress), viaProxy);
            s->start();
        } else {
            auto s = std::make_shared<Session<beast::tcp_stream>>(self, std::move(stream), refusal,
                                                                  std::move(peerAddress), viaProxy);
            s->start();
        }
    }
}

HttpServer::HttpServer(ServerConfig config, RequestHandler handler, Metrics& metrics)
    : m_impl(std::make_shared<Impl>(std::move(config), std::move(handler), metrics)) {}

HttpServer::~HttpServer() = default;

Result<std::string> HttpServer::listen() {
    Impl& s = *m_impl;
    if (s.config.tlsEnabled()) {
        s.tls.emplace(ssl::context::tls_server);
        s.tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                           ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                           ssl::context::no_tlsv1_1);
        beast::error_code ec;
        s.tls->use_certificate_chain_file(s.config.tlsCert, ec);
        if (ec)
            return makeError("tls_error",
                             "cannot load certificate " + s.config.tlsCert + ": " + ec.message());
        s.tls->use_private_key_file(s.config.tlsKey, ssl::context::pem, ec);
        if (ec)
            return makeError("tls_error",
                             "cannot load private key " + s.config.tlsKey + ": " + ec.message());
    }
    beast::error_code ec;
    auto address =
        asio::ip::make_address(s.config.host == "localhost" ? "127.0.0.1" : s.config.host, ec);
    if (ec)
        return makeError("invalid_argument", "invalid listen address " + s.config.host);
    tcp::endpoint endpoint(address, s.config.port);
    s.acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        s.acceptor.bind(endpoint, ec);
    if (!ec)
        s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return makeError("listen_failed", "cannot listen on " + s.config.host + ":" +
                                              std::to_string(s.config.port) + ": " + ec.message());
    auto bound = s.acceptor.local_endpoint();
    std::string host = bound.address().to_string();
    if (bound.address().is_v6())
        host = "[" + host + "]";
    return host + ":" + std::to_string(bound.port());
}

void HttpServer::run() {
    auto impl = m_impl;
    impl->signals.async_wait([impl](beast::error_code ec, int) {
        if (!ec)
            impl->beginShutdown();
    });
    asio::co_spawn(impl->control, impl->acceptLoop(), asio::detached);
    std::vector<std::thread> extra;
    for (std::uint32_t i = 1; i < impl->config.threads; ++i)
        extra.emplace_back([impl] { impl->ioc.run(); });
    impl->ioc.run();
    for (auto& t : extra)
        t.join();
}

void HttpServer::stop() {
    asio::post(m_impl->control, [impl = m_impl] { impl->beginShutdown(); });
}

} // namespace td::server
