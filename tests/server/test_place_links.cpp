// Links from survey mentions and walk observations to registry places through the coordinator
// API: what is checked, the list of mentions that name no registry place, the audit entries,
// and the lägesbild, which counts a linked mention at its place as soon as it is linked.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "td/model/codec.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace td;
using namespace td::test;

namespace {

const std::string kPlace =
    R"({"id":"vindeln_macken","name":"Gamla macken","locality":"vindeln","lat":64.1952,)"
    R"("lon":19.7301,"kind":"other"})";

// Pushes a response whose place answer is a description and, 2 km north of the place, a point.
std::string pushMention(ApiHarness& h, const std::string& officer, unsigned seed) {
    const std::string id = newRecordId();
    auto r = makeResponse(vindelnSurvey(), kCampaignId, id, seed);
    model::PlaceEntry words;
    words.description = "vid gamla macken";
    words.timesOfDay = {model::TimeOfDay::Evening};
    model::PlaceEntry point;
    point.position = model::Position{64.2132, 19.7301, 8.0};
    point.timesOfDay = {model::TimeOfDay::Night};
    r.answers["q_otrygga_platser_finns"] = true;
    r.answers["q_otrygga_platser"] = std::vector<model::PlaceEntry>{words, point};
    auto res = h.call("POST", "/api/v1/sync/push",
                      pushBody({pushRecordJson("response", id, 1, model::toJsonText(r))}), officer);
    INFO(res.body);
    REQUIRE(res.status == 200);
    REQUIRE(jsonString(res.body, "/results/0/status") == "stored");
    return id;
}

std::string link(const std::string& response, std::int64_t index) {
    return R"({"response_id":")" + response + R"(","question_id":"q_otrygga_platser","index":)" +
           std::to_string(index) + R"(,"place_id":"vindeln_macken"})";
}

// The picture's cluster at the place, or null.
boost::json::value clusterAtPlace(ApiHarness& h, const std::string& coordinator) {
    auto res =
        h.call("GET", std::string("/api/v1/picture?campaign=") + kCampaignId, "", coordinator);
    INFO(res.body.substr(0, 400));
    REQUIRE(res.status == 200);
    const boost::json::value picture = boost::json::parse(res.body);
    for (const auto& c : picture.at("places").as_array())
        if (c.at("place_id") == "vindeln_macken")
            return c;
    return nullptr;
}

} // namespace

