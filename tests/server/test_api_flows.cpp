// Endpoint behaviour through the handler layer: login, enrolment, devices, surveys,
// campaigns, places, content types and unknown routes.
#include "api_harness.hpp"
#include "fixtures.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using namespace td;
using namespace td::test;
using server::Role;

namespace {

std::string loginBody(const std::string& user, const std::string& password) {
    return R"({"username":")" + user + R"(","password":")" + password + "\"}";
}

} // namespace

TEST_CASE("login returns a bearer token that works, and wrong passwords get 401") {
    ApiHarness h;
    h.createAccount("alice", store::Role::Coordinator);
    auto ok = h.call("POST", "/api/v1/auth/login", loginBody("alice", kPassword));
    REQUIRE(ok.status == 200);
    CHECK(jsonString(ok.body, "/token_type") == "Bearer");
    CHECK(jsonString(ok.body, "/role") == "coordinator");
    CHECK(jsonString(ok.body, "/expires_at") == "2025-05-30T08:00:00.000Z");
    std::string token = jsonString(ok.body, "/token");
    CHECK(token.size() == 43);
    CHECK(h.call("GET", "/api/v1/devices", "", token).status == 200);

    auto wrong = h.call("POST", "/api/v1/auth/login", loginBody("alice", "nope nope nope"));
    CHECK(wrong.status == 401);
    CHECK(errorCode(wrong) == "invalid_credentials");
    auto unknown = h.call("POST", "/api/v1/auth/login", loginBody("mallory", kPassword));
    CHECK(unknown.status == 401);
    CHECK(errorCode(unknown) == "invalid_credentials");
    auto extra =
        h.call("POST", "/api/v1/auth/login", R"({"username":"alice","password":"x","admin":true})");
    CHECK(extra.status == 400);
    CHECK(errorCode(extra) == "unknown_field");
    auto broken = h.call("POST", "/api/v1/auth/login", R"({"username":)");
    CHECK(broken.status == 400);
    CHECK(errorCode(broken) == "malformed_json");
    auto plain =
        h.call("POST", "/api/v1/auth/login", loginBody("alice", kPassword), "", "text/plain");
    CHECK(plain.status == 415);
    CHECK(errorCode(plain) == "unsupported_media_type");
}

TEST_CASE("tokens expire after the configured lifetime") {
    server::Limits limits;
    limits.tokenLifetime = std::chrono::hours(1);
    ApiHarness h(limits);
    h.createAccount("alice", store::Role::Coordinator);
    auto ok = h.call("POST", "/api/v1/auth/login", loginBody("alice", kPassword));
    REQUIRE(ok.status == 200);
    std::string token = jsonString(ok.body, "/token");
    h.nowMs += 3'599'000;
    CHECK(h.call("GET", "/api/v1/devices", "", token).status == 200);
    h.nowMs += 1'000;
    auto late = h.call("GET", "/api/v1/devices", "", token);
    CHECK(late.status == 401);
    CHECK(errorCode(late) == "token_expired");
}

