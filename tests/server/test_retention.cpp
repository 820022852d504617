// Retention (docs/retention.md) through the handler layer over a real SQLite file: free text
// leaves the responses, the CSV export, a pull, the database file and its write-ahead log;
// raw responses go for the campaign's aggregates with the picture, trend and follow-up
// unchanged; retries of purged records are still duplicates; open campaigns are never purged;
// the dates are validated; and `admin purge` of the real binary applies them.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "td/model/codec.hpp"
#include "td/server/admin.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace td;
using namespace td::test;
using server::Role;
namespace bj = boost::json;

namespace {

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Everything SQLite keeps on disk for the database: the file, its WAL and shared memory.
std::string databaseBytes(const std::string& path) {
    return fileBytes(path) + fileBytes(path + "-wal") + fileBytes(path + "-shm") +
           fileBytes(path + "-journal");
}

std::string purgeBody(const std::string& scope, const std::string& confirm) {
    return R"({"scope":")" + scope + R"(","confirm":")" + confirm + "\"}";
}

std::string pushStatus(const server::HttpResponse& res, std::size_t i = 0) {
    INFO(res.body);
    REQUIRE(res.status == 200);
    return std::string(bj::parse(res.body).at("results").at(i).at("status").as_string());
}

void loadDemo(ApiHarness& h) {
    REQUIRE(server::loadDemoData(*h.store,
                                 {"--content", std::string(TD_SOURCE_DIR) + "/shared/content",
                                  "--population", std::string(TD_SOURCE_DIR) + "/data/vindeln.json",
                                  "--responses-per-wave", "150"}));
}

} // namespace