TEST_CASE("a mention is linked to a registry place, checked, listed, audited and removed") {
    ApiHarness h;
    h.seedContent();
    const std::string c = h.tokenFor(server::Role::Coordinator);
    const std::string officer = h.tokenFor(server::Role::Officer);
    REQUIRE(h.call("POST", "/api/v1/places", kPlace, c).status == 201);
    const std::string response = pushMention(h, officer, 1);
    const std::string stored = h.store->getRecord("response", response).value()->body;

    // The mentions that name no registry place, with their date, words or point.
    auto listed =
        h.call("GET", std::string("/api/v1/place-mentions?campaign=") + kCampaignId, "", c);
    INFO(listed.body);
    REQUIRE(listed.status == 200);
    const boost::json::value mentions = boost::json::parse(listed.body);
    const boost::json::value* words = nullptr;
    const boost::json::value* point = nullptr;
    for (const auto& m : mentions.at("mentions").as_array())
        if (m.at("response_id").as_string() == response)
            (m.at("index") == 0 ? words : point) = &m;
    REQUIRE(words);
    REQUIRE(point);
    CHECK(words->at("text") == "vid gamla macken");
    CHECK(words->at("question_id") == "q_otrygga_platser");
    CHECK(words->at("date").as_string().size() == 10);
    CHECK(words->at("link").is_null());
    CHECK(point->at("position").at("lat").to_number<double>() == Approx(64.2132));

    // Refused, each at its field: nothing is stored.
    auto refused = [&](const std::string& body, const char* code, const char* path) {
        auto res = h.call("POST", "/api/v1/place-links", body, c);
        INFO(body << " → " << res.body);
        CHECK(res.status == 422);
        CHECK(errorCode(res) == code);
        CHECK(jsonString(res.body, "/error/path") == path);
    };
    refused(R"({"response_id":"nope","question_id":"q_otrygga_platser","index":0,)"
            R"("place_id":"vindeln_macken"})",
            "unknown_response", "response_id");
    refused(R"({"response_id":")" + response +
                R"(","question_id":"q_otrygga_platser_finns","index":0,)"
                R"("place_id":"vindeln_macken"})",
            "unknown_question", "question_id");
    refused(link(response, 2), "unknown_entry", "index");
    refused(R"({"response_id":")" + response +
                R"(","question_id":"q_otrygga_platser","index":0,"place_id":"ingenstans"})",
            "unknown_place", "place_id");
    refused(R"({"observation_id":"nope","place_id":"vindeln_macken"})", "unknown_observation",
            "observation_id");
    refused(R"({"place_id":"vindeln_macken"})", "missing_field", "response_id");
    refused(R"({"response_id":")" + response +
                R"(","question_id":"q_otrygga_platser","index":-1,"place_id":"vindeln_macken"})",
            "missing_field", "index");
    refused(R"({"observation_id":"x","response_id":"y","place_id":"vindeln_macken"})",
            "invalid_link", "observation_id");
    refused(R"({"place_id":"vindeln_macken","colour":"red"})", "unknown_field", "colour");
    CHECK(h.call("POST", "/api/v1/place-links", "[1]", c).status == 400);
    CHECK(h.store->placeLinks()->empty());
    // Officers do not link.
    CHECK(h.call("POST", "/api/v1/place-links", link(response, 0), officer).status == 403);

    auto made = h.call("POST", "/api/v1/place-links", link(response, 0), c);
    INFO(made.body);
    REQUIRE(made.status == 201);
    const std::string linkId = std::to_string(boost::json::parse(made.body).at("id").as_int64());
    CHECK(jsonString(made.body, "/place_id") == "vindeln_macken");
    CHECK(jsonString(made.body, "/created_at") == "2025-04-30T08:00:00.000Z");
    auto twice = h.call("POST", "/api/v1/place-links", link(response, 0), c);
    CHECK(twice.status == 409);
    CHECK(errorCode(twice) == "already_linked");

    // The response itself is unchanged; the list shows the link with who made it.
    CHECK(h.store->getRecord("response", response).value()->body == stored);
    auto all = boost::json::parse(h.call("GET", "/api/v1/place-links", "", c).body);
    REQUIRE(all.at("links").as_array().size() == 1);
    CHECK(all.at("links").at(0).at("response_id").as_string() == response);
    CHECK(all.at("links").at(0).at("index") == 0);
    auto relisted = boost::json::parse(
        h.call("GET", std::string("/api/v1/place-mentions?campaign=") + kCampaignId, "", c).body);
    for (const auto& m : relisted.at("mentions").as_array())
        if (m.at("response_id").as_string() == response && m.at("index") == 0)
            CHECK(m.at("link").at("place_id") == "vindeln_macken");

    CHECK(h.call("DELETE", "/api/v1/place-links/" + linkId, "", c).status == 204);
    CHECK(h.call("DELETE", "/api/v1/place-links/" + linkId, "", c).status == 404);
    CHECK(h.call("DELETE", "/api/v1/place-links/abc", "", c).status == 404);
    CHECK(h.store->placeLinks()->empty());

    store::AuditQuery q;
    q.action = "place_link.create";
    auto created = h.store->listAudit(q);
    REQUIRE(created);
    REQUIRE(created->size() == 1);
    CHECK(created->front().target == linkId);
    CHECK(created->front().detail.find("vindeln_macken") != std::string::npos);
    q.action = "place_link.delete";
    auto removed = h.store->listAudit(q);
    REQUIRE(removed);
    CHECK(removed->size() == 1);
    q.action = "place_mentions.read";
    CHECK(h.store->listAudit(q)->size() == 2);
}

TEST_CASE("the lägesbild counts linked mentions at their place as soon as they are linked") {
    ApiHarness h;
    h.seedContent();
    const std::string c = h.tokenFor(server::Role::Coordinator);
    const std::string officer = h.tokenFor(server::Role::Officer);
    REQUIRE(h.call("POST", "/api/v1/places", kPlace, c).status == 201);
    std::vector<std::string> responses;
    for (unsigned seed = 1; seed <= 3; ++seed)
        responses.push_back(pushMention(h, officer, seed));

    // Words and points 2 km away: nothing clusters at the place (the picture is now cached).
    CHECK(clusterAtPlace(h, c).is_null());

    // Each resident's words and point linked to the place: one cluster there, three people.
    std::vector<std::string> links;
    for (const std::string& r : responses)
        for (int index : {0, 1}) {
            auto made = h.call("POST", "/api/v1/place-links", link(r, index), c);
            REQUIRE(made.status == 201);
            links.push_back(std::to_string(boost::json::parse(made.body).at("id").as_int64()));
        }
    auto cluster = clusterAtPlace(h, c);
    REQUIRE(cluster.is_object());
    CHECK(cluster.at("survey_mentions") == 6);
    CHECK(cluster.at("place_name") == "Gamla macken");
    CHECK(cluster.at("lat").to_number<double>() == Approx(64.1952));

    // A link removed moves its mention back.
    REQUIRE(h.call("DELETE", "/api/v1/place-links/" + links.back(), "", c).status == 204);
    cluster = clusterAtPlace(h, c);
    REQUIRE(cluster.is_object());
    CHECK(cluster.at("survey_mentions") == 5);
}
