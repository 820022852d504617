#pragma once
// Private to the ServerStore sources: the connections, their locks and cached statements.

#include "td/store/records_table.hpp"
#include "td/store/server_store.hpp"
#include "td/store/transaction.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace td::store {

/// A connection with its own lock and a cache of prepared statements keyed by SQL text.
class Connection {
public:
    explicit Connection(Database db)
        : m_db(std::move(db)) {}

    Database& db() { return m_db; }
    /// The shared records-table statements on this connection (set once the schema exists).
    std::optional<RecordsTable> records;
    std::mutex& mutex() { return m_mutex; }
    /// The cached statement for `sql`, reset and with bindings cleared. Call under mutex().
    DbResult<Statement*> statement(const char* sql);

private:
    Database m_db;
    std::mutex m_mutex;
    std::map<const char*, Statement> m_cache; // keyed by the address of a string literal
};

struct ServerStore::Impl {
    std::unique_ptr<Connection> writer;
    std::unique_ptr<Connection> reader; // null for ":memory:", where the writer also reads
    Synchronous synchronous = Synchronous::Full; ///< the writer's level for durable writes

    Connection& readConnection() { return reader ? *reader : *writer; }
};

// Conversions shared by the two source files.
Error toStoreError(const DbError& error);
std::optional<std::string> optionalText(const Statement& stmt, int column);
std::optional<std::int64_t> optionalInt(const Statement& stmt, int column);
DbStatus bindOptional(Statement& stmt, int index, const std::optional<std::string>& value);
DbStatus bindOptional(Statement& stmt, int index, const std::optional<std::int64_t>& value);
/// DDL of the editable-record state table (server_store_editable.cpp), migration step 2.
std::string_view editableStateSchema();
/// DDL of the audit log (server_store_audit.cpp), migration step 3.
std::string_view auditSchema();
/// DDL of the purge digests (server_store_retention.cpp), migration step 4.
std::string_view retentionSchema();
/// DDL of the resident tokens' response counts (server_store_residents.cpp), migration step 5.
std::string_view residentLimitsSchema();
/// DDL of what devices report on syncing (server_store_devices.cpp), migration step 7.
std::string_view deviceStatusSchema();
/// DDL of the links from mentions and observations to places (server_store_place_links.cpp),
/// migration step 8.
std::string_view placeLinksSchema();
/// Every place link, and their version, as `conn` sees them. Call under its lock.
Result<std::vector<PlaceLink>> readPlaceLinks(Connection& conn);
Result<std::int64_t> readPlaceLinksVersion(Connection& conn);
/// The `records` kind of a purged record's tombstone ("purged").
std::string_view tombstoneKind();

/// Appends a change-log entry for `record`; call inside a transaction.
DbStatus appendChange(Connection& conn, const StoredRecord& record, const Visibility& visibility,
                      const std::optional<std::string>& deviceId, std::int64_t nowMs);

/// Writes `w` at its next rev with a change-log entry; call inside a transaction. Fails with
/// `kind_mismatch` when the id is stored under another kind.
Result<std::int64_t> writeServerRecord(Connection& conn, const RecordWrite& w, std::string_view hlc,
                                       std::int64_t nowMs);

/// What a purge kept of a record it rewrote or removed.
struct PurgedDigest {
    std::string kind;
    std::int64_t rev = 0;
    std::string bodySha256;
};
/// The digest kept for `id`, or nullopt when no purge touched it. Call under the lock.
Result<std::optional<PurgedDigest>> findPurgedDigest(Connection& conn, std::string_view id);

} // namespace td::store

/// Returns the td::Error of a failed DbResult/DbStatus from the enclosing function.
#define TD_STORE_TRY(expr)                                                                         \
    do {                                                                                           \
        if (auto td_status_ = (expr); !td_status_)                                                 \
            return ::td::store::toStoreError(td_status_.error());                                  \
    } while (0)
