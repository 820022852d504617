#include "td/server/errors.hpp"
#include "td/server/metrics.hpp"
#include "td/server/peer_limits.hpp"
#include "td/server/query.hpp"
#include "td/server/rate_limiter.hpp"
#include "td/server/request_log.hpp"

#include <catch2/catch.hpp>

using namespace td::server;
using namespace std::chrono_literals;

TEST_CASE("the rate limiter refuses the request over the limit and says when to retry") {
    RateLimiter limiter(60); // one per second, bursts of 60
    auto t0 = RateLimiter::Clock::time_point{} + 1h;
    for (int i = 0; i < 60; ++i)
        REQUIRE(limiter.take("a", t0).allowed);
    auto refused = limiter.take("a", t0);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.retryAfter == 1s);
    CHECK(limiter.take("b", t0).allowed); // per key
    CHECK(limiter.take("a", t0 + 1s).allowed);
    CHECK_FALSE(limiter.take("a", t0 + 1s).allowed);
}

TEST_CASE("a zero rate limit is off") {
    RateLimiter limiter(0);
    for (int i = 0; i < 1000; ++i)
        REQUIRE(limiter.take("a").allowed);
}

TEST_CASE("metrics count by route template and status and render Prometheus text") {
    Metrics m;
    m.recordRequest("/api/v1/sync/push", 200, 3ms);
    m.recordRequest("/api/v1/sync/push", 200, 30ms);
    m.recordRequest("/api/v1/sync/push", 413, 1ms);
    m.recordRecords({5, 2, 1, 3});
    CHECK(m.requestCount("/api/v1/sync/push", 200) == 2);
    CHECK(m.requestCount("/api/v1/sync/push", 413) == 1);
    auto text = m.render();
    CHECK(text.find("td_http_requests_total{route=\"/api/v1/sync/push\",status=\"200\"} 2\n") !=
          std::string::npos);
    CHECK(text.find("td_sync_records_total{outcome=\"stored\"} 5\n") != std::string::npos);
    CHECK(text.find("td_sync_records_total{outcome=\"rejected\"} 3\n") != std::string::npos);
    CHECK(text.find("td_http_request_duration_seconds_bucket{le=\"0.005\"} 2\n") !=
          std::string::npos);
    CHECK(text.find("td_http_request_duration_seconds_bucket{le=\"+Inf\"} 3\n") !=
          std::string::npos);
    CHECK(text.find("td_http_request_duration_seconds_count 3\n") != std::string::npos);
}

TEST_CASE("query strings decode and reject bad escapes and repeats") {
    auto q = parseQuery("cursor=c1.0a&limit=5&x=a%20b+c");
    REQUIRE(q);
    CHECK(q->at("cursor") == "c1.0a");
    CHECK(q->at("limit") == "5");
    CHECK(q->at("x") == "a b c");
    CHECK_FALSE(parseQuery("a=%zz"));
    CHECK_FALSE(parseQuery("a=%2"));
    CHECK_FALSE(parseQuery("a=1&a=2"));
    CHECK(parseQuery("")->empty());
}

TEST_CASE("error answers have the JSON error shape") {
    auto r = errorResponse(415, "unsupported_media_type", "needs \"json\"");
    CHECK(r.status == 415);
    CHECK(r.body == R"({"error":{"code":"unsupported_media_type","message":"needs \"json\""}})");
    CHECK(statusForErrorCode("not_found") == 404);
    CHECK(statusForErrorCode("batch_too_large") == 422);
    CHECK(statusForErrorCode("something_else") == 400);
}

TEST_CASE("log lines hold the route template and never more") {
    RequestLogEntry e{"r-1", "POST", "/api/v1/devices/{id}/revoke", 200, 2ms, "coordinator", ""};
    auto line = formatLogLine(e);
    CHECK(line.back() == '\n');
    CHECK(line.find(R"("route":"/api/v1/devices/{id}/revoke")") != std::string::npos);
    CHECK(line.find(R"("status":200)") != std::string::npos);
    CHECK(line.find(R"("request_id":"r-1")") != std::string::npos);
    CHECK(line.find("error") == std::string::npos);
}

TEST_CASE("the per-address counter refuses a key at its cap and admits it again after a release") {
    KeyedCounter counter(2);
    CHECK(counter.tryAcquire("10.0.0.1"));
    CHECK(counter.tryAcquire("10.0.0.1"));
    CHECK_FALSE(counter.tryAcquire("10.0.0.1"));
    CHECK(counter.count("10.0.0.1") == 2); // the refused one is not counted
    CHECK(counter.tryAcquire("10.0.0.2"));
    counter.release("10.0.0.1");
    CHECK(counter.tryAcquire("10.0.0.1"));
    counter.release("10.0.0.1");
    counter.release("10.0.0.1");
    counter.release("10.0.0.1"); // one more than held: ignored
    CHECK(counter.count("10.0.0.1") == 0);
    KeyedCounter uncapped(0);
    for (int i = 0; i < 1000; ++i)
        REQUIRE(uncapped.tryAcquire("x"));
}

TEST_CASE("trusted proxies: none without behind-proxy, any peer without a list, else the listed") {
    CHECK_FALSE(TrustedProxies(false, {}).contains("127.0.0.1"));
    CHECK_FALSE(TrustedProxies(false, {"127.0.0.1"}).contains("127.0.0.1"));
    CHECK(TrustedProxies(true, {}).contains("192.0.2.7"));
    TrustedProxies listed(true, {"127.0.0.1", "2001:db8::1"});
    CHECK(listed.contains("127.0.0.1"));
    CHECK(listed.contains("::ffff:127.0.0.1")); // the same host over an IPv6 socket
    CHECK(listed.contains("2001:0db8:0000::0001"));
    CHECK_FALSE(listed.contains("127.0.0.2"));
    CHECK_FALSE(listed.contains(""));
    CHECK_FALSE(listed.contains("not an address"));
    CHECK(isIpAddress("10.1.2.3"));
    CHECK(isIpAddress("fe80::1"));
    CHECK_FALSE(isIpAddress("10.1.2.3:80"));
    CHECK_FALSE(isIpAddress("[::1]"));
    CHECK_FALSE(isIpAddress("10.0.0.0/8"));
}