TEST_CASE("free text leaves the responses, the export, a pull, the file and its log") {
    server::Limits limits;
    limits.residentResponsesPerToken = 0; // twelve responses through one resident token
    ApiHarness h(limits);
    h.seedContent();
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    const std::string officer = h.tokenFor(Role::Officer);
    const std::string resident = h.tokenFor(Role::Resident);

    // Responses with texts easy to find in the file, as answers and place descriptions.
    std::vector<std::string> texts, records, originals;
    for (unsigned i = 0; i < 12; ++i) {
        auto r = makeResponse(vindelnSurvey(), kCampaignId, newRecordId(), i, 300);
        for (auto& [qid, answer] : r.answers) {
            if (auto* text = std::get_if<std::string>(&answer);
                text && vindelnSurvey().findQuestion(qid)->type == model::QuestionType::Text) {
                *text = "Grannens hund heter Zorro-" + std::to_string(i) + "-" + qid;
                texts.push_back(*text);
            }
            if (auto* places = std::get_if<std::vector<model::PlaceEntry>>(&answer))
                for (auto& e : *places) {
                    e.description = "Bakom Qvistbergs lada nr " + std::to_string(i);
                    texts.push_back(*e.description);
                }
        }
        originals.push_back(model::toJsonText(r));
        records.push_back(pushRecordJson("response", r.id, 1, originals.back()));
    }
    REQUIRE(texts.size() >= 12);
    REQUIRE(pushStatus(h.call("POST", "/api/v1/sync/push", pushBody(records), resident)) ==
            "stored");
    const std::string db = h.store->path();
    const std::string before = databaseBytes(db);
    for (const auto& t : texts)
        REQUIRE(before.find(t) != std::string::npos); // the test can see them before

    // Refused while the campaign is open, and without the campaign's id as confirmation.
    const std::string purge = "/api/v1/campaigns/" + std::string(kCampaignId) + "/purge";
    auto open = h.call("POST", purge, purgeBody("free_text_now", kCampaignId), coordinator);
    CHECK(open.status == 409);
    CHECK(errorCode(open) == "campaign_open");
    REQUIRE(
        h.call("POST", "/api/v1/campaigns/" + std::string(kCampaignId) + "/close", "", coordinator)
            .status == 200);
    CHECK(errorCode(h.call("POST", purge, purgeBody("free_text_now", "other"), coordinator)) ==
          "confirmation_mismatch");
    CHECK(h.call("POST", purge, purgeBody("everything", kCampaignId), coordinator).status == 400);
    CHECK(h.call("POST", purge, purgeBody("due", kCampaignId), officer).status == 403);

    auto done = h.call("POST", purge, purgeBody("free_text_now", kCampaignId), coordinator);
    INFO(done.body);
    REQUIRE(done.status == 200);
    auto report = bj::parse(done.body);
    CHECK(report.at("free_text_emptied").as_int64() == 12);
    CHECK(report.at("responses_removed").as_int64() == 0);
    CHECK(report.at("checkpointed").as_bool());

    const std::string after = databaseBytes(db);
    auto csv = h.call(
        "GET", "/api/v1/export/responses.csv?campaign=" + std::string(kCampaignId) + "&free_text=1",
        "", coordinator);
    REQUIRE(csv.status == 200);
    auto pull = h.call("GET", "/api/v1/sync/pull?limit=1000", "", coordinator);
    REQUIRE(pull.status == 200);
    for (const auto& t : texts) {
        INFO(t);
        CHECK(after.find(t) == std::string::npos);
        CHECK(csv.body.find(t) == std::string::npos);
        CHECK(pull.body.find(t) == std::string::npos);
    }
    // The responses are still there, counted as answered, marked.
    auto stored = h.store->listRecordsOfCampaign("response", kCampaignId);
    REQUIRE(stored);
    REQUIRE(stored->size() == 12);
    for (const auto& r : *stored) {
        auto decoded = model::fromJsonText<model::Response>(r.body);
        REQUIRE(decoded);
        CHECK(decoded->freeTextRemovedAt == "2025-04-30");
    }
    CHECK(pull.body.find("free_text_removed_at") != std::string::npos);

    // A device retrying the original push gets duplicate; another body under that id, conflict.
    CHECK(pushStatus(h.call("POST", "/api/v1/sync/push", pushBody({records[0]}), officer)) ==
          "duplicate");
    std::string changed = originals[1];
    changed.replace(changed.find("Zorro"), 5, "Fido!");
    CHECK(pushStatus(
              h.call("POST", "/api/v1/sync/push",
                     pushBody({pushRecordJson(
                         "response", bj::parse(changed).at("id").as_string().c_str(), 1, changed)}),
                     officer)) == "conflict");
    // A new response to the closed campaign is still refused.
    auto late = makeResponse(vindelnSurvey(), kCampaignId, newRecordId(), 99, 300);
    CHECK(pushStatus(
              h.call("POST", "/api/v1/sync/push",
                     pushBody({pushRecordJson("response", late.id, 1, model::toJsonText(late))}),
                     officer)) == "rejected");
    // A device may never claim the server's marker.
    late.freeTextRemovedAt = "2025-04-30";
    late.id = newRecordId();
    REQUIRE(
        h.call("POST", "/api/v1/campaigns/" + std::string(kCampaignId) + "/open", "", coordinator)
            .status == 200);
    auto marked = h.call(
        "POST", "/api/v1/sync/push",
        pushBody({pushRecordJson("response", late.id, 1, model::toJsonText(late))}), officer);
    CHECK(pushStatus(marked) == "rejected");
    CHECK(marked.body.find("server_only_field") != std::string::npos);
}

