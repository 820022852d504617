// What the device keeps once the server has acknowledged a record: the store's side
// (docs/device-data.md). The end-to-end case over the real app and server is
// tests/e2e/test_e2e_device_data.cpp.

#include "database_files.hpp"
#include "store_checks.hpp"
#include "td/store/device_store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace td::store;

namespace {

using td::test::require;
using td::test::unwrap;

struct Fixture {
    td::test::TempDir dir;
    std::string path = dir.file("device.db");

    DeviceStore open() { return unwrap(DeviceStore::open(path)); }
    /// What the sync client does when a run ends; the WAL must end up empty.
    static void endRun(DeviceStore& store) {
        CHECK(unwrap(store.scrubAcknowledged()).walTruncated);
    }
    bool onDisk(const std::string& text) const {
        return td::test::databaseFileBytes(path).find(text) != std::string::npos;
    }
};

// A kiosk response whose free text and choice are unlike anything else in the database.
// `second` and `locale` tell one response's answering time and language from another's.
LocalRecord kioskResponse(const std::string& id, const std::string& marker, int second = 30,
                          const std::string& locale = "sv") {
    return LocalRecord{"response", id, 1, "0000000003e8-00000000-dev",
                       R"({"id":")" + id +
                           R"(","campaign_id":"dialog_2025","survey_id":"medborgardialog",)"
                           R"("survey_version":1,"channel":"kiosk","dialogue_id":"d-1",)"
                           R"("submitted_at":"2025-09-18T17:02:)" +
                           std::to_string(second) + R"(.000Z","locale":")" + locale +
                           R"(",)"
                           R"("answers":{"q_fritext":"Fritext )" +
                           marker + R"(","q_val":"val_)" + marker + R"("}})"};
}

std::int64_t seqOf(DeviceStore& store, const std::string& id) {
    for (const auto& p : unwrap(store.pending(100, 1 << 24)))
        if (p.record.id == id)
            return p.seq;
    FAIL("no pending entry for " << id);
    return 0;
}

} // namespace

TEST_CASE("the device database zeroes deleted content (secure_delete)", "[device_scrub]") {
    Fixture f;
    DeviceStore store = f.open();
    auto stmt = store.database().prepare("PRAGMA secure_delete");
    REQUIRE(stmt.ok());
    auto row = stmt->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    CHECK(stmt->columnInt64(0) == 1);
}

TEST_CASE("an acknowledged response keeps its id, status and references, not its answers",
          "[device_scrub]") {
    Fixture f;
    DeviceStore store = f.open();
    require(store.submit(kioskResponse("r-acked", "Kvastskaft4711", 11, "en")));
    require(store.submit(kioskResponse("r-rejected", "Lingonris0815")));
    require(store.submit(kioskResponse("r-conflict", "Myrstack2323")));
    require(store.submit(kioskResponse("r-pending", "Granbarr9090")));
    const std::int64_t acked = seqOf(store, "r-acked");
    // Written and readable before the acknowledgement: the search below can find them.
    for (const char* marker : {"Kvastskaft4711", "val_Kvastskaft4711", "Lingonris0815",
                               "2025-09-18T17:02:11", "\"locale\":\"en\""})
        REQUIRE(f.onDisk(marker));

    require(store.applyPushResults(
        {{"r-acked", 1, PushOutcome::Acked, "", ""},
         {"r-rejected", 1, PushOutcome::Rejected, "campaign_closed", "the campaign is closed"},
         {"r-conflict", 1, PushOutcome::Conflict, "conflict", "other body"}}));

    auto kept = unwrap(store.record("r-acked"));
    REQUIRE(kept);
    CHECK(kept->kind == "response");
    CHECK(kept->rev == 1);
    CHECK(kept->body ==
          R"({"id":"r-acked","campaign_id":"dialog_2025","channel":"kiosk","dialogue_id":"d-1"})");
    CHECK(unwrap(store.isScrubbed("r-acked")));
    auto entry = unwrap(store.outboxEntry(acked));
    REQUIRE(entry);
    CHECK(entry->state == OutboxState::Acked);

    // Neither the answers nor the time or language of the answer are left in any file once
    // the run ends (until then older page images are in the -wal file).
    f.endRun(store);
    for (const char* gone : {"Kvastskaft4711", "2025-09-18T17:02:11", "\"locale\":\"en\""})
        CHECK_FALSE(f.onDisk(gone));
    // Rejected, conflicting and pending responses keep every answer until resolved.
    for (const char* marker : {"Lingonris0815", "Myrstack2323", "Granbarr9090"})
        CHECK(f.onDisk(marker));
    CHECK(unwrap(store.record("r-rejected"))->body ==
          kioskResponse("r-rejected", "Lingonris0815").body);
    CHECK_FALSE(unwrap(store.isScrubbed("r-rejected")));
    CHECK(unwrap(store.rejected()).size() == 2);
    CHECK(unwrap(store.pendingCount()) == 1);

    // The same answer again changes nothing.
    require(store.applyPushResults({{"r-acked", 1, PushOutcome::Acked, "", ""}}));
    CHECK(unwrap(store.record("r-acked"))->body == kept->body);
}

