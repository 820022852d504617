// Failed sign-in and enrolment attempts limited per client address and per account name:
// the handler layer with a fake clock, the client-address rule, and one real server on the wire.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "live_server.hpp"
#include "td/server/auth_crypto.hpp"
#include "td/server/config.hpp"
#include "td/server/http_types.hpp"
#include "td/server/rate_limiter.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <vector>

using namespace td;
using namespace td::test;

namespace {

server::Limits authLimits(std::uint32_t maxFailures, std::chrono::seconds window) {
    server::Limits limits;
    limits.maxAuthFailures = maxFailures;
    limits.authFailureWindow = window;
    return limits;
}

std::string loginBody(const std::string& user, const std::string& password) {
    return R"({"username":")" + user + R"(","password":")" + password + "\"}";
}

server::HttpResponse login(ApiHarness& h, const std::string& user, const std::string& password) {
    return h.call("POST", "/api/v1/auth/login", loginBody(user, password));
}

server::HttpResponse enrol(ApiHarness& h, const std::string& code) {
    return h.call("POST", "/api/v1/devices/enrol", R"({"code":")" + code + "\"}");
}

} // namespace

TEST_CASE("after N wrong passwords from one address even the right one is refused until the "
          "window passes") {
    ApiHarness h(authLimits(3, std::chrono::seconds(60)));
    h.createAccount("carol", store::Role::Coordinator);
    h.clientAddress = "203.0.113.5";
    for (int i = 0; i < 3; ++i) {
        auto wrong = login(h, "carol", "not the password");
        REQUIRE(wrong.status == 401);
        CHECK(errorCode(wrong) == "invalid_credentials");
        CHECK(headerOf(wrong, "Retry-After").empty());
    }
    auto locked = login(h, "carol", kPassword);
    CHECK(locked.status == 429);
    CHECK(errorCode(locked) == "too_many_attempts");
    CHECK(headerOf(locked, "Retry-After") == "60");
    CHECK(locked.body.find("try again in 60 seconds") != std::string::npos);
    CHECK(metricValue(h.metrics.render(), "td_auth_refused_total") == 1);

    h.nowMs += 30'000;
    auto stillLocked = login(h, "carol", kPassword);
    CHECK(stillLocked.status == 429);
    CHECK(headerOf(stillLocked, "Retry-After") == "30");
    CHECK(metricValue(h.metrics.render(), "td_auth_refused_total") == 2);

    h.nowMs += 30'000;
    auto ok = login(h, "carol", kPassword);
    INFO(ok.body);
    CHECK(ok.status == 200);
}

TEST_CASE("a locked attempt is answered before any password hashing") {
    ApiHarness h(authLimits(1, std::chrono::seconds(60)));
    h.createAccount("carol", store::Role::Coordinator);
    auto hash = server::hashPassword(kPassword);
    REQUIRE(hash);
    using Clock = std::chrono::steady_clock;
    auto start = Clock::now();
    REQUIRE(server::verifyPassword(*hash, "not the password") == false);
    const auto oneVerify = Clock::now() - start;

    REQUIRE(login(h, "carol", "not the password").status == 401);
    auto fastest = Clock::duration::max();
    for (int i = 0; i < 5; ++i) {
        start = Clock::now();
        REQUIRE(login(h, "carol", kPassword).status == 429);
        fastest = std::min(fastest, Clock::now() - start);
    }
    CHECK(fastest * 4 < oneVerify);
}

TEST_CASE("parallel guesses cannot all slip through one check") {
    ApiHarness h(authLimits(3, std::chrono::seconds(900)));
    h.createAccount("carol", store::Role::Coordinator);
    std::vector<int> statuses(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < statuses.size(); ++i)
        threads.emplace_back([&, i] {
            server::HttpRequest req;
            req.method = "POST";
            req.path = "/api/v1/auth/login";
            req.headers = {{"content-type", "application/json"}};
            req.body = loginBody("carol", "wrong " + std::to_string(i));
            req.clientAddress = "203.0.113.5";
            statuses[i] = h.api->handle(std::move(req)).status;
        });
    for (auto& t : threads)
        t.join();
    CHECK(std::count(statuses.begin(), statuses.end(), 401) == 3);
    CHECK(std::count(statuses.begin(), statuses.end(), 429) == 5);
}

TEST_CASE("another address is not locked by one address's failures") {
    ApiHarness h(authLimits(3, std::chrono::seconds(900)));
    h.createAccount("carol", store::Role::Coordinator);
    h.createAccount("dave", store::Role::Coordinator);
    h.clientAddress = "203.0.113.5";
    for (int i = 0; i < 3; ++i)
        REQUIRE(login(h, i == 1 ? "dave" : "nobody", "wrong").status == 401);
    REQUIRE(login(h, "carol", kPassword).status == 429);

    h.clientAddress = "198.51.100.20";
    CHECK(login(h, "carol", "wrong").status == 401);
    CHECK(login(h, "carol", kPassword).status == 200);
}

