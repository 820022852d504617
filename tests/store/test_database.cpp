#include "td/store/database.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace td::store;

namespace {

Database openOrFail(const std::string& path, const OpenOptions& options = {}) {
    auto db = Database::open(path, options);
    if (!db)
        FAIL("open " << path << ": " << db.error().message);
    return std::move(db).value();
}

std::string pragmaText(Database& db, const char* sql) {
    auto stmt = db.prepare(sql);
    REQUIRE(stmt.ok());
    auto row = stmt->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    return stmt->columnText(0);
}

} // namespace

TEST_CASE("open applies WAL, synchronous, foreign keys and busy timeout") {
    td::test::TempDir dir;
    Database db = openOrFail(dir.file("a.db"));
    CHECK(pragmaText(db, "PRAGMA journal_mode") == "wal");
    CHECK(pragmaText(db, "PRAGMA synchronous") == "2"); // FULL
    CHECK(pragmaText(db, "PRAGMA foreign_keys") == "1");
    CHECK(pragmaText(db, "PRAGMA busy_timeout") == "5000");

    OpenOptions normal;
    normal.synchronous = Synchronous::Normal;
    normal.busyTimeout = std::chrono::milliseconds(250);
    normal.foreignKeys = false;
    Database db2 = openOrFail(dir.file("b.db"), normal);
    CHECK(pragmaText(db2, "PRAGMA synchronous") == "1");
    CHECK(pragmaText(db2, "PRAGMA busy_timeout") == "250");
    CHECK(pragmaText(db2, "PRAGMA foreign_keys") == "0");
}

TEST_CASE("open without create fails on a missing file with SQLITE_CANTOPEN") {
    td::test::TempDir dir;
    OpenOptions options;
    options.create = false;
    auto db = Database::open(dir.file("missing.db"), options);
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().code == SQLITE_CANTOPEN);
    const td::Error error = db.error();
    CHECK(error.code == "storage_error");
    CHECK(error.message.find("sqlite 14/") != std::string::npos);
}

TEST_CASE("statements bind by index and name and read typed columns") {
    Database db = openOrFail(":memory:");
    REQUIRE(db.exec("CREATE TABLE t(i INTEGER, d REAL, s TEXT, b BLOB, n TEXT)").ok());
    auto insert = db.prepare("INSERT INTO t VALUES(?1, :d, ?3, :b, ?5)");
    REQUIRE(insert.ok());
    const std::string blob("\0\x01\xff"
                           "end",
                           6);
    REQUIRE(insert->bindInt64(1, 9007199254740993LL).ok());
    REQUIRE(insert->bindDouble(":d", 2.5).ok());
    REQUIRE(insert->bindText(3, "Vindeln — trygg").ok());
    REQUIRE(insert->bindBlob(":b", blob).ok());
    REQUIRE(insert->bindNull(5).ok());
    REQUIRE(insert->run().ok());
    CHECK(db.changes() == 1);
    CHECK(db.lastInsertRowId() == 1);

    auto select = db.prepare("SELECT i, d, s, b, n FROM t");
    REQUIRE(select.ok());
    auto row = select->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    CHECK(select->columnCount() == 5);
    CHECK(select->columnName(2) == "s");
    CHECK(select->columnInt64(0) == 9007199254740993LL);
    CHECK(select->columnDouble(1) == 2.5);
    CHECK(select->columnText(2) == "Vindeln — trygg");
    CHECK(select->columnBlob(3) == blob);
    CHECK(select->isNull(4));
    CHECK_FALSE(select->isNull(0));
    auto end = select->step();
    REQUIRE(end.ok());
    CHECK_FALSE(*end);
}

TEST_CASE("empty text and blobs bind as empty values, not NULL") {
    Database db = openOrFail(":memory:");
    auto stmt = db.prepare("SELECT typeof(?1), typeof(?2), length(?1)");
    REQUIRE(stmt.ok());
    REQUIRE(stmt->bindText(1, std::string_view{}).ok());
    REQUIRE(stmt->bindBlob(2, std::string_view{}).ok());
    auto row = stmt->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    CHECK(stmt->columnText(0) == "text");
    CHECK(stmt->columnText(1) == "blob");
    CHECK(stmt->columnInt64(2) == 0);
}

