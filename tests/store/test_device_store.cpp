#include "store_checks.hpp"
#include "td/store/device_store.hpp"
#include "td/store/transaction.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace td::store;

namespace {

struct Fixture {
    td::test::TempDir dir;
    td::ManualClock clock{1'700'000'000'000};
    std::string path = dir.file("device.db");

    DeviceStore open() {
        DeviceStoreOptions options;
        options.clock = clock.clock();
        auto store = DeviceStore::open(path, options);
        if (!store)
            FAIL("open: " << store.error().describe());
        return std::move(store).value();
    }
};

LocalRecord response(const std::string& id, std::int64_t rev = 1, std::string body = {}) {
    if (body.empty())
        body = R"({"id":")" + id + R"(","answers":{"q1":3}})";
    return LocalRecord{"response", id, rev, "0000000003e8-00000000-dev", body};
}

using td::test::require;
using td::test::unwrap;

} // namespace

TEST_CASE("submit stores the record and its outbox entry together") {
    Fixture f;
    DeviceStore store = f.open();
    require(store.submit(response("r1")));
    require(store.submit(response("r2")));

    auto r1 = unwrap(store.record("r1"));
    REQUIRE(r1);
    CHECK(r1->kind == "response");
    CHECK(r1->body == response("r1").body);
    CHECK(r1->origin == RecordOrigin::Local);
    CHECK(r1->updatedAtMs == 1'700'000'000'000);
    CHECK(unwrap(store.pendingCount()) == 2);

    auto pending = unwrap(store.pending(10, 1 << 20));
    REQUIRE(pending.size() == 2);
    CHECK(pending[0].record.id == "r1");
    CHECK(pending[1].record.id == "r2");
    CHECK(pending[0].seq < pending[1].seq);
    CHECK(pending[1].record.body == response("r2").body);
}

TEST_CASE("submit rejects bad records and duplicates without changing anything") {
    Fixture f;
    DeviceStore store = f.open();
    require(store.submit(response("r1")));

    LocalRecord noKind = response("x");
    noKind.kind.clear();
    CHECK(store.submit(noKind).error().code == "invalid_record");
    CHECK(store.submit(noKind).error().path == "kind");
    CHECK(store.submit(response("")).error().path == "id");
    CHECK(store.submit(response("x", 0)).error().path == "rev");
    LocalRecord emptyBody = response("x");
    emptyBody.body.clear();
    CHECK(store.submit(emptyBody).error().path == "body");

    CHECK(store.submit(response("r1")).error().code == "duplicate_record");
    LocalRecord otherKind = response("r1", 2);
    otherKind.kind = "measure";
    CHECK(store.submit(otherKind).error().code == "invalid_record");
    CHECK(unwrap(store.pendingCount()) == 1);
    CHECK_FALSE(unwrap(store.record("x")));
}

TEST_CASE("a new revision replaces the record and supersedes its pending entry") {
    Fixture f;
    DeviceStore store = f.open();
    require(store.submit(LocalRecord{"measure", "m1", 1, "h1", R"({"status":"planned"})"}));
    require(store.submit(LocalRecord{"measure", "m1", 2, "h2", R"({"status":"started"})"}));
    auto pending = unwrap(store.pending(10, 1 << 20));
    REQUIRE(pending.size() == 1);
    CHECK(pending[0].record.rev == 2);
    CHECK(pending[0].record.body == R"({"status":"started"})");
    auto stale = store.submit(LocalRecord{"measure", "m1", 1, "h0", R"({"status":"x"})"});
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().code == "stale_revision");
}

TEST_CASE("submit deletes the draft it came from, in the same transaction") {
    Fixture f;
    DeviceStore store = f.open();
    require(store.saveDraft(Draft{"d1", "response", "survey-1", R"({"q1":2})", 0}));
    require(store.saveDraft(Draft{"d2", "response", "survey-1", R"({"q1":4})", 0}));
    require(store.submit(response("r1"), std::string_view("d1")));
    CHECK_FALSE(unwrap(store.loadDraft("d1")));
    CHECK(unwrap(store.loadDraft("d2")));

    // A failing submit keeps the draft.
    auto dup = store.submit(response("r1"), std::string_view("d2"));
    REQUIRE_FALSE(dup.ok());
    CHECK(unwrap(store.loadDraft("d2")));
}

TEST_CASE("pending respects count and byte limits, always returning the first") {
    Fixture f;
    DeviceStore store = f.open();
    for (int i = 0; i < 5; ++i)
        require(store.submit(response("r" + std::to_string(i), 1, std::string(100, 'a' + i))));
    const size_t one =
        std::string("response").size() + 2 + std::string("0000000003e8-00000000-dev").size() + 100;
    CHECK(unwrap(store.pending(3, 1 << 20)).size() == 3);
    CHECK(unwrap(store.pending(10, 2 * one)).size() == 2);
    CHECK(unwrap(store.pending(10, 2 * one - 1)).size() == 1);
    CHECK(unwrap(store.pending(10, 1)).size() == 1);
    CHECK(unwrap(store.pending(0, 1 << 20)).empty());
}