TEST_CASE("failures at one account name from many addresses lock that name only") {
    ApiHarness h(authLimits(3, std::chrono::seconds(900)));
    h.createAccount("carol", store::Role::Coordinator);
    h.createAccount("dave", store::Role::Coordinator);
    for (int i = 1; i <= 3; ++i) {
        h.clientAddress = "198.51.100." + std::to_string(i);
        REQUIRE(login(h, "carol", "wrong").status == 401);
    }
    h.clientAddress = "198.51.100.4";
    auto locked = login(h, "carol", kPassword);
    CHECK(locked.status == 429);
    CHECK(errorCode(locked) == "too_many_attempts");
    CHECK(login(h, "dave", kPassword).status == 200); // the address itself is not locked

    // An account that does not exist is locked the same way: the lock reveals nothing.
    for (int i = 5; i <= 7; ++i) {
        h.clientAddress = "198.51.100." + std::to_string(i);
        auto unknown = login(h, "nobody", "wrong");
        REQUIRE(unknown.status == 401);
        CHECK(errorCode(unknown) == "invalid_credentials");
    }
    h.clientAddress = "198.51.100.8";
    CHECK(login(h, "nobody", "wrong").status == 429);
}

TEST_CASE("a successful login clears its account's failures but not its address's") {
    ApiHarness h(authLimits(3, std::chrono::seconds(900)));
    h.createAccount("carol", store::Role::Coordinator);
    h.createAccount("dave", store::Role::Coordinator);
    const std::string a = "203.0.113.5", b = "198.51.100.20";
    h.clientAddress = a;
    REQUIRE(login(h, "carol", "wrong").status == 401);
    REQUIRE(login(h, "carol", "wrong").status == 401);
    REQUIRE(login(h, "carol", kPassword).status == 200);

    // carol's count starts again: two more failures elsewhere do not reach three.
    h.clientAddress = b;
    CHECK(login(h, "carol", "wrong").status == 401);
    CHECK(login(h, "carol", "wrong").status == 401);

    // Address a still holds its two failures: one more locks it, whoever signs in.
    h.clientAddress = a;
    CHECK(login(h, "dave", "wrong").status == 401);
    CHECK(login(h, "dave", kPassword).status == 429);
}

TEST_CASE("wrong enrolment codes lock the address; a valid code is refused unchecked and not "
          "spent") {
    ApiHarness h(authLimits(3, std::chrono::seconds(120)));
    h.seedContent();
    std::string coordinator = h.tokenFor(server::Role::Coordinator);
    auto created = h.call("POST", "/api/v1/enrolment-codes", R"({"role":"officer"})", coordinator);
    REQUIRE(created.status == 201);
    std::string oneTime = boost::json::parse(created.body).at("code").as_string().c_str();

    h.clientAddress = "203.0.113.9";
    for (int i = 0; i < 3; ++i) {
        auto wrong = enrol(h, "WXYZ-2345");
        REQUIRE(wrong.status == 404);
        CHECK(errorCode(wrong) == "invalid_code");
    }
    auto locked = enrol(h, oneTime);
    CHECK(locked.status == 429);
    CHECK(errorCode(locked) == "too_many_attempts");
    CHECK(headerOf(locked, "Retry-After") == "120");
    CHECK(enrol(h, kCampaignCode).status == 429);
    // Enrolment and login failures share the address's count.
    h.createAccount("carol", store::Role::Coordinator);
    CHECK(login(h, "carol", kPassword).status == 429);

    h.clientAddress = "198.51.100.30";
    CHECK(enrol(h, kCampaignCode).status == 201);

    h.clientAddress = "203.0.113.9";
    h.nowMs += 120'000;
    auto late = enrol(h, oneTime);
    INFO(late.body);
    CHECK(late.status == 201); // the locked attempt did not use the code up
}

TEST_CASE("the default allows ten failures, and 0 turns the limiter off") {
    {
        ApiHarness h;
        h.createAccount("carol", store::Role::Coordinator);
        for (int i = 0; i < 10; ++i)
            REQUIRE(enrol(h, "WXYZ-2345").status == 404);
        CHECK(login(h, "carol", kPassword).status == 429);
    }
    for (auto limits :
         {authLimits(0, std::chrono::seconds(900)), authLimits(3, std::chrono::seconds(0))}) {
        ApiHarness h(limits);
        h.createAccount("carol", store::Role::Coordinator);
        for (int i = 0; i < 5; ++i)
            REQUIRE(login(h, "carol", "wrong").status == 401);
        CHECK(login(h, "carol", kPassword).status == 200);
    }
}

