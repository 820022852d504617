// Group commit: pushes that queue while the writer is busy are committed together in one
// transaction and answer exactly as the same pushes one after another would; a storage failure
// in a group answers 503 to every push of the group and stores none of them. A second SQLite
// connection holds the write lock so that batches queue up in a known order.

#include "../sync/sync_fixture.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <sqlite3.h>
#include <thread>

using namespace td;
using namespace td::test;

namespace {

const sync::Principal kOfficer{sync::Role::Officer, std::string("device-1"), std::nullopt};

/// A raw connection to the server database, for holding its write lock and adding triggers.
class RawConnection {
public:
    explicit RawConnection(const std::string& path) {
        REQUIRE(sqlite3_open(path.c_str(), &m_db) == SQLITE_OK);
        sqlite3_busy_timeout(m_db, 10000);
    }
    ~RawConnection() { sqlite3_close(m_db); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    void exec(const std::string& sql) {
        char* message = nullptr;
        const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message);
        const std::string text = message ? message : "";
        sqlite3_free(message);
        INFO(sql << ": " << text);
        REQUIRE(rc == SQLITE_OK);
    }

private:
    sqlite3* m_db = nullptr;
};

/// Polls `condition` on the service's stats for up to ten seconds.
bool waitFor(const sync::SyncService& service,
             const std::function<bool(const sync::GroupCommitStats&)>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition(service.groupCommitStats()))
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
}

/// Pushes `first` while `lock` holds the database's write lock (so the writer blocks on it),
/// then queues `queued` in order behind it, then releases the lock. Returns every reply, in
/// the order of `first` followed by `queued`.
std::vector<sync::SyncReply> pushBehindLock(sync::SyncService& service, RawConnection& lock,
                                            const std::string& first,
                                            const std::vector<std::string>& queued) {
    std::vector<sync::SyncReply> replies(1 + queued.size());
    std::vector<std::thread> pushers;
    lock.exec("BEGIN IMMEDIATE");
    pushers.emplace_back([&] { replies[0] = service.push(kOfficer, first); });
    bool inOrder = waitFor(service, [](const auto& s) { return s.committing == 1; });
    for (std::size_t i = 0; inOrder && i < queued.size(); ++i) {
        pushers.emplace_back([&, i] { replies[i + 1] = service.push(kOfficer, queued[i]); });
        inOrder = waitFor(service, [&](const auto& s) { return s.queued == i + 1; });
    }
    lock.exec("ROLLBACK");
    for (auto& t : pushers)
        t.join();
    REQUIRE(inOrder);
    return replies;
}

std::vector<store::StoredRecord> allResponses(store::ServerStore& store) {
    auto records = store.listRecords("response");
    REQUIRE(records.ok());
    return std::move(records).value();
}

/// A record with `base`'s id but the answers of response `n`: same id and rev, other body.
sync::PushRecord sameIdOtherBody(const ServiceFixture& f, const sync::PushRecord& base,
                                 std::uint64_t n) {
    auto r = syntheticResponse(f.survey, f.campaignId, n);
    r.id = base.id;
    return sync::PushRecord{"response", base.id, 1, base.hlc, bodyOf(r)};
}

std::string statusAt(const sync::SyncReply& reply, std::size_t index) {
    auto decoded = sync::decodePushResponse(reply.jsonBody);
    REQUIRE(decoded.ok());
    REQUIRE(index < decoded->results.size());
    return std::string(sync::toString(decoded->results[index].status));
}

} // namespace

TEST_CASE("batches queued behind a commit share one transaction and answer as sequential pushes",
          "[group_commit]") {
    ServiceFixture grouped;
    sync::SyncServiceOptions one;
    one.groupCommit.maxBatches = 1;
    ServiceFixture sequential(one);

    const auto blocker = grouped.responseRecord(1);
    const auto shared = grouped.responseRecord(2);  // in both batches, same body
    const auto clashed = grouped.responseRecord(3); // in both batches, other body in the second
    const std::string a = pushBody({blocker});
    const std::string b = pushBody({grouped.responseRecord(4), shared, clashed});
    const std::string c =
        pushBody({shared, sameIdOtherBody(grouped, clashed, 99), grouped.responseRecord(5)});

    RawConnection lock(grouped.dir.file("server.db"));
    auto replies = pushBehindLock(*grouped.service, lock, a, {b, c});

    const auto stats = grouped.service->groupCommitStats();
    CHECK(stats.groups == 2);
    CHECK(stats.batches == 3);
    CHECK(stats.lastGroupBatches == 2);
    CHECK(stats.maxGroupBatches == 2);
    CHECK(stats.failedGroups == 0);

    // The same three pushes, one after another, without a writer queue.
    std::vector<sync::SyncReply> expected;
    for (const std::string* body : {&a, &b, &c})
        expected.push_back(sequential.service->push(kOfficer, *body));
    CHECK(sequential.service->groupCommitStats().groups == 0);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("push " << i);
        REQUIRE(replies[i].httpStatus == 200);
        CHECK(replies[i].jsonBody == expected[i].jsonBody);
        CHECK(replies[i].counts.stored == expected[i].counts.stored);
    }
    CHECK(statusAt(replies[2], 0) == "duplicate");
    CHECK(statusAt(replies[2], 1) == "conflict");
    CHECK(statusAt(replies[2], 2) == "stored");
    CHECK(allResponses(*grouped.store) == allResponses(*sequential.store));
    CHECK(allResponses(*grouped.store).size() == 5);
}

