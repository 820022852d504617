// Retiring and reinstating registry places: the routes, their checks and audit entries, and
// what apps of each protocol version pull of a retired place.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "td/model/codec.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace td;
using namespace td::test;

namespace {

const std::string kPlacePath = "/api/v1/places/vindeln_stationen";
const std::string kPlace =
    R"({"id":"vindeln_stationen","name":"Stationen","locality":"vindeln","lat":64.2012,)"
    R"("lon":19.7151,"kind":"station"})";

void createPlace(ApiHarness& h, const std::string& coordinator) {
    auto created = h.call("POST", "/api/v1/places", kPlace, coordinator);
    INFO(created.body);
    REQUIRE(created.status == 201);
}

// The station's change in a pull from `cursor` by a device speaking `protocol`, or null when
// the pull has none; `cursor` becomes the pull's cursor.
boost::json::value pulledStation(ApiHarness& h, const std::string& officer, int protocol,
                                 std::string& cursor) {
    h.headers = {{"td-protocol", std::to_string(protocol)}};
    auto res = h.call("GET", "/api/v1/sync/pull?limit=500&cursor=" + cursor, "", officer);
    h.headers.clear();
    INFO(res.body);
    REQUIRE(res.status == 200);
    const boost::json::value page = boost::json::parse(res.body);
    cursor = page.at("cursor").as_string().c_str();
    for (const auto& c : page.at("changes").as_array())
        if (c.at("kind") == "place" && c.at("id") == "vindeln_stationen")
            return c;
    return nullptr;
}

std::size_t auditCount(ApiHarness& h, const std::string& action) {
    store::AuditQuery q;
    q.action = action;
    auto entries = h.store->listAudit(q);
    REQUIRE(entries);
    for (const auto& e : *entries)
        CHECK(e.target == "vindeln_stationen");
    return entries->size();
}

} // namespace

TEST_CASE("a place is retired and reinstated by its own routes, conditionally and audited") {
    ApiHarness h;
    const std::string c = h.tokenFor(server::Role::Coordinator);
    createPlace(h, c);

    auto retired = h.call("POST", kPlacePath + "/retire", "", c);
    INFO(retired.body);
    REQUIRE(retired.status == 200);
    CHECK(headerOf(retired, "ETag") == "\"2\"");
    CHECK(jsonString(retired.body, "/retired_at") == "2025-04-30T08:00:00.000Z");
    // Still in the registry, for everything that already names it.
    auto list = h.call("GET", "/api/v1/places", "", c);
    CHECK(list.body.find("\"retired_at\":\"2025-04-30T08:00:00.000Z\"") != std::string::npos);

    auto again = h.call("POST", kPlacePath + "/retire", "", c);
    CHECK(again.status == 409);
    CHECK(errorCode(again) == "already_retired");

    // An edit keeps retired_at when it leaves the field out, and may not change it.
    auto renamed = boost::json::parse(kPlace).as_object();
    renamed["name"] = "Gamla stationen";
    auto put = h.call("PUT", kPlacePath, boost::json::serialize(renamed), c);
    INFO(put.body);
    REQUIRE(put.status == 200);
    CHECK(jsonString(put.body, "/retired_at") == "2025-04-30T08:00:00.000Z");
    renamed["retired_at"] = "2020-01-01T00:00:00Z";
    auto moved = h.call("PUT", kPlacePath, boost::json::serialize(renamed), c);
    CHECK(moved.status == 422);
    CHECK(errorCode(moved) == "read_only_field");
    renamed["retired_at"] = "2025-04-30T08:00:00.000Z";
    CHECK(h.call("PUT", kPlacePath, boost::json::serialize(renamed), c).status == 200);

    // Reinstating honours If-Match like an edit.
    h.headers = {{"if-match", "\"2\""}};
    auto stale = h.call("POST", kPlacePath + "/reinstate", "", c);
    CHECK(stale.status == 412);
    CHECK(errorCode(stale) == "stale_revision");
    h.headers = {{"if-match", "\"4\""}};
    auto reinstated = h.call("POST", kPlacePath + "/reinstate", "", c);
    h.headers.clear();
    INFO(reinstated.body);
    REQUIRE(reinstated.status == 200);
    CHECK(headerOf(reinstated, "ETag") == "\"5\"");
    CHECK(reinstated.body.find("retired_at") == std::string::npos);
    CHECK(jsonString(reinstated.body, "/name") == "Gamla stationen");
    auto notRetired = h.call("POST", kPlacePath + "/reinstate", "", c);
    CHECK(notRetired.status == 409);
    CHECK(errorCode(notRetired) == "not_retired");

    CHECK(auditCount(h, "place.retire") == 1);
    CHECK(auditCount(h, "place.reinstate") == 1);

    // Only staff retire; an unknown place is 404; a new place cannot be born retired.
    const std::string officer = h.tokenFor(server::Role::Officer);
    CHECK(h.call("POST", kPlacePath + "/retire", "", officer).status == 403);
    auto unknown = h.call("POST", "/api/v1/places/ingen_plats/retire", "", c);
    CHECK(unknown.status == 404);
    CHECK(errorCode(unknown) == "not_found");
    auto born = boost::json::parse(kPlace).as_object();
    born["id"] = "ny_plats";
    born["retired_at"] = "2025-04-30T08:00:00Z";
    auto bornRetired = h.call("POST", "/api/v1/places", boost::json::serialize(born), c);
    CHECK(bornRetired.status == 422);
    CHECK(errorCode(bornRetired) == "read_only_field");
    CHECK(h.call("GET", "/api/v1/places/ny_plats", "", c).status == 404);
}

