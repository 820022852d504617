#include "td/store/database.hpp"
#include "td/store/server_store.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <thread>

using namespace td::store;

namespace {

std::unique_ptr<ServerStore> openStore(const std::string& path) {
    auto store = ServerStore::open(path);
    REQUIRE(store.ok());
    return std::move(store).value();
}

StoredRecord response(const std::string& id, const std::string& body, std::int64_t rev = 1) {
    return StoredRecord{"response", id, rev, "0001-0000-a", body};
}

std::vector<ApplyStatus> statuses(const std::vector<ApplyResult>& results) {
    std::vector<ApplyStatus> out;
    for (const auto& r : results)
        out.push_back(r.status);
    return out;
}

} // namespace

TEST_CASE("applyBatch answers stored, duplicate and conflict per record", "[server_store]") {
    td::test::TempDir dir;
    auto store = openStore(dir.file("server.db"));
    const std::vector<StoredRecord> batch{response("a", R"({"x":1})"), response("b", R"({"x":2})")};
    auto first = store->applyBatch(batch, Provenance{"dev-1", 1000});
    REQUIRE(first.ok());
    CHECK(statuses(*first) == std::vector{ApplyStatus::Stored, ApplyStatus::Stored});

    SECTION("the same batch twice changes nothing") {
        auto again = store->applyBatch(batch, Provenance{"dev-1", 2000});
        REQUIRE(again.ok());
        CHECK(statuses(*again) == std::vector{ApplyStatus::Duplicate, ApplyStatus::Duplicate});
        auto page = store->changesSince(0, 100, Audience{Role::Coordinator, {}});
        REQUIRE(page.ok());
        CHECK(page->changes.size() == 2);
        CHECK(store->countRecords("response").value() == 2);
    }
    SECTION("same id and rev with another body is a conflict and keeps the stored body") {
        auto clash = store->applyBatch({response("a", R"({"x":9})")}, Provenance{});
        REQUIRE(clash.ok());
        REQUIRE((*clash)[0].status == ApplyStatus::Conflict);
        CHECK((*clash)[0].reason->code == "conflict");
        CHECK(store->getRecord("response", "a").value()->body == R"({"x":1})");
    }
    SECTION("a newer rev is stored, an older one is a stale conflict") {
        auto newer = store->applyBatch({response("a", R"({"x":3})", 2)}, Provenance{});
        REQUIRE(newer.ok());
        CHECK((*newer)[0].status == ApplyStatus::Stored);
        auto older = store->applyBatch({response("a", R"({"x":1})", 1)}, Provenance{});
        REQUIRE(older.ok());
        CHECK((*older)[0].status == ApplyStatus::Conflict);
        CHECK((*older)[0].reason->code == "stale_revision");
        auto current = store->getRecord("response", "a");
        REQUIRE(current.ok());
        CHECK((*current)->rev == 2);
        CHECK((*current)->body == R"({"x":3})");
    }
    SECTION("an id stored under another kind is a conflict") {
        auto other =
            store->applyBatch({StoredRecord{"dialogue", "a", 1, "h", R"({"x":1})"}}, Provenance{});
        REQUIRE(other.ok());
        CHECK((*other)[0].status == ApplyStatus::Conflict);
        CHECK((*other)[0].reason->code == "kind_mismatch");
    }
    SECTION("a repeated record inside one batch is a duplicate of the first") {
        auto dup = store->applyBatch({response("c", "{}"), response("c", "{}")}, Provenance{});
        REQUIRE(dup.ok());
        CHECK(statuses(*dup) == std::vector{ApplyStatus::Stored, ApplyStatus::Duplicate});
    }
}

TEST_CASE("acknowledged records survive reopening the database", "[server_store]") {
    td::test::TempDir dir;
    const std::string path = dir.file("durable.db");
    std::vector<StoredRecord> batch;
    for (int i = 0; i < 50; ++i)
        batch.push_back(response("r" + std::to_string(i), R"({"n":)" + std::to_string(i) + "}"));
    {
        auto store = openStore(path);
        auto results = store->applyBatch(batch, Provenance{});
        REQUIRE(results.ok());
    }
    auto reopened = openStore(path);
    CHECK(reopened->integrityCheck().value() == "ok");
    auto all = reopened->listRecords("response");
    REQUIRE(all.ok());
    REQUIRE(all->size() == 50);
    std::set<std::string> bodies;
    for (const auto& r : *all)
        bodies.insert(r.body);
    for (const auto& r : batch)
        CHECK(bodies.count(r.body) == 1);
    // The database is in WAL mode with synchronous=FULL (durable commits).
    auto db = Database::open(path);
    REQUIRE(db.ok());
    auto mode = db->prepare("PRAGMA journal_mode");
    REQUIRE(mode.ok());
    REQUIRE(mode->step().value());
    CHECK(mode->columnText(0) == "wal");
}

