// The audit log through the handler layer over a real store with the demo data: every audited
// act writes one entry naming who did what (one case per kind of entry), refused calls write
// nothing, residents and their answers never appear in it, the schema refuses changes, admins
// read it page by page and as CSV, and a read that cannot be logged is not served. The admin
// commands of the real binary are logged too.
#include "api_harness.hpp"
#include "audit.hpp"
#include "fixtures.hpp"
#include "td/model/codec.hpp"
#include "td/server/admin.hpp"
#include "td/server/routes.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <set>
#include <sqlite3.h>

using namespace td;
using namespace td::test;
using server::Role;
using server::RouteId;
namespace bj = boost::json;

namespace {

// Staff reads that are not logged: definitions and settings, no resident or personal data.
const std::set<RouteId> kUnloggedReads{
    RouteId::Metrics,          RouteId::ListSurveys,    RouteId::GetSurvey,
    RouteId::GetSurveyVersion, RouteId::ListCampaigns,  RouteId::GetCampaign,
    RouteId::ListPlaces,       RouteId::GetPlace,       RouteId::ListMeasures,
    RouteId::GetMeasure,       RouteId::GetAgreement,   RouteId::ListPromises,
    RouteId::GetPromise,       RouteId::ListIndicators, RouteId::RetentionStatus,
    RouteId::GetOwnAccount,    RouteId::ListPlaceLinks};

void loadDemo(ApiHarness& h) {
    REQUIRE(server::loadDemoData(*h.store,
                                 {"--content", std::string(TD_SOURCE_DIR) + "/shared/content",
                                  "--population", std::string(TD_SOURCE_DIR) + "/data/vindeln.json",
                                  "--responses-per-wave", "60"}));
}

std::vector<store::AuditEntry> allEntries(ApiHarness& h) {
    store::AuditQuery q;
    q.limit = 1000;
    auto entries = h.store->listAudit(q);
    REQUIRE(entries);
    return *entries;
}

std::size_t entryCount(ApiHarness& h) {
    return allEntries(h).size();
}

store::AuditEntry newest(ApiHarness& h) {
    auto all = allEntries(h);
    REQUIRE_FALSE(all.empty());
    return all.front();
}

bj::object detailOf(const store::AuditEntry& e) {
    return bj::parse(e.detail).as_object();
}

std::string firstId(ApiHarness& h, std::string_view kind) {
    auto records = h.store->listRecords(kind);
    REQUIRE(records);
    REQUIRE_FALSE(records->empty());
    return records->front().id;
}

std::string bodyOf(ApiHarness& h, std::string_view kind, const std::string& id) {
    auto r = h.store->getRecord(kind, id);
    REQUIRE(r);
    REQUIRE(*r);
    return (*r)->body;
}

std::string withId(const std::string& body, const std::string& id) {
    auto v = bj::parse(body);
    v.as_object()["id"] = id;
    return bj::serialize(v);
}

// Calls and requires success; then the newest entry must be `action` by `actor` on
// `expectTarget` ("*": any target).
store::AuditEntry act(ApiHarness& h, const std::string& method, const std::string& target,
                      const std::string& body, const std::string& token, const std::string& action,
                      const std::string& actor, const std::string& expectTarget,
                      const std::string& contentType = "application/json") {
    const std::size_t before = entryCount(h);
    auto res = h.call(method, target, body, token, contentType);
    INFO(method << " " << target << " -> " << res.status << " " << res.body);
    REQUIRE(res.status < 300);
    REQUIRE(entryCount(h) == before + 1);
    auto e = newest(h);
    CHECK(e.action == action);
    CHECK(e.actorName == actor);
    if (expectTarget != "*")
        CHECK(e.target == expectTarget);
    CHECK(e.atMs == h.nowMs);
    CHECK_FALSE(e.requestId.empty());
    return e;
}

} // namespace

