// Measures and safety walks through the handler layer: creating a measure from a walk
// observation, status transitions and their 422s, per-field merging of a stale edit with the
// conflict shown, roles, the officers' pull, the walks' GeoJSON and the walk report.
#include "api_harness.hpp"
#include "fixtures.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using namespace td;
using namespace td::test;
using server::Role;

namespace {

namespace bj = boost::json;

const std::string kWalkId = "0199f0a0-0000-7000-8000-0000000000a1";
const std::string kObservationId = "0199f0a0-0000-7000-8000-0000000000b1";

bj::object parse(const std::string& body) {
    return bj::parse(body).as_object();
}

/// A walk with a three-point track and one observation, stored as officer devices push them.
void seedWalk(ApiHarness& h) {
    const std::string walk = R"({"id":")" + kWalkId +
                             R"(","area_name":"Vindeln centrum","locality":"vindeln",)"
                             R"("date":"2025-10-15","started_at":"2025-10-15T18:00:00Z",)"
                             R"("ended_at":"2025-10-15T19:00:00Z","participants":{"residents":6,)"
                             R"("police":2,"municipality":2,"property_owner":1,"other":0},)"
                             R"("track":[{"lat":64.2012,"lon":19.7151,"accuracy_m":5,)"
                             R"("t":"2025-10-15T18:00:00Z"},{"lat":64.2020,"lon":19.7160,)"
                             R"("accuracy_m":5,"t":"2025-10-15T18:05:00Z"},{"lat":64.2030,)"
                             R"("lon":19.7170,"accuracy_m":5,"t":"2025-10-15T18:10:00Z"}]})";
    const std::string observation =
        R"({"id":")" + kObservationId + R"(","walk_id":")" + kWalkId +
        R"(","recorded_at":"2025-10-15T18:06:00Z","position":{"lat":64.2021,"lon":19.7161,)"
        R"("accuracy_m":6},"ratings":{"lighting":3,"sightlines":2,"vegetation":1,)"
        R"("maintenance":0,"people_activity":"not_applicable"},"overall_feeling":2,)"
        R"("time_of_day":"evening","note":"Mörk gångtunnel <b>utan</b> lampor",)"
        R"("proposed_measure":"Sätt upp belysning i gångtunneln","responsible_party":"trafikverket"})";
    REQUIRE(h.store->putRecord("safety_walk", kWalkId, walk, "h").ok());
    REQUIRE(h.store->putRecord("observation", kObservationId, observation, "h").ok());
}

std::string patch(ApiHarness& h, const std::string& id, const std::string& body,
                  const std::string& token, int expectStatus, const std::string& expectCode = {}) {
    auto res = h.call("PATCH", "/api/v1/measures/" + id, body, token);
    INFO(res.body);
    CHECK(res.status == expectStatus);
    if (!expectCode.empty())
        CHECK(errorCode(res) == expectCode);
    return res.body;
}

} // namespace

