// ServerStore: what each enrolled device last reported — when it last synced, how many
// records were waiting in its outbox and which app version it runs.

#include "server_store_impl.hpp"

namespace td::store {

std::string_view deviceStatusSchema() {
    return R"sql(
CREATE TABLE device_status (
    device_id TEXT NOT NULL PRIMARY KEY,
    last_sync_at INTEGER NOT NULL,
    pending INTEGER,
    app_version TEXT,
    reported_at INTEGER
) WITHOUT ROWID;
)sql";
}

namespace {

// A report replaces the previous one; a sync without one (a pull, an older app) keeps it.
const char* const kNote =
    "INSERT INTO device_status (device_id, last_sync_at, pending, app_version, reported_at) "
    "VALUES (?1, ?2, ?3, ?4, CASE WHEN ?3 IS NULL AND ?4 IS NULL THEN NULL ELSE ?2 END) "
    "ON CONFLICT(device_id) DO UPDATE SET last_sync_at = excluded.last_sync_at, "
    "pending = CASE WHEN excluded.reported_at IS NULL THEN pending ELSE excluded.pending END, "
    "app_version = CASE WHEN excluded.reported_at IS NULL THEN app_version "
    "ELSE excluded.app_version END, "
    "reported_at = coalesce(excluded.reported_at, reported_at)";
const char* const kAll =
    "SELECT device_id, last_sync_at, pending, app_version, reported_at FROM device_status";

} // namespace

Status ServerStore::noteDeviceSync(std::string_view deviceId, std::int64_t nowMs,
                                   const std::optional<std::int64_t>& pending,
                                   const std::optional<std::string>& appVersion) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    // Written without waiting for the disk: a status note on every push and pull must not
    // cost an fsync of its own while holding the writer from the pushes' group commits. In
    // WAL mode the note is still in order in the log and reaches the disk with the next
    // durable commit; only a power cut before that can lose it (a process crash cannot).
    TD_STORE_TRY(conn.db().exec("PRAGMA synchronous=OFF"));
    auto stmt = conn.statement(kNote);
    DbStatus st;
    if (!stmt) {
        st = stmt.error();
    } else {
        Statement& s = **stmt;
        (st = s.bindText(1, deviceId)) && (st = s.bindInt64(2, nowMs)) &&
            (st = bindOptional(s, 3, pending)) && (st = bindOptional(s, 4, appVersion)) &&
            (st = s.run());
    }
    // Durable writes after this one depend on the level coming back: try hard.
    const std::string restore =
        std::string("PRAGMA synchronous=") + synchronousName(m_impl->synchronous);
    DbStatus restored = conn.db().exec(restore);
    for (int attempt = 0; !restored && attempt < 3; ++attempt)
        restored = conn.db().exec(restore);
    TD_STORE_TRY(restored);
    TD_STORE_TRY(st);
    return {};
}

Result<Synchronous> ServerStore::writerSynchronous() {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.db().prepare("PRAGMA synchronous");
    if (!stmt)
        return toStoreError(stmt.error());
    auto row = stmt->step();
    if (!row)
        return toStoreError(row.error());
    if (!*row)
        return makeError("storage_error", "PRAGMA synchronous gave no row");
    switch (stmt->columnInt64(0)) {
    case 0:
        return Synchronous::Off;
    case 1:
        return Synchronous::Normal;
    case 2:
        return Synchronous::Full;
    default:
        return Synchronous::Extra;
    }
}

Result<std::map<std::string, DeviceStatus>> ServerStore::deviceStatuses() {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kAll);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    std::map<std::string, DeviceStatus> out;
    for (;;) {
        auto row = s.step();
        if (!row)
            return toStoreError(row.error());
        if (!*row)
            break;
        out[s.columnText(0)] = DeviceStatus{s.columnInt64(1), optionalInt(s, 2), optionalText(s, 3),
                                            optionalInt(s, 4)};
    }
    s.reset();
    return out;
}

} // namespace td::store