TEST_CASE("enrolment codes are one-time, expire, and give the code's role") {
    ApiHarness h;
    std::string coordinator = h.tokenFor(Role::Coordinator);
    auto code = h.call("POST", "/api/v1/enrolment-codes", R"({"role":"kiosk"})", coordinator);
    REQUIRE(code.status == 201);
    std::string clear = jsonString(code.body, "/code");
    CHECK(clear.size() == 9);

    std::string typed = clear; // typed in lower case without the dash
    typed.erase(4, 1);
    for (auto& c : typed)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto enrolled = h.call("POST", "/api/v1/devices/enrol",
                           R"({"code":")" + typed + R"(","label":"Tablet 1"})");
    REQUIRE(enrolled.status == 201);
    CHECK(jsonString(enrolled.body, "/role") == "kiosk");
    std::string kiosk = jsonString(enrolled.body, "/token");
    std::string deviceId = jsonString(enrolled.body, "/device_id");
    CHECK(h.call("GET", "/api/v1/sync/pull", "", kiosk).status == 200);

    auto again = h.call("POST", "/api/v1/devices/enrol", R"({"code":")" + clear + "\"}");
    CHECK(again.status == 409);
    CHECK(errorCode(again) == "code_used");

    auto wrong = h.call("POST", "/api/v1/devices/enrol", R"({"code":"AAAA-AAAA"})");
    CHECK(wrong.status == 404);
    CHECK(errorCode(wrong) == "invalid_code");

    auto shortLived = h.call("POST", "/api/v1/enrolment-codes",
                             R"({"role":"officer","expires_in_seconds":60})", coordinator);
    REQUIRE(shortLived.status == 201);
    h.nowMs += 61'000;
    auto expired = h.call("POST", "/api/v1/devices/enrol",
                          R"({"code":")" + jsonString(shortLived.body, "/code") + "\"}");
    CHECK(expired.status == 400);
    CHECK(errorCode(expired) == "code_expired");

    auto badRole =
        h.call("POST", "/api/v1/enrolment-codes", R"({"role":"coordinator"})", coordinator);
    CHECK(badRole.status == 400);

    // The device is listed, and revoking it revokes its token.
    auto list = h.call("GET", "/api/v1/devices", "", coordinator);
    REQUIRE(list.status == 200);
    CHECK(list.body.find(deviceId) != std::string::npos);
    CHECK(list.body.find("Tablet 1") != std::string::npos);
    auto revoked = h.call("POST", "/api/v1/devices/" + deviceId + "/revoke", "", coordinator);
    CHECK(revoked.status == 200);
    auto after = h.call("GET", "/api/v1/sync/pull", "", kiosk);
    CHECK(after.status == 401);
    CHECK(errorCode(after) == "token_revoked");
    CHECK(h.call("POST", "/api/v1/devices/nope/revoke", "", coordinator).status == 404);
}

TEST_CASE("a campaign's public code enrols an anonymous resident scoped to that campaign") {
    ApiHarness h;
    h.seedContent();
    auto res = h.call("POST", "/api/v1/devices/enrol", R"({"code":"vindeln25"})");
    REQUIRE(res.status == 201);
    CHECK(jsonString(res.body, "/role") == "resident");
    CHECK(jsonString(res.body, "/campaign_id") == kCampaignId);
    auto body = boost::json::parse(res.body);
    CHECK_FALSE(body.as_object().contains("device_id"));
    std::string resident = jsonString(res.body, "/token");

    // Residents are not devices: nothing about them is listed.
    auto devices = h.store->listDevices(true);
    REQUIRE(devices);
    CHECK(devices->empty());

    std::vector<std::string> ids;
    auto push = h.call("POST", "/api/v1/sync/push", pushBody(responseRecords(2, &ids)), resident);
    INFO(push.body);
    REQUIRE(push.status == 200);
    CHECK(jsonString(push.body, "/results/0/status") == "stored");
    CHECK(jsonString(push.body, "/results/1/status") == "stored");

    // Closing the campaign stops new residents.
    std::string coordinator = h.tokenFor(Role::Coordinator);
    REQUIRE(
        h.call("POST", std::string("/api/v1/campaigns/") + kCampaignId + "/close", "", coordinator)
            .status == 200);
    auto closed = h.call("POST", "/api/v1/devices/enrol", R"({"code":"VINDELN25"})");
    CHECK(closed.status == 409);
    CHECK(errorCode(closed) == "campaign_closed");
    REQUIRE(
        h.call("POST", std::string("/api/v1/campaigns/") + kCampaignId + "/open", "", coordinator)
            .status == 200);
    CHECK(h.call("POST", "/api/v1/devices/enrol", R"({"code":"VINDELN25"})").status == 201);
}

