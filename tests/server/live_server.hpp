#pragma once
// A real td-sync-server on loopback with a temp database, bootstrapped with content and
// tokens for each role.

#include "fixtures.hpp"
#include "server_process.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <signal.h>
#include <sstream>
#include <thread>

namespace td::test {

struct LiveServer {
    explicit LiveServer(std::vector<std::string> extraArgs = {}, bool tls = false)
        : args(std::move(extraArgs))
        , tls(tls) {
        REQUIRE(createCoordinator(db()));
        start();
        tokens = bootstrap(address(), tls);
    }

    std::string db() const { return dir.file("server.db"); }
    std::string log() const { return dir.file("server.log"); }
    const std::string& address() const { return process->address(); }

    void start() {
        process = std::make_unique<ServerProcess>(db(), args, log());
        REQUIRE(process->started());
    }

    HttpClient client(const std::string& token = {}) const {
        HttpClient c(address(), tls);
        c.setToken(token);
        return c;
    }

    /// A client (from `source`; empty: 127.0.0.1) on a kept-alive connection the server has
    /// accepted and answered. Retried for up to 2 s: connections closed just before (e.g. the
    /// bootstrap's) count on the server's side until it has seen them close.
    HttpClient acceptedClient(const std::string& source = {}) const {
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (attempt)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            HttpClient c = client();
            c.setSourceAddress(source);
            if (c.get("/healthz").status == 200)
                return c;
        }
        FAIL("the server accepted no connection from " << (source.empty() ? "127.0.0.1" : source));
        return client();
    }

    std::string logText() const {
        std::ifstream in(log());
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }

    TempDir dir;
    std::vector<std::string> args;
    bool tls;
    std::unique_ptr<ServerProcess> process;
    Tokens tokens;
};

} // namespace td::test
