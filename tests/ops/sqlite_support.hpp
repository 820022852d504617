#pragma once
// Reading a SQLite file straight, beside the server: one value of a query.

#include <sqlite3.h>
#include <string>

namespace td::test {

/// The first column of the first row of `sql` on `path` opened read-only; "<error>" when the
/// file cannot be opened or the query fails.
inline std::string sqliteScalar(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_stmt* stmt = nullptr;
    std::string out = "<error>";
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

} // namespace td::test