TEST_CASE("a device's sync note is written without an fsync and leaves pushes durable",
          "[server_store]") {
    td::test::TempDir dir;
    for (const Synchronous level : {Synchronous::Full, Synchronous::Extra, Synchronous::Normal}) {
        INFO(synchronousName(level));
        const std::string path = dir.file(std::string("note-") + synchronousName(level) + ".db");
        auto opened = ServerStore::open(path, {level});
        REQUIRE(opened.ok());
        ServerStore& store = **opened;
        CHECK(store.writerSynchronous().value() == level);
        REQUIRE(store.noteDeviceSync("dev-1", 1000, 3, std::string("1.2.0")).ok());
        CHECK(store.writerSynchronous().value() == level);
        REQUIRE(store.applyBatch({response("after-note", R"({"n":1})")}, Provenance{}).ok());
        REQUIRE(store.noteDeviceSync("dev-1", 2000, std::nullopt, std::nullopt).ok());
        CHECK(store.writerSynchronous().value() == level);
        auto statuses = store.deviceStatuses();
        REQUIRE(statuses.ok());
        REQUIRE(statuses->count("dev-1") == 1);
        CHECK(statuses->at("dev-1").lastSyncAtMs == 2000);
        CHECK(statuses->at("dev-1").pending == 3); // a note without a report keeps the last one
    }
}

TEST_CASE("resident responses are stored without a device id", "[server_store]") {
    td::test::TempDir dir;
    const std::string path = dir.file("anon.db");
    {
        auto store = openStore(path);
        REQUIRE(store->applyBatch({response("anon", "{}")}, Provenance{std::nullopt, 5}).ok());
        REQUIRE(store->applyBatch({response("dev", "{}")}, Provenance{"device-7", 5}).ok());
    }
    auto db = Database::open(path);
    REQUIRE(db.ok());
    auto stmt = db->prepare("SELECT id, device_id FROM changes ORDER BY seq");
    REQUIRE(stmt.ok());
    REQUIRE(stmt->step().value());
    CHECK(stmt->columnText(0) == "anon");
    CHECK(stmt->isNull(1));
    REQUIRE(stmt->step().value());
    CHECK(stmt->columnText(1) == "device-7");
}

TEST_CASE("putRecord numbers revisions and pull returns only the latest", "[server_store]") {
    auto store = openStore(":memory:");
    CHECK(store->putRecord("place", "p1", R"({"v":1})", "h1").value() == 1);
    CHECK(store->putRecord("place", "p2", R"({"v":1})", "h1").value() == 1);
    CHECK(store->putRecord("place", "p1", R"({"v":2})", "h2").value() == 2);
    auto kindClash = store->putRecord("measure", "p1", "{}", "h3");
    REQUIRE_FALSE(kindClash.ok());
    CHECK(kindClash.error().code == "kind_mismatch");

    auto page = store->changesSince(0, 10, Audience{Role::Officer, {}});
    REQUIRE(page.ok());
    REQUIRE(page->changes.size() == 2);
    CHECK(page->changes[0].record.id == "p2");
    CHECK(page->changes[1].record.id == "p1");
    CHECK(page->changes[1].record.rev == 2);
    CHECK(page->changes[1].record.body == R"({"v":2})");
    CHECK_FALSE(page->more);

    auto listed = store->listRecords("place");
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 2);
    CHECK((*listed)[0].id == "p1");
    CHECK_FALSE(store->getRecord("place", "nope").value().has_value());
    CHECK_FALSE(store->getRecord("measure", "p1").value().has_value());
}

