#include "sync_fixture.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <thread>

using namespace td;
using namespace td::sync;
using td::test::ServiceFixture;

namespace {

const Principal kOfficer{Role::Officer, std::string("device-officer"), std::nullopt};
const Principal kKiosk{Role::Kiosk, std::string("device-kiosk"), std::nullopt};

Principal resident(const std::string& campaign) {
    return Principal{Role::Resident, std::string("device-resident"), campaign};
}

PushResponse pushOk(ServiceFixture& f, const Principal& who,
                    const std::vector<PushRecord>& records) {
    SyncReply reply = f.service->push(who, test::pushBody(records));
    INFO(reply.jsonBody);
    REQUIRE(reply.httpStatus == 200);
    auto decoded = decodePushResponse(reply.jsonBody);
    REQUIRE(decoded.ok());
    REQUIRE(decoded->results.size() == records.size());
    return std::move(decoded).value();
}

Error pushError(ServiceFixture& f, const Principal& who, const std::string& body,
                int expectedStatus) {
    SyncReply reply = f.service->push(who, body);
    INFO(reply.jsonBody);
    REQUIRE(reply.httpStatus == expectedStatus);
    auto decoded = decodeError(reply.jsonBody);
    REQUIRE(decoded.ok());
    return decoded->error;
}

PullResponse pullOk(ServiceFixture& f, const Principal& who, const std::string& cursor,
                    std::optional<std::int64_t> limit) {
    SyncReply reply = f.service->pull(who, cursor, limit);
    INFO(reply.jsonBody);
    REQUIRE(reply.httpStatus == 200);
    auto decoded = decodePullResponse(reply.jsonBody);
    REQUIRE(decoded.ok());
    return std::move(decoded).value();
}

/// A response record whose body was edited by `edit` (on the decoded Response).
template <class Edit> PushRecord editedResponse(ServiceFixture& f, std::uint64_t n, Edit edit) {
    auto r = test::syntheticResponse(f.survey, f.campaignId, n);
    edit(r);
    return PushRecord{"response", r.id, 1, "h", test::bodyOf(r)};
}

} // namespace

TEST_CASE("synthetic responses are valid and have about 30 answers", "[sync_service]") {
    ServiceFixture f;
    for (std::uint64_t n = 0; n < 50; ++n) {
        auto r = test::syntheticResponse(f.survey, f.campaignId, n);
        CHECK(model::validateResponse(r, f.survey).empty());
        CHECK(r.answers.size() >= 25);
    }
}

TEST_CASE("push stores, then answers duplicate, then conflict", "[sync_service]") {
    ServiceFixture f;
    const std::vector<PushRecord> batch{f.responseRecord(1), f.responseRecord(2)};
    auto first = pushOk(f, kOfficer, batch);
    for (const auto& r : first.results)
        CHECK(r.status == PushStatus::Stored);
    CHECK(first.results[0].id == batch[0].id);
    CHECK(first.results[0].rev == 1);

    SyncReply again = f.service->push(kOfficer, test::pushBody(batch));
    REQUIRE(again.httpStatus == 200);
    CHECK(again.counts.duplicate == 2);
    CHECK(again.counts.stored == 0);
    CHECK(f.store->countRecords("response").value() == 2);

    // Same id and rev, different (valid) answers.
    auto changed = editedResponse(f, 1, [](model::Response& r) { r.locale = "en"; });
    REQUIRE(changed.id == batch[0].id);
    auto conflict = pushOk(f, kOfficer, {changed});
    CHECK(conflict.results[0].status == PushStatus::Conflict);
    CHECK(conflict.results[0].reason->code == "conflict");
}

TEST_CASE("the stored body is canonical: key order does not make a conflict", "[sync_service]") {
    ServiceFixture f;
    PushRecord record = f.responseRecord(3);
    pushOk(f, kOfficer, {record});
    // The same object with its top-level keys in reverse order.
    auto parsed = td::json::parse(record.body).value().as_object();
    boost::json::object reversed;
    for (auto it = parsed.end(); it != parsed.begin();) {
        --it;
        reversed[it->key()] = it->value();
    }
    record.body = boost::json::serialize(reversed);
    auto again = pushOk(f, kOfficer, {record});
    CHECK(again.results[0].status == PushStatus::Duplicate);
}

