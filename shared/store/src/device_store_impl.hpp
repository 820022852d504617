#pragma once
// DeviceStore's private state: the connection and its prepared statements.

#include "td/store/device_store.hpp"
#include "td/store/records_table.hpp"
#include "td/store/statement.hpp"

namespace td::store {

// Returns the error of a failed DbResult/Result from the enclosing function as a td::Error.
#define TD_STORE_TRY(expr)                                                                         \
    do {                                                                                           \
        auto&& tdStoreTryResult = (expr);                                                          \
        if (!tdStoreTryResult)                                                                     \
            return Error(tdStoreTryResult.error());                                                \
    } while (0)

struct DeviceStore::Impl {
    Impl(Database database, RecordsTable recordsTable, Clock wallClock)
        : db(std::move(database))
        , records(std::move(recordsTable))
        , clock(std::move(wallClock)) {}

    Database db;
    RecordsTable records;
    Clock clock;

    Statement insertOutbox;
    Statement supersedePending;
    Statement pendingPage;
    Statement pendingCount;
    Statement markAttempted;
    Statement findEntry;
    Statement newerEntry;
    Statement setOutcome;
    Statement rejected;
    Statement entryBySeq;
    Statement openEntriesForId;
    Statement deleteOutboxForId;

    Statement setCursor;
    Statement readSyncState;
    Statement setSyncOutcome;

    Statement upsertDraft;
    Statement loadDraft;
    Statement listDrafts;
    Statement listDraftsOfKind;
    Statement deleteDraft;

    Statement upsertSetting;
    Statement readSetting;
    Statement deleteSetting;

    Statement unscrubbedAcked;
    Statement ackedNotScrubbed;
    Statement markScrubbed;
    Statement scrubbedById;
};

/// DDL of the device's editable-record clocks table (device_store_editable.cpp), step 2.
std::string_view editableDeviceSchema();

/// DDL of the table of scrubbed records (device_store_scrub.cpp), step 3.
std::string_view scrubbedDeviceSchema();
/// SELECT of the ids of acknowledged records that are to be scrubbed and are not yet.
std::string unscrubbedAckedQuery();
/// Inside the caller's transaction: when the record `id` is of a kind scrubbed on
/// acknowledgement and its current revision is acknowledged and not scrubbed yet, keeps only
/// scrubbedBody() of it. Returns whether it did.
DbResult<bool> scrubIfAcked(DeviceStore::Impl& d, const std::string& id);

/// Prepares every statement of a migrated database.
DbResult<std::unique_ptr<DeviceStore::Impl>> prepareDeviceStore(Database db, Clock clock);

/// Reads an outbox row selected as (seq, kind, id, rev, state, reason_code, reason, attempts,
/// last_attempt_at).
DbResult<OutboxEntry> readOutboxEntry(const Statement& stmt);

/// Runs a statement expected to return one row and hands it to `read`; nullopt when none.
template <class T, class Read>
DbResult<std::optional<T>> queryOptional(Statement& stmt, Read read) {
    auto row = stmt.step();
    if (!row)
        return row.error();
    std::optional<T> out;
    if (*row) {
        auto value = read(stmt);
        if (!value) {
            stmt.reset();
            return value.error();
        }
        out = std::move(value).value();
    }
    stmt.reset();
    return out;
}

/// Runs a statement and collects every row through `read`.
template <class T, class Read> DbResult<std::vector<T>> queryAll(Statement& stmt, Read read) {
    std::vector<T> out;
    for (;;) {
        auto row = stmt.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        auto value = read(stmt);
        if (!value) {
            stmt.reset();
            return value.error();
        }
        out.push_back(std::move(value).value());
    }
    stmt.reset();
    return out;
}

} // namespace td::store