TEST_CASE("changesSince filters by role and campaign scope", "[server_store]") {
    auto store = openStore(":memory:");
    REQUIRE(store->putRecord("survey", "s@1", "{}", "h").ok());
    REQUIRE(store->putRecord("campaign", "c1", "{}", "h").ok());
    REQUIRE(store->putRecord("campaign", "c2", "{}", "h").ok());
    REQUIRE(store->putRecord("measure", "m1", "{}", "h").ok());
    REQUIRE(store->putRecord("survey", "draft@1", "{}", "h", Visibility{}).ok());
    REQUIRE(store->applyBatch({response("r1", "{}")}, Provenance{}).ok());

    auto ids = [&](const Audience& audience) {
        auto page = store->changesSince(0, 100, audience);
        REQUIRE(page.ok());
        std::vector<std::string> out;
        for (const auto& c : page->changes)
            out.push_back(c.record.id);
        return out;
    };
    using V = std::vector<std::string>;
    CHECK(ids(Audience{Role::Officer, {}}) == V{"s@1", "c1", "c2", "m1"});
    CHECK(ids(Audience{Role::Kiosk, {}}) == V{"s@1", "c1", "c2", "m1"});
    CHECK(ids(Audience{Role::Resident, "c2"}) == V{"s@1", "c2"});
    CHECK(ids(Audience{Role::Coordinator, {}}) == V{"s@1", "c1", "c2", "m1", "draft@1", "r1"});
}

TEST_CASE("changesSince pages by sequence and sees later changes exactly once", "[server_store]") {
    auto store = openStore(":memory:");
    for (int i = 0; i < 25; ++i)
        REQUIRE(store->putRecord("place", "p" + std::to_string(i), "{}", "h").ok());
    std::multiset<std::string> seen;
    std::int64_t cursor = 0;
    int pages = 0;
    for (;;) {
        auto page = store->changesSince(cursor, 10, Audience{Role::Officer, {}});
        REQUIRE(page.ok());
        ++pages;
        for (const auto& c : page->changes)
            seen.insert(c.record.id + "#" + std::to_string(c.record.rev));
        cursor = page->lastSeq;
        if (pages == 1) { // writes arriving between pages: new ids and a new rev of a seen one
            REQUIRE(store->putRecord("place", "late", "{}", "h").ok());
            REQUIRE(store->putRecord("place", "p0", R"({"v":2})", "h").ok());
        }
        if (!page->more)
            break;
    }
    CHECK(pages == 3);
    CHECK(seen.size() == 27);
    for (const auto& key : seen)
        CHECK(seen.count(key) == 1);
    CHECK(seen.count("late#1") == 1);
    CHECK(seen.count("p0#2") == 1);
    auto empty = store->changesSince(cursor, 10, Audience{Role::Officer, {}});
    REQUIRE(empty.ok());
    CHECK(empty->changes.empty());
    CHECK(empty->lastSeq == cursor);
}

TEST_CASE("accounts: create, find, duplicate, disable", "[server_store][auth]") {
    auto store = openStore(":memory:");
    auto created = store->createAccount("anna", "$argon2id$hash", Role::Coordinator, 100);
    REQUIRE(created.ok());
    CHECK(created->id > 0);
    auto dup = store->createAccount("anna", "x", Role::Admin, 101);
    REQUIRE_FALSE(dup.ok());
    CHECK(dup.error().code == "username_taken");
    auto found = store->findAccount("anna");
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->passwordHash == "$argon2id$hash");
    CHECK((*found)->role == Role::Coordinator);
    CHECK_FALSE((*found)->disabled);
    REQUIRE(store->setAccountDisabled("anna", true).ok());
    CHECK(store->findAccount("anna").value()->disabled);
    CHECK(store->findAccountById(created->id).value()->username == "anna");
    CHECK(store->setAccountDisabled("nobody", true).error().code == "not_found");
    REQUIRE(store->setAccountPassword("anna", "$argon2id$new").ok());
    CHECK(store->findAccount("anna").value()->passwordHash == "$argon2id$new");
    CHECK(store->listAccounts().value().size() == 1);
    CHECK_FALSE(store->findAccount("bertil").value().has_value());
}