TEST_CASE("role x kind matrix", "[sync_service]") {
    ServiceFixture f;
    const std::vector<std::string> kinds{"response", "dialogue", "safety_walk", "observation",
                                         "place",    "measure",  "survey",      "campaign",
                                         "promise",  "gossip"};
    // Expected outcome per role for each kind above: S stored, N kind_not_allowed,
    // U unknown_kind.
    const std::map<Role, std::string> expected{
        {Role::Officer, "SSSSNSNNNU"}, {Role::Kiosk, "SSNNNNNNNU"}, {Role::Resident, "SNNNNNNNNU"}};
    std::uint64_t n = 1000;
    for (const auto& [role, outcomes] : expected) {
        Principal who{role, std::string("dev-") + std::string(store::toString(role)),
                      role == Role::Resident ? std::optional<std::string>(f.campaignId)
                                             : std::nullopt};
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            ++n;
            const std::string id = test::uuidFor(n);
            std::string body = "{}";
            if (kinds[i] == "response")
                body = test::bodyOf(test::syntheticResponse(f.survey, f.campaignId, n));
            else if (kinds[i] == "dialogue")
                body = test::bodyOf(test::syntheticDialogue(id));
            else if (kinds[i] == "safety_walk")
                body = test::bodyOf(test::syntheticWalk(id));
            else if (kinds[i] == "observation")
                body = test::bodyOf(test::syntheticObservation(id, test::uuidFor(1), f.checklist));
            else if (kinds[i] == "measure") { // editable: without clocks its hlc must be an HLC
                model::Measure m;
                m.id = id;
                m.title = "Byt armatur";
                body = test::bodyOf(m);
            }
            const std::string hlc = kinds[i] == "measure" ? "0190a1b2c3d4-00000000-dev" : "h";
            auto result = pushOk(f, who, {PushRecord{kinds[i], id, 1, hlc, body}}).results[0];
            INFO(store::toString(role)
                 << " pushes " << kinds[i] << ": "
                 << (result.reason ? result.reason->code + " " + result.reason->describe() : ""));
            switch (outcomes[i]) {
            case 'S':
                CHECK(result.status == PushStatus::Stored);
                CHECK_FALSE(result.reason);
                break;
            case 'N':
                REQUIRE(result.status == PushStatus::Rejected);
                CHECK(result.reason->code == "kind_not_allowed");
                CHECK(result.reason->path == "kind");
                break;
            case 'U':
                REQUIRE(result.status == PushStatus::Rejected);
                CHECK(result.reason->code == "unknown_kind");
                break;
            }
        }
    }
    for (Role role : {Role::Admin, Role::Coordinator}) {
        auto e = pushError(f, Principal{role, {}, {}}, test::pushBody({f.responseRecord(1)}), 403);
        CHECK(e.code == "forbidden");
    }
    auto noCampaign = pushError(f, Principal{Role::Resident, {}, std::nullopt},
                                test::pushBody({f.responseRecord(1)}), 403);
    CHECK(noCampaign.code == "forbidden");
}

TEST_CASE("validation failures are rejected with the issue's path", "[sync_service]") {
    ServiceFixture f;
    auto outOfRange = editedResponse(
        f, 10, [](model::Response& r) { r.answers["q_trygg_dag"] = std::int64_t{9}; });
    auto unknownQuestion =
        editedResponse(f, 11, [](model::Response& r) { r.answers["q_finns_inte"] = true; });
    PushRecord badBody = f.responseRecord(12);
    badBody.body.insert(1, R"("colour":"blue",)");
    PushRecord good = f.responseRecord(13);
    auto results = pushOk(f, kOfficer, {outOfRange, unknownQuestion, badBody, good}).results;

    REQUIRE(results[0].status == PushStatus::Rejected);
    CHECK(results[0].reason->code == "validation_failed");
    CHECK(results[0].reason->path == "answers.q_trygg_dag");
    REQUIRE(results[1].status == PushStatus::Rejected);
    CHECK(results[1].reason->code == "validation_failed");
    CHECK(results[1].reason->path == "answers.q_finns_inte");
    REQUIRE(results[2].status == PushStatus::Rejected);
    CHECK(results[2].reason->code == "invalid_body");
    CHECK(results[2].reason->path == "colour");
    CHECK(results[2].reason->message.rfind("unknown_field", 0) == 0);
    CHECK(results[3].status == PushStatus::Stored);
    CHECK(f.store->countRecords("response").value() == 1);
}