TEST_CASE("the client address: the peer, or behind a proxy the last X-Forwarded-For entry") {
    server::HttpRequest req;
    CHECK(server::clientAddressOf("10.0.0.2", req, true) == "10.0.0.2");
    CHECK(server::clientAddressOf("10.0.0.2", req, false) == "10.0.0.2");

    req.headers.emplace_back("x-forwarded-for", "198.51.100.7, 203.0.113.5");
    CHECK(server::clientAddressOf("10.0.0.2", req, true) == "203.0.113.5");
    // Without the proxy option anyone can send the field: it is ignored.
    CHECK(server::clientAddressOf("10.0.0.2", req, false) == "10.0.0.2");

    // Several fields: the last one is the proxy's.
    req.headers.emplace_back("X-Forwarded-For", " 2001:db8::5 ");
    CHECK(server::clientAddressOf("10.0.0.2", req, true) == "2001:db8::5");

    server::HttpRequest blank;
    blank.headers.emplace_back("x-forwarded-for", "198.51.100.7, ");
    CHECK(server::clientAddressOf("10.0.0.2", blank, true) == "10.0.0.2");
    server::HttpRequest tooLong;
    tooLong.headers.emplace_back("x-forwarded-for", std::string(100, '1'));
    CHECK(server::clientAddressOf("10.0.0.2", tooLong, true) == "10.0.0.2");
}

TEST_CASE("a forged X-Forwarded-For escapes nothing; behind a proxy it names the client") {
    for (bool behindProxy : {false, true}) {
        INFO("behind proxy: " << behindProxy);
        ApiHarness h(authLimits(2, std::chrono::seconds(900)));
        h.createAccount("carol", store::Role::Coordinator);
        auto attempt = [&](const std::string& forwarded, const std::string& user,
                           const std::string& password) {
            server::HttpRequest req;
            req.method = "POST";
            req.path = "/api/v1/auth/login";
            req.headers = {{"content-type", "application/json"}, {"x-forwarded-for", forwarded}};
            req.body = loginBody(user, password);
            // What the socket layer does for a request from peer 10.0.0.2.
            req.clientAddress = server::clientAddressOf("10.0.0.2", req, behindProxy);
            return h.api->handle(std::move(req)).status;
        };
        REQUIRE(attempt("198.51.100.1", "nobody1", "wrong") == 401);
        REQUIRE(attempt("198.51.100.2", "nobody2", "wrong") == 401);
        if (behindProxy) // two clients, one failure each: neither is locked
            CHECK(attempt("198.51.100.3", "carol", kPassword) == 200);
        else // one peer, whatever it claims: locked
            CHECK(attempt("198.51.100.3", "carol", kPassword) == 429);
    }
}