TEST_CASE("binding errors are values") {
    Database db = openOrFail(":memory:");
    REQUIRE(db.exec("CREATE TABLE t(x)").ok());
    auto insert = db.prepare("INSERT INTO t VALUES(:x)");
    REQUIRE(insert.ok());
    auto byName = insert->bindText(":y", "v");
    REQUIRE_FALSE(byName.ok());
    CHECK(byName.error().code == SQLITE_RANGE);
    CHECK(byName.error().message.find(":y") != std::string::npos);
    auto byIndex = insert->bindInt64(2, 1);
    REQUIRE_FALSE(byIndex.ok());
    CHECK(byIndex.error().code == SQLITE_RANGE);
}

TEST_CASE("syntax errors are reported with the SQLite message") {
    Database db = openOrFail(":memory:");
    auto stmt = db.prepare("SELEC 1");
    REQUIRE_FALSE(stmt.ok());
    CHECK(stmt.error().code == SQLITE_ERROR);
    CHECK(stmt.error().message.find("syntax error") != std::string::npos);
    auto exec = db.exec("CREATE TABLE a(x); CREATE TABLE a(x);");
    REQUIRE_FALSE(exec.ok());
    CHECK(exec.error().message.find("already exists") != std::string::npos);
}

TEST_CASE("constraint errors carry the extended result code") {
    Database db = openOrFail(":memory:");
    REQUIRE(db.exec("CREATE TABLE p(id TEXT PRIMARY KEY);"
                    "CREATE TABLE u(v TEXT UNIQUE NOT NULL);"
                    "CREATE TABLE c(p TEXT REFERENCES p(id));"
                    "INSERT INTO p VALUES('a'); INSERT INTO u VALUES('x');")
                .ok());

    auto dup = db.prepare("INSERT INTO p VALUES(?)");
    REQUIRE(dup.ok());
    REQUIRE(dup->bindText(1, "a").ok());
    auto s = dup->run();
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == SQLITE_CONSTRAINT);
    CHECK(s.error().extendedCode == SQLITE_CONSTRAINT_PRIMARYKEY);
    const td::Error converted = s.error();
    CHECK(converted.code == "storage_error");
    CHECK(converted.message.find("sqlite 19/1555") != std::string::npos);

    // The statement is reusable after the failure.
    REQUIRE(dup->bindText(1, "b").ok());
    CHECK(dup->run().ok());

    auto unique = db.exec("INSERT INTO u VALUES('x')");
    REQUIRE_FALSE(unique.ok());
    CHECK(unique.error().extendedCode == SQLITE_CONSTRAINT_UNIQUE);
    auto notNull = db.exec("INSERT INTO u VALUES(NULL)");
    REQUIRE_FALSE(notNull.ok());
    CHECK(notNull.error().extendedCode == SQLITE_CONSTRAINT_NOTNULL);
    auto foreign = db.exec("INSERT INTO c VALUES('zz')");
    REQUIRE_FALSE(foreign.ok());
    CHECK(foreign.error().extendedCode == SQLITE_CONSTRAINT_FOREIGNKEY);
}

TEST_CASE("DbResult converts to td::Result with a storage_error") {
    Database db = openOrFail(":memory:");
    td::Result<Statement> bad = db.prepare("SELECT * FROM missing").toResult();
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "storage_error");
    CHECK(bad.error().message.find("no such table: missing") != std::string::npos);
    td::Status good = db.exec("CREATE TABLE present(x)").toResult();
    CHECK(good.ok());
}

TEST_CASE("integrity check of a fresh database is ok") {
    td::test::TempDir dir;
    Database db = openOrFail(dir.file("i.db"));
    REQUIRE(db.exec("CREATE TABLE t(x); INSERT INTO t VALUES(1);").ok());
    auto check = db.integrityCheck();
    REQUIRE(check.ok());
    CHECK(*check == "ok");
}
