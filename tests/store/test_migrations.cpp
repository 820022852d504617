#include "td/store/migrations.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <vector>

using namespace td::store;

namespace {

Database openOrFail(const std::string& path) {
    auto db = Database::open(path);
    if (!db)
        FAIL("open " << path << ": " << db.error().message);
    return std::move(db).value();
}

// A schema history with DDL steps and one data step, each leaving data the next must keep.
std::vector<Migration> history() {
    std::vector<Migration> steps;
    steps.push_back({1, "CREATE TABLE notes(id TEXT PRIMARY KEY, body TEXT NOT NULL);", {}});
    steps.push_back({2, "ALTER TABLE notes ADD COLUMN kind TEXT NOT NULL DEFAULT 'note';", {}});
    steps.push_back({3, "CREATE TABLE tags(note TEXT REFERENCES notes(id), tag TEXT);",
                     [](Database& db) -> DbStatus {
                         return db.exec("INSERT INTO tags SELECT id, 'migrated' FROM notes");
                     }});
    steps.push_back({4, "CREATE INDEX notes_kind ON notes(kind);", {}});
    return steps;
}

std::vector<std::string> column(Database& db, const char* sql) {
    std::vector<std::string> out;
    auto stmt = db.prepare(sql);
    REQUIRE(stmt.ok());
    for (;;) {
        auto row = stmt->step();
        REQUIRE(row.ok());
        if (!*row)
            break;
        out.push_back(stmt->columnText(0));
    }
    return out;
}

} // namespace

TEST_CASE("migrating from every earlier version keeps the data") {
    const auto steps = history();
    for (int k = 0; k <= static_cast<int>(steps.size()); ++k) {
        DYNAMIC_SECTION("from version " << k) {
            td::test::TempDir dir;
            const std::string path = dir.file("m.db");
            {
                Database old = openOrFail(path);
                auto from = migrate(old, std::span(steps).first(static_cast<size_t>(k)));
                REQUIRE(from.ok());
                CHECK(*from == 0);
                if (k >= 1)
                    REQUIRE(old.exec("INSERT INTO notes(id, body) VALUES('n1', 'kept')").ok());
            }
            Database db = openOrFail(path);
            auto from = migrate(db, steps);
            REQUIRE(from.ok());
            CHECK(*from == k);
            auto version = db.userVersion();
            REQUIRE(version.ok());
            CHECK(*version == 4);
            if (k >= 1) {
                CHECK(column(db, "SELECT body FROM notes") == std::vector<std::string>{"kept"});
                CHECK(column(db, "SELECT kind FROM notes") == std::vector<std::string>{"note"});
                // Step 3 copies notes present at the time it runs.
                const std::vector<std::string> tags = column(db, "SELECT tag FROM tags");
                CHECK(tags ==
                      (k < 3 ? std::vector<std::string>{"migrated"} : std::vector<std::string>{}));
            }
            CHECK(column(db, "SELECT name FROM sqlite_master WHERE name='notes_kind'").size() == 1);
            // Running again is a no-op.
            auto again = migrate(db, steps);
            REQUIRE(again.ok());
            CHECK(*again == 4);
        }
    }
}

TEST_CASE("a database newer than the code is refused and left alone") {
    td::test::TempDir dir;
    Database db = openOrFail(dir.file("new.db"));
    REQUIRE(db.setUserVersion(9).ok());
    auto result = migrate(db, history());
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message.find("newer") != std::string::npos);
    CHECK(*db.userVersion() == 9);
    CHECK(column(db, "SELECT name FROM sqlite_master").empty());
}

TEST_CASE("a failing step rolls back to the previous version") {
    td::test::TempDir dir;
    Database db = openOrFail(dir.file("fail.db"));
    auto steps = history();
    steps.push_back({5, "CREATE TABLE five(x); INSERT INTO notes(id) VALUES('no body');", {}});
    auto result = migrate(db, steps);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().extendedCode == SQLITE_CONSTRAINT_NOTNULL);
    CHECK(*db.userVersion() == 4);
    CHECK(column(db, "SELECT name FROM sqlite_master WHERE name='five'").empty());
    CHECK_FALSE(db.inTransaction());
}

TEST_CASE("steps must be numbered 1..N") {
    Database db = openOrFail(":memory:");
    std::vector<Migration> steps{{1, "CREATE TABLE a(x);", {}}, {3, "CREATE TABLE b(x);", {}}};
    auto result = migrate(db, steps);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message.find("numbered") != std::string::npos);
    CHECK(column(db, "SELECT name FROM sqlite_master").empty());
}