TEST_CASE("apps of protocol 1 and 2 get a retired place as a deletion, protocol 3 as it is") {
    ApiHarness h;
    const std::string c = h.tokenFor(server::Role::Coordinator);
    const std::string officer = h.tokenFor(server::Role::Officer);
    createPlace(h, c);

    // Each app has pulled the place in service: it holds it.
    std::string cursors[4];
    for (int protocol : {1, 2, 3}) {
        auto change = pulledStation(h, officer, protocol, cursors[protocol]);
        REQUIRE(change.is_object());
        CHECK(change.at("body").at("name") == "Stationen");
    }

    REQUIRE(h.call("POST", kPlacePath + "/retire", "", c).status == 200);
    for (int protocol : {1, 2}) {
        INFO("protocol " << protocol);
        auto change = pulledStation(h, officer, protocol, cursors[protocol]);
        REQUIRE(change.is_object());
        CHECK(change.at("deleted") == true);
        CHECK(change.at("body").is_null());
        CHECK(change.at("rev") == 2);
    }
    auto current = pulledStation(h, officer, 3, cursors[3]);
    REQUIRE(current.is_object());
    CHECK_FALSE(current.as_object().contains("deleted"));
    const std::string body = boost::json::serialize(current.at("body"));
    auto place = model::fromJsonText<model::Place>(body);
    REQUIRE(place);
    CHECK(place->retiredAt == "2025-04-30T08:00:00.000Z");

    // A fresh app of an old version gets only the deletion, of a record it does not hold.
    std::string fresh;
    auto first = pulledStation(h, officer, 1, fresh);
    REQUIRE(first.is_object());
    CHECK(first.at("deleted") == true);
    CHECK(first.at("body").is_null());

    // Reinstated, it comes back to every app as a newer revision, in the shape it knows.
    REQUIRE(h.call("POST", kPlacePath + "/reinstate", "", c).status == 200);
    for (int protocol : {1, 2, 3}) {
        INFO("protocol " << protocol);
        auto change = pulledStation(h, officer, protocol, cursors[protocol]);
        REQUIRE(change.is_object());
        CHECK(change.at("rev") == 3);
        CHECK_FALSE(change.as_object().contains("deleted"));
        CHECK_FALSE(change.at("body").as_object().contains("retired_at"));
    }
}

TEST_CASE("the resident web survey does not offer a retired place") {
    ApiHarness h;
    const std::string c = h.tokenFor(server::Role::Coordinator);
    h.seedContent();
    createPlace(h, c);
    REQUIRE(h.call("POST", "/api/v1/places",
                   R"({"id":"vindeln_skolan","name":"Skolan","locality":"vindeln","lat":64.2,)"
                   R"("lon":19.71,"kind":"school"})",
                   c)
                .status == 201);
    auto campaign = h.call("GET", std::string("/api/v1/campaigns/") + kCampaignId, "", c);
    auto web = boost::json::parse(campaign.body).as_object();
    web["channels"] = boost::json::array{"web", "kiosk"};
    REQUIRE(h.call("PUT", std::string("/api/v1/campaigns/") + kCampaignId,
                   boost::json::serialize(web), c)
                .status == 200);
    auto offered = [&] {
        auto res = h.call("GET", std::string("/api/v1/web-surveys/") + kCampaignCode);
        INFO(res.body);
        REQUIRE(res.status == 200);
        std::vector<std::string> ids;
        const boost::json::value answer = boost::json::parse(res.body);
        for (const auto& p : answer.at("places").as_array())
            ids.emplace_back(p.at("id").as_string());
        return ids;
    };
    CHECK(offered() == std::vector<std::string>{"vindeln_skolan", "vindeln_stationen"});
    REQUIRE(h.call("POST", kPlacePath + "/retire", "", c).status == 200);
    CHECK(offered() == std::vector<std::string>{"vindeln_skolan"});
}
