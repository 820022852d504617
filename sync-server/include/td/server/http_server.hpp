#pragma once
// The socket layer: a Boost.Beast HTTP/1.1 server on C++20 coroutines. Only this unit sees
// Beast; requests are handed to a plain handler function as HttpRequest values.

#include "td/core/result.hpp"
#include "td/server/config.hpp"
#include "td/server/http_types.hpp"
#include "td/server/metrics.hpp"

#include <functional>
#include <memory>
#include <string>

namespace td::server {

/// Answers one request; called on an I/O thread, possibly concurrently.
using RequestHandler = std::function<HttpResponse(HttpRequest&&)>;

class HttpServer {
public:
    HttpServer(ServerConfig config, RequestHandler handler, Metrics& metrics);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Loads TLS material (when configured) and binds the listening socket. Returns the bound
    /// address as "HOST:PORT" (the real port when the configured one is 0).
    Result<std::string> listen();

    /// Serves on the configured number of threads until SIGINT/SIGTERM or stop(): then stops
    /// accepting, lets in-flight requests finish (closing idle connections) and returns.
    void run();

    /// Requests the same clean shutdown as a signal. Thread-safe.
    void stop();

    struct Impl; // the Beast state, defined in http_server.cpp

private:
    std::shared_ptr<Impl> m_impl;
};

} // namespace td::server