TEST_CASE("raw responses go after their date; picture, trend and follow-up stay the same") {
    ApiHarness h; // today is 2025-04-30: the demo's 2022 wave is past both its dates
    loadDemo(h);
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    const std::string officer = h.tokenFor(Role::Officer);
    const std::string campaign = "trygghetsenkat_2022";
    auto originals = h.store->listRecordsOfCampaign("response", campaign);
    REQUIRE(originals);
    REQUIRE(originals->size() == 150);

    auto status = bj::parse(h.call("GET", "/api/v1/retention", "", coordinator).body);
    CHECK(status.at("today").as_string() == "2025-04-30");
    const bj::value* row = nullptr;
    for (const auto& c : status.at("campaigns").as_array())
        if (c.at("id").as_string() == campaign)
            row = &c;
    REQUIRE(row);
    CHECK(row->at("free_text_until").as_string() == "2022-07-30");
    CHECK(row->at("responses_until").as_string() == "2024-04-30");
    CHECK_FALSE(row->at("responses_until_set").as_bool());
    CHECK(row->at("responses").as_int64() == 150);
    CHECK(row->at("free_text_due").as_bool());
    CHECK(row->at("responses_due").as_bool());

    // The free text goes first (it changes the unlocated-place list); then the comparison.
    const std::string purge = "/api/v1/campaigns/" + campaign + "/purge";
    REQUIRE(h.call("POST", purge, purgeBody("free_text_now", campaign), coordinator).status == 200);
    const std::vector<std::string> reads{
        "/api/v1/picture?campaign=" + campaign,
        "/api/v1/picture?campaign=" + campaign + "&locality=vindeln",
        "/api/v1/picture?campaign=trygghetsenkat_2025&compare_to=" + campaign,
        "/api/v1/picture?campaign=" + campaign + "&compare_to=trygghetsenkat_2025",
        "/api/v1/picture/places.geojson?campaign=" + campaign,
        "/api/v1/follow-up",
        "/api/v1/export/follow-up.csv",
        "/api/v1/public"};
    std::vector<std::string> before;
    for (const auto& target : reads) {
        auto res = h.call("GET", target, "", coordinator);
        INFO(target << " " << res.body.substr(0, 300));
        REQUIRE(res.status == 200);
        before.push_back(res.body);
    }
    auto done = h.call("POST", purge, purgeBody("due", campaign), coordinator);
    INFO(done.body);
    REQUIRE(done.status == 200);
    CHECK(bj::parse(done.body).at("responses_removed").as_int64() == 150);
    CHECK(bj::parse(done.body).at("free_text_emptied").as_int64() == 0);
    auto left = h.store->listRecordsOfCampaign("response", campaign);
    REQUIRE(left);
    CHECK(left->empty());
    for (std::size_t i = 0; i < reads.size(); ++i) {
        auto res = h.call("GET", reads[i], "", coordinator);
        INFO(reads[i]);
        REQUIRE(res.status == 200);
        CHECK(res.body == before[i]);
    }
    // No response body of the campaign is left in the file.
    const std::string bytes = databaseBytes(h.store->path());
    for (const auto& r : *originals)
        CHECK(bytes.find(r.id + "\",\"campaign_id") == std::string::npos);

    // What the aggregate cannot serve, and what may not happen to it.
    auto dated =
        h.call("GET", "/api/v1/picture?campaign=" + campaign + "&from=2022-01-01", "", coordinator);
    CHECK(dated.status == 409);
    CHECK(errorCode(dated) == "campaign_aggregated");
    auto reopen = h.call("POST", "/api/v1/campaigns/" + campaign + "/open", "", coordinator);
    CHECK(reopen.status == 409);
    CHECK(errorCode(reopen) == "campaign_aggregated");
    // A retry of a removed response: duplicate, never stored again.
    CHECK(pushStatus(h.call("POST", "/api/v1/sync/push",
                            pushBody({pushRecordJson("response", originals->front().id, 1,
                                                     originals->front().body)}),
                            officer)) == "duplicate");
    CHECK(h.store->listRecordsOfCampaign("response", campaign)->empty());
    // Nothing more is due; a second purge changes nothing.
    auto again = h.call("POST", purge, purgeBody("due", campaign), coordinator);
    CHECK(bj::parse(again.body).at("responses_removed").as_int64() == 0);
    auto open = h.call("POST", "/api/v1/campaigns/trygghetsenkat_2025/purge",
                       purgeBody("due", "trygghetsenkat_2025"), coordinator);
    CHECK(errorCode(open) == "campaign_open");
}

