// A running campaign through the coordinator API: closing with a grace period for queued
// responses, the poster's link and QR code, and the responses counted per channel and day.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "td/model/codec.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <set>

using namespace td;
using namespace td::test;

namespace {

constexpr std::int64_t kDayMs = 86'400'000;
const std::string kCampaignPath = std::string("/api/v1/campaigns/") + kCampaignId;

// A response record for the Vindeln campaign with the given channel and submission time.
std::string responseAt(model::Channel channel, const std::string& submittedAt, unsigned seed) {
    const std::string id = newRecordId();
    auto r = makeResponse(vindelnSurvey(), kCampaignId, id, seed);
    r.channel = channel;
    r.submittedAt = submittedAt;
    return pushRecordJson("response", id, 1, model::toJsonText(r));
}

std::string pushStatus(ApiHarness& h, const std::string& token, const std::string& record) {
    auto res = h.call("POST", "/api/v1/sync/push", pushBody({record}), token);
    INFO(res.body);
    REQUIRE(res.status == 200);
    const std::string status = jsonString(res.body, "/results/0/status");
    return status == "rejected" ? jsonString(res.body, "/results/0/reason/code") : status;
}

// Adds the web channel to the harness's campaign, so that it has a resident link.
void putOnWeb(ApiHarness& h, const std::string& coordinator) {
    auto current = h.call("GET", kCampaignPath, "", coordinator);
    REQUIRE(current.status == 200);
    auto c = boost::json::parse(current.body).as_object();
    c["channels"].as_array().push_back("web");
    auto put = h.call("PUT", kCampaignPath, boost::json::serialize(c), coordinator);
    INFO(put.body);
    REQUIRE(put.status == 200);
}

} // namespace

TEST_CASE("a closing campaign refuses new residents and takes queued responses for its grace "
          "period") {
    ApiHarness h;
    h.seedContent();
    // Tokens that outlive the grace period the test moves the clock through.
    const std::string coordinator = h.tokenFor(server::Role::Coordinator, 30 * kDayMs);
    const std::string officer = h.tokenFor(server::Role::Officer, 30 * kDayMs);
    putOnWeb(h, coordinator);

    SECTION("grace_days must be a whole number from 0 to 90") {
        for (const char* body : {R"({"grace_days":-1})", R"({"grace_days":91})",
                                 R"({"grace_days":"7"})", R"({"grace_days":7.5})"}) {
            auto res = h.call("POST", kCampaignPath + "/closing", body, coordinator);
            INFO(body << " " << res.body);
            CHECK(res.status == 422);
            CHECK(errorCode(res) == "invalid_grace_days");
        }
        auto notObject = h.call("POST", kCampaignPath + "/closing", "[7]", coordinator);
        CHECK(notObject.status == 400);
        CHECK(errorCode(notObject) == "malformed_json");
        auto still = h.call("GET", kCampaignPath, "", coordinator);
        CHECK(jsonString(still.body, "/status") == "open");
    }

    SECTION("closing, then the grace period ends") {
        // 2025-04-30 08:00 UTC (harness time) + 3 days.
        auto closing =
            h.call("POST", kCampaignPath + "/closing", R"({"grace_days":3})", coordinator);
        INFO(closing.body);
        REQUIRE(closing.status == 200);
        CHECK(jsonString(closing.body, "/status") == "closing");
        CHECK(jsonString(closing.body, "/accept_queued_until") == "2025-05-03");

        // No new residents: neither the web survey nor resident enrolment.
        auto web = h.call("GET", std::string("/api/v1/web-surveys/") + kCampaignCode);
        CHECK(web.status == 410);
        CHECK(errorCode(web) == "campaign_closed");
        CHECK(web.body.find("closing") != std::string::npos);
        auto enrol = h.call("POST", "/api/v1/devices/enrol",
                            std::string(R"({"code":")") + kCampaignCode + "\"}");
        CHECK(enrol.status == 409);
        CHECK(errorCode(enrol) == "campaign_closed");

        // What a device queued is taken until the last day of the grace period, inclusive.
        CHECK(
            pushStatus(h, officer, responseAt(model::Channel::Survey, "2025-04-29T10:00:00Z", 1)) ==
            "stored");
        h.nowMs += 3 * kDayMs + 12 * 3'600'000LL; // 2025-05-03 20:00 UTC, 22:00 in Sweden
        CHECK(
            pushStatus(h, officer, responseAt(model::Channel::Survey, "2025-04-29T11:00:00Z", 2)) ==
            "stored");
        h.nowMs += 3 * 3'600'000LL; // 2025-05-04 01:00 in Sweden
        CHECK(
            pushStatus(h, officer, responseAt(model::Channel::Survey, "2025-04-29T12:00:00Z", 3)) ==
            "campaign_closed");

        // Opening it again clears the grace period; closing ends it at once.
        auto reopened = h.call("POST", kCampaignPath + "/open", "", coordinator);
        REQUIRE(reopened.status == 200);
        CHECK(jsonString(reopened.body, "/status") == "open");
        CHECK(reopened.body.find("accept_queued_until") == std::string::npos);
        REQUIRE(h.call("POST", kCampaignPath + "/closing", "", coordinator).status == 200);
        auto closed = h.call("POST", kCampaignPath + "/close", "", coordinator);
        REQUIRE(closed.status == 200);
        CHECK(closed.body.find("accept_queued_until") == std::string::npos);
        CHECK(
            pushStatus(h, officer, responseAt(model::Channel::Survey, "2025-04-29T13:00:00Z", 4)) ==
            "campaign_closed");
        auto again = h.call("POST", kCampaignPath + "/closing", "", coordinator);
        CHECK(again.status == 409);
        CHECK(errorCode(again) == "campaign_closed");
    }

    SECTION("the default grace period is 14 days and the act is audited") {
        auto closing = h.call("POST", kCampaignPath + "/closing", "", coordinator);
        REQUIRE(closing.status == 200);
        CHECK(jsonString(closing.body, "/accept_queued_until") == "2025-05-14");
        store::AuditQuery q;
        q.action = "campaign.closing";
        auto entries = h.store->listAudit(q);
        REQUIRE(entries);
        REQUIRE(entries->size() == 1);
        CHECK(entries->front().target == kCampaignId);
        CHECK(entries->front().detail.find("\"grace_days\":14") != std::string::npos);
    }

    SECTION("a closing campaign without its last day is invalid") {
        auto current = h.call("GET", kCampaignPath, "", coordinator);
        auto c = boost::json::parse(current.body).as_object();
        c["status"] = "closing";
        auto put = h.call("PUT", kCampaignPath, boost::json::serialize(c), coordinator);
        CHECK(put.status == 422);
        CHECK(jsonString(put.body, "/error/issues/0/code") == "missing_field");
        CHECK(jsonString(put.body, "/error/issues/0/path") == "accept_queued_until");
    }
}