TEST_CASE("every staff route is either logged or a listed read of definitions and settings") {
    for (const auto& r : server::routeTable()) {
        INFO(r.method << " " << r.pathTemplate);
        const bool staffOnly = !r.isPublic && !r.roles.contains(Role::Officer) &&
                               !r.roles.contains(Role::Kiosk) && !r.roles.contains(Role::Resident);
        if (kUnloggedReads.count(r.id)) {
            CHECK(r.method == "GET");
            CHECK(r.audit.empty());
        } else if (staffOnly) {
            CHECK_FALSE(r.audit.empty());
        }
    }
    // The sign-in, device enrolment and pull are logged too (for staff callers and devices).
    CHECK(server::routeSpec(RouteId::Login).audit == "auth.login");
    CHECK(server::routeSpec(RouteId::EnrolDevice).audit == "device.enrol");
    CHECK(server::routeSpec(RouteId::SyncPull).audit == "sync.pull");
}

TEST_CASE("each audited act writes one entry naming who did what") {
    ApiHarness h;
    loadDemo(h);
    h.createAccount("alice", store::Role::Coordinator);
    h.createAccount("root_admin", store::Role::Admin);
    const std::size_t start = entryCount(h);

    SECTION("sign-in") {
        auto e = act(h, "POST", "/api/v1/auth/login",
                     std::string(R"({"username":"alice","password":")") + kPassword + "\"}", "",
                     "auth.login", "alice", "");
        CHECK(e.actorKind == "account");
        CHECK(e.role == "coordinator");
        CHECK(e.detail.find(kPassword) == std::string::npos);
    }

    auto login = h.call("POST", "/api/v1/auth/login",
                        std::string(R"({"username":"alice","password":")") + kPassword + "\"}");
    REQUIRE(login.status == 200);
    const std::string alice = jsonString(login.body, "/token");
    auto adminLogin =
        h.call("POST", "/api/v1/auth/login",
               std::string(R"({"username":"root_admin","password":")") + kPassword + "\"}");
    REQUIRE(adminLogin.status == 200);
    const std::string admin = jsonString(adminLogin.body, "/token");

    SECTION("devices: a code made, a device enrolled, the list read, a device revoked") {
        const std::size_t before = entryCount(h);
        auto code = h.call("POST", "/api/v1/enrolment-codes",
                           R"({"role":"kiosk","expires_in_seconds":3600})", alice);
        REQUIRE(code.status == 201);
        REQUIRE(entryCount(h) == before + 1);
        auto made = newest(h);
        CHECK(made.action == "enrolment_code.create");
        CHECK(made.actorName == "alice");
        CHECK(detailOf(made).at("role").as_string() == "kiosk");
        const std::string clear = jsonString(code.body, "/code");
        CHECK(made.detail.find(clear) == std::string::npos); // the code itself is never logged

        auto enrol = act(h, "POST", "/api/v1/devices/enrol",
                         R"({"code":")" + clear + R"(","label":"Surfplatta biblioteket"})", "",
                         "device.enrol", "Surfplatta biblioteket", "*");
        CHECK(enrol.actorKind == "device");
        CHECK(enrol.role == "kiosk");
        CHECK(enrol.target == enrol.actorId);
        CHECK(enrol.detail.find(clear) == std::string::npos);

        act(h, "GET", "/api/v1/devices", "", alice, "devices.read", "alice", "");
        act(h, "POST", "/api/v1/devices/" + enrol.actorId + "/revoke", "", alice, "device.revoke",
            "alice", enrol.actorId);
    }

    SECTION("a resident's enrolment and a device's own pull are not logged; staff pulls are") {
        const std::size_t before = entryCount(h);
        auto resident = h.call("POST", "/api/v1/devices/enrol", R"({"code":"VINDELN-2025"})");
        INFO(resident.body);
        REQUIRE(resident.status == 201);
        const std::string officer = h.tokenFor(Role::Officer);
        REQUIRE(h.call("GET", "/api/v1/sync/pull", "", officer).status == 200);
        CHECK(entryCount(h) == before);
        auto pull =
            act(h, "GET", "/api/v1/sync/pull?limit=50", "", alice, "sync.pull", "alice", "");
        CHECK(detailOf(pull).at("limit").as_string() == "50");
    }

    SECTION("surveys and campaigns") {
        const std::string survey = withId(bodyOf(h, "survey", firstId(h, "survey")), "audit_enkat");
        act(h, "POST", "/api/v1/surveys", survey, alice, "survey.create", "alice", "audit_enkat");
        act(h, "PUT", "/api/v1/surveys/audit_enkat", survey, alice, "survey.update", "alice",
            "audit_enkat");
        act(h, "POST", "/api/v1/surveys/audit_enkat/publish", "", alice, "survey.publish", "alice",
            "audit_enkat");

        auto campaign = bj::parse(bodyOf(h, "campaign", "trygghetsenkat_2025")).as_object();
        campaign["id"] = "audit_2026";
        campaign["public_code"] = "AUDIT26";
        campaign["year"] = 2026;
        campaign["period_start"] = "2026-04-01";
        campaign["period_end"] = "2026-05-31";
        const std::string body = bj::serialize(campaign);
        act(h, "POST", "/api/v1/campaigns", body, alice, "campaign.create", "alice", "audit_2026");
        act(h, "PUT", "/api/v1/campaigns/audit_2026", body, alice, "campaign.update", "alice",
            "audit_2026");
        act(h, "POST", "/api/v1/campaigns/audit_2026/close", "", alice, "campaign.close", "alice",
            "audit_2026");
        act(h, "POST", "/api/v1/campaigns/audit_2026/open", "", alice, "campaign.open", "alice",
            "audit_2026");
        act(h, "GET", "/api/v1/campaigns/audit_2026/counts", "", alice, "campaign.counts", "alice",
            "audit_2026");
        act(h, "POST", "/api/v1/campaigns/audit_2026/closing", R"({"grace_days":3})", alice,
            "campaign.closing", "alice", "audit_2026");
    }

    SECTION("places, measures and walks") {
        const std::string place = withId(bodyOf(h, "place", firstId(h, "place")), "audit_plats");
        act(h, "POST", "/api/v1/places", place, alice, "place.create", "alice", "audit_plats");
        act(h, "PUT", "/api/v1/places/audit_plats", place, alice, "place.update", "alice",
            "audit_plats");
        act(h, "POST", "/api/v1/places/audit_plats/retire", "", alice, "place.retire", "alice",
            "audit_plats");
        act(h, "POST", "/api/v1/places/audit_plats/reinstate", "", alice, "place.reinstate",
            "alice", "audit_plats");
        const std::string observation = firstId(h, "observation");
        auto made = act(h, "POST", "/api/v1/observations/" + observation + "/measures",
                        R"({"priority":"high"})", alice, "measure.create", "alice", observation);
        auto measures = h.store->listRecords("measure");
        REQUIRE(measures);
        const std::string measure = measures->back().id;
        act(h, "PATCH", "/api/v1/measures/" + measure, R"({"priority":"low"})", alice,
            "measure.update", "alice", measure);
        act(h, "GET", "/api/v1/walks", "", alice, "walks.read", "alice", "");
        const std::string walk = firstId(h, "safety_walk");
        act(h, "GET", "/api/v1/walks/" + walk + "/report", "", alice, "walk.report", "alice", walk);
        (void)made;
    }

    SECTION("the picture, its publication and the exports") {
        auto read = act(h, "GET", "/api/v1/picture?campaign=trygghetsenkat_2025&locality=vindeln",
                        "", alice, "picture.read", "alice", "trygghetsenkat_2025");
        CHECK(detailOf(read).at("locality").as_string() == "vindeln");
        act(h, "GET", "/api/v1/picture/places.geojson?campaign=trygghetsenkat_2025", "", alice,
            "picture.read", "alice", "trygghetsenkat_2025");
        act(h, "POST", "/api/v1/picture/publish", R"({"campaign":"trygghetsenkat_2025"})", alice,
            "picture.publish", "alice", "");
        auto without = act(h, "GET", "/api/v1/export/responses.csv?campaign=trygghetsenkat_2025",
                           "", alice, "export.responses_csv", "alice", "trygghetsenkat_2025");
        CHECK_FALSE(detailOf(without).contains("free_text"));
        auto with =
            act(h, "GET", "/api/v1/export/responses.csv?campaign=trygghetsenkat_2025&free_text=1",
                "", alice, "export.responses_csv", "alice", "trygghetsenkat_2025");
        CHECK(detailOf(with).at("free_text").as_string() == "1");
        act(h, "GET", "/api/v1/follow-up", "", alice, "follow_up.read", "alice", "");
        act(h, "GET", "/api/v1/export/follow-up.csv", "", alice, "export.follow_up_csv", "alice",
            "");
    }

    SECTION("the agreement, promises and figures") {
        act(h, "PUT", "/api/v1/agreement", bodyOf(h, "agreement", firstId(h, "agreement")), alice,
            "agreement.update", "alice", "");
        const std::string promise = firstId(h, "promise");
        const std::string body = bodyOf(h, "promise", promise);
        act(h, "PUT", "/api/v1/promises/" + promise, body, alice, "promise.update", "alice",
            promise);
        act(h, "POST", "/api/v1/promises", withId(body, "audit_lofte"), alice, "promise.create",
            "alice", "");
        act(h, "PUT", "/api/v1/promises/" + promise + "/assessments/2025", R"({"text":"Bra år."})",
            alice, "promise.assessment", "alice", promise);
        act(h, "POST", "/api/v1/indicators",
            "indicator,area,period,value,source\r\nanmalda_narkotikabrott,drugs,2026,12,"
            "Polisen\r\n",
            alice, "indicators.import", "alice", "", "text/csv");
        act(h, "DELETE", "/api/v1/indicators/anmalda_narkotikabrott@drugs@2026", "", alice,
            "indicator.delete", "alice", "anmalda_narkotikabrott@drugs@2026");
    }

    SECTION("reading the log is logged") {
        auto page =
            act(h, "GET", "/api/v1/audit?limit=5", "", admin, "audit.read", "root_admin", "");
        CHECK(page.role == "admin");
        act(h, "GET", "/api/v1/export/audit.csv?action=auth.", "", admin, "export.audit_csv",
            "root_admin", "");
    }
    CHECK(entryCount(h) > start);
}

