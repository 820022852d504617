// Push over real HTTP against the server binary: each case with its exact expected answer.
#include "live_server.hpp"
#include "td/model/codec.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

using namespace td;
using namespace td::test;

namespace {

// {"results":[{"id","rev":1,"status"}...]} for `ids` all with `status`.
boost::json::value expectedResults(const std::vector<std::string>& ids, const char* status) {
    boost::json::array results;
    for (const auto& id : ids)
        results.push_back({{"id", id}, {"rev", 1}, {"status", status}});
    return boost::json::object{{"results", std::move(results)}};
}

} // namespace

TEST_CASE("push over HTTP: stored, duplicate, conflict, and bad requests") {
    LiveServer server({"--max-body-bytes", "262144"});
    auto officer = server.client(server.tokens.officer);

    std::vector<std::string> ids;
    auto records = responseRecords(3, &ids);
    std::string body = pushBody(records);

    SECTION("a new batch is stored, the same batch again is all duplicates") {
        auto first = officer.post("/api/v1/sync/push", body);
        REQUIRE(first.status == 200);
        CHECK(boost::json::parse(first.body) == expectedResults(ids, "stored"));
        auto again = officer.post("/api/v1/sync/push", body);
        REQUIRE(again.status == 200);
        CHECK(boost::json::parse(again.body) == expectedResults(ids, "duplicate"));
    }

    SECTION("the same id and rev with another body is a conflict") {
        REQUIRE(officer.post("/api/v1/sync/push", body).status == 200);
        auto changed = makeResponse(vindelnSurvey(), kCampaignId, ids[0], 9999);
        changed.submittedAt = "2025-05-02T08:00:00Z";
        auto res = officer.post(
            "/api/v1/sync/push",
            pushBody({pushRecordJson("response", ids[0], 1, model::toJsonText(changed))}));
        REQUIRE(res.status == 200);
        auto v = boost::json::parse(res.body);
        const auto& r = v.at("results").at(0);
        CHECK(r.at("id").as_string() == ids[0]);
        CHECK(r.at("status").as_string() == "conflict");
        CHECK(r.at("reason").at("code").as_string() == "conflict");
    }

    SECTION("malformed JSON is 400 malformed_json") {
        auto res = officer.post("/api/v1/sync/push", R"({"records":[{"kind":)");
        CHECK(res.status == 400);
        CHECK(jsonString(res.body, "/error/code") == "malformed_json");
    }

    SECTION("a wrong content type is 415") {
        auto res = officer.post("/api/v1/sync/push", body, "text/plain");
        CHECK(res.status == 415);
        CHECK(jsonString(res.body, "/error/code") == "unsupported_media_type");
    }

    SECTION("a body over --max-body-bytes is 413") {
        auto big = pushBody(responseRecords(400));
        REQUIRE(big.size() > 262144);
        auto res = officer.post("/api/v1/sync/push", big);
        CHECK(res.status == 413);
        CHECK(jsonString(res.body, "/error/code") == "payload_too_large");
        // The server is still fine afterwards.
        CHECK(server.client().get("/healthz").status == 200);
    }

    SECTION("an unknown kind is rejected per record, the others are stored") {
        std::string odd = pushRecordJson("selfie", newRecordId(), 1, R"({"x":1})");
        auto res = officer.post("/api/v1/sync/push", pushBody({records[0], odd}));
        REQUIRE(res.status == 200);
        auto v = boost::json::parse(res.body);
        CHECK(v.at("results").at(0).at("status").as_string() == "stored");
        CHECK(v.at("results").at(1).at("status").as_string() == "rejected");
        CHECK(v.at("results").at(1).at("reason").at("code").as_string() == "unknown_kind");
    }

    SECTION("a record failing validation is rejected with the path of the problem") {
        std::string id = newRecordId();
        auto bad = makeResponse(vindelnSurvey(), kCampaignId, id, 1);
        bad.answers["q_trygg_dag"] = std::int64_t{99};
        auto res =
            officer.post("/api/v1/sync/push",
                         pushBody({pushRecordJson("response", id, 1, model::toJsonText(bad))}));
        REQUIRE(res.status == 200);
        auto v = boost::json::parse(res.body);
        const auto& r = v.at("results").at(0);
        CHECK(r.at("status").as_string() == "rejected");
        CHECK(r.at("reason").at("code").as_string() == "validation_failed");
        CHECK(r.at("reason").at("path").as_string() == "answers.q_trygg_dag");
    }

    SECTION("a coordinator may not push; no token is 401") {
        auto coord = server.client(server.tokens.coordinator);
        auto res = coord.post("/api/v1/sync/push", body);
        CHECK(res.status == 403);
        CHECK(server.client().post("/api/v1/sync/push", body).status == 401);
    }

    SECTION("a resident may push responses to its campaign") {
        auto resident = server.client(server.tokens.resident);
        auto res = resident.post("/api/v1/sync/push", body);
        REQUIRE(res.status == 200);
        CHECK(boost::json::parse(res.body) == expectedResults(ids, "stored"));
    }

    // Every request was logged as one JSON line with its route template; no secrets.
    server.process->stop(SIGTERM);
    std::string log = server.logText();
    CHECK(log.find(server.tokens.officer) == std::string::npos);
    CHECK(log.find(server.tokens.coordinator) == std::string::npos);
    CHECK(log.find(server.tokens.resident) == std::string::npos);
    CHECK(log.find(kPassword) == std::string::npos);
    CHECK(log.find("q_trygg_dag") == std::string::npos);
    std::istringstream lines(log);
    std::string line;
    int requestLines = 0;
    while (std::getline(lines, line)) {
        INFO(line);
        boost::system::error_code ec;
        auto v = boost::json::parse(line, ec);
        REQUIRE_FALSE(ec);
        if (v.as_object().contains("route")) {
            ++requestLines;
            CHECK(v.as_object().contains("request_id"));
            CHECK(v.as_object().contains("status"));
            CHECK(v.as_object().contains("duration_us"));
        }
    }
    CHECK(requestLines >= 8);
    CHECK(log.find(R"("route":"/api/v1/auth/login")") != std::string::npos);
}

TEST_CASE("records per batch over --max-batch-records are refused with batch_too_large") {
    LiveServer server({"--max-batch-records", "5"});
    auto officer = server.client(server.tokens.officer);
    auto res = officer.post("/api/v1/sync/push", pushBody(responseRecords(6)));
    CHECK(res.status == 413);
    CHECK(jsonString(res.body, "/error/code") == "batch_too_large");
    CHECK(officer.post("/api/v1/sync/push", pushBody(responseRecords(5))).status == 200);
}

TEST_CASE("metrics count records by outcome and requests by route") {
    LiveServer server;
    auto officer = server.client(server.tokens.officer);
    auto body = pushBody(responseRecords(4));
    REQUIRE(officer.post("/api/v1/sync/push", body).status == 200);
    REQUIRE(officer.post("/api/v1/sync/push", body).status == 200);
    auto metrics = server.client(server.tokens.coordinator).get("/metrics");
    REQUIRE(metrics.status == 200);
    CHECK(metrics.body.find("td_sync_records_total{outcome=\"stored\"} 4\n") != std::string::npos);
    CHECK(metrics.body.find("td_sync_records_total{outcome=\"duplicate\"} 4\n") !=
          std::string::npos);
    CHECK(
        metrics.body.find("td_http_requests_total{route=\"/api/v1/sync/push\",status=\"200\"} 2") !=
        std::string::npos);
}