TEST_CASE("a measure made from a walk observation moves through its statuses") {
    ApiHarness h;
    seedWalk(h);
    const std::string coordinator = h.tokenFor(Role::Coordinator);

    auto created = h.call("POST", "/api/v1/observations/" + kObservationId + "/measures",
                          R"({"priority":"high","deadline":"2026-03-31"})", coordinator);
    INFO(created.body);
    REQUIRE(created.status == 201);
    bj::object item = parse(created.body);
    const bj::object& m = item.at("measure").as_object();
    const std::string id(m.at("id").as_string());
    CHECK(m.at("title").as_string() == "Sätt upp belysning i gångtunneln");
    CHECK(m.at("description").as_string() == "Mörk gångtunnel <b>utan</b> lampor");
    CHECK(m.at("responsible_party").as_string() == "trafikverket");
    CHECK(m.at("walk_id").as_string() == kWalkId);
    CHECK(m.at("observation_id").as_string() == kObservationId);
    CHECK(m.at("status").as_string() == "proposed");
    CHECK(m.at("priority").as_string() == "high");
    CHECK(item.at("rev").as_int64() == 1);
    CHECK(item.at("conflict").as_bool() == false);

    patch(h, id, R"({"status":"done"})", coordinator, 422, "invalid_transition");
    patch(h, id, R"({"status":"in_progress"})", coordinator, 422, "invalid_transition");
    patch(h, id, R"({"status":"decided","responsible_party":"kommun"})", coordinator, 200);
    patch(h, id, R"({"status":"proposed"})", coordinator, 422, "invalid_transition");
    patch(h, id, R"({"status":"in_progress"})", coordinator, 200);
    patch(h, id, R"({"status":"rejected"})", coordinator, 422, "rejection_reason_required");
    patch(h, id, R"({"status":"rejected","rejection_reason":"  "})", coordinator, 422,
          "rejection_reason_required");
    patch(h, id, R"({"status":"done"})", coordinator, 200);
    patch(h, id, R"({"id":"x"})", coordinator, 422, "unknown_field");
    patch(h, id, R"({"priority":"urgent"})", coordinator, 422);
    patch(h, id, R"({"deadline":"2026-02-30"})", coordinator, 422);
    patch(h, id, R"({"base_rev":99,"priority":"low"})", coordinator, 409, "unknown_base_rev");
    patch(h, "0199f0a0-0000-7000-8000-00000000ffff", R"({"priority":"low"})", coordinator, 404,
          "not_found");
    auto rejected = parse(
        patch(h, id, R"({"status":"rejected","rejection_reason":"Dubblett"})", coordinator, 200));
    CHECK(rejected.at("measure").at("status").as_string() == "rejected");
    CHECK(rejected.at("measure").at("rejection_reason").as_string() == "Dubblett");
    CHECK(rejected.at("rev").as_int64() == 5);
    patch(h, id, R"({"status":"decided"})", coordinator, 422, "invalid_transition");

    auto listed = h.call("GET", "/api/v1/measures?status=rejected", "", coordinator);
    REQUIRE(listed.status == 200);
    CHECK(parse(listed.body).at("measures").as_array().size() == 1);
    auto none = h.call("GET", "/api/v1/measures?status=done", "", coordinator);
    CHECK(parse(none.body).at("measures").as_array().empty());
    CHECK(h.call("GET", "/api/v1/measures?status=nope", "", coordinator).status == 400);

    // Officers see the measure's status in their pull, with its clocks.
    auto pulled = h.call("GET", "/api/v1/sync/pull", "", h.tokenFor(Role::Officer));
    REQUIRE(pulled.status == 200);
    bool seen = false;
    const bj::object page = parse(pulled.body);
    for (const auto& c : page.at("changes").as_array()) {
        if (c.at("kind").as_string() != "measure")
            continue;
        seen = true;
        CHECK(c.at("body").at("status").as_string() == "rejected");
        CHECK(c.at("clocks").at("status").at("at").as_string().size() > 20);
        CHECK(c.at("rev").as_int64() == 5);
    }
    CHECK(seen);
}

TEST_CASE("a stale dashboard edit is merged per field and its conflict is shown") {
    ApiHarness h;
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    auto created =
        h.call("POST", "/api/v1/measures",
               R"({"title":"Röj buskage vid skolan","responsible_party":"kommun"})", coordinator);
    REQUIRE(created.status == 201);
    const std::string id(parse(created.body).at("measure").at("id").as_string());
    CHECK(id.size() == 36);

    patch(h, id, R"({"priority":"high","deadline":"2026-05-01"})", coordinator, 200);
    // A second coordinator still looks at rev 1 and sets another priority and a party.
    auto stale = parse(patch(
        h, id, R"({"base_rev":1,"priority":"low","responsible_party":"polis"})", coordinator, 200));
    const bj::object& m = stale.at("measure").as_object();
    CHECK(m.at("priority").as_string() == "low");
    CHECK(m.at("deadline").as_string() == "2026-05-01"); // kept: the stale edit did not touch it
    CHECK(m.at("responsible_party").as_string() == "polis");
    CHECK(stale.at("conflict").as_bool());
    const auto& conflicts = stale.at("conflicts").as_array();
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0].at("field").as_string() == "priority");
    CHECK(conflicts[0].at("value").as_string() == "low");
    CHECK(conflicts[0].at("rival_value").as_string() == "high");
    CHECK(conflicts[0].at("rival_node").as_string() == "server");

    auto got = parse(h.call("GET", "/api/v1/measures/" + id, "", coordinator).body);
    CHECK(got.at("conflict").as_bool());
    // Confirming a value after seeing both resolves the conflict.
    auto resolved = parse(patch(h, id, R"({"priority":"high"})", coordinator, 200));
    CHECK_FALSE(resolved.at("conflict").as_bool());
    CHECK(resolved.at("measure").at("priority").as_string() == "high");

    auto bad = h.call("POST", "/api/v1/measures", R"({"title":"x","status":"done"})", coordinator);
    CHECK(bad.status == 422);
    CHECK(errorCode(bad) == "invalid_transition");
    auto dup =
        h.call("POST", "/api/v1/measures", R"({"id":")" + id + R"(","title":"x"})", coordinator);
    CHECK(dup.status == 409);
    CHECK(h.call("POST", "/api/v1/measures", R"({"id":1})", coordinator).status == 422);
}