TEST_CASE("a resubmitted rejected response is scrubbed once acknowledged", "[device_scrub]") {
    Fixture f;
    DeviceStore store = f.open();
    require(store.submit(kioskResponse("r1", "Blabarsris5151")));
    require(store.applyPushResults({{"r1", 1, PushOutcome::Rejected, "invalid_value", "bad"}}));
    LocalRecord fixed = kioskResponse("r1", "Blabarsris5151");
    fixed.rev = 2;
    require(store.submit(fixed));
    f.endRun(store);
    CHECK(f.onDisk("Blabarsris5151"));
    require(store.applyPushResults({{"r1", 2, PushOutcome::Acked, "", ""}}));
    f.endRun(store);
    CHECK_FALSE(f.onDisk("Blabarsris5151"));
    CHECK(unwrap(store.isScrubbed("r1")));
    CHECK(unwrap(store.record("r1"))->rev == 2);
}

TEST_CASE("long answers on overflow pages leave nothing behind", "[device_scrub]") {
    Fixture f;
    DeviceStore store = f.open();
    std::string longText;
    for (int i = 0; i < 400; ++i)
        longText += "Skogsstig" + std::to_string(1000 + i) + " ";
    require(store.submit(kioskResponse("r-long", longText)));
    REQUIRE(f.onDisk("Skogsstig1399"));
    require(store.applyPushResults({{"r-long", 1, PushOutcome::Acked, "", ""}}));
    f.endRun(store);
    CHECK_FALSE(f.onDisk("Skogsstig"));
}

TEST_CASE("the officer's records are scrubbed too; editable and pulled records are kept",
          "[device_scrub]") {
    Fixture f;
    DeviceStore store = f.open();
    const std::string hlc = "0000000003e8-00000000-dev";
    require(store.submit(LocalRecord{
        "observation", "o1", 1, hlc,
        R"({"id":"o1","walk_id":"w1","note":"Anteckning Tallkotte31","position":{"lat":64.2}})"}));
    require(store.submit(
        LocalRecord{"safety_walk", "w1", 1, hlc,
                    R"({"id":"w1","area_name":"Omrade Rishog77","track":[{"lat":64.20123}]})"}));
    require(store.submit(LocalRecord{
        "dialogue", "d1", 1, hlc,
        R"({"id":"d1","campaign_id":"dialog_2025","topics":[{"note":"Amne Kottar55"}]})"}));
    require(store.submit(LocalRecord{"measure", "m1", 1, hlc, R"({"title":"Atgard Stubbe12"})"}));
    REQUIRE(store.applyPulled({{"place", "p1", 1, "h", R"({"name":"Plats Mossa66"})", false}}, "c")
                .ok());
    require(store.applyPushResults({{"o1", 1, PushOutcome::Acked, "", ""},
                                    {"w1", 1, PushOutcome::Acked, "", ""},
                                    {"d1", 1, PushOutcome::Acked, "", ""},
                                    {"m1", 1, PushOutcome::Acked, "", ""}}));
    f.endRun(store);

    CHECK(unwrap(store.record("o1"))->body == R"({"id":"o1","walk_id":"w1"})");
    CHECK(unwrap(store.record("w1"))->body == R"({"id":"w1"})");
    CHECK(unwrap(store.record("d1"))->body == R"({"id":"d1","campaign_id":"dialog_2025"})");
    for (const char* gone : {"Tallkotte31", "Rishog77", "64.20123", "Kottar55"})
        CHECK_FALSE(f.onDisk(gone));
    CHECK(unwrap(store.record("m1"))->body == R"({"title":"Atgard Stubbe12"})");
    CHECK_FALSE(unwrap(store.isScrubbed("m1")));
    CHECK(f.onDisk("Mossa66"));
}

TEST_CASE("records acknowledged but not yet scrubbed are scrubbed when the store opens",
          "[device_scrub]") {
    Fixture f;
    {
        DeviceStore store = f.open();
        require(store.submit(kioskResponse("r1", "Vitmossa4242")));
        // As a database written before scrubbing existed: acknowledged, answers still there.
        REQUIRE(store.database().exec("UPDATE outbox SET state = 'acked' WHERE id = 'r1'").ok());
        REQUIRE(f.onDisk("Vitmossa4242"));
    }
    DeviceStore store = f.open();
    CHECK_FALSE(f.onDisk("Vitmossa4242"));
    CHECK(unwrap(store.isScrubbed("r1")));
    auto report = unwrap(store.scrubAcknowledged());
    CHECK(report.scrubbed == 0);
    CHECK(report.walTruncated);
}

TEST_CASE("a body that is not JSON keeps only its id once acknowledged", "[device_scrub]") {
    CHECK(scrubbedBody("response", "r9", "not json Hjortron") == R"({"id":"r9"})");
    CHECK(scrubbedBody("response", "r9", R"({"campaign_id":7,"channel":"kiosk"})") ==
          R"({"id":"r9","channel":"kiosk"})");
    CHECK(isScrubbedOnAck("response"));
    CHECK(isScrubbedOnAck("observation"));
    CHECK_FALSE(isScrubbedOnAck("measure"));
    CHECK_FALSE(isScrubbedOnAck("place"));
}