TEST_CASE("responses are checked against their campaign", "[sync_service]") {
    ServiceFixture f;
    f.publish(
        "closed_2024", "campaign",
        test::bodyOf(test::makeCampaign("closed_2024", f.survey, model::CampaignStatus::Closed)));
    auto wrongCampaign = pushOk(f, resident("other_campaign"), {f.responseRecord(20)});
    CHECK(wrongCampaign.results[0].reason->code == "campaign_not_allowed");
    CHECK(wrongCampaign.results[0].reason->path == "campaign_id");

    auto unknown = editedResponse(f, 21, [](model::Response& r) { r.campaignId = "nope"; });
    CHECK(pushOk(f, kOfficer, {unknown}).results[0].reason->code == "unknown_campaign");

    auto closed = editedResponse(f, 22, [](model::Response& r) { r.campaignId = "closed_2024"; });
    CHECK(pushOk(f, kOfficer, {closed}).results[0].reason->code == "campaign_closed");

    auto otherVersion = editedResponse(f, 23, [](model::Response& r) { r.surveyVersion = 7; });
    CHECK(pushOk(f, kOfficer, {otherVersion}).results[0].reason->code == "survey_mismatch");

    PushRecord mismatched = f.responseRecord(24);
    mismatched.id = test::uuidFor(999);
    CHECK(pushOk(f, kOfficer, {mismatched}).results[0].reason->code == "id_mismatch");

    PushRecord rev2 = f.responseRecord(25);
    rev2.rev = 2;
    CHECK(pushOk(f, kOfficer, {rev2}).results[0].reason->code == "invalid_rev");

    auto mine = pushOk(f, resident(f.campaignId), {f.responseRecord(26)});
    CHECK(mine.results[0].status == PushStatus::Stored);
    // A resident's response is stored without the device id the token carries.
    auto db = store::Database::open(f.dir.file("server.db"));
    REQUIRE(db.ok());
    auto stmt = db->prepare("SELECT device_id FROM changes WHERE id = ?1");
    REQUIRE(stmt.ok());
    REQUIRE(stmt->bindText(1, f.responseRecord(26).id).ok());
    REQUIRE(stmt->step().value());
    CHECK(stmt->isNull(0));
}

TEST_CASE("a campaign whose survey is not published rejects responses", "[sync_service]") {
    ServiceFixture f;
    model::Survey other = f.survey;
    other.version = 2;
    auto campaign = test::makeCampaign("v2_campaign", other);
    f.publish("v2_campaign", "campaign", test::bodyOf(campaign));
    auto r = editedResponse(f, 30, [](model::Response& resp) {
        resp.campaignId = "v2_campaign";
        resp.surveyVersion = 2;
    });
    auto result = pushOk(f, kOfficer, {r}).results[0];
    REQUIRE(result.status == PushStatus::Rejected);
    CHECK(result.reason->code == "unknown_survey");
}

TEST_CASE("observations need a checklist item set the server knows", "[sync_service]") {
    ServiceFixture f;
    auto o = test::syntheticObservation(test::uuidFor(40), test::uuidFor(41), f.checklist);
    o.ratings["no_such_item"] = 1;
    auto result =
        pushOk(f, kOfficer, {PushRecord{"observation", o.id, 1, "h", test::bodyOf(o)}}).results[0];
    REQUIRE(result.status == PushStatus::Rejected);
    CHECK(result.reason->code == "validation_failed");
    CHECK(result.reason->path.find("no_such_item") != std::string::npos);
}

TEST_CASE("batch-level errors answer with an error body", "[sync_service]") {
    SyncServiceOptions options;
    options.limits.maxRecordsPerBatch = 3;
    options.limits.maxBodyBytes = 1024;
    ServiceFixture f(options);
    CHECK(pushError(f, kOfficer, "{\"records\":[", 400).code == "malformed_json");
    CHECK(pushError(f, kOfficer, R"({"records":[],"x":1})", 400).code == "unknown_field");
    CHECK(pushError(f, kOfficer, R"({"records":{}})", 400).code == "wrong_type");
    CHECK(pushError(f, kOfficer, R"({})", 400).code == "missing_field");
    std::vector<PushRecord> four{f.responseRecord(1), f.responseRecord(2), f.responseRecord(3),
                                 f.responseRecord(4)};
    CHECK(pushError(f, kOfficer, test::pushBody(four), 413).code == "batch_too_large");
    CHECK(f.store->countRecords("response").value() == 0);

    auto big = editedResponse(
        f, 5, [](model::Response& r) { r.answers["q_tryggare"] = std::string(1000, 'x'); });
    auto result = pushOk(f, kOfficer, {big}).results[0];
    REQUIRE(result.status == PushStatus::Rejected);
    CHECK(result.reason->code == "record_too_large");
}