TEST_CASE("a published survey version never changes") {
    ApiHarness h;
    std::string c = h.tokenFor(Role::Coordinator);
    std::string text = vindelnSurveyText();
    REQUIRE(h.call("POST", "/api/v1/surveys", text, c).status == 201);
    auto dup = h.call("POST", "/api/v1/surveys", text, c);
    CHECK(dup.status == 409);
    CHECK(errorCode(dup) == "already_exists");

    auto draft = h.call("GET", "/api/v1/surveys/trygghetsenkat_vindeln", "", c);
    REQUIRE(draft.status == 200);
    CHECK(jsonString(draft.body, "/status") == "draft");
    // Drafts are not synced to devices.
    std::string officer = h.tokenFor(Role::Officer);
    auto pulled = h.call("GET", "/api/v1/sync/pull", "", officer);
    REQUIRE(pulled.status == 200);
    CHECK(pulled.body.find("trygghetsenkat_vindeln") == std::string::npos);

    // Editing the draft before publishing is fine.
    CHECK(h.call("PUT", "/api/v1/surveys/trygghetsenkat_vindeln", text, c).status == 200);
    auto published = h.call("POST", "/api/v1/surveys/trygghetsenkat_vindeln/publish", "", c);
    REQUIRE(published.status == 200);
    CHECK(jsonString(published.body, "/status") == "published");
    auto twice = h.call("POST", "/api/v1/surveys/trygghetsenkat_vindeln/publish", "", c);
    CHECK(twice.status == 409);
    auto edit = h.call("PUT", "/api/v1/surveys/trygghetsenkat_vindeln", text, c);
    CHECK(edit.status == 409);
    CHECK(errorCode(edit) == "published_immutable");

    pulled = h.call("GET", "/api/v1/sync/pull", "", officer);
    CHECK(pulled.body.find("trygghetsenkat_vindeln@1") != std::string::npos);

    // A new version is a new draft that can be published beside the old one.
    auto v2 = boost::json::parse(text);
    v2.as_object()["version"] = 2;
    std::string v2text = boost::json::serialize(v2);
    CHECK(h.call("PUT", "/api/v1/surveys/trygghetsenkat_vindeln", v2text, c).status == 200);
    REQUIRE(h.call("POST", "/api/v1/surveys/trygghetsenkat_vindeln/publish", "", c).status == 200);
    auto list = h.call("GET", "/api/v1/surveys", "", c);
    REQUIRE(list.status == 200);
    auto listed = boost::json::parse(list.body);
    REQUIRE(listed.at("surveys").as_array().size() == 1);
    CHECK(listed.at("surveys").at(0).at("published_versions").as_array().size() == 2);

    // Each published version stays readable, also while a draft of the next one is open.
    auto v3 = boost::json::parse(text);
    v3.as_object()["version"] = 3;
    v3.as_object()["title"].as_object()["sv"] = "Version tre";
    REQUIRE(h.call("PUT", "/api/v1/surveys/trygghetsenkat_vindeln", boost::json::serialize(v3), c)
                .status == 200);
    for (int version : {1, 2}) {
        auto one = h.call(
            "GET", "/api/v1/surveys/trygghetsenkat_vindeln/versions/" + std::to_string(version), "",
            c);
        INFO(one.body);
        REQUIRE(one.status == 200);
        CHECK(jsonString(one.body, "/status") == "published");
        CHECK(boost::json::parse(one.body).at("survey").at("version") == version);
        CHECK(boost::json::parse(one.body).at("survey").at("title").at("sv") != "Version tre");
    }
    CHECK(jsonString(h.call("GET", "/api/v1/surveys/trygghetsenkat_vindeln", "", c).body,
                     "/status") == "draft");
    auto draftVersion = h.call("GET", "/api/v1/surveys/trygghetsenkat_vindeln/versions/3", "", c);
    CHECK(draftVersion.status == 404);
    CHECK(errorCode(draftVersion) == "not_found");
    for (const char* bad : {"0", "x", "2x", "-1"}) {
        auto res = h.call(
            "GET", std::string("/api/v1/surveys/trygghetsenkat_vindeln/versions/") + bad, "", c);
        INFO(bad);
        CHECK(res.status == 400);
        CHECK(errorCode(res) == "invalid_version");
    }
    CHECK(h.call("GET", "/api/v1/surveys/trygghetsenkat_vindeln/versions/1", "", officer).status ==
          403);

    auto mismatch = h.call("PUT", "/api/v1/surveys/other", v2text, c);
    CHECK(mismatch.status == 422);
    CHECK(errorCode(mismatch) == "id_mismatch");
    auto invalid = h.call("POST", "/api/v1/surveys", R"({"id":"x"})", c);
    CHECK(invalid.status == 422);
    CHECK(errorCode(invalid) == "missing_field");
    CHECK(h.call("GET", "/api/v1/surveys/none", "", c).status == 404);
}