TEST_CASE("refused and failed calls write nothing") {
    ApiHarness h;
    loadDemo(h);
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    const std::string officer = h.tokenFor(Role::Officer);
    const std::size_t before = entryCount(h);
    CHECK(h.call("GET", "/api/v1/picture?campaign=trygghetsenkat_2025", "").status == 401);
    CHECK(h.call("GET", "/api/v1/picture?campaign=trygghetsenkat_2025", "", officer).status == 403);
    CHECK(h.call("GET", "/api/v1/picture?campaign=no_such", "", coordinator).status == 404);
    CHECK(h.call("GET", "/api/v1/audit", "", coordinator).status == 403);
    CHECK(h.call("POST", "/api/v1/devices/nope/revoke", "", coordinator).status == 404);
    CHECK(h.call("POST", "/api/v1/auth/login", R"({"username":"x","password":"y"})").status == 401);
    CHECK(entryCount(h) == before);
}

TEST_CASE("residents, their answers and client addresses never reach the log") {
    ApiHarness h;
    h.seedContent();
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    const std::string admin = h.tokenFor(Role::Admin);
    const std::string resident = h.tokenFor(Role::Resident);
    // Responses whose free text is easy to find, pushed as residents push them.
    std::vector<std::string> records;
    for (unsigned i = 0; i < 5; ++i) {
        auto r = makeResponse(vindelnSurvey(), kCampaignId, newRecordId(), i);
        for (auto& [id, answer] : r.answers)
            if (auto* text = std::get_if<std::string>(&answer);
                text && vindelnSurvey().findQuestion(id)->type == model::QuestionType::Text)
                *text = "Hemlig berättelse om grannen nummer " + std::to_string(i);
        records.push_back(pushRecordJson("response", r.id, 1, model::toJsonText(r)));
    }
    auto pushed = h.call("POST", "/api/v1/sync/push", pushBody(records), resident);
    REQUIRE(pushed.status == 200);
    for (const char* target : {"/api/v1/picture?campaign=trygghet_2025",
                               "/api/v1/export/responses.csv?campaign=trygghet_2025&free_text=1",
                               "/api/v1/sync/pull", "/api/v1/devices"})
        REQUIRE(h.call("GET", target, "", coordinator).status == 200);
    REQUIRE(h.call("GET", "/api/v1/audit", "", admin).status == 200);
    const auto entries = allEntries(h);
    REQUIRE(entries.size() >= 5);
    for (const auto& e : entries) {
        const std::string all = e.actorKind + e.actorId + e.actorName + e.role + e.action +
                                e.target + e.detail + e.requestId;
        INFO(all);
        CHECK(all.find("Hemlig") == std::string::npos);
        CHECK(all.find(h.clientAddress) == std::string::npos);
        CHECK(all.find("resident") == std::string::npos);
    }
}

