// ServerStore: the append-only audit log.

#include "server_store_impl.hpp"

#include <algorithm>
#include <chrono>

namespace td::store {

std::string_view auditSchema() {
    return R"sql(
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL,
    request_id TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";
}

namespace {

const char* const kInsertAudit =
    "INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, role, action, target, detail, "
    "request_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
// Optional filters are NULL when unused; an action ending in '.' matches as a prefix.
const char* const kListAudit =
    "SELECT seq, at, actor_kind, actor_id, actor_name, role, action, target, detail, request_id "
    "FROM audit_log WHERE (?1 IS NULL OR seq < ?1) AND (?2 IS NULL OR at >= ?2) "
    "AND (?3 IS NULL OR at < ?3) "
    "AND (?4 IS NULL OR action = ?4 OR (substr(?4, -1) = '.' AND substr(action, 1, length(?4)) = "
    "?4)) "
    "AND (?5 IS NULL OR actor_name = ?5) ORDER BY seq DESC LIMIT ?6";

constexpr std::size_t kMaxAuditPage = 1000;

} // namespace

Result<std::int64_t> ServerStore::appendAudit(AuditEntry entry) {
    if (entry.atMs == 0)
        entry.atMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kInsertAudit);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    DbStatus st;
    (st = s.bindInt64(1, entry.atMs)) && (st = s.bindText(2, entry.actorKind)) &&
        (st = s.bindText(3, entry.actorId)) && (st = s.bindText(4, entry.actorName)) &&
        (st = s.bindText(5, entry.role)) && (st = s.bindText(6, entry.action)) &&
        (st = s.bindText(7, entry.target)) && (st = s.bindText(8, entry.detail)) &&
        (st = s.bindText(9, entry.requestId)) && (st = s.run());
    TD_STORE_TRY(st);
    return conn.db().lastInsertRowId();
}

Result<std::vector<AuditEntry>> ServerStore::listAudit(const AuditQuery& query) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kListAudit);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    const auto limit = static_cast<std::int64_t>(std::min(query.limit, kMaxAuditPage));
    TD_STORE_TRY(bindOptional(s, 1, query.beforeSeq));
    TD_STORE_TRY(bindOptional(s, 2, query.fromMs));
    TD_STORE_TRY(bindOptional(s, 3, query.toMs));
    TD_STORE_TRY(bindOptional(s, 4, query.action));
    TD_STORE_TRY(bindOptional(s, 5, query.actorName));
    TD_STORE_TRY(s.bindInt64(6, limit));
    std::vector<AuditEntry> out;
    for (;;) {
        auto row = s.step();
        if (!row)
            return toStoreError(row.error());
        if (!*row)
            break;
        out.push_back(AuditEntry{s.columnInt64(0), s.columnInt64(1), s.columnText(2),
                                 s.columnText(3), s.columnText(4), s.columnText(5), s.columnText(6),
                                 s.columnText(7), s.columnText(8), s.columnText(9)});
    }
    s.reset();
    return out;
}

} // namespace td::store