// The campaign in a device's pull, as the device speaking `protocol` (0: no TD-Protocol header).
boost::json::object pulledCampaign(ApiHarness& h, const std::string& officer, int protocol) {
    h.headers.clear();
    if (protocol > 0)
        h.headers.emplace_back("td-protocol", std::to_string(protocol));
    auto res = h.call("GET", "/api/v1/sync/pull?limit=500", "", officer);
    h.headers.clear();
    INFO(res.body);
    REQUIRE(res.status == 200);
    const boost::json::value page = boost::json::parse(res.body);
    for (const auto& c : page.at("changes").as_array())
        if (c.at("kind") == "campaign" && c.at("id") == kCampaignId)
            return c.at("body").as_object();
    FAIL("the campaign is not in the pull");
    return {};
}

TEST_CASE("apps that do not know closing campaigns see them closed") {
    ApiHarness h;
    h.seedContent();
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);
    const std::string officer = h.tokenFor(server::Role::Officer);
    REQUIRE(h.call("POST", kCampaignPath + "/closing", R"({"grace_days":5})", coordinator).status ==
            200);

    // Today's apps (protocol 2, and any newer one) get the campaign as stored, and decode it.
    for (int protocol : {2, 3, 999}) {
        const auto body = pulledCampaign(h, officer, protocol);
        CHECK(body.at("status") == "closing");
        CHECK(body.at("accept_queued_until") == "2025-05-05");
        CHECK(model::fromJsonText<model::Campaign>(boost::json::serialize(body)));
    }
    // An app without the header, or saying 1, is a first-release app: it knows "open" and
    // "closed" and exactly these fields, as its strict decoder did.
    const std::set<std::string> firstReleaseFields{"id",
                                                   "name",
                                                   "survey_id",
                                                   "survey_version",
                                                   "year",
                                                   "period_start",
                                                   "period_end",
                                                   "channels",
                                                   "public_code",
                                                   "status",
                                                   "retain_free_text_until",
                                                   "retain_responses_until"};
    for (int protocol : {0, 1}) {
        INFO("protocol " << protocol);
        const auto body = pulledCampaign(h, officer, protocol);
        CHECK(body.at("status") == "closed");
        for (const auto& field : body)
            CHECK(firstReleaseFields.contains(std::string(field.key())));
    }
    // Open again: every app gets the same body.
    REQUIRE(h.call("POST", kCampaignPath + "/open", "", coordinator).status == 200);
    CHECK(pulledCampaign(h, officer, 0) == pulledCampaign(h, officer, 2));

    for (const char* bad : {"two", "0", "-1", "1.5", "1000", " 2"}) {
        h.headers = {{"td-protocol", bad}};
        auto res = h.call("GET", "/api/v1/sync/pull", "", officer);
        INFO(bad << " " << res.body);
        CHECK(res.status == 400);
        CHECK(errorCode(res) == "invalid_protocol");
    }
}