TEST_CASE("the log refuses changes and deletions in the database itself") {
    ApiHarness h;
    REQUIRE(h.store->appendAudit(server::auditActor("cli", "", "it", "admin")));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(h.store->path().c_str(), &db) == SQLITE_OK);
    char* message = nullptr;
    CHECK(sqlite3_exec(db, "UPDATE audit_log SET actor_name = 'someone else'", nullptr, nullptr,
                       &message) != SQLITE_OK);
    REQUIRE(message);
    CHECK(std::string(message).find("append-only") != std::string::npos);
    sqlite3_free(message);
    message = nullptr;
    CHECK(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, &message) != SQLITE_OK);
    sqlite3_free(message);
    sqlite3_close(db);
    CHECK(entryCount(h) == 1);
    CHECK(newest(h).actorName == "it");
}

TEST_CASE("admins read the log newest first, page by page, filtered, and as CSV") {
    ApiHarness h;
    const std::string admin = h.tokenFor(Role::Admin);
    const std::int64_t day = 86'400'000;
    const std::int64_t base = 1'746'057'600'000; // 2025-05-01T00:00Z
    for (int i = 0; i < 25; ++i) {
        auto e = server::auditActor("account", "7", i % 2 ? "bertil" : "anna", "coordinator");
        e.atMs = base + (i / 10) * day + i;
        e.action = i % 3 ? "picture.read" : "export.responses_csv";
        e.target = "kampanj_" + std::to_string(i);
        REQUIRE(h.store->appendAudit(e));
    }
    // Pages of 10, newest first, until next_before is null.
    std::vector<std::string> targets;
    std::string before;
    for (int page = 0; page < 5; ++page) {
        auto res = h.call("GET", "/api/v1/audit?limit=10&action=picture.read" + before, "", admin);
        REQUIRE(res.status == 200);
        bool noStore = false;
        for (const auto& [name, value] : res.headers)
            noStore = noStore || (name == "Cache-Control" && value == "no-store");
        CHECK(noStore);
        auto v = bj::parse(res.body).as_object();
        for (const auto& e : v.at("entries").as_array())
            targets.push_back(std::string(e.at("target").as_string()));
        if (v.at("next_before").is_null())
            break;
        before = "&before=" + std::to_string(v.at("next_before").as_int64());
    }
    std::vector<std::string> expected;
    for (int i = 24; i >= 0; --i)
        if (i % 3)
            expected.push_back("kampanj_" + std::to_string(i));
    CHECK(targets == expected);

    auto prefix =
        bj::parse(h.call("GET", "/api/v1/audit?action=export.&actor=anna", "", admin).body);
    for (const auto& e : prefix.at("entries").as_array()) {
        CHECK(e.at("action").as_string() == "export.responses_csv");
        CHECK(e.at("actor").at("name").as_string() == "anna");
    }
    CHECK(prefix.at("entries").as_array().size() == 5); // i = 0, 6, 12, 18, 24
    auto oneDay =
        bj::parse(h.call("GET", "/api/v1/audit?from=2025-05-02&to=2025-05-02", "", admin).body);
    CHECK(oneDay.at("entries").as_array().size() == 10); // i = 10 … 19

    auto csv = h.call("GET", "/api/v1/export/audit.csv?from=2025-05-01&to=2025-05-01", "", admin);
    REQUIRE(csv.status == 200);
    CHECK(csv.contentType.rfind("text/csv", 0) == 0);
    std::size_t lines = 0;
    for (char c : csv.body)
        lines += c == '\n';
    CHECK(lines == 1 + 10); // the header and i = 0 … 9
    CHECK(csv.body.find("kampanj_9,") != std::string::npos);

    CHECK(h.call("GET", "/api/v1/audit?from=2025-13-01", "", admin).status == 400);
    CHECK(h.call("GET", "/api/v1/audit?limit=0", "", admin).status == 400);
    CHECK(h.call("GET", "/api/v1/audit?limit=1001", "", admin).status == 400);
    CHECK(h.call("GET", "/api/v1/audit?who=anna", "", admin).status == 400);
}

