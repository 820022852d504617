#pragma once
// A prepared SQLite statement: bind parameters by 1-based index or by name (":id"), step,
// read typed columns (0-based). Must not outlive the Database that prepared it.

#include "td/store/db_error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace td::store {

class Statement {
public:
    /// An empty statement, only good for assigning a prepared one to.
    Statement() = default;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    DbStatus bindInt64(int index, std::int64_t value);
    DbStatus bindDouble(int index, double value);
    DbStatus bindText(int index, std::string_view value);
    DbStatus bindBlob(int index, std::string_view bytes);
    DbStatus bindNull(int index);

    /// Named parameters include their prefix, e.g. ":kind". Unknown names fail with SQLITE_RANGE.
    DbStatus bindInt64(std::string_view name, std::int64_t value);
    DbStatus bindDouble(std::string_view name, double value);
    DbStatus bindText(std::string_view name, std::string_view value);
    DbStatus bindBlob(std::string_view name, std::string_view bytes);
    DbStatus bindNull(std::string_view name);

    /// Advances: true when a row is available, false when the statement has finished.
    DbResult<bool> step();
    /// Steps to completion expecting no rows (INSERT/UPDATE/DDL), then resets for reuse.
    DbStatus run();
    /// Rewinds for re-execution; bindings are kept.
    void reset();
    void clearBindings();

    int columnCount() const;
    std::string columnName(int column) const;
    bool isNull(int column) const;
    std::int64_t columnInt64(int column) const;
    double columnDouble(int column) const;
    std::string columnText(int column) const;
    /// The column's bytes (BLOB or TEXT) as a byte string.
    std::string columnBlob(int column) const;

    /// Number of rows changed by the last completed INSERT/UPDATE/DELETE on this connection.
    int changes() const;
    std::string sql() const;

private:
    friend class Database;
    Statement(sqlite3* db, sqlite3_stmt* stmt)
        : m_db(db)
        , m_stmt(stmt) {}
    DbStatus check(int rc) const;
    DbResult<int> indexOf(std::string_view name) const;

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

} // namespace td::store
