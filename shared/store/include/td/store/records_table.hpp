#pragma once
// The `records` table shared by the device and server stores: one row per record id holding
// its latest revision. Bodies are opaque JSON text, stored and returned byte for byte.

#include "td/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace td::store {

enum class RecordOrigin { Local, Server };

std::string_view toString(RecordOrigin origin);

struct RecordRow {
    std::string kind;
    std::string id;
    std::int64_t rev = 1;
    std::string hlc;
    std::string body;
    RecordOrigin origin = RecordOrigin::Local;
    std::int64_t updatedAtMs = 0;
    bool operator==(const RecordRow&) const = default;
};

/// DDL creating the records table and its kind index (for a migration step).
std::string_view recordsTableSchema();

/// Prepared statements on the records table of one connection; must not outlive it.
class RecordsTable {
public:
    static DbResult<RecordsTable> prepare(Database& db);

    /// Inserts a new id; an existing id fails with SQLITE_CONSTRAINT_PRIMARYKEY.
    DbStatus insert(const RecordRow& row);
    /// Replaces every column of the row with this id; false when there is no such row.
    DbResult<bool> replace(const RecordRow& row);
    DbResult<std::optional<RecordRow>> get(std::string_view id);
    /// Rows of one kind, ordered by id.
    DbResult<std::vector<RecordRow>> ofKind(std::string_view kind);
    DbResult<std::int64_t> countOfKind(std::string_view kind);
    /// Removes the row; false when there was none.
    DbResult<bool> remove(std::string_view id);

private:
    RecordsTable(Statement insert, Statement replace, Statement get, Statement ofKind,
                 Statement count, Statement remove);
    DbResult<RecordRow> readRow(Statement& stmt);

    Statement m_insert;
    Statement m_replace;
    Statement m_get;
    Statement m_ofKind;
    Statement m_count;
    Statement m_remove;
};

} // namespace td::store
