// The server's time limits over real HTTP through the link proxy: a body may take minutes as
// long as it keeps coming; one that stops, or trickles below the minimum rate, is dropped.
#include "../server/live_server.hpp"
#include "link_proxy.hpp"

#include <boost/json/parse.hpp>

using namespace td::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

std::string pushHead(const std::string& token, std::size_t length) {
    return "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(length) +
           "\r\n\r\n";
}

} // namespace

TEST_CASE("a slow but steady upload is received long past the header deadline") {
    // Before bodies had a rate rule, --read-timeout-ms covered the whole request: 1 s here,
    // and this upload takes over 3 s.
    LiveServer server({"--read-timeout-ms", "1000", "--body-stall-timeout-ms", "1000",
                       "--body-min-rate", "20000"});
    LinkShape shape;
    shape.oneWayDelay = 50ms;
    shape.upBytesPerSecond = 100'000;
    LinkProxy proxy(server.address(), shape);
    std::vector<std::string> ids;
    const std::string body = pushBody(responseRecords(300, &ids));
    REQUIRE(body.size() > 300'000);
    HttpClient client(proxy.address());
    client.setToken(server.tokens.officer);
    const auto start = Clock::now();
    auto res = client.post("/api/v1/sync/push", body);
    CHECK(Clock::now() - start >= 3s); // the link's pace: the body alone takes that long
    REQUIRE(res.status == 200);
    std::size_t stored = 0;
    const auto answer = boost::json::parse(res.body);
    for (const auto& r : answer.at("results").as_array())
        stored += r.at("status").as_string() == "stored" ? 1 : 0;
    CHECK(stored == ids.size());
}

TEST_CASE("a body that stops mid-way is dropped after the stall timeout") {
    LiveServer server({"--read-timeout-ms", "30000", "--body-stall-timeout-ms", "500"});
    LinkProxy proxy(server.address(), LinkShape::mobile(64'000, 600ms));
    const std::string body = pushBody(responseRecords(20));
    HttpClient stalled(proxy.address());
    REQUIRE(stalled.connect());
    REQUIRE(stalled.sendRaw(pushHead(server.tokens.officer, body.size()) +
                            body.substr(0, body.size() / 2)));
    // 500 ms of silence after the last byte arrives (the link needs ~2 s to carry them).
    CHECK(stalled.closedByPeer(10'000));
    CHECK(server.client().get("/healthz").status == 200);
}

TEST_CASE("a body that trickles below the minimum rate is dropped") {
    LiveServer server({"--read-timeout-ms", "30000", "--body-stall-timeout-ms", "800",
                       "--body-min-rate", "2000"});
    LinkShape shape;
    shape.upBytesPerSecond = 400; // a byte every few ms: never silent, far too slow
    LinkProxy proxy(server.address(), shape);
    const std::string body = pushBody(responseRecords(20));
    HttpClient trickling(proxy.address());
    REQUIRE(trickling.connect());
    const std::string head = pushHead(server.tokens.officer, body.size());
    REQUIRE(trickling.sendRaw(head + body));
    // At 400 bytes/s the body would need a minute; the rule allows 0.8 s + bytes / 2000.
    CHECK(trickling.closedByPeer(15'000));
    CHECK(proxy.stats().upBytes < head.size() + body.size());
}