TEST_CASE("push results mark entries acked, rejected or in conflict, in one transaction") {
    Fixture f;
    DeviceStore store = f.open();
    for (const char* id : {"a", "b", "c", "d"})
        require(store.submit(response(id)));
    auto page = unwrap(store.pending(10, 1 << 20));
    std::vector<std::int64_t> seqs;
    for (const auto& p : page)
        seqs.push_back(p.seq);
    f.clock.advance(500);
    require(store.markAttempted(seqs));
    auto attempted = unwrap(store.outboxEntry(seqs[0]));
    REQUIRE(attempted);
    CHECK(attempted->attempts == 1);
    CHECK(attempted->lastAttemptAtMs == 1'700'000'000'500);

    require(store.applyPushResults(
        {{"a", 1, PushOutcome::Acked, "", ""},
         {"b", 1, PushOutcome::Rejected, "invalid_value", "answers.q9: unknown question"},
         {"c", 1, PushOutcome::Conflict, "conflict", "other body"}}));
    CHECK(unwrap(store.pendingCount()) == 1);
    auto rest = unwrap(store.pending(10, 1 << 20));
    REQUIRE(rest.size() == 1);
    CHECK(rest[0].record.id == "d");

    auto bad = unwrap(store.rejected());
    REQUIRE(bad.size() == 2);
    CHECK(bad[0].id == "b");
    CHECK(bad[0].state == OutboxState::Rejected);
    CHECK(bad[0].reasonCode == "invalid_value");
    CHECK(bad[0].reason == "answers.q9: unknown question");
    CHECK(bad[1].id == "c");
    CHECK(bad[1].state == OutboxState::Conflict);
    // Rejected records are kept.
    CHECK(unwrap(store.record("b")));

    // The same answers again change nothing.
    require(store.applyPushResults({{"a", 1, PushOutcome::Acked, "", ""}}));
    CHECK(unwrap(store.pendingCount()) == 1);

    // An unknown (id, rev) fails the whole call.
    auto unknown = store.applyPushResults(
        {{"d", 1, PushOutcome::Acked, "", ""}, {"zz", 1, PushOutcome::Acked, "", ""}});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "unknown_outbox_entry");
    CHECK(unwrap(store.pendingCount()) == 1);
}

TEST_CASE("answers for a revision superseded while in flight are skipped") {
    Fixture f;
    DeviceStore store = f.open();
    require(store.submit(LocalRecord{"measure", "m1", 1, "h1", R"({"status":"planned"})"}));
    require(store.submit(response("r1")));
    auto inFlight = unwrap(store.pending(10, 1 << 20));
    REQUIRE(inFlight.size() == 2);
    require(store.submit(LocalRecord{"measure", "m1", 2, "h2", R"({"status":"started"})"}));
    require(store.markAttempted({inFlight[0].seq, inFlight[1].seq}));
    require(store.applyPushResults(
        {{"m1", 1, PushOutcome::Acked, "", ""}, {"r1", 1, PushOutcome::Acked, "", ""}}));
    auto rest = unwrap(store.pending(10, 1 << 20));
    REQUIRE(rest.size() == 1);
    CHECK(rest[0].record.id == "m1");
    CHECK(rest[0].record.rev == 2);
    CHECK(unwrap(store.outboxEntry(rest[0].seq))->attempts == 0);
    CHECK(unwrap(store.outboxEntry(inFlight[1].seq))->attempts == 1);
    // An answer for a revision never submitted is still an error.
    CHECK(store.applyPushResults({{"m1", 3, PushOutcome::Acked, "", ""}}).error().code ==
          "unknown_outbox_entry");
}

TEST_CASE("applyPulled upserts by id keeping the higher rev, with the cursor") {
    Fixture f;
    DeviceStore store = f.open();
    require(store.submit(LocalRecord{"measure", "local-pending", 1, "h", R"({"v":"mine"})"}));
    auto applied = unwrap(
        store.applyPulled({{"survey", "s1", 1, "h1", R"({"title":"Trygghet"})", false},
                           {"place", "p1", 3, "h3", R"({"name":"Vindeln centrum"})", false},
                           {"measure", "local-pending", 5, "h5", R"({"v":"server"})", false}},
                          "c1.0a"));
    CHECK(applied.stored == 2);
    CHECK(applied.keptLocal == 1);
    CHECK(unwrap(store.syncState()).cursor == "c1.0a");
    CHECK(unwrap(store.record("local-pending"))->body == R"({"v":"mine"})");

    auto again =
        unwrap(store.applyPulled({{"survey", "s1", 1, "h1", R"({"title":"Trygghet"})", false},
                                  {"place", "p1", 2, "h2", R"({"name":"old"})", false},
                                  {"place", "p1", 4, "h4", R"({"name":"Vindeln torget"})", false}},
                                 "c1.0b"));
    CHECK(again.unchanged == 1);
    CHECK(again.older == 1);
    CHECK(again.stored == 1);
    auto p1 = unwrap(store.record("p1"));
    REQUIRE(p1);
    CHECK(p1->rev == 4);
    CHECK(p1->origin == RecordOrigin::Server);
    CHECK(p1->body == R"({"name":"Vindeln torget"})");
    auto places = unwrap(store.recordsOfKind("place"));
    REQUIRE(places.size() == 1);
    CHECK(unwrap(store.recordsOfKind("survey")).size() == 1);

    auto deleted = unwrap(store.applyPulled({{"survey", "s1", 2, "h9", "", true}}, "c1.0c"));
    CHECK(deleted.deleted == 1);
    CHECK_FALSE(unwrap(store.record("s1")));
}

