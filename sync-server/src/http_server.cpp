#include "td/server/http_server.hpp"

#include "td/server/errors.hpp"
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
#include <optional>
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

// What a session needs to be told when the server stops.
struct SessionBase {
    virtual ~SessionBase() = default;
    virtual void closeIfIdle() = 0;
};

HttpRequest toPlainRequest(http::request<http::string_body>&& req) {
    HttpRequest out;
    out.method = std::string(req.method_string());
    std::string_view target = req.target();
    auto q = target.find('?');
    out.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos)
        out.query = std::string(target.substr(q + 1));
    out.headers.reserve(16);
    for (const auto& field : req) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        out.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    out.body = std::move(req.body());
    return out;
}

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

    std::mutex sessionsMutex;
    std::list<std::weak_ptr<SessionBase>> sessions;

    Impl(ServerConfig c, RequestHandler h, Metrics& m)
        : config(std::move(c))
        , handler(std::move(h))
        , metrics(m)
        , ioc(static_cast<int>(config.threads)) {}

    void logRejected(std::string_view method, int status, std::string_view code,
                     std::chrono::steady_clock::time_point start) {
        auto duration = std::chrono::steady_clock::now() - start;
        std::string id = nextRequestId();
        metrics.recordRequest("rejected", status, duration);
        logRequest({id, method, "rejected", status, duration, {}, code});
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
    Session(std::shared_ptr<HttpServer::Impl> server, Stream stream, bool refuse)
        : m_server(std::move(server))
        , m_stream(std::move(stream))
        , m_refuse(refuse) {}

    void start() {
        m_registration = m_server->addSession(this->weak_from_this());
        auto exec = tcpLayer().get_executor();
        asio::co_spawn(exec, run(this->shared_from_this()), asio::detached);
    }

    void closeIfIdle() override {
        asio::post(tcpLayer().get_executor(), [self = this->shared_from_this()] {
            // A request partly received is in flight too: let it finish.
            bool receiving = self->m_parser && self->m_parser->got_some();
            if (!self->m_busy && !receiving) {
                beast::error_code ec;
                self->tcpLayer().socket().cancel(ec); // may already be closed
            }
        });
    }

private:
    beast::tcp_stream& tcpLayer() { return beast::get_lowest_layer(m_stream); }

    static asio::awaitable<void> run(std::shared_ptr<Session> self) {
        co_await self->serve();
        self->m_server->removeSession(self->m_registration);
        if (self->m_refuse)
            self->m_server->metrics.connectionRefused();
        else {
            --self->m_server->openConnections;
            self->m_server->metrics.connectionClosed();
        }
    }

    asio::awaitable<void> serve() {
        const Limits& limits = m_server->config.limits;
        if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
            tcpLayer().expires_after(limits.readTimeout);
            auto [ec] = co_await m_stream.async_handshake(ssl::stream_base::server, kNoThrow);
            if (ec)
                co_return;
        }
        beast::flat_buffer buffer;
        std::uint32_t answered = 0;
        while (true) {
            http::request_parser<http::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(limits.maxHeaderBytes));
            parser.body_limit(limits.maxBodyBytes);
            tcpLayer().expires_after(limits.readTimeout);
            m_busy = false;
            if (m_server->stopping)
                break;
            m_parser = &parser;
            auto [ec, bytes] = co_await http::async_read(m_stream, buffer, parser, kNoThrow);
            (void)bytes;
            m_parser = nullptr;
            m_busy = true;
            auto start = std::chrono::steady_clock::now();
            if (ec) {
                std::optional<HttpResponse> answer;
                if (ec == http::error::body_limit) {
                    answer = errorResponse(413, "payload_too_large",
                                           "request body exceeds " +
                                               std::to_string(limits.maxBodyBytes) + " bytes");
                } else if (ec == http::error::header_limit) {
                    answer = errorResponse(431, "header_too_large",
                                           "request header exceeds " +
                                               std::to_string(limits.maxHeaderBytes) + " bytes");
                } else if (ec.category() ==
                               http::make_error_code(http::error::body_limit).category() &&
                           ec != http::error::end_of_stream && ec != http::error::partial_message) {
                    answer = errorResponse(400, "bad_request", "malformed HTTP request");
                }
                if (answer) {
                    m_server->logRejected("-", answer->status,
                                          answer->status == 413   ? "payload_too_large"
                                          : answer->status == 431 ? "header_too_large"
                                                                  : "bad_request",
                                          start);
                    co_await write(std::move(*answer), 11, false);
                    co_await drainInput();
                }
                break;
            }
            auto req = parser.release();
            const unsigned version = req.version();
            bool keepAlive = req.keep_alive();
            HttpResponse answer;
            if (m_refuse) {
                answer = errorResponse(503, "server_busy", "too many open connections");
                answer.headers.emplace_back("Retry-After", "1");
                m_server->logRejected(std::string(req.method_string()), 503, "server_busy", start);
                keepAlive = false;
            } else {
                HttpRequest plain = toPlainRequest(std::move(req));
                beast::error_code peerError;
                auto peer = tcpLayer().socket().remote_endpoint(peerError);
                plain.clientAddress = clientAddressOf(
                    peerError ? std::string() : peer.address().to_string(), plain,
                    m_server->config.behindProxy);
                answer = m_server->handler(std::move(plain));
            }
            ++answered;
            keepAlive = keepAlive && !answer.closeConnection && !m_server->stopping &&
                        answered < limits.maxRequestsPerConnection;
            if (!co_await write(std::move(answer), version, keepAlive) || !keepAlive)
                break;
        }
        co_await close();
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
    bool m_refuse;
    bool m_busy = false;
    http::request_parser<http::string_body>* m_parser = nullptr;
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
        bool refuse = openConnections.load() >= config.limits.maxConnections;
        if (!refuse) {
            ++openConnections;
            metrics.connectionOpened();
        }
        beast::tcp_stream stream(std::move(socket));
        if (tls) {
            auto s = std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
                self, beast::ssl_stream<beast::tcp_stream>(std::move(stream), *tls), refuse);
            s->start();
        } else {
            auto s = std::make_shared<Session<beast::tcp_stream>>(self, std::move(stream), refuse);
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