TEST_CASE("devices and tokens: revoking a device revokes its tokens", "[server_store][auth]") {
    auto store = openStore(":memory:");
    REQUIRE(
        store->createDevice(Device{"d1", Role::Officer, std::nullopt, "Tablet 1", 10, {}}).ok());
    REQUIRE(store->createDevice(Device{"d2", Role::Resident, "c1", "", 11, {}}).ok());
    CHECK(store->createDevice(Device{"d1", Role::Kiosk, {}, "", 12, {}}).error().code ==
          "device_exists");
    TokenRecord token;
    token.tokenHash = "hash-1";
    token.subjectId = "d1";
    token.role = Role::Officer;
    token.createdAtMs = 10;
    token.expiresAtMs = 1000;
    REQUIRE(store->insertToken(token).ok());
    CHECK(store->insertToken(token).error().code == "token_exists");
    auto listed = store->listDevices();
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 1);
    CHECK(store->listDevices(true).value().size() == 2);

    REQUIRE(store->revokeDevice("d1", 500).ok());
    CHECK(store->findDevice("d1").value()->revokedAtMs == 500);
    auto revoked = store->findToken("hash-1");
    REQUIRE(revoked.ok());
    REQUIRE(revoked->has_value());
    CHECK((*revoked)->revokedAtMs == 500);
    CHECK((*revoked)->role == Role::Officer);
    CHECK(store->revokeDevice("d9", 500).error().code == "not_found");
    CHECK(store->revokeToken("missing", 1).error().code == "not_found");
    CHECK_FALSE(store->findToken("missing").value().has_value());
}

TEST_CASE("enrolment codes are consumed exactly once", "[server_store][auth]") {
    auto store = openStore(":memory:");
    REQUIRE(
        store->createEnrolmentCode(EnrolmentCode{"code-1", Role::Kiosk, 0, 1000, {}, "anna"}).ok());
    REQUIRE(store->createEnrolmentCode(EnrolmentCode{"code-2", Role::Officer, 0, 100, {}, "anna"})
                .ok());
    CHECK(store->consumeEnrolmentCode("nope", 10).error().code == "invalid_code");
    CHECK(store->consumeEnrolmentCode("code-2", 100).error().code == "code_expired");

    Device device{"dev-9", Role::Officer, {}, "Kiosk at the library", 50, {}};
    TokenRecord token;
    token.tokenHash = "tok-9";
    token.subjectId = "dev-9";
    token.createdAtMs = 50;
    token.expiresAtMs = 5000;
    auto enrolled = store->enrolWithCode("code-1", 50, device, token);
    REQUIRE(enrolled.ok());
    CHECK(enrolled->role == Role::Kiosk);
    CHECK(store->findDevice("dev-9").value()->role == Role::Kiosk);
    CHECK(store->findToken("tok-9").value()->role == Role::Kiosk);

    device.id = "dev-10";
    token.tokenHash = "tok-10";
    auto again = store->enrolWithCode("code-1", 60, device, token);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "code_used");
    CHECK_FALSE(store->findDevice("dev-10").value().has_value());
    CHECK_FALSE(store->findToken("tok-10").value().has_value());
}

TEST_CASE("concurrent consumers: exactly one wins the code", "[server_store][auth]") {
    td::test::TempDir dir;
    auto store = openStore(dir.file("codes.db"));
    REQUIRE(store->createEnrolmentCode(EnrolmentCode{"c", Role::Officer, 0, 1000, {}, "x"}).ok());
    std::atomic<int> wins{0}, used{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            auto r = store->consumeEnrolmentCode("c", 10);
            if (r.ok())
                ++wins;
            else if (r.error().code == "code_used")
                ++used;
        });
    }
    for (auto& t : threads)
        t.join();
    CHECK(wins == 1);
    CHECK(used == 7);
}

TEST_CASE("campaign public codes are case-insensitive and movable", "[server_store][auth]") {
    auto store = openStore(":memory:");
    REQUIRE(store->setCampaignCode("VINDELN25", "c2025", 1).ok());
    CHECK(store->findCampaignByCode("vindeln25").value() == std::optional<std::string>("c2025"));
    REQUIRE(store->setCampaignCode("vindeln25", "c2026", 2).ok());
    CHECK(store->findCampaignByCode("VINDELN25").value() == std::optional<std::string>("c2026"));
    REQUIRE(store->removeCampaignCode("Vindeln25").ok());
    CHECK_FALSE(store->findCampaignByCode("VINDELN25").value().has_value());
    CHECK(store->removeCampaignCode("VINDELN25").error().code == "not_found");
}

TEST_CASE("roles have stable wire names", "[server_store]") {
    for (Role r : {Role::Admin, Role::Coordinator, Role::Officer, Role::Kiosk, Role::Resident})
        CHECK(parseRole(toString(r)).value() == r);
    CHECK(parseRole("Officer").error().code == "invalid_role");
}