TEST_CASE("a bad pulled record fails the batch with its path and keeps the cursor") {
    Fixture f;
    DeviceStore store = f.open();
    auto bad = store.applyPulled(
        {{"survey", "s1", 1, "h", "{}", false}, {"survey", "s2", 0, "h", "{}", false}}, "c1.ff");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "invalid_record");
    CHECK(bad.error().path == "records[1].rev");
    CHECK(unwrap(store.syncState()).cursor.empty());
    CHECK_FALSE(unwrap(store.record("s1")));
}

TEST_CASE("acked local records can be updated by pulls") {
    Fixture f;
    DeviceStore store = f.open();
    require(store.submit(LocalRecord{"measure", "m1", 1, "h", R"({"v":1})"}));
    require(store.applyPushResults({{"m1", 1, PushOutcome::Acked, "", ""}}));
    auto applied =
        unwrap(store.applyPulled({{"measure", "m1", 2, "h2", R"({"v":2})", false}}, "c"));
    CHECK(applied.stored == 1);
    CHECK(unwrap(store.record("m1"))->body == R"({"v":2})");
}

TEST_CASE("drafts save, load, list and delete") {
    Fixture f;
    DeviceStore store = f.open();
    require(store.saveDraft(Draft{"d1", "response", "survey-1", R"({"q1":1})", 0}));
    f.clock.advance(10);
    require(store.saveDraft(Draft{"d2", "safety_walk", "campaign-1", R"({"stops":[]})", 0}));
    f.clock.advance(10);
    require(store.saveDraft(Draft{"d1", "response", "survey-1", R"({"q1":2})", 0}));

    auto d1 = unwrap(store.loadDraft("d1"));
    REQUIRE(d1);
    CHECK(d1->body == R"({"q1":2})");
    CHECK(d1->updatedAtMs == 1'700'000'000'020);
    auto all = unwrap(store.drafts());
    REQUIRE(all.size() == 2);
    CHECK(all[0].id == "d1"); // most recent first
    CHECK(all[1].id == "d2");
    auto walks = unwrap(store.drafts("safety_walk"));
    REQUIRE(walks.size() == 1);
    CHECK(walks[0].ref == "campaign-1");
    CHECK(unwrap(store.deleteDraft("d2")));
    CHECK_FALSE(unwrap(store.deleteDraft("d2")));
    CHECK(store.saveDraft(Draft{"", "response", "", "{}", 0}).error().code == "invalid_argument");
}

TEST_CASE("settings and sync state persist across reopening") {
    Fixture f;
    {
        DeviceStore store = f.open();
        CHECK_FALSE(unwrap(store.setting(settings::kServerUrl)));
        require(store.setSetting(settings::kServerUrl, "https://td.vindeln.se"));
        require(store.setSetting(settings::kLocale, "sv"));
        require(store.setSetting(settings::kLocale, "en"));
        require(store.submit(response("r1")));
        f.clock.advance(1000);
        require(store.recordSyncOutcome("network_unreachable"));
        SyncState state = unwrap(store.syncState());
        CHECK(state.lastOutcome == "network_unreachable");
        CHECK(state.lastSyncAtMs == 1'700'000'001'000);
    }
    DeviceStore store = f.open();
    CHECK(unwrap(store.setting(settings::kServerUrl)) == "https://td.vindeln.se");
    CHECK(unwrap(store.setting(settings::kLocale)) == "en");
    CHECK(unwrap(store.removeSetting(settings::kLocale)));
    CHECK_FALSE(unwrap(store.setting(settings::kLocale)));
    CHECK(unwrap(store.pendingCount()) == 1);
    CHECK(unwrap(store.syncState()).lastOutcome == "network_unreachable");
    auto version = store.database().userVersion();
    REQUIRE(version.ok());
    CHECK(*version == DeviceStore::schemaVersion());
}

TEST_CASE("a device database newer than the code is refused") {
    Fixture f;
    {
        auto db = Database::open(f.path);
        REQUIRE(db.ok());
        REQUIRE(db->setUserVersion(DeviceStore::schemaVersion() + 1).ok());
    }
    DeviceStoreOptions options;
    auto store = DeviceStore::open(f.path, options);
    REQUIRE_FALSE(store.ok());
    CHECK(store.error().code == "storage_error");
    CHECK(store.error().message.find("newer") != std::string::npos);
}

TEST_CASE("outbox entries cannot point at missing records") {
    Fixture f;
    DeviceStore store = f.open();
    auto s =
        store.database().exec("INSERT INTO outbox (kind, id, rev) VALUES ('response', 'ghost', 1)");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().extendedCode == 787); // SQLITE_CONSTRAINT_FOREIGNKEY
}
