#include "td/store/records_table.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace td::store;

namespace {

Database memoryWithRecords() {
    auto db = Database::open(":memory:");
    REQUIRE(db.ok());
    REQUIRE(db->exec(recordsTableSchema()).ok());
    return std::move(db).value();
}

} // namespace

TEST_CASE("records table inserts, gets, replaces and removes rows byte for byte") {
    Database db = memoryWithRecords();
    auto table = RecordsTable::prepare(db);
    REQUIRE(table.ok());
    const RecordRow row{"response",
                        "0193640d-187b-7abc-8def-0123456789ab",
                        1,
                        "hlc-1",
                        std::string("{\"fritext\":\"Mörkt vid busshållplatsen \\u00e5\"}"),
                        RecordOrigin::Local,
                        42};
    REQUIRE(table->insert(row).ok());
    auto got = table->get(row.id);
    REQUIRE(got.ok());
    REQUIRE(got->has_value());
    CHECK(**got == row);

    auto dup = table->insert(row);
    REQUIRE_FALSE(dup.ok());
    CHECK(dup.error().extendedCode == SQLITE_CONSTRAINT_PRIMARYKEY);

    RecordRow next = row;
    next.rev = 2;
    next.body = "{}";
    next.origin = RecordOrigin::Server;
    auto replaced = table->replace(next);
    REQUIRE(replaced.ok());
    CHECK(*replaced);
    CHECK(**table->get(row.id) == next);
    RecordRow missing = row;
    missing.id = "nope";
    CHECK_FALSE(*table->replace(missing));

    auto kind = table->ofKind("response");
    REQUIRE(kind.ok());
    CHECK(kind->size() == 1);
    CHECK(*table->countOfKind("response") == 1);
    CHECK(*table->countOfKind("survey") == 0);
    CHECK(*table->remove(row.id));
    CHECK_FALSE(*table->remove(row.id));
    CHECK_FALSE(table->get(row.id)->has_value());
}

TEST_CASE("records table refuses rev 0 and unknown origins") {
    Database db = memoryWithRecords();
    auto table = RecordsTable::prepare(db);
    REQUIRE(table.ok());
    RecordRow row{"response", "r", 0, "", "{}", RecordOrigin::Local, 0};
    auto bad = table->insert(row);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().extendedCode == SQLITE_CONSTRAINT_CHECK);
    auto origin = db.exec("INSERT INTO records VALUES ('x', 'k', 1, '', '{}', 'elsewhere', 0)");
    REQUIRE_FALSE(origin.ok());
    CHECK(origin.error().extendedCode == SQLITE_CONSTRAINT_CHECK);
}
