#include "td/store/database.hpp"

#include <sqlite3.h>

namespace td::store {

DbError lastError(sqlite3* db, int rc) {
    const int extended = db ? sqlite3_extended_errcode(db) : rc;
    // sqlite3_extended_errcode reflects the last API call; fall back to rc if they disagree.
    const int ext = (extended & 0xff) == (rc & 0xff) ? extended : rc;
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return DbError{rc & 0xff, ext, std::move(message)};
}

void Database::Closer::operator()(sqlite3* db) const {
    sqlite3_close_v2(db);
}

const char* synchronousName(Synchronous s) {
    switch (s) {
    case Synchronous::Off:
        return "OFF";
    case Synchronous::Normal:
        return "NORMAL";
    case Synchronous::Full:
        return "FULL";
    case Synchronous::Extra:
        return "EXTRA";
    }
    return "FULL";
}

DbResult<Database> Database::open(const std::string& path, const OpenOptions& options) {
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (options.readOnly)
        flags |= SQLITE_OPEN_READONLY;
    else
        flags |= SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    std::unique_ptr<sqlite3, Closer> handle(raw);
    if (rc != SQLITE_OK)
        return lastError(raw, rc);
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, static_cast<int>(options.busyTimeout.count()));

    Database db(std::move(handle), path);
    std::string pragmas = std::string("PRAGMA synchronous=") +
                          synchronousName(options.synchronous) +
                          ";PRAGMA foreign_keys=" + (options.foreignKeys ? "ON" : "OFF") +
                          ";PRAGMA secure_delete=" + (options.secureDelete ? "ON" : "OFF") + ";";
    if (auto s = db.exec(pragmas); !s)
        return s.error();
    if (options.wal && !options.readOnly && path != ":memory:" && !path.empty()) {
        auto stmt = db.prepare("PRAGMA journal_mode=WAL");
        if (!stmt)
            return stmt.error();
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row || stmt->columnText(0) != "wal")
            return makeDbError("could not switch " + path + " to WAL journal mode");
    }
    return db;
}

DbResult<bool> Database::checkpointTruncate() {
    auto stmt = prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    // One row: busy (1 when the checkpoint could not finish), log frames, checkpointed frames.
    return *row && stmt->columnInt64(0) == 0;
}

DbResult<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v2(m_db.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK)
        return lastError(m_db.get(), rc);
    if (!stmt)
        return makeDbError("empty SQL statement", SQLITE_MISUSE);
    return Statement(m_db.get(), stmt);
}

DbStatus Database::exec(std::string_view sql) {
    return execOn(m_db.get(), sql);
}

DbStatus execOn(sqlite3* db, std::string_view sql) {
    const char* cursor = sql.data();
    const char* end = sql.data() + sql.size();
    while (cursor < end) {
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        const int rc = sqlite3_prepare_v2(db, cursor, static_cast<int>(end - cursor), &raw, &tail);
        if (rc != SQLITE_OK)
            return lastError(db, rc);
        cursor = tail;
        if (!raw)
            continue; // whitespace or comment
        int step = SQLITE_ROW;
        while (step == SQLITE_ROW)
            step = sqlite3_step(raw);
        if (step != SQLITE_DONE) {
            DbError error = lastError(db, step);
            sqlite3_finalize(raw);
            return error;
        }
        sqlite3_finalize(raw);
    }
    return {};
}

std::int64_t Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_db.get());
}

int Database::changes() const {
    return sqlite3_changes(m_db.get());
}

bool Database::inTransaction() const {
    return sqlite3_get_autocommit(m_db.get()) == 0;
}

DbResult<int> Database::userVersion() {
    auto stmt = prepare("PRAGMA user_version");
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return static_cast<int>(stmt->columnInt64(0));
}

DbStatus Database::setUserVersion(int version) {
    // PRAGMA arguments cannot be bound; the value is an integer, not caller text.
    return exec("PRAGMA user_version=" + std::to_string(version));
}

DbResult<std::string> Database::integrityCheck() {
    auto stmt = prepare("PRAGMA integrity_check");
    if (!stmt)
        return stmt.error();
    std::string result;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        if (!result.empty())
            result += '\n';
        result += stmt->columnText(0);
    }
    return result;
}

} // namespace td::store