TEST_CASE("pull serves what each role may see, paged", "[sync_service]") {
    ServiceFixture f;
    f.publish("c_other", "campaign", test::bodyOf(test::makeCampaign("c_other", f.survey)));
    f.publish("m1", "measure", R"({"id":"m1"})");
    pushOk(f, kOfficer, {f.responseRecord(1)});

    auto ids = [&](const Principal& who) {
        std::vector<std::string> out;
        std::string cursor;
        for (int guard = 0; guard < 100; ++guard) {
            auto page = pullOk(f, who, cursor, 1);
            for (const auto& c : page.changes)
                out.push_back(c.kind + ":" + c.id);
            cursor = page.cursor;
            if (!page.more)
                break;
        }
        return out;
    };
    const std::string surveyId = "survey:" + surveyRecordId(f.survey.id, f.survey.version);
    using V = std::vector<std::string>;
    CHECK(ids(kOfficer) ==
          V{surveyId, "campaign:" + f.campaignId, "campaign:c_other", "measure:m1"});
    CHECK(ids(resident(f.campaignId)) == V{surveyId, "campaign:" + f.campaignId});
    auto all = ids(Principal{Role::Coordinator, {}, {}});
    CHECK(all.size() == 5);
    CHECK(all.back().rfind("response:", 0) == 0);

    auto body = pullOk(f, kOfficer, "", 10).changes[0].body;
    auto decoded = model::fromJsonText<model::Survey>(body);
    REQUIRE(decoded.ok());
    CHECK(*decoded == f.survey);
}

TEST_CASE("pull rejects bad cursors and limits, and clamps large limits", "[sync_service]") {
    SyncServiceOptions options;
    options.maxPullLimit = 2;
    ServiceFixture f(options);
    f.publish("p1", "place", "{}");
    f.publish("p2", "place", "{}");
    auto bad = f.service->pull(kOfficer, "c1.zz", std::nullopt);
    CHECK(bad.httpStatus == 400);
    CHECK(decodeError(bad.jsonBody)->error.code == "invalid_cursor");
    auto zero = f.service->pull(kOfficer, "", 0);
    CHECK(zero.httpStatus == 400);
    CHECK(decodeError(zero.jsonBody)->error.code == "invalid_limit");
    auto clamped = pullOk(f, kOfficer, "", 1000);
    CHECK(clamped.changes.size() == 2);
    CHECK(clamped.more);
    auto rest = pullOk(f, kOfficer, clamped.cursor, std::nullopt);
    CHECK(rest.changes.size() == 2);
    CHECK_FALSE(rest.more);
    auto end = pullOk(f, kOfficer, rest.cursor, std::nullopt);
    CHECK(end.changes.empty());
    CHECK(end.cursor == rest.cursor);
}

TEST_CASE("pull paging while records are written: every change seen exactly once",
          "[sync_service]") {
    ServiceFixture f;
    constexpr int kPlaces = 300;
    std::atomic<bool> done{false};
    std::atomic<int> writeFailures{0};
    std::thread writer([&] {
        for (int i = 0; i < kPlaces; ++i) {
            const std::string id = "place_" + std::to_string(i % 200);
            if (!f.store->putRecord("place", id, R"({"i":)" + std::to_string(i) + "}", "h"))
                ++writeFailures;
        }
        done = true;
    });
    std::map<std::string, std::int64_t> latest;
    std::set<std::pair<std::string, std::int64_t>> seen;
    std::string cursor;
    bool finished = false;
    while (!finished) {
        const bool writerDone = done.load();
        auto page = pullOk(f, kOfficer, cursor, 7);
        for (const auto& c : page.changes) {
            INFO(c.id << " rev " << c.rev);
            CHECK(seen.insert({c.id, c.rev}).second); // never the same change twice
            CHECK(c.rev > latest[c.id]);              // never older than one already seen
            latest[c.id] = c.rev;
        }
        cursor = page.cursor;
        finished = writerDone && !page.more;
    }
    writer.join();
    REQUIRE(writeFailures == 0);
    // The client ends with every record at its current revision.
    auto places = f.store->listRecords("place");
    REQUIRE(places.ok());
    REQUIRE(places->size() == 200);
    for (const auto& p : *places)
        CHECK(latest[p.id] == p.rev);
}
