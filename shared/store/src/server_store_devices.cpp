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
    auto stmt = conn.statement(kNote);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    DbStatus st;
    (st = s.bindText(1, deviceId)) && (st = s.bindInt64(2, nowMs)) &&
        (st = bindOptional(s, 3, pending)) && (st = bindOptional(s, 4, appVersion)) &&
        (st = s.run());
    TD_STORE_TRY(st);
    return {};
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