TEST_CASE("retention dates are checked with the campaign") {
    ApiHarness h;
    h.seedContent();
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    auto campaign =
        bj::parse(
            h.call("GET", "/api/v1/campaigns/" + std::string(kCampaignId), "", coordinator).body)
            .as_object();
    auto put = [&](const char* freeText, const char* responses) {
        bj::object c = campaign;
        if (freeText)
            c["retain_free_text_until"] = freeText;
        if (responses)
            c["retain_responses_until"] = responses;
        return h.call("PUT", "/api/v1/campaigns/" + std::string(kCampaignId), bj::serialize(c),
                      coordinator);
    };
    auto early = put("2025-06-01", nullptr);
    CHECK(early.status == 422);
    CHECK(early.body.find(
              R"("code":"retention_before_period_end","path":"retain_free_text_until")") !=
          std::string::npos);
    auto reversed = put("2026-01-01", "2025-12-31");
    CHECK(reversed.status == 422);
    CHECK(reversed.body.find(R"("code":"retention_reversed")") != std::string::npos);
    CHECK(put("2025-02-30", nullptr).status == 422);
    auto ok = put("2025-09-30", "2027-06-30");
    REQUIRE(ok.status == 200);
    auto status = bj::parse(h.call("GET", "/api/v1/retention", "", coordinator).body);
    const auto& c = status.at("campaigns").at(0);
    CHECK(c.at("free_text_until").as_string() == "2025-09-30");
    CHECK(c.at("free_text_until_set").as_bool());
    CHECK(c.at("responses_until").as_string() == "2027-06-30");
}

TEST_CASE("admin purge applies the dates to closed campaigns and logs each purge") {
    TempDir dir;
    const std::string db = dir.file("server.db");
    std::string out;
    REQUIRE(runServerCommand({"--db", db, "demo-data", "load", "--responses-per-wave", "40"},
                             &out) == 0);
    REQUIRE(runServerCommand({"--db", db, "admin", "purge", "--dry-run", "--today", "2024-05-01"},
                             &out) == 0);
    CHECK(out.find(R"("campaign":"trygghetsenkat_2022","free_text_until":"2022-07-30",)"
                   R"("responses_until":"2024-04-30","due":true})") != std::string::npos);
    {
        auto store = store::ServerStore::open(db);
        REQUIRE(store);
        CHECK((*store)->listRecordsOfCampaign("response", "trygghetsenkat_2022")->size() == 40);
    }
    REQUIRE(runServerCommand({"--db", db, "admin", "purge", "--today", "2024-05-01"}, &out) == 0);
    INFO(out);
    CHECK(out.find(R"("campaign":"trygghetsenkat_2022")") != std::string::npos);
    CHECK(out.find(R"("responses_removed":40)") != std::string::npos);
    REQUIRE(runServerCommand({"--db", db, "admin", "purge", "--today", "2030-01-01"}, &out) == 0);
    CHECK(out.find(R"("campaign":"trygghetsenkat_2025","free_text_until":"2025-07-30",)"
                   R"("responses_until":"2027-04-30","due":true,"skipped":"campaign_open"})") !=
          std::string::npos); // the 2025 wave is still open
    auto store = store::ServerStore::open(db);
    REQUIRE(store);
    CHECK((*store)->listRecordsOfCampaign("response", "trygghetsenkat_2022")->empty());
    CHECK((*store)->listRecordsOfCampaign("response", "trygghetsenkat_2025")->size() == 40);
    store::AuditQuery q;
    q.action = "campaign.purge";
    auto entries = (*store)->listAudit(q);
    REQUIRE(entries);
    bool logged = false;
    for (const auto& e : *entries)
        logged = logged || (e.target == "trygghetsenkat_2022" && e.actorKind == "cli" &&
                            e.detail.find("\"responses_removed\":40") != std::string::npos);
    CHECK(logged);
    CHECK(runServerCommand({"--db", db, "admin", "purge", "--campaign", "nope"}, &out) != 0);
    CHECK(runServerCommand({"--db", db, "admin", "purge", "--free-text-now"}, &out) != 0);
    CHECK(runServerCommand({"--db", db, "admin", "purge", "--today", "2024-13-01"}, &out) != 0);
}
