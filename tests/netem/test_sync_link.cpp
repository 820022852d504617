// Sync through a link that cuts connections: the real sync client (device store in a SQLite
// file, gzip transport) against the real server (its SQLite file), with the proxy cutting
// once at many byte offsets in each direction, then with cuts every few hundred bytes. Every
// record must end up stored exactly once on the server and acknowledged on the device.
#include "../server/live_server.hpp"
#include "http_sync_transport.hpp"
#include "link_proxy.hpp"
#include "td/core/hlc.hpp"
#include "td/model/codec.hpp"
#include "td/sync/sync_client.hpp"

#include <random>
#include <sqlite3.h>

using namespace td;
using namespace td::test;

namespace {

// How many rows the server's database holds for `id` in records and in the change log.
std::pair<int, int> serverRows(const std::string& dbPath, const std::string& id) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(dbPath.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    auto count = [&](const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
        sqlite3_bind_text(stmt, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
        const int n = sqlite3_column_int(stmt, 0);
        sqlite3_finalize(stmt);
        return n;
    };
    std::pair<int, int> rows{count("SELECT count(*) FROM records WHERE id = ?1"),
                             count("SELECT count(*) FROM changes WHERE id = ?1")};
    sqlite3_close(db);
    return rows;
}

struct Device {
    TempDir dir;
    store::DeviceStore store = store::DeviceStore::open(dir.file("device.db")).value();
    Hlc clock{"devicelink"};

    std::vector<std::string> submitResponses(std::size_t n, unsigned seed) {
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < n; ++i) {
            const std::string id = newRecordId();
            auto response =
                makeResponse(vindelnSurvey(), kCampaignId, id, seed + static_cast<unsigned>(i));
            REQUIRE(store.submit(store::LocalRecord{"response", id, 1, clock.now().toString(),
                                                    model::toJsonText(response)}));
            ids.push_back(id);
        }
        return ids;
    }
};

// Runs sync until a run succeeds (each failed run is a cut); the number of runs.
int syncUntilDone(sync::SyncClient& client, sync::SyncTransport& transport) {
    for (int run = 1; run <= 400; ++run) {
        auto done = client.syncOnce(transport);
        if (done)
            return run;
        INFO("sync run " << run << ": " << done.error().describe());
        REQUIRE(sync::isRetryable(done.error()));
    }
    FAIL("sync never finished");
    return 0;
}

void requireStoredOnceAndAcked(const LiveServer& server, Device& device,
                               const std::vector<std::string>& ids) {
    auto pending = device.store.pendingCount();
    REQUIRE(pending);
    CHECK(*pending == 0);
    auto rejected = device.store.rejected();
    REQUIRE(rejected);
    CHECK(rejected->empty());
    for (const std::string& id : ids) {
        INFO(id);
        CHECK(serverRows(server.db(), id) == std::pair<int, int>{1, 1});
    }
}

sync::ClientLimits smallBatches() {
    sync::ClientLimits limits;
    limits.sizing.initialBytes = 6 * 1024; // several batches per run, so cuts fall between too
    limits.sizing.minBytes = 2 * 1024;
    limits.sizing.maxBytes = 12 * 1024;
    return limits;
}

// A device behind the proxy, enrolled and with the server's content pulled over a clean link
// (the cases below cut pushes; the last case cuts a first pull).
struct LinkedDevice {
    LiveServer server;
    LinkProxy proxy{server.address(), {}};
    Device device;
    sync::SyncClient client{device.store, smallBatches()};
    HttpSyncTransport transport{proxy.address(), server.tokens.officer};

    LinkedDevice() { REQUIRE(syncUntilDone(client, transport) == 1); }
};

} // namespace

