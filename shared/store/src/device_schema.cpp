// The device database's schema history and its prepared statements.

#include "device_store_impl.hpp"
#include "td/store/migrations.hpp"

#include <sqlite3.h>

namespace td::store {

namespace {

constexpr std::string_view kDeviceTables = R"sql(
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    id TEXT NOT NULL REFERENCES records(id),
    rev INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'acked', 'rejected', 'conflict')),
    reason_code TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_attempt_at INTEGER,
    UNIQUE (id, rev)
);
CREATE INDEX outbox_pending ON outbox(seq) WHERE state = 'pending';
CREATE TABLE drafts (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    cursor TEXT NOT NULL,
    last_sync_at INTEGER,
    last_outcome TEXT NOT NULL
);
INSERT INTO sync_state (id, cursor, last_sync_at, last_outcome) VALUES (1, '', NULL, '');
CREATE TABLE settings (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);
)sql";

std::vector<Migration> deviceMigrations() {
    std::vector<Migration> steps;
    steps.push_back({1, std::string(recordsTableSchema()) + std::string(kDeviceTables), {}});
    steps.push_back({2, std::string(editableDeviceSchema()), {}});
    steps.push_back({3, std::string(scrubbedDeviceSchema()), {}});
    return steps;
}

constexpr const char* kOutboxColumns =
    "seq, kind, id, rev, state, reason_code, reason, attempts, last_attempt_at";

} // namespace

int DeviceStore::schemaVersion() {
    return static_cast<int>(deviceMigrations().size());
}

DbResult<OutboxEntry> readOutboxEntry(const Statement& stmt) {
    OutboxEntry entry;
    entry.seq = stmt.columnInt64(0);
    entry.kind = stmt.columnText(1);
    entry.id = stmt.columnText(2);
    entry.rev = stmt.columnInt64(3);
    const std::string state = stmt.columnText(4);
    if (state == "pending")
        entry.state = OutboxState::Pending;
    else if (state == "acked")
        entry.state = OutboxState::Acked;
    else if (state == "rejected")
        entry.state = OutboxState::Rejected;
    else if (state == "conflict")
        entry.state = OutboxState::Conflict;
    else
        return makeDbError("outbox row has unknown state '" + state + "'", SQLITE_CORRUPT);
    entry.reasonCode = stmt.columnText(5);
    entry.reason = stmt.columnText(6);
    entry.attempts = stmt.columnInt64(7);
    if (!stmt.isNull(8))
        entry.lastAttemptAtMs = stmt.columnInt64(8);
    return entry;
}

DbResult<std::unique_ptr<DeviceStore::Impl>> prepareDeviceStore(Database db, Clock clock) {
    const auto steps = deviceMigrations();
    if (auto migrated = migrate(db, steps); !migrated)
        return migrated.error();
    auto records = RecordsTable::prepare(db);
    if (!records)
        return records.error();

    auto impl = std::unique_ptr<DeviceStore::Impl>(
        new DeviceStore::Impl(std::move(db), std::move(records).value(), std::move(clock)));
    const std::string outboxSelect = std::string("SELECT ") + kOutboxColumns + " FROM outbox ";
    const std::pair<Statement*, std::string> statements[] = {
        {&impl->insertOutbox,
         "INSERT INTO outbox (kind, id, rev, state) VALUES (?1, ?2, ?3, 'pending')"},
        {&impl->supersedePending,
         "DELETE FROM outbox WHERE id = ?1 AND rev < ?2 AND state = 'pending'"},
        {&impl->pendingPage,
         "SELECT o.seq, r.kind, r.id, r.rev, r.hlc, r.body, r.origin, r.updated_at "
         "FROM outbox o JOIN records r ON r.id = o.id AND r.rev = o.rev "
         "WHERE o.state = 'pending' AND o.seq > ?2 ORDER BY o.seq LIMIT ?1"},
        {&impl->pendingCount, "SELECT count(*) FROM outbox WHERE state = 'pending'"},
        {&impl->markAttempted,
         "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?2 WHERE seq = ?1"},
        {&impl->findEntry, "SELECT seq FROM outbox WHERE id = ?1 AND rev = ?2"},
        {&impl->newerEntry, "SELECT count(*) FROM outbox WHERE id = ?1 AND rev > ?2"},
        {&impl->setOutcome,
         "UPDATE outbox SET state = ?2, reason_code = ?3, reason = ?4 WHERE seq = ?1"},
        {&impl->rejected, outboxSelect + "WHERE state IN ('rejected', 'conflict') ORDER BY seq"},
        {&impl->entryBySeq, outboxSelect + "WHERE seq = ?1"},
        {&impl->openEntriesForId, "SELECT count(*) FROM outbox WHERE id = ?1 AND state != 'acked'"},
        {&impl->deleteOutboxForId, "DELETE FROM outbox WHERE id = ?1"},
        {&impl->setCursor, "UPDATE sync_state SET cursor = ?1 WHERE id = 1"},
        {&impl->readSyncState,
         "SELECT cursor, last_sync_at, last_outcome FROM sync_state WHERE id = 1"},
        {&impl->setSyncOutcome,
         "UPDATE sync_state SET last_sync_at = ?1, last_outcome = ?2 WHERE id = 1"},
        {&impl->upsertDraft,
         "INSERT INTO drafts (id, kind, ref, body, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
         "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, ref = excluded.ref, "
         "body = excluded.body, updated_at = excluded.updated_at"},
        {&impl->loadDraft, "SELECT id, kind, ref, body, updated_at FROM drafts WHERE id = ?1"},
        {&impl->listDrafts,
         "SELECT id, kind, ref, body, updated_at FROM drafts ORDER BY updated_at DESC, id"},
        {&impl->listDraftsOfKind, "SELECT id, kind, ref, body, updated_at FROM drafts "
                                  "WHERE kind = ?1 ORDER BY updated_at DESC, id"},
        {&impl->deleteDraft, "DELETE FROM drafts WHERE id = ?1"},
        {&impl->upsertSetting, "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value"},
        {&impl->readSetting, "SELECT value FROM settings WHERE key = ?1"},
        {&impl->deleteSetting, "DELETE FROM settings WHERE key = ?1"},
        {&impl->unscrubbedAcked, unscrubbedAckedQuery()},
        {&impl->ackedNotScrubbed,
         "SELECT 1 FROM outbox o WHERE o.id = ?1 AND o.rev = ?2 AND o.state = 'acked' "
         "AND NOT EXISTS (SELECT 1 FROM scrubbed s WHERE s.id = o.id AND s.rev = o.rev)"},
        {&impl->markScrubbed, "INSERT INTO scrubbed (id, rev, scrubbed_at) VALUES (?1, ?2, ?3) "
                              "ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, "
                              "scrubbed_at = excluded.scrubbed_at"},
        {&impl->scrubbedById, "SELECT s.rev FROM scrubbed s JOIN records r ON r.id = s.id "
                              "AND r.rev = s.rev WHERE s.id = ?1"},
    };
    for (const auto& [target, text] : statements) {
        auto stmt = impl->db.prepare(text);
        if (!stmt)
            return stmt.error();
        *target = std::move(stmt).value();
    }
    return impl;
}

} // namespace td::store