TEST_CASE("the failure window slides: each failure counts for exactly one window") {
    server::AuthFailureLimiter limiter(3, std::chrono::seconds(300));
    const std::int64_t t0 = 1'000'000;
    limiter.recordFailure("198.51.100.1", "", t0);
    limiter.recordFailure("198.51.100.1", "", t0 + 100'000);
    CHECK(limiter.check("198.51.100.1", "", t0 + 150'000).allowed);
    limiter.recordFailure("198.51.100.1", "", t0 + 200'000);
    auto locked = limiter.check("198.51.100.1", "", t0 + 200'000);
    CHECK_FALSE(locked.allowed);
    CHECK(locked.retryAfter == std::chrono::seconds(100)); // until the first leaves
    CHECK_FALSE(limiter.check("198.51.100.1", "", t0 + 299'999).allowed);
    CHECK(limiter.check("198.51.100.1", "", t0 + 300'000).allowed);
    limiter.recordFailure("198.51.100.1", "", t0 + 310'000);
    auto again = limiter.check("198.51.100.1", "", t0 + 310'000);
    CHECK_FALSE(again.allowed);
    CHECK(again.retryAfter == std::chrono::seconds(90)); // the second, at t0+100s, leaves at 400s
    CHECK(limiter.check("198.51.100.2", "", t0 + 310'000).allowed);

    // Accounts: locked by name, cleared by a success.
    for (int i = 0; i < 3; ++i)
        limiter.recordFailure("203.0.113." + std::to_string(i), "carol", t0);
    CHECK_FALSE(limiter.check("203.0.113.50", "carol", t0).allowed);
    CHECK(limiter.check("203.0.113.50", "dave", t0).allowed);
    limiter.clearAccount("carol");
    CHECK(limiter.check("203.0.113.50", "carol", t0).allowed);
}

TEST_CASE("an attempt counts from its start until it is known not to have failed") {
    server::AuthFailureLimiter limiter(2, std::chrono::seconds(60));
    CHECK(limiter.beginAttempt("198.51.100.1", "carol", 1000).allowed);
    CHECK(limiter.beginAttempt("198.51.100.1", "dave", 1001).allowed);
    CHECK_FALSE(limiter.beginAttempt("198.51.100.1", "erin", 1002).allowed);
    limiter.forgetAttempt("198.51.100.1", "dave", 1001); // it succeeded
    CHECK(limiter.check("198.51.100.1", "", 1003).allowed);
    CHECK(limiter.beginAttempt("198.51.100.2", "carol", 1004).allowed);
    CHECK_FALSE(limiter.check("198.51.100.3", "carol", 1005).allowed); // two, both counted
}

TEST_CASE("limiter keys: an IPv6 /64 is one key, IPv4-mapped IPv6 is IPv4") {
    CHECK(server::addressKey("2001:db8:1:2:aaaa::1") == server::addressKey("2001:db8:1:2::ffff"));
    CHECK(server::addressKey("2001:db8:1:2::1") != server::addressKey("2001:db8:1:3::1"));
    CHECK(server::addressKey("::ffff:198.51.100.7") == "198.51.100.7");
    CHECK(server::addressKey("198.51.100.7") == "198.51.100.7");
    CHECK(server::addressKey("198.51.100.7") != server::addressKey("198.51.100.8"));
}

TEST_CASE("over real HTTP a locked address gets 429 with Retry-After, forged X-Forwarded-For "
          "or not") {
    LiveServer server({"--max-auth-failures", "3", "--auth-failure-window", "600"});
    auto c = server.client();
    for (int i = 0; i < 3; ++i)
        REQUIRE(c.post("/api/v1/auth/login", loginBody("alice", "wrong")).status == 401);
    auto locked = c.post("/api/v1/auth/login", loginBody("alice", kPassword));
    CHECK(locked.status == 429);
    CHECK(jsonString(locked.body, "/error/code") == "too_many_attempts");
    const int retryAfter = std::stoi(locked.header("retry-after"));
    CHECK(retryAfter > 500);
    CHECK(retryAfter <= 600);
    auto forged =
        c.request("POST", "/api/v1/auth/login", loginBody("nobody", "wrong"),
                  {{"Content-Type", "application/json"}, {"X-Forwarded-For", "198.51.100.99"}});
    CHECK(forged.status == 429);
    auto enrolled =
        c.post("/api/v1/devices/enrol", R"({"code":")" + std::string(kCampaignCode) + "\"}");
    CHECK(enrolled.status == 429);

    auto metrics = server.client(server.tokens.coordinator).get("/metrics");
    REQUIRE(metrics.status == 200);
    CHECK(metricValue(metrics.body, "td_auth_refused_total") == 3);
    // The request log has no client address.
    CHECK(server.logText().find("127.0.0.1") == std::string::npos);
}

TEST_CASE("behind a proxy on the wire, each X-Forwarded-For client has its own count") {
    LiveServer server({"--behind-proxy", "--max-auth-failures", "2"});
    auto c = server.client();
    auto from = [&](const std::string& forwarded, const std::string& password) {
        return c.request("POST", "/api/v1/auth/login", loginBody("alice", password),
                         {{"Content-Type", "application/json"},
                          {"X-Forwarded-For", "198.51.100.99, " + forwarded}});
    };
    REQUIRE(from("203.0.113.1", "wrong").status == 401);
    REQUIRE(from("203.0.113.1", kPassword).status == 200); // clears alice's own count
    REQUIRE(from("203.0.113.1", "wrong").status == 401);
    CHECK(from("203.0.113.1", kPassword).status == 429); // the address holds two failures
    CHECK(from("203.0.113.2", kPassword).status == 200);
}

TEST_CASE("--max-auth-failures and --auth-failure-window on the command line") {
    auto cmd = server::parseCommandLine(
        {"--max-auth-failures", "5", "--auth-failure-window", "60", "--behind-proxy"});
    REQUIRE(cmd);
    CHECK(cmd->config.limits.maxAuthFailures == 5);
    CHECK(cmd->config.limits.authFailureWindow == std::chrono::seconds(60));
    auto off = server::parseCommandLine({"--max-auth-failures", "0"});
    REQUIRE(off);
    CHECK(off->config.limits.maxAuthFailures == 0);
    CHECK(server::Limits{}.maxAuthFailures == 10);
    CHECK(server::Limits{}.authFailureWindow == std::chrono::seconds(900));
    auto bad = server::parseCommandLine({"--auth-failure-window", "15m"});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("--auth-failure-window") != std::string::npos);
    CHECK_FALSE(server::parseCommandLine({"--max-auth-failures", "-1"}));
    CHECK(server::usageText().find("--max-auth-failures N") != std::string::npos);
    CHECK(server::usageText().find("--auth-failure-window SECONDS") != std::string::npos);
}
