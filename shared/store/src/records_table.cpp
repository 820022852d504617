#include "td/store/records_table.hpp"

#include <sqlite3.h>

namespace td::store {

namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE records (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    rev INTEGER NOT NULL CHECK (rev >= 1),
    hlc TEXT NOT NULL,
    body TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'server')),
    updated_at INTEGER NOT NULL
);
CREATE INDEX records_by_kind ON records(kind, id);
)sql";

constexpr const char* kColumns = "kind, id, rev, hlc, body, origin, updated_at";

DbStatus bindRow(Statement& stmt, const RecordRow& row) {
    DbStatus s = stmt.bindText(1, row.kind);
    if (s)
        s = stmt.bindText(2, row.id);
    if (s)
        s = stmt.bindInt64(3, row.rev);
    if (s)
        s = stmt.bindText(4, row.hlc);
    if (s)
        s = stmt.bindText(5, row.body);
    if (s)
        s = stmt.bindText(6, toString(row.origin));
    if (s)
        s = stmt.bindInt64(7, row.updatedAtMs);
    return s;
}

} // namespace

std::string_view toString(RecordOrigin origin) {
    return origin == RecordOrigin::Server ? "server" : "local";
}

std::string_view recordsTableSchema() {
    return kSchema;
}

RecordsTable::RecordsTable(Statement insert, Statement replace, Statement get, Statement ofKind,
                           Statement count, Statement remove)
    : m_insert(std::move(insert))
    , m_replace(std::move(replace))
    , m_get(std::move(get))
    , m_ofKind(std::move(ofKind))
    , m_count(std::move(count))
    , m_remove(std::move(remove)) {}

DbResult<RecordsTable> RecordsTable::prepare(Database& db) {
    auto insert = db.prepare(std::string("INSERT INTO records (") + kColumns +
                             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert)
        return insert.error();
    auto replace = db.prepare("UPDATE records SET kind = ?1, rev = ?3, hlc = ?4, body = ?5, "
                              "origin = ?6, updated_at = ?7 WHERE id = ?2");
    if (!replace)
        return replace.error();
    auto get = db.prepare(std::string("SELECT ") + kColumns + " FROM records WHERE id = ?1");
    if (!get)
        return get.error();
    auto ofKind =
        db.prepare(std::string("SELECT ") + kColumns + " FROM records WHERE kind = ?1 ORDER BY id");
    if (!ofKind)
        return ofKind.error();
    auto count = db.prepare("SELECT count(*) FROM records WHERE kind = ?1");
    if (!count)
        return count.error();
    auto remove = db.prepare("DELETE FROM records WHERE id = ?1");
    if (!remove)
        return remove.error();
    return RecordsTable(std::move(insert).value(), std::move(replace).value(),
                        std::move(get).value(), std::move(ofKind).value(), std::move(count).value(),
                        std::move(remove).value());
}

DbStatus RecordsTable::insert(const RecordRow& row) {
    if (auto s = bindRow(m_insert, row); !s)
        return s;
    return m_insert.run();
}

DbResult<bool> RecordsTable::replace(const RecordRow& row) {
    if (auto s = bindRow(m_replace, row); !s)
        return s.error();
    if (auto s = m_replace.run(); !s)
        return s.error();
    return m_replace.changes() > 0;
}

DbResult<RecordRow> RecordsTable::readRow(Statement& stmt) {
    const std::string origin = stmt.columnText(5);
    if (origin != "local" && origin != "server")
        return makeDbError("records row has unknown origin '" + origin + "'", SQLITE_CORRUPT);
    return RecordRow{
        stmt.columnText(0),  stmt.columnText(1),
        stmt.columnInt64(2), stmt.columnText(3),
        stmt.columnText(4),  origin == "server" ? RecordOrigin::Server : RecordOrigin::Local,
        stmt.columnInt64(6)};
}

DbResult<std::optional<RecordRow>> RecordsTable::get(std::string_view id) {
    if (auto s = m_get.bindText(1, id); !s)
        return s.error();
    auto row = m_get.step();
    if (!row)
        return row.error();
    std::optional<RecordRow> out;
    if (*row) {
        auto read = readRow(m_get);
        if (!read) {
            m_get.reset();
            return read.error();
        }
        out = std::move(read).value();
    }
    m_get.reset();
    return out;
}

DbResult<std::vector<RecordRow>> RecordsTable::ofKind(std::string_view kind) {
    if (auto s = m_ofKind.bindText(1, kind); !s)
        return s.error();
    std::vector<RecordRow> out;
    for (;;) {
        auto row = m_ofKind.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        auto read = readRow(m_ofKind);
        if (!read) {
            m_ofKind.reset();
            return read.error();
        }
        out.push_back(std::move(read).value());
    }
    m_ofKind.reset();
    return out;
}

DbResult<std::int64_t> RecordsTable::countOfKind(std::string_view kind) {
    if (auto s = m_count.bindText(1, kind); !s)
        return s.error();
    auto row = m_count.step();
    if (!row)
        return row.error();
    const std::int64_t count = m_count.columnInt64(0);
    m_count.reset();
    return count;
}

DbResult<bool> RecordsTable::remove(std::string_view id) {
    if (auto s = m_remove.bindText(1, id); !s)
        return s.error();
    if (auto s = m_remove.run(); !s)
        return s.error();
    return m_remove.changes() > 0;
}

} // namespace td::store