TEST_CASE("a group takes at most --group-commit-batches batches", "[group_commit]") {
    sync::SyncServiceOptions options;
    options.groupCommit.maxBatches = 2;
    ServiceFixture f(options);
    RawConnection lock(f.dir.file("server.db"));
    std::vector<std::string> queued;
    for (std::uint64_t n = 2; n <= 4; ++n)
        queued.push_back(pushBody({f.responseRecord(n)}));
    auto replies = pushBehindLock(*f.service, lock, pushBody({f.responseRecord(1)}), queued);
    for (const auto& reply : replies) {
        CHECK(reply.httpStatus == 200);
        CHECK(reply.counts.stored == 1);
    }
    const auto stats = f.service->groupCommitStats();
    CHECK(stats.groups == 3); // {1}, {2, 3}, {4}
    CHECK(stats.maxGroupBatches == 2);
    CHECK(stats.lastGroupBatches == 1);
}

TEST_CASE("a group's record bound keeps batches apart but always commits an oversized one",
          "[group_commit]") {
    sync::SyncServiceOptions options;
    options.groupCommit.maxRecords = 2;
    ServiceFixture f(options);
    RawConnection lock(f.dir.file("server.db"));
    const std::vector<std::string> queued{
        pushBody({f.responseRecord(2), f.responseRecord(3), f.responseRecord(4)}),
        pushBody({f.responseRecord(5)}), pushBody({f.responseRecord(6)})};
    auto replies = pushBehindLock(*f.service, lock, pushBody({f.responseRecord(1)}), queued);
    CHECK(replies[1].counts.stored == 3);
    const auto stats = f.service->groupCommitStats();
    CHECK(stats.groups == 3); // {1}, {2, 3, 4} alone, {5, 6}
    CHECK(stats.lastGroupBatches == 2);
    CHECK(allResponses(*f.store).size() == 6);
}

TEST_CASE("a storage failure in a group answers 503 to every push of it and stores none of them",
          "[group_commit]") {
    ServiceFixture f;
    const auto good = f.responseRecord(2);
    const auto poisoned = f.responseRecord(5);
    const std::string b = pushBody({good, f.responseRecord(3)});
    const std::string c = pushBody({f.responseRecord(4), poisoned});

    RawConnection db(f.dir.file("server.db"));
    db.exec("CREATE TRIGGER poison BEFORE INSERT ON records WHEN NEW.id = '" + poisoned.id +
            "' BEGIN SELECT RAISE(ABORT, 'injected storage failure'); END");
    auto replies = pushBehindLock(*f.service, db, pushBody({f.responseRecord(1)}), {b, c});

    CHECK(replies[0].httpStatus == 200);
    CHECK(replies[0].counts.stored == 1);
    for (std::size_t i : {1u, 2u}) {
        INFO("push " << i);
        CHECK(replies[i].httpStatus == 503);
        CHECK(replies[i].jsonBody.find("storage_unavailable") != std::string::npos);
        CHECK(replies[i].counts.stored == 0);
    }
    const auto stats = f.service->groupCommitStats();
    CHECK(stats.groups == 2);
    CHECK(stats.failedGroups == 1);
    CHECK(stats.lastGroupBatches == 2);
    CHECK(allResponses(*f.store).size() == 1);
    auto stored = f.store->getRecord("response", good.id);
    REQUIRE(stored.ok());
    CHECK_FALSE(stored->has_value());

    // Retried once storage works again, both pushes store everything: nothing was half-done.
    db.exec("DROP TRIGGER poison");
    for (const std::string* body : {&b, &c}) {
        auto again = f.service->push(kOfficer, *body);
        CHECK(again.httpStatus == 200);
        CHECK(again.counts.stored == 2);
    }
    CHECK(allResponses(*f.store).size() == 5);
}