TEST_CASE("campaigns need a published survey and unique public codes") {
    ApiHarness h;
    h.seedContent();
    std::string c = h.tokenFor(Role::Coordinator);
    auto got = h.call("GET", std::string("/api/v1/campaigns/") + kCampaignId, "", c);
    REQUIRE(got.status == 200);
    auto campaign = boost::json::parse(got.body);
    CHECK(campaign.at("status").as_string() == "open");

    auto other = campaign;
    other.as_object()["id"] = "annan";
    auto taken = h.call("POST", "/api/v1/campaigns", boost::json::serialize(other), c);
    CHECK(taken.status == 409);
    CHECK(errorCode(taken) == "code_taken");
    other.as_object()["public_code"] = "ANNAN25";
    other.as_object()["survey_version"] = 7;
    auto noSurvey = h.call("POST", "/api/v1/campaigns", boost::json::serialize(other), c);
    CHECK(noSurvey.status == 422);
    CHECK(errorCode(noSurvey) == "unknown_survey");
    other.as_object()["survey_version"] = 1;
    CHECK(h.call("POST", "/api/v1/campaigns", boost::json::serialize(other), c).status == 201);

    // Changing the public code moves it.
    campaign.as_object()["public_code"] = "NYKOD25";
    auto updated = h.call("PUT", std::string("/api/v1/campaigns/") + kCampaignId,
                          boost::json::serialize(campaign), c);
    REQUIRE(updated.status == 200);
    CHECK(h.call("POST", "/api/v1/devices/enrol", R"({"code":"VINDELN25"})").status == 404);
    CHECK(h.call("POST", "/api/v1/devices/enrol", R"({"code":"NYKOD25"})").status == 201);
    auto list = h.call("GET", "/api/v1/campaigns", "", c);
    CHECK(boost::json::parse(list.body).at("campaigns").as_array().size() == 2);
    CHECK(h.call("POST", "/api/v1/campaigns/none/close", "", c).status == 404);
}