TEST_CASE("concurrent batches and pulls: every record stored once, in one ordered log",
          "[server_store]") {
    td::test::TempDir dir;
    auto store = openStore(dir.file("concurrent.db"));
    constexpr int kThreads = 4, kBatches = 25, kPerBatch = 20;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int b = 0; b < kBatches; ++b) {
                std::vector<StoredRecord> batch;
                for (int i = 0; i < kPerBatch; ++i) {
                    const std::string id =
                        std::to_string(t) + "-" + std::to_string(b) + "-" + std::to_string(i);
                    batch.push_back(response(id, R"({"id":")" + id + "\"}"));
                }
                auto r = store->applyBatch(batch, Provenance{"dev-" + std::to_string(t), 1});
                if (!r || r->size() != batch.size() ||
                    std::any_of(r->begin(), r->end(), [](const ApplyResult& a) {
                        return a.status != ApplyStatus::Stored;
                    }))
                    ++failures;
                if (!store->changesSince(0, 50, Audience{Role::Coordinator, {}}))
                    ++failures;
            }
        });
    }
    for (auto& t : threads)
        t.join();
    CHECK(failures == 0);
    CHECK(store->countRecords("response").value() == kThreads * kBatches * kPerBatch);
    auto page = store->changesSince(0, 100000, Audience{Role::Coordinator, {}});
    REQUIRE(page.ok());
    REQUIRE(page->changes.size() == static_cast<std::size_t>(kThreads * kBatches * kPerBatch));
    std::set<std::string> ids;
    std::int64_t previous = 0;
    for (const auto& c : page->changes) {
        CHECK(c.seq > previous);
        previous = c.seq;
        ids.insert(c.record.id);
    }
    CHECK(ids.size() == page->changes.size());
}

TEST_CASE("a snapshot reads one committed state while writes go on", "[server_store]") {
    td::test::TempDir dir;
    auto store = openStore(dir.file("server.db"));
    REQUIRE(store
                ->applyBatch({response("a", R"({"x":1})"), response("b", R"({"x":2})")},
                             Provenance{"dev-1", 1000})
                .ok());
    REQUIRE(store->putRecord("campaign", "c1", R"({"n":1})", "0002-0000-a").ok());
    auto before = store->changesSince(0, 100, Audience{Role::Admin, std::nullopt});
    REQUIRE(before.ok());
    REQUIRE(before->changes.size() == 3);
    {
        auto snapshot = store->snapshot();
        REQUIRE(snapshot.ok());
        ServerStore::Snapshot& state = **snapshot;
        CHECK(state.lastChange().seq == before->changes.back().seq);
        CHECK(state.lastChange().record.kind == "campaign");
        CHECK(state.lastChange().record.id == "c1");
        CHECK(state.lastChange().record.rev == 1);
        CHECK(state.lastChange().record.body.empty());
        // Writes commit meanwhile (the writer connection is not held) ...
        REQUIRE(store->applyBatch({response("c", R"({"x":3})")}, Provenance{"dev-1", 2000}).ok());
        REQUIRE(store->putRecord("campaign", "c1", R"({"n":2})", "0003-0000-a").ok());
        // ... and the snapshot does not see them.
        auto responses = state.listRecords("response");
        REQUIRE(responses.ok());
        CHECK(responses->size() == 2);
        auto campaigns = state.listRecords("campaign");
        REQUIRE(campaigns.ok());
        REQUIRE(campaigns->size() == 1);
        CHECK(campaigns->front().body == R"({"n":1})");
    }
    // Once it ends, reads see everything.
    auto responses = store->listRecords("response");
    REQUIRE(responses.ok());
    CHECK(responses->size() == 3);
    auto next = store->snapshot();
    REQUIRE(next.ok());
    CHECK((*next)->lastChange().record.id == "c1");
    CHECK((*next)->lastChange().record.rev == 2);
    CHECK((*next)->lastChange().seq > before->changes.back().seq);
}

TEST_CASE("a snapshot of an empty store has no last change", "[server_store]") {
    td::test::TempDir dir;
    auto store = openStore(dir.file("server.db"));
    auto snapshot = store->snapshot();
    REQUIRE(snapshot.ok());
    CHECK((*snapshot)->lastChange().seq == 0);
    auto none = (*snapshot)->listRecords("response");
    REQUIRE(none.ok());
    CHECK(none->empty());
}