TEST_CASE_METHOD(
    LinkedDevice,
    "one cut at many byte offsets in each direction: every record stored once, acked") {
    // A clean run like those cut below, to learn how many bytes such a run moves each way.
    auto first = device.submitResponses(12, 1);
    const LinkStats before = proxy.stats();
    REQUIRE(syncUntilDone(client, transport) == 1);
    requireStoredOnceAndAcked(server, device, first);
    const std::uint64_t up = proxy.stats().upBytes - before.upBytes;
    const std::uint64_t down = proxy.stats().downBytes - before.downBytes;
    REQUIRE(up > 2000);
    REQUIRE(down > 1000);

    std::size_t cutRuns = 0;
    for (int direction = 0; direction < 2; ++direction) {
        const std::uint64_t span = direction == 0 ? up : down;
        for (std::uint64_t offset = 1; offset < span; offset += span / 23 + 1) {
            INFO((direction == 0 ? "up" : "down") << " cut at byte " << offset);
            auto ids = device.submitResponses(12, static_cast<unsigned>(offset));
            LinkShape shape;
            (direction == 0 ? shape.cutUpAt : shape.cutDownAt) = offset;
            proxy.setShape(shape);
            const LinkStats at = proxy.stats();
            const int runs = syncUntilDone(client, transport);
            cutRuns += runs > 1 ? 1 : 0;
            // Batches vary with the sizing, so a run may carry fewer bytes than the offset;
            // the cut comes exactly when it carries that many.
            const LinkStats now = proxy.stats();
            const std::uint64_t moved =
                direction == 0 ? now.upBytes - at.upBytes : now.downBytes - at.downBytes;
            CHECK(now.cuts - at.cuts == (moved >= offset ? 1u : 0u));
            requireStoredOnceAndAcked(server, device, ids);
        }
    }
    CHECK(cutRuns > 20); // most cuts failed a run (a cut after the last answer fails none)
}

TEST_CASE_METHOD(LinkedDevice,
                 "cuts every few hundred bytes both ways: sync still completes, exactly once") {
    LinkShape shape;
    shape.cutUpAt = 1500;
    shape.cutDownAt = 900;
    shape.cutEvery = true;
    proxy.setShape(shape);
    auto ids = device.submitResponses(60, 7);
    const int runs = syncUntilDone(client, transport);
    CHECK(runs > 5);
    CHECK(proxy.stats().cuts >= 5);
    requireStoredOnceAndAcked(server, device, ids);
    // After cuts the batches shrank to what gets through.
    CHECK(client.batchBytes() < smallBatches().sizing.maxBytes);
}

TEST_CASE("a first pull through a link that cuts every few kilobytes comes through in smaller "
          "pages") {
    LiveServer server;
    // 300 places with names that gzip cannot shrink much: the registry alone is several times
    // the distance between cuts, while one place (or the survey) fits well within it.
    HttpClient coordinator = server.client(server.tokens.coordinator);
    std::mt19937 rng(20261208);
    for (int i = 0; i < 300; ++i) {
        std::string name;
        for (int c = 0; c < 40; ++c)
            name += static_cast<char>('a' + rng() % 26);
        const std::string body = R"({"id":"plats_)" + std::to_string(i) + R"(","name":")" + name +
                                 R"(","locality":"vindeln","lat":64.2,"lon":19.7,)"
                                 R"("kind":"other","aliases":[]})";
        const auto created = coordinator.post("/api/v1/places", body);
        INFO(created.body);
        REQUIRE(created.status == 201);
    }
    LinkProxy proxy{server.address(), {}};

    // A device over a clean link: how many bytes its first sync brings down.
    Device clean;
    sync::SyncClient cleanClient{clean.store, smallBatches()};
    HttpSyncTransport cleanTransport{proxy.address(), server.tokens.officer};
    REQUIRE(syncUntilDone(cleanClient, cleanTransport) == 1);
    const std::uint64_t fullPull = proxy.stats().downBytes;
    REQUIRE(fullPull > 12'000);
    auto expected = clean.store.recordsOfKind("place");
    REQUIRE(expected);
    REQUIRE(expected->size() >= 300);

    // Another device over a link that cuts every half of that, downstream.
    LinkShape shape;
    shape.cutDownAt = fullPull / 2;
    shape.cutEvery = true;
    proxy.setShape(shape);
    Device device;
    sync::SyncClient client{device.store, smallBatches()};
    HttpSyncTransport transport{proxy.address(), server.tokens.officer};
    const int runs = syncUntilDone(client, transport);
    CHECK(runs > 1);
    CHECK(client.pullPageLimit() < smallBatches().pullLimit);
    auto got = device.store.recordsOfKind("place");
    REQUIRE(got);
    CHECK(got->size() == expected->size());

    // Back on a clean link, pages grow again.
    proxy.setShape({});
    const std::size_t shrunk = client.pullPageLimit();
    REQUIRE(syncUntilDone(client, transport) == 1);
    CHECK(client.pullPageLimit() > shrunk);
}