TEST_CASE("places can be created, read, updated and are visible to officers") {
    ApiHarness h;
    std::string c = h.tokenFor(Role::Coordinator);
    std::string place =
        R"({"id":"vindeln_stationen","name":"Stationen","locality":"vindeln","lat":64.2012,)"
        R"("lon":19.7151,"kind":"station","aliases":[]})";
    auto created = h.call("POST", "/api/v1/places", place, c);
    INFO(created.body);
    REQUIRE(created.status == 201);
    CHECK(h.call("POST", "/api/v1/places", place, c).status == 409);
    std::string officer = h.tokenFor(Role::Officer);
    auto got = h.call("GET", "/api/v1/places/vindeln_stationen", "", officer);
    REQUIRE(got.status == 200);
    CHECK(boost::json::parse(got.body).at("name").as_string() == "Stationen");
    auto moved = boost::json::parse(place);
    moved.as_object()["name"] = "Vindelns station";
    CHECK(h.call("PUT", "/api/v1/places/vindeln_stationen", boost::json::serialize(moved), c)
              .status == 200);
    auto list = h.call("GET", "/api/v1/places", "", officer);
    CHECK(list.body.find("Vindelns station") != std::string::npos);
    auto badLat = moved;
    badLat.as_object()["lat"] = 123.0;
    auto refused =
        h.call("PUT", "/api/v1/places/vindeln_stationen", boost::json::serialize(badLat), c);
    INFO(refused.body);
    CHECK(refused.status == 422);
    // Named at its field, in the same shape as the validator's issues, for the form to show.
    CHECK(jsonString(refused.body, "/error/path") == "lat");
    CHECK(jsonString(refused.body, "/error/issues/0/path") == "lat");
    CHECK(h.call("PUT", "/api/v1/places/other", boost::json::serialize(moved), c).status == 422);

    // Conditional updates: the ETag is the revision; a write based on an older read is refused.
    auto etagOf = [](const server::HttpResponse& r) {
        for (const auto& [name, value] : r.headers)
            if (name == "ETag")
                return value;
        return std::string();
    };
    CHECK(etagOf(created) == "\"1\"");
    auto read = h.call("GET", "/api/v1/places/vindeln_stationen", "", c);
    REQUIRE(etagOf(read) == "\"2\"");
    h.headers = {{"if-match", "\"2\""}};
    moved.as_object()["lat"] = 64.2020;
    auto fresh =
        h.call("PUT", "/api/v1/places/vindeln_stationen", boost::json::serialize(moved), c);
    CHECK(fresh.status == 200);
    CHECK(etagOf(fresh) == "\"3\"");
    // A second writer who also read revision 2 loses nothing and changes nothing.
    auto rival = moved;
    rival.as_object()["name"] = "Gamla stationen";
    auto stale =
        h.call("PUT", "/api/v1/places/vindeln_stationen", boost::json::serialize(rival), c);
    INFO(stale.body);
    CHECK(stale.status == 412);
    CHECK(errorCode(stale) == "stale_revision");
    CHECK(etagOf(stale) == "\"3\"");
    h.headers.clear();
    auto after = h.call("GET", "/api/v1/places/vindeln_stationen", "", c);
    CHECK(boost::json::parse(after.body).at("name").as_string() == "Vindelns station");
    CHECK(boost::json::parse(after.body).at("lat").to_number<double>() == 64.2020);
    // "*" and no If-Match write whatever is stored.
    h.headers = {{"if-match", "*"}};
    CHECK(h.call("PUT", "/api/v1/places/vindeln_stationen", boost::json::serialize(rival), c)
              .status == 200);
    h.headers.clear();
}

TEST_CASE("unknown routes and methods, health and metrics") {
    ApiHarness h;
    CHECK(h.call("GET", "/nothing").status == 404);
    CHECK(errorCode(h.call("GET", "/nothing")) == "not_found");
    CHECK(h.call("DELETE", "/api/v1/surveys").status == 405);
    auto health = h.call("GET", "/healthz");
    CHECK(health.status == 200);
    CHECK(health.body == R"({"status":"ok"})");
    auto metrics = h.call("GET", "/metrics", "", h.tokenFor(Role::Admin));
    REQUIRE(metrics.status == 200);
    CHECK(metrics.contentType.rfind("text/plain", 0) == 0);
    CHECK(metrics.body.find("td_http_requests_total{route=\"/healthz\",status=\"200\"} 1") !=
          std::string::npos);
    CHECK(metrics.body.find("route=\"unmatched\",status=\"404\"} 2") != std::string::npos);
    auto doc = h.call("GET", "/api/v1/openapi.json");
    CHECK(doc.status == 200);
    CHECK(boost::json::parse(doc.body).at("openapi").as_string() == "3.0.3");
}

TEST_CASE("per-token rate limit answers 429 with Retry-After") {
    server::Limits limits;
    limits.rateLimitPerMinute = 5;
    ApiHarness h(limits);
    std::string officer = h.tokenFor(Role::Officer);
    std::string other = h.tokenFor(Role::Officer);
    for (int i = 0; i < 5; ++i)
        REQUIRE(h.call("GET", "/api/v1/sync/pull", "", officer).status == 200);
    auto limited = h.call("GET", "/api/v1/sync/pull", "", officer);
    CHECK(limited.status == 429);
    CHECK(errorCode(limited) == "rate_limited");
    bool hasRetryAfter = false;
    for (const auto& [k, v] : limited.headers)
        if (k == "Retry-After")
            hasRetryAfter = std::stoi(v) >= 1;
    CHECK(hasRetryAfter);
    CHECK(h.call("GET", "/api/v1/sync/pull", "", other).status == 200);
}
