#include "td/store/transaction.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <sqlite3.h>
#include <thread>

using namespace td::store;

namespace {

Database openOrFail(const std::string& path, const OpenOptions& options = {}) {
    auto db = Database::open(path, options);
    if (!db)
        FAIL("open " << path << ": " << db.error().message);
    return std::move(db).value();
}

std::int64_t count(Database& db) {
    auto stmt = db.prepare("SELECT count(*) FROM t");
    REQUIRE(stmt.ok());
    auto row = stmt->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    return stmt->columnInt64(0);
}

} // namespace

TEST_CASE("a transaction not committed is rolled back by its destructor") {
    Database db = openOrFail(":memory:");
    REQUIRE(db.exec("CREATE TABLE t(x)").ok());
    {
        auto tx = Transaction::begin(db);
        REQUIRE(tx.ok());
        REQUIRE(db.exec("INSERT INTO t VALUES(1)").ok());
        CHECK(db.inTransaction());
        CHECK(count(db) == 1);
    }
    CHECK_FALSE(db.inTransaction());
    CHECK(count(db) == 0);
}

TEST_CASE("commit keeps the writes and ends the transaction") {
    td::test::TempDir dir;
    {
        Database db = openOrFail(dir.file("c.db"));
        REQUIRE(db.exec("CREATE TABLE t(x)").ok());
        auto tx = Transaction::begin(db, TransactionMode::Immediate);
        REQUIRE(tx.ok());
        REQUIRE(db.exec("INSERT INTO t VALUES(1); INSERT INTO t VALUES(2);").ok());
        REQUIRE(tx->commit().ok());
        CHECK_FALSE(tx->active());
        CHECK_FALSE(db.inTransaction());
        auto again = tx->commit();
        REQUIRE_FALSE(again.ok());
        CHECK(again.error().code == SQLITE_MISUSE);
    }
    Database reopened = openOrFail(dir.file("c.db"));
    CHECK(count(reopened) == 2);
}

TEST_CASE("explicit rollback, and a moved transaction rolls back once") {
    Database db = openOrFail(":memory:");
    REQUIRE(db.exec("CREATE TABLE t(x)").ok());
    auto tx = Transaction::begin(db);
    REQUIRE(tx.ok());
    REQUIRE(db.exec("INSERT INTO t VALUES(1)").ok());
    REQUIRE(tx->rollback().ok());
    CHECK(count(db) == 0);
    CHECK(tx->rollback().ok());

    {
        auto outer = Transaction::begin(db);
        REQUIRE(outer.ok());
        Transaction moved(std::move(outer).value());
        REQUIRE(db.exec("INSERT INTO t VALUES(2)").ok());
    }
    CHECK(count(db) == 0);
    CHECK_FALSE(db.inTransaction());
}

TEST_CASE("a nested BEGIN is an error value, not a crash") {
    Database db = openOrFail(":memory:");
    auto tx = Transaction::begin(db);
    REQUIRE(tx.ok());
    auto nested = Transaction::begin(db);
    REQUIRE_FALSE(nested.ok());
    CHECK(nested.error().code == SQLITE_ERROR);
}

TEST_CASE("a second writer gets SQLITE_BUSY after its busy timeout") {
    td::test::TempDir dir;
    OpenOptions quick;
    quick.busyTimeout = std::chrono::milliseconds(100);
    Database first = openOrFail(dir.file("busy.db"));
    REQUIRE(first.exec("CREATE TABLE t(x)").ok());
    Database second = openOrFail(dir.file("busy.db"), quick);

    auto holder = Transaction::begin(first, TransactionMode::Immediate);
    REQUIRE(holder.ok());
    const auto start = std::chrono::steady_clock::now();
    auto blocked = Transaction::begin(second, TransactionMode::Immediate);
    const auto waited = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(blocked.ok());
    CHECK(blocked.error().code == SQLITE_BUSY);
    CHECK(waited >= std::chrono::milliseconds(90));
    // Readers are not blocked by a writer in WAL mode.
    CHECK(count(second) == 0);
}

TEST_CASE("a second writer waits within its busy timeout and then succeeds") {
    td::test::TempDir dir;
    Database first = openOrFail(dir.file("wait.db"));
    REQUIRE(first.exec("CREATE TABLE t(x)").ok());
    OpenOptions patient;
    patient.busyTimeout = std::chrono::milliseconds(5000);
    Database second = openOrFail(dir.file("wait.db"), patient);

    auto holder = Transaction::begin(first, TransactionMode::Immediate);
    REQUIRE(holder.ok());
    REQUIRE(first.exec("INSERT INTO t VALUES(1)").ok());
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        (void)holder->commit();
    });
    auto waiting = Transaction::begin(second, TransactionMode::Immediate);
    release.join();
    REQUIRE(waiting.ok());
    REQUIRE(second.exec("INSERT INTO t VALUES(2)").ok());
    REQUIRE(waiting->commit().ok());
    CHECK(count(first) == 2);
}
