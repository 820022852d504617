// Devices in the coordinator API: what the app reports on each push (its app version and the
// records waiting in its outbox) shown in the device list beside its last sync, older apps that
// report nothing, malformed reports refused, and enrolment codes with their link and QR code.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "td/sync/protocol.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace td;
using namespace td::test;

namespace {

// The device list's entry for `deviceId`.
boost::json::object deviceEntry(ApiHarness& h, const std::string& coordinator,
                                const std::string& deviceId) {
    auto res = h.call("GET", "/api/v1/devices", "", coordinator);
    INFO(res.body);
    REQUIRE(res.status == 200);
    const auto list = boost::json::parse(res.body);
    for (const auto& d : list.at("devices").as_array())
        if (d.at("id").as_string() == deviceId)
            return d.as_object();
    FAIL("device " << deviceId << " is not listed");
    return {};
}

// The id of the device that `token` belongs to (the harness's devices are the only ones).
std::string onlyDeviceId(ApiHarness& h) {
    auto devices = h.store->listDevices(false);
    REQUIRE(devices);
    REQUIRE(devices->size() == 1);
    return devices->front().id;
}

// A push body with `extra` members ahead of the records.
std::string pushWith(const std::string& extra, const std::vector<std::string>& records) {
    std::string body = pushBody(records);
    return "{" + extra + "," + body.substr(1);
}

} // namespace

TEST_CASE("the device list shows what each device reported on its last sync") {
    ApiHarness h;
    h.seedContent();
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);
    const std::string officer = h.tokenFor(server::Role::Officer);
    const std::string id = onlyDeviceId(h);

    auto never = deviceEntry(h, coordinator, id);
    CHECK(never.at("last_sync_at").is_null());
    CHECK(never.at("pending").is_null());
    CHECK(never.at("app_version").is_null());

    auto push =
        h.call("POST", "/api/v1/sync/push",
               pushWith(R"("app_version":"1.4.2","pending":7)", responseRecords(2)), officer);
    INFO(push.body);
    REQUIRE(push.status == 200);
    auto reported = deviceEntry(h, coordinator, id);
    CHECK(reported.at("last_sync_at").as_string() == "2025-04-30T08:00:00.000Z");
    CHECK(reported.at("pending").as_int64() == 7);
    CHECK(reported.at("app_version").as_string() == "1.4.2");
    CHECK(reported.at("reported_at").as_string() == "2025-04-30T08:00:00.000Z");

    SECTION("an older app that reports nothing still syncs; its last report stays") {
        h.nowMs += 60'000;
        auto old =
            h.call("POST", "/api/v1/sync/push", pushBody(responseRecords(1, nullptr, 9)), officer);
        INFO(old.body);
        REQUIRE(old.status == 200);
        CHECK(jsonString(old.body, "/results/0/status") == "stored");
        h.nowMs += 60'000;
        REQUIRE(h.call("GET", "/api/v1/sync/pull", "", officer).status == 200);
        auto after = deviceEntry(h, coordinator, id);
        CHECK(after.at("last_sync_at").as_string() == "2025-04-30T08:02:00.000Z");
        CHECK(after.at("pending").as_int64() == 7);
        CHECK(after.at("app_version").as_string() == "1.4.2");
        CHECK(after.at("reported_at").as_string() == "2025-04-30T08:00:00.000Z");
    }

    SECTION("a malformed report refuses the push and stores nothing") {
        const std::string tooLong(65, 'v');
        for (const std::string& extra :
             {std::string(R"("pending":-1)"), std::string(R"("pending":"7")"),
              std::string(R"("app_version":"")"), R"("app_version":")" + tooLong + "\"",
              std::string(R"("app_version":12)")}) {
            std::vector<std::string> ids;
            auto res = h.call("POST", "/api/v1/sync/push",
                              pushWith(extra, responseRecords(1, &ids)), officer);
            INFO(extra << " " << res.body);
            CHECK(res.status == 400);
            CHECK(jsonString(res.body, "/error/path").size() > 0);
            auto known = h.store->knowsRecord(ids.front());
            REQUIRE(known);
            CHECK_FALSE(*known);
        }
        CHECK(deviceEntry(h, coordinator, id).at("pending").as_int64() == 7);
    }

    SECTION("a revoked device is listed as revoked with its last report") {
        REQUIRE(h.call("POST", "/api/v1/devices/" + id + "/revoke", "", coordinator).status == 200);
        auto revoked = deviceEntry(h, coordinator, id);
        CHECK_FALSE(revoked.at("revoked_at").is_null());
        CHECK(revoked.at("app_version").as_string() == "1.4.2");
        CHECK(h.call("POST", "/api/v1/sync/push", pushBody(responseRecords(1)), officer).status ==
              401);
    }
}

TEST_CASE("the push request's device report survives encoding and decoding") {
    sync::PushRequest request;
    request.report = sync::DeviceReport{"0.1.0", 3};
    auto encoded = sync::encodePushRequest(request);
    REQUIRE(encoded);
    CHECK(encoded->find(R"("app_version":"0.1.0")") != std::string::npos);
    CHECK(encoded->find(R"("pending":3)") != std::string::npos);
    auto decoded = sync::decodePushRequest(*encoded);
    REQUIRE(decoded);
    CHECK(decoded->report == request.report);

    sync::PushRequest old; // an older app's request has neither field
    auto plain = sync::encodePushRequest(old);
    REQUIRE(plain);
    CHECK(plain->find("app_version") == std::string::npos);
    CHECK(plain->find("pending") == std::string::npos);
}

TEST_CASE("an enrolment code comes with its enrolment link and the link's QR code") {
    ApiHarness h;
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);
    auto res = h.call("POST", "/api/v1/enrolment-codes?origin=https://trygg.example.se",
                      R"({"role":"kiosk","expires_in_seconds":3600})", coordinator);
    INFO(res.body);
    REQUIRE(res.status == 201);
    const std::string code = jsonString(res.body, "/code");
    CHECK(jsonString(res.body, "/link") == "https://trygg.example.se/enrol#code=" + code);
    CHECK(jsonString(res.body, "/qr_svg").starts_with("<svg"));
    CHECK(jsonString(res.body, "/expires_at") == "2025-04-30T09:00:00.000Z");

    // Without a usable origin there is no link, but the code is still made.
    auto bare = h.call("POST", "/api/v1/enrolment-codes?origin=javascript:x",
                       R"({"role":"officer"})", coordinator);
    REQUIRE(bare.status == 201);
    CHECK(boost::json::parse(bare.body).as_object().contains("code"));
    CHECK_FALSE(boost::json::parse(bare.body).as_object().contains("link"));
}