TEST_CASE("a read that cannot be logged is not served; a write keeps its answer") {
    ApiHarness h;
    loadDemo(h);
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(h.store->path().c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "CREATE TRIGGER audit_broken BEFORE INSERT ON audit_log "
                         "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto read = h.call("GET", "/api/v1/picture?campaign=trygghetsenkat_2025", "", coordinator);
    CHECK(read.status == 503);
    CHECK(errorCode(read) == "audit_unavailable");
    auto csv =
        h.call("GET", "/api/v1/export/responses.csv?campaign=trygghetsenkat_2025", "", coordinator);
    CHECK(csv.status == 503);
    CHECK(csv.body.find("trygghetsenkat") == std::string::npos);
    auto write = h.call("POST", "/api/v1/campaigns/trygghetsenkat_2025/close", "", coordinator);
    CHECK(write.status == 200);
    CHECK(h.metrics.render().find("td_audit_failures_total 3") != std::string::npos);
}

TEST_CASE("the admin commands are logged with the operating-system user") {
    TempDir dir;
    const std::string db = dir.file("server.db");
    std::string out;
    REQUIRE(runServerCommand({"--db", db, "admin", "create-coordinator", "cecilia"}, &out,
                             {std::string("TD_ADMIN_PASSWORD=") + kPassword}) == 0);
    REQUIRE(runServerCommand({"--db", db, "admin", "create-admin", "dag"}, &out,
                             {std::string("TD_ADMIN_PASSWORD=") + kPassword}) == 0);
    REQUIRE(runServerCommand({"--db", db, "admin", "create-enrolment-code", "--role", "kiosk"},
                             &out) == 0);
    const std::string code = out.substr(0, 9);
    auto store = store::ServerStore::open(db);
    REQUIRE(store);
    store::AuditQuery q;
    auto entries = (*store)->listAudit(q);
    REQUIRE(entries);
    REQUIRE(entries->size() == 3);
    const auto& made = (*entries)[0];
    CHECK(made.action == "enrolment_code.create");
    CHECK(made.actorKind == "cli");
    CHECK_FALSE(made.actorName.empty());
    CHECK(bj::parse(made.detail).at("role").as_string() == "kiosk");
    CHECK(made.detail.find(code) == std::string::npos);
    CHECK((*entries)[1].action == "account.create");
    CHECK((*entries)[1].target == "dag");
    CHECK(bj::parse((*entries)[1].detail).at("role").as_string() == "admin");
    CHECK((*entries)[2].target == "cecilia");
    CHECK(bj::parse((*entries)[2].detail).at("role").as_string() == "coordinator");
    store->reset();

    // Backups and restores of the database file are logged too; a restore in the restored
    // database's own log.
    const std::string copy = dir.file("copy.db");
    REQUIRE(runServerCommand({"--db", db, "admin", "backup", "--to", copy}, &out) == 0);
    {
        auto again = store::ServerStore::open(db);
        REQUIRE(again);
        auto latest = (*again)->listAudit(q);
        REQUIRE(latest);
        CHECK(latest->front().action == "backup.create");
        CHECK(latest->front().target == copy);
        CHECK(latest->front().actorKind == "cli");
    }
    REQUIRE(runServerCommand({"--db", db, "admin", "restore", "--from", copy}, &out) == 0);
    auto restored = store::ServerStore::open(db);
    REQUIRE(restored);
    auto after = (*restored)->listAudit(q);
    REQUIRE(after);
    CHECK(after->front().action == "backup.restore");
    CHECK(after->front().target == copy);
    CHECK(after->size() ==
          4); // the three above and the restore: the backup entry came after the copy
}
