// The server side of the resident web survey (/s/): its data endpoint and the resident limits:
// tokens per client address and hour, and new responses per token, over the handler layer and
// over real HTTP.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "live_server.hpp"
#include "td/server/rate_limiter.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace td;
using namespace td::test;

namespace {

constexpr const char* kWebCode = "WEBB-2025";

// A campaign answered on the web (and a place), beside the harness's survey-and-kiosk one.
void seedWebCampaign(ApiHarness& h, const std::string& coordinator) {
    h.seedContent();
    const std::string campaign =
        std::string(R"({"id":"webb_2025","name":{"sv":"Webbenkät 2025","en":"Web survey 2025"},)") +
        R"("survey_id":"trygghetsenkat_vindeln","survey_version":1,"year":2025,)"
        R"("period_start":"2025-04-01","period_end":"2025-06-30","channels":["web"],)"
        R"("public_code":")" +
        kWebCode +
        R"(","status":"open",)"
        R"("retain_free_text_until":"2025-09-30"})";
    auto created = h.call("POST", "/api/v1/campaigns", campaign, coordinator);
    INFO(created.body);
    REQUIRE(created.status == 201);
    auto place = h.call("POST", "/api/v1/places",
                        R"({"id":"vindeln_stationen","name":"Stationen","locality":"vindeln",)"
                        R"("lat":64.2,"lon":19.72,"kind":"station","aliases":["tågstationen"]})",
                        coordinator);
    INFO(place.body);
    REQUIRE(place.status == 201);
}

server::Limits residentLimits(std::uint32_t perHour, std::uint32_t perToken) {
    server::Limits limits;
    limits.residentEnrolmentsPerHour = perHour;
    limits.residentResponsesPerToken = perToken;
    return limits;
}

server::HttpResponse enrol(ApiHarness& h, const std::string& code) {
    return h.call("POST", "/api/v1/devices/enrol", R"({"code":")" + code + "\"}");
}

} // namespace

TEST_CASE("the web-survey endpoint gives an open web campaign's survey and places, and says "
          "plainly when a code is unknown, not for the web, or closed") {
    ApiHarness h;
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);
    seedWebCampaign(h, coordinator);

    // No token; the code in any case.
    auto open = h.call("GET", "/api/v1/web-surveys/webb-2025");
    INFO(open.body);
    REQUIRE(open.status == 200);
    auto v = boost::json::parse(open.body);
    const auto& campaign = v.at("campaign").as_object();
    CHECK(campaign.at("id").as_string() == "webb_2025");
    CHECK(campaign.at("name").at("sv").as_string() == "Webbenkät 2025");
    CHECK(campaign.at("survey_version").as_int64() == 1);
    CHECK(campaign.at("status").as_string() == "open");
    CHECK_FALSE(campaign.contains("retain_free_text_until")); // nothing a resident needs
    CHECK(v.at("survey").at("id").as_string() == "trygghetsenkat_vindeln");
    CHECK(v.at("survey").at("sections").as_array().size() == 8);
    REQUIRE(v.at("places").as_array().size() == 1);
    CHECK(v.at("places").at(0).at("id").as_string() == "vindeln_stationen");

    auto unknown = h.call("GET", "/api/v1/web-surveys/NO-SUCH-CODE");
    CHECK(unknown.status == 404);
    CHECK(errorCode(unknown) == "unknown_campaign");
    auto kiosk = h.call("GET", std::string("/api/v1/web-surveys/") + kCampaignCode);
    CHECK(kiosk.status == 404);
    CHECK(errorCode(kiosk) == "not_on_web");

    REQUIRE(h.call("POST", "/api/v1/campaigns/webb_2025/close", "", coordinator).status == 200);
    auto closed = h.call("GET", "/api/v1/web-surveys/WEBB-2025");
    CHECK(closed.status == 410);
    CHECK(errorCode(closed) == "campaign_closed");
    auto c = boost::json::parse(closed.body);
    CHECK(c.at("campaign").at("name").at("en").as_string() == "Web survey 2025");
    CHECK(c.at("campaign").at("status").as_string() == "closed");
    CHECK_FALSE(c.as_object().contains("survey"));
}

TEST_CASE("resident tokens are limited per client address and hour; other addresses and the "
          "next tokens of the hour are not affected") {
    ApiHarness h(residentLimits(3, 10));
    h.seedContent();
    h.clientAddress = "198.51.100.7";
    for (int i = 0; i < 3; ++i) {
        auto ok = enrol(h, kCampaignCode);
        INFO(ok.body);
        CHECK(ok.status == 201);
    }
    auto refused = enrol(h, kCampaignCode);
    CHECK(refused.status == 429);
    CHECK(errorCode(refused) == "too_many_enrolments");
    // Three an hour: the next one in twenty minutes.
    CHECK(headerOf(refused, "Retry-After") == "1200");
    CHECK(metricValue(h.metrics.render(), "td_resident_enrolments_refused_total") == 1);

    // A wrong code is still the failed-attempt limiter's business, not this one's.
    CHECK(enrol(h, "NOT-A-CODE").status == 404);

    h.clientAddress = "198.51.100.8";
    CHECK(enrol(h, kCampaignCode).status == 201);
    // IPv6 clients count per /64 network.
    h.clientAddress = "2001:db8:5:6::1";
    for (int i = 0; i < 3; ++i)
        CHECK(enrol(h, kCampaignCode).status == 201);
    h.clientAddress = "2001:db8:5:6::ffff";
    CHECK(enrol(h, kCampaignCode).status == 429);
    h.clientAddress = "2001:db8:5:7::1";
    CHECK(enrol(h, kCampaignCode).status == 201);

    // Twenty minutes later the first address may start one more survey, not two.
    h.clientAddress = "198.51.100.7";
    h.nowMs += 1'200'000;
    CHECK(enrol(h, kCampaignCode).status == 201);
    CHECK(enrol(h, kCampaignCode).status == 429);
}