TEST_CASE("the poster carries the resident link and its QR code") {
    ApiHarness h;
    h.seedContent();
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);
    auto noWeb =
        h.call("GET", kCampaignPath + "/poster?origin=https://trygg.example.se", "", coordinator);
    CHECK(noWeb.status == 409);
    CHECK(errorCode(noWeb) == "no_public_link");

    putOnWeb(h, coordinator);
    auto poster = h.call("GET", kCampaignPath + "/poster?origin=https://trygg.example.se:8443", "",
                         coordinator);
    INFO(poster.body);
    REQUIRE(poster.status == 200);
    CHECK(jsonString(poster.body, "/link") ==
          std::string("https://trygg.example.se:8443/s/") + kCampaignCode);
    CHECK(jsonString(poster.body, "/public_code") == kCampaignCode);
    CHECK(jsonString(poster.body, "/survey_title/sv").size() > 0);
    const std::string svg = jsonString(poster.body, "/qr_svg");
    CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK(svg.find("<script") == std::string::npos);

    // Anything but a plain origin is not put in a link; without a Host there is none.
    for (const char* origin : {"javascript:alert(1)", "https://a.example/path",
                               "https://a.example\"><x", "ftp://a.example"}) {
        auto bad = h.call("GET", kCampaignPath + "/poster?origin=" + origin, "", coordinator);
        INFO(origin);
        CHECK(bad.status == 400);
        CHECK(errorCode(bad) == "no_origin");
    }
    CHECK(h.call("GET", "/api/v1/campaigns/nope/poster?origin=https://a.example", "", coordinator)
              .status == 404);
    store::AuditQuery q;
    q.action = "campaign.poster";
    auto entries = h.store->listAudit(q);
    REQUIRE(entries);
    CHECK(entries->size() == 1);
}

TEST_CASE("responses are counted per channel and per Swedish day") {
    ApiHarness h;
    h.seedContent();
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);
    const std::string officer = h.tokenFor(server::Role::Officer);
    const std::string kiosk = h.tokenFor(server::Role::Kiosk);
    // 21:30 UTC is 23:30 in Swedish summer time (still the 29th), 22:30 UTC is past midnight.
    REQUIRE(pushStatus(h, officer, responseAt(model::Channel::Survey, "2025-04-29T21:30:00Z", 1)) ==
            "stored");
    REQUIRE(pushStatus(h, officer, responseAt(model::Channel::Survey, "2025-04-29T22:30:00Z", 2)) ==
            "stored");
    REQUIRE(pushStatus(h, kiosk, responseAt(model::Channel::Kiosk, "2025-04-30T08:00:00Z", 3)) ==
            "stored");
    auto res = h.call("GET", kCampaignPath + "/counts", "", coordinator);
    INFO(res.body);
    REQUIRE(res.status == 200);
    auto v = boost::json::parse(res.body);
    CHECK(v.at("total").as_int64() == 3);
    CHECK(v.at("channels").at("survey").as_int64() == 2);
    CHECK(v.at("channels").at("kiosk").as_int64() == 1);
    const auto& days = v.at("days").as_array();
    REQUIRE(days.size() == 2);
    CHECK(days[0].at("date").as_string() == "2025-04-29");
    CHECK(days[0].at("total").as_int64() == 1);
    CHECK(days[1].at("date").as_string() == "2025-04-30");
    CHECK(days[1].at("total").as_int64() == 2);
    CHECK(days[1].at("channels").at("kiosk").as_int64() == 1);
    CHECK(days[1].at("channels").at("survey").as_int64() == 1);

    auto empty = h.call("GET", "/api/v1/campaigns/nope/counts", "", coordinator);
    CHECK(empty.status == 404);
}
