// Limits over real HTTP: header size, read timeout, connection count, rate, shutdown.
#include "live_server.hpp"

#include <boost/json/parse.hpp>
#include <chrono>
#include <signal.h>
#include <thread>

using namespace td;
using namespace td::test;
using namespace std::chrono_literals;

TEST_CASE("a header block over --max-header-bytes is refused with 431") {
    LiveServer server({"--max-header-bytes", "4096"});
    auto c = server.client();
    auto res = c.request("GET", "/healthz", {}, {{"X-Padding", std::string(8000, 'a')}});
    CHECK(res.status == 431);
    CHECK(jsonString(res.body, "/error/code") == "header_too_large");
    CHECK(server.client().get("/healthz").status == 200);
}

TEST_CASE("slow and stalled clients are closed after the read timeout") {
    LiveServer server({"--read-timeout-ms", "400"});
    HttpClient stalled = server.client();
    REQUIRE(stalled.connect());
    HttpClient idle = server.client();
    REQUIRE(idle.get("/healthz").status == 200); // then stays idle on keep-alive
    HttpClient partial = server.client();
    REQUIRE(partial.connect());
    REQUIRE(partial.sendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")); // then stalls
    auto start = std::chrono::steady_clock::now();
    CHECK(stalled.closedByPeer(3000));
    CHECK(idle.closedByPeer(3000));
    CHECK(partial.closedByPeer(3000));
    CHECK(std::chrono::steady_clock::now() - start < 2500ms);
    CHECK(server.client().get("/healthz").status == 200);
}

TEST_CASE("connections over --max-connections get 503 until one closes") {
    LiveServer server({"--max-connections", "3"});
    std::vector<HttpClient> open;
    for (int i = 0; i < 3; ++i) {
        // The bootstrap's connections may still be closing on the server's side: a connection
        // counts until the server has seen it close.
        int status = 0;
        for (int attempt = 0; attempt < 100 && status != 200; ++attempt) {
            if (attempt)
                std::this_thread::sleep_for(20ms);
            HttpClient c = server.client();
            status = c.get("/healthz").status;
            if (status == 200)
                open.push_back(std::move(c)); // accepted and kept alive
        }
        REQUIRE(status == 200);
    }
    auto refused = server.client().get("/healthz");
    CHECK(refused.status == 503);
    CHECK(jsonString(refused.body, "/error/code") == "server_busy");
    open.pop_back(); // closes one
    bool admitted = false;
    for (int attempt = 0; attempt < 50 && !admitted; ++attempt) {
        admitted = server.client().get("/healthz").status == 200;
        if (!admitted)
            std::this_thread::sleep_for(20ms);
    }
    CHECK(admitted);
}

TEST_CASE("requests over the per-token rate get 429 with Retry-After") {
    LiveServer server({"--rate-limit-per-minute", "5"});
    auto officer = server.client(server.tokens.officer);
    for (int i = 0; i < 5; ++i)
        REQUIRE(officer.get("/api/v1/sync/pull").status == 200);
    auto limited = officer.get("/api/v1/sync/pull");
    CHECK(limited.status == 429);
    CHECK(jsonString(limited.body, "/error/code") == "rate_limited");
    CHECK(std::stoi(limited.header("retry-after")) >= 1);
    CHECK(server.client(server.tokens.kiosk).get("/api/v1/sync/pull").status == 200);
}

TEST_CASE("SIGTERM finishes the request in flight, then exits cleanly") {
    LiveServer server;
    auto body = pushBody(responseRecords(50));
    std::string head =
        "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
        server.tokens.officer +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n\r\n";
    HttpClient idle = server.client();
    REQUIRE(idle.get("/healthz").status == 200);

    std::string firstHalf = head + body.substr(0, body.size() / 2);
    std::string secondHalf = body.substr(body.size() / 2);
    // Send half the request, signal, then the rest: the request still gets its answer.
    HttpClient inflight = server.client();
    REQUIRE(inflight.connect());
    REQUIRE(inflight.sendRaw(firstHalf));
    std::this_thread::sleep_for(300ms);
    ::kill(server.process->pid(), SIGTERM);
    std::this_thread::sleep_for(300ms);
    REQUIRE(inflight.sendRaw(secondHalf));
    auto res = inflight.readAnswer();
    CHECK(res.status == 200);
    CHECK(res.header("connection") == "close");
    CHECK(idle.closedByPeer(3000));
    CHECK(server.process->stop(0) == 0);
    CHECK(server.logText().find(R"({"event":"stopped"})") != std::string::npos);
    // The database was closed cleanly: the server starts again on it.
    server.start();
    auto pulled = server.client(server.tokens.coordinator).get("/api/v1/sync/pull?limit=1000");
    CHECK(pulled.status == 200);
    CHECK(boost::json::parse(pulled.body).at("changes").as_array().size() >= 50);
}

TEST_CASE("plain HTTP on a non-loopback address is refused at start") {
    std::string out;
    TempDir dir;
    int rc = runServerCommand({"--db", dir.file("x.db"), "--listen", "0.0.0.0:0"}, &out);
    CHECK(rc == 2);
    CHECK(runServerCommand({"--help"}, &out) == 0);
    CHECK(out.find("--max-connections") != std::string::npos);
}

TEST_CASE("admin create-enrolment-code prints a code a device can enrol with once") {
    TempDir dir;
    std::string db = dir.file("server.db");
    std::string out;
    REQUIRE(runServerCommand({"--db", db, "admin", "create-enrolment-code", "--role", "kiosk",
                              "--expires-in", "2h"},
                             &out) == 0);
    REQUIRE(out.size() == 10); // XXXX-XXXX and a newline
    std::string code = out.substr(0, 9);
    CHECK(code[4] == '-');
    CHECK(runServerCommand({"--db", db, "admin", "create-enrolment-code", "--role", "admin"}) == 2);
    CHECK(runServerCommand({"--db", db, "admin", "create-coordinator", "bob"}, nullptr,
                           {"TD_ADMIN_PASSWORD=short"}) == 1);

    ServerProcess server(db, {}, dir.file("server.log"));
    REQUIRE(server.started());
    HttpClient c(server.address());
    auto enrolled = c.post("/api/v1/devices/enrol", R"({"code":")" + code + "\"}");
    CHECK(enrolled.status == 201);
    CHECK(jsonString(enrolled.body, "/role") == "kiosk");
    auto again = c.post("/api/v1/devices/enrol", R"({"code":")" + code + "\"}");
    CHECK(again.status == 409);
    CHECK(jsonString(again.body, "/error/code") == "code_used");
}