TEST_CASE("the default limits let a village behind one carrier address take part") {
    const server::Limits defaults;
    CHECK(defaults.residentEnrolmentsPerHour == 600);
    CHECK(defaults.residentResponsesPerToken == 10);
    ApiHarness h;
    h.seedContent();
    h.clientAddress = "203.0.113.200";
    int issued = 0;
    for (int i = 0; i < 600; ++i)
        issued += enrol(h, kCampaignCode).status == 201 ? 1 : 0;
    CHECK(issued == 600);
    CHECK(enrol(h, kCampaignCode).status == 429);
}

TEST_CASE("the rate limiter's period is its own: per hour refills by the hour") {
    server::RateLimiter hourly(2, std::chrono::hours(1));
    const auto t0 = server::RateLimiter::Clock::time_point{} + std::chrono::hours(10);
    CHECK(hourly.take("a", t0).allowed);
    CHECK(hourly.take("a", t0).allowed);
    auto refused = hourly.take("a", t0 + std::chrono::minutes(1));
    CHECK_FALSE(refused.allowed);
    CHECK(refused.retryAfter == std::chrono::seconds(1740));
    CHECK(hourly.take("a", t0 + std::chrono::minutes(30)).allowed);
    CHECK(hourly.take("b", t0).allowed);
}

TEST_CASE("a resident token stores a limited number of new responses; retries of stored ones "
          "still answer duplicate, and the count outlives a restart") {
    LiveServer server({"--resident-responses-per-token", "2"});
    auto resident = server.client(server.tokens.resident);
    std::vector<std::string> ids;
    const auto records = responseRecords(5, &ids, 40);
    auto statusOf = [](const ClientResponse& res, std::size_t i) {
        return std::string(
            boost::json::parse(res.body).at("results").at(i).at("status").as_string());
    };
    auto reasonOf = [](const ClientResponse& res, std::size_t i) {
        return std::string(
            boost::json::parse(res.body).at("results").at(i).at("reason").at("code").as_string());
    };

    auto first = resident.post("/api/v1/sync/push", pushBody({records[0], records[1], records[2]}));
    REQUIRE(first.status == 200);
    CHECK(statusOf(first, 0) == "stored");
    CHECK(statusOf(first, 1) == "stored");
    CHECK(statusOf(first, 2) == "rejected");
    CHECK(reasonOf(first, 2) == "response_limit_reached");

    // The acknowledgement was lost: the retry is a duplicate, the new one still refused.
    auto retry = resident.post("/api/v1/sync/push", pushBody({records[3], records[0]}));
    REQUIRE(retry.status == 200);
    CHECK(statusOf(retry, 0) == "rejected");
    CHECK(reasonOf(retry, 0) == "response_limit_reached");
    CHECK(statusOf(retry, 1) == "duplicate");

    // The count is kept in the database: a restarted server still refuses.
    server.process->stop(SIGTERM);
    server.start();
    auto again = server.client(server.tokens.resident);
    auto afterRestart = again.post("/api/v1/sync/push", pushBody({records[4], records[1]}));
    REQUIRE(afterRestart.status == 200);
    CHECK(reasonOf(afterRestart, 0) == "response_limit_reached");
    CHECK(statusOf(afterRestart, 1) == "duplicate");

    // Another resident, and an officer's device, are not limited by this token's count.
    HttpClient anon(server.address());
    auto other =
        anon.post("/api/v1/devices/enrol", std::string(R"({"code":")") + kCampaignCode + "\"}");
    REQUIRE(other.status == 201);
    auto second = server.client(jsonString(other.body, "/token"));
    CHECK(statusOf(second.post("/api/v1/sync/push", pushBody({records[3]})), 0) == "stored");
    auto officer = server.client(server.tokens.officer);
    CHECK(statusOf(officer.post("/api/v1/sync/push", pushBody({records[4]})), 0) == "stored");
}

TEST_CASE("a rejected response does not count against the token's limit") {
    ApiHarness h(residentLimits(600, 1));
    h.seedContent();
    const std::string resident = h.tokenFor(server::Role::Resident);
    std::vector<std::string> ids;
    auto valid = responseRecords(1, &ids, 7);
    auto invalid = pushRecordJson("response", newRecordId(), 1, R"({"id":"x"})");
    auto res = h.call("POST", "/api/v1/sync/push", pushBody({invalid, valid[0]}), resident);
    REQUIRE(res.status == 200);
    auto v = boost::json::parse(res.body);
    CHECK(v.at("results").at(0).at("status").as_string() == "rejected");
    CHECK(v.at("results").at(1).at("status").as_string() == "stored");
}