TEST_CASE("measure and walk endpoints are for coordinators and admins only") {
    ApiHarness h;
    seedWalk(h);
    for (Role role : {Role::Officer, Role::Kiosk, Role::Resident}) {
        const std::string token = h.tokenFor(role);
        CHECK(h.call("GET", "/api/v1/measures", "", token).status == 403);
        CHECK(h.call("GET", "/api/v1/walks", "", token).status == 403);
        CHECK(h.call("POST", "/api/v1/observations/" + kObservationId + "/measures", "", token)
                  .status == 403);
        CHECK(h.call("PATCH", "/api/v1/measures/x", R"({"priority":"low"})", token).status == 403);
    }
    CHECK(h.call("GET", "/api/v1/measures").status == 401);
    CHECK(h.call("GET", "/api/v1/walks", "", h.tokenFor(Role::Admin)).status == 200);
}

TEST_CASE("walks are served as GeoJSON with numbered stops, and as report data") {
    ApiHarness h;
    seedWalk(h);
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    REQUIRE(h.call("POST", "/api/v1/observations/" + kObservationId + "/measures", "", coordinator)
                .status == 201);
    CHECK(h.call("POST", "/api/v1/observations/0199f0a0-0000-7000-8000-0000000000ff/measures", "",
                 coordinator)
              .status == 404);

    auto walks = h.call("GET", "/api/v1/walks", "", coordinator);
    REQUIRE(walks.status == 200);
    auto fc = parse(walks.body);
    CHECK(fc.at("type").as_string() == "FeatureCollection");
    const auto& features = fc.at("features").as_array();
    REQUIRE(features.size() == 2);
    CHECK(features[0].at("geometry").at("type").as_string() == "LineString");
    CHECK(features[0].at("geometry").at("coordinates").as_array().size() == 3);
    CHECK(features[0].at("properties").at("stops").as_int64() == 1);
    CHECK(features[0].at("properties").at("length_m").as_double() > 200);
    const auto& stop = features[1];
    CHECK(stop.at("geometry").at("type").as_string() == "Point");
    CHECK(stop.at("geometry").at("coordinates").at(0).as_double() == Approx(19.7161));
    CHECK(stop.at("properties").at("number").as_int64() == 1);
    CHECK(stop.at("properties").at("measures").as_array().size() == 1);
    CHECK(parse(h.call("GET", "/api/v1/walks?walk=other", "", coordinator).body)
              .at("features")
              .as_array()
              .empty());

    auto report = h.call("GET", "/api/v1/walks/" + kWalkId + "/report", "", coordinator);
    REQUIRE(report.status == 200);
    auto r = parse(report.body);
    CHECK(r.at("walk").at("area_name").as_string() == "Vindeln centrum");
    CHECK(r.at("stops").as_array().size() == 1);
    const auto& findings = r.at("findings").as_array();
    REQUIRE(findings.size() == 8);
    CHECK(findings[0].at("item").as_string() == "lighting");
    CHECK(findings[0].at("mean").as_double() == 3.0);
    CHECK(findings[0].at("problem_stops").as_array().size() == 1);
    CHECK(findings[3].at("problem_stops").as_array().empty()); // maintenance rated 0
    CHECK(findings[4].at("not_applicable").as_int64() == 1);
    CHECK(findings[4].at("mean").is_null());
    REQUIRE(r.at("proposed_measures").as_array().size() == 1);
    CHECK(r.at("proposed_measures").at(0).at("responsible_party").as_string() == "trafikverket");
    CHECK(r.at("measures").as_array().size() == 1);
    CHECK(h.call("GET", "/api/v1/walks/nope/report", "", coordinator).status == 404);
}
