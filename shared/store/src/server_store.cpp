#include "td/store/server_store.hpp"

#include "server_store_impl.hpp"
#include "td/core/sha256.hpp"
#include "td/store/migrations.hpp"

#include <array>
#include <sqlite3.h>

namespace td::store {

namespace {

// The records table is the device store's (records_table.hpp); here `origin` is "local" for
// records created on a device and pushed, "server" for coordinator writes. Visibility lives
// on the change log: `roles` is a mask of roleBit()s, `campaign_id` an optional scope. The
// partial index serves device pulls, which skip the (many) invisible changes of pushed records.
const char* const kServerTables = R"sql(
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    rev INTEGER NOT NULL,
    roles INTEGER NOT NULL,
    campaign_id TEXT,
    device_id TEXT,
    received_at INTEGER NOT NULL
);
CREATE INDEX changes_visible ON changes(seq) WHERE roles != 0;
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE devices (
    id TEXT NOT NULL PRIMARY KEY,
    role TEXT NOT NULL,
    campaign_id TEXT,
    label TEXT NOT NULL,
    enrolled_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE TABLE tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    role TEXT NOT NULL,
    campaign_id TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX tokens_by_subject ON tokens(subject_kind, subject_id);
CREATE TABLE enrolment_codes (
    code_hash TEXT NOT NULL PRIMARY KEY,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    created_by TEXT NOT NULL
);
CREATE TABLE campaign_codes (
    code TEXT NOT NULL PRIMARY KEY,
    campaign_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
)sql";

// Step 5: enrolment codes are stored as a keyed hash from now on. Codes not yet used were
// stored as plain SHA-256, which a leaked database gives away; they could no longer be matched
// anyway, so they go (coordinators create new ones). Used codes stay as the record they are.
const char* const kDropUnkeyedCodes = "DELETE FROM enrolment_codes WHERE used_at IS NULL;";

const char* const kInsertChange =
    "INSERT INTO changes (kind, id, rev, roles, campaign_id, device_id, received_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
// Only the latest change of a record is served (older ones are superseded by it).
const char* const kChangesAll = "SELECT c.seq, r.kind, r.id, r.rev, r.hlc, r.body FROM changes c "
                                "JOIN records r ON r.id = c.id AND r.rev = c.rev "
                                "WHERE c.seq > ?1 ORDER BY c.seq LIMIT ?2";
const char* const kChangesVisible =
    "SELECT c.seq, r.kind, r.id, r.rev, r.hlc, r.body FROM changes c "
    "JOIN records r ON r.id = c.id AND r.rev = c.rev "
    "WHERE c.seq > ?1 AND c.roles != 0 AND (c.roles & ?3) != 0 "
    "AND (?4 IS NULL OR c.campaign_id IS NULL OR c.campaign_id = ?4) "
    "ORDER BY c.seq LIMIT ?2";

constexpr std::array<std::string_view, 5> kRoleNames{"admin", "coordinator", "officer", "kiosk",
                                                     "resident"};

std::int64_t wallClockMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

StoredRecord toStored(RecordRow row) {
    return StoredRecord{std::move(row.kind), std::move(row.id), row.rev, std::move(row.hlc),
                        std::move(row.body)};
}

bool isPrimaryKeyViolation(const DbError& error) {
    return error.extendedCode == SQLITE_CONSTRAINT_PRIMARYKEY;
}

RecordRow toRow(const StoredRecord& record, RecordOrigin origin, std::int64_t nowMs) {
    return RecordRow{record.kind, record.id, record.rev, record.hlc, record.body, origin, nowMs};
}

} // namespace

// --- shared helpers ---------------------------------------------------------------------------

DbStatus appendChange(Connection& conn, const StoredRecord& record, const Visibility& visibility,
                      const std::optional<std::string>& deviceId, std::int64_t nowMs) {
    auto change = conn.statement(kInsertChange);
    if (!change)
        return change.error();
    Statement& c = **change;
    DbStatus s;
    (s = c.bindText(1, record.kind)) && (s = c.bindText(2, record.id)) &&
        (s = c.bindInt64(3, record.rev)) && (s = c.bindInt64(4, visibility.roles)) &&
        (s = bindOptional(c, 5, visibility.campaignId)) && (s = bindOptional(c, 6, deviceId)) &&
        (s = c.bindInt64(7, nowMs)) && (s = c.run());
    return s;
}

Error toStoreError(const DbError& error) {
    return error.toError();
}

std::optional<std::string> optionalText(const Statement& stmt, int column) {
    if (stmt.isNull(column))
        return std::nullopt;
    return stmt.columnText(column);
}

std::optional<std::int64_t> optionalInt(const Statement& stmt, int column) {
    if (stmt.isNull(column))
        return std::nullopt;
    return stmt.columnInt64(column);
}

DbStatus bindOptional(Statement& stmt, int index, const std::optional<std::string>& value) {
    return value ? stmt.bindText(index, *value) : stmt.bindNull(index);
}

DbStatus bindOptional(Statement& stmt, int index, const std::optional<std::int64_t>& value) {
    return value ? stmt.bindInt64(index, *value) : stmt.bindNull(index);
}

DbResult<Statement*> Connection::statement(const char* sql) {
    auto it = m_cache.find(sql);
    if (it == m_cache.end()) {
        auto prepared = m_db.prepare(sql);
        if (!prepared)
            return prepared.error();
        it = m_cache.emplace(sql, std::move(*prepared)).first;
    } else {
        it->second.reset();
        it->second.clearBindings();
    }
    return &it->second;
}

// --- roles and visibility ---------------------------------------------------------------------

std::string_view toString(Role role) {
    return kRoleNames[static_cast<std::size_t>(role)];
}

Result<Role> parseRole(std::string_view name) {
    for (std::size_t i = 0; i < kRoleNames.size(); ++i) {
        if (kRoleNames[i] == name)
            return static_cast<Role>(i);
    }
    return makeError("invalid_role", "unknown role \"" + std::string(name) + "\"");
}

Visibility defaultVisibility(std::string_view kind, std::string_view id) {
    const std::uint32_t devices = roleBit(Role::Officer) | roleBit(Role::Kiosk);
    const std::uint32_t everyone = devices | roleBit(Role::Resident);
    if (kind == "survey" || kind == "place" || kind == "promise" || kind == "public_summary")
        return Visibility{everyone, std::nullopt};
    if (kind == "agreement")
        return Visibility{everyone, std::nullopt};
    if (kind == "campaign")
        return Visibility{everyone, std::string(id)};
    if (kind == "measure")
        return Visibility{devices, std::nullopt};
    return Visibility{};
}

// --- lifetime ---------------------------------------------------------------------------------

ServerStore::ServerStore(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}
ServerStore::~ServerStore() = default;

Result<std::unique_ptr<ServerStore>> ServerStore::open(const std::string& path,
                                                       const ServerStoreOptions& options) {
    OpenOptions open;
    open.synchronous = options.synchronous;
    open.busyTimeout = options.busyTimeout;
    auto writer = Database::open(path, open);
    if (!writer)
        return toStoreError(writer.error());
    const std::array<Migration, 8> steps{
        Migration{1, std::string(recordsTableSchema()) + kServerTables, {}},
        Migration{2, std::string(editableStateSchema()), {}},
        Migration{3, std::string(auditSchema()), {}},
        Migration{4, std::string(retentionSchema()), {}},
        Migration{5, kDropUnkeyedCodes, {}},
        Migration{6, std::string(residentLimitsSchema()), {}},
        Migration{7, std::string(deviceStatusSchema()), {}},
        Migration{8, std::string(placeLinksSchema()), {}}};
    if (auto migrated = migrate(*writer, steps); !migrated)
        return toStoreError(migrated.error());

    auto impl = std::make_unique<Impl>();
    if (path != ":memory:" && !path.empty()) {
        OpenOptions readOptions = open;
        readOptions.create = false;
        auto reader = Database::open(path, readOptions);
        if (!reader)
            return toStoreError(reader.error());
        impl->reader = std::make_unique<Connection>(std::move(*reader));
    }
    impl->writer = std::make_unique<Connection>(std::move(*writer));
    impl->synchronous = options.synchronous;
    for (Connection* conn : {impl->writer.get(), impl->reader.get()}) {
        if (!conn)
            continue;
        auto table = RecordsTable::prepare(conn->db());
        if (!table)
            return toStoreError(table.error());
        conn->records.emplace(std::move(*table));
    }
    return std::unique_ptr<ServerStore>(new ServerStore(std::move(impl)));
}

const std::string& ServerStore::path() const {
    return m_impl->writer->db().path();
}

Result<std::string> ServerStore::integrityCheck() {
    std::lock_guard lock(m_impl->writer->mutex());
    return m_impl->writer->db().integrityCheck().toResult();
}

// --- synced records ---------------------------------------------------------------------------

namespace {

const char* const kInsertRecord =
    "INSERT INTO records (kind, id, rev, hlc, body, origin, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, 'local', ?6)";

/// The cached statements of one group commit, bound straight from the pushed records.
struct PushWriter {
    Connection& conn;
    Statement& insertRecord;
    Statement& insertChange;

    DbStatus insert(const StoredRecord& record, std::int64_t now) {
        Statement& s = insertRecord;
        DbStatus st;
        (st = s.bindText(1, record.kind)) && (st = s.bindText(2, record.id)) &&
            (st = s.bindInt64(3, record.rev)) && (st = s.bindText(4, record.hlc)) &&
            (st = s.bindText(5, record.body)) && (st = s.bindInt64(6, now)) && (st = s.run());
        return st;
    }

    DbStatus change(const StoredRecord& record, const Provenance& provenance, std::int64_t now) {
        const Visibility visibility = defaultVisibility(record.kind, record.id);
        Statement& c = insertChange;
        DbStatus s;
        (s = c.bindText(1, record.kind)) && (s = c.bindText(2, record.id)) &&
            (s = c.bindInt64(3, record.rev)) && (s = c.bindInt64(4, visibility.roles)) &&
            (s = bindOptional(c, 5, visibility.campaignId)) &&
            (s = bindOptional(c, 6, provenance.deviceId)) && (s = c.bindInt64(7, now)) &&
            (s = c.run());
        return s;
    }
};

/// The outcome for a record whose id is already stored as `stored`; replaces the row (and
/// logs the change) when the pushed rev is newer.
Result<ApplyResult> applyOverExisting(PushWriter& w, const StoredRecord& record,
                                      const RecordRow& stored, const Provenance& provenance,
                                      std::int64_t now) {
    ApplyResult result;
    if (stored.kind == tombstoneKind() ||
        (stored.kind == record.kind && stored.rev == record.rev && stored.body != record.body)) {
        // A purge may have rewritten or removed the record: compare with the original's digest.
        auto digest = findPurgedDigest(w.conn, record.id);
        if (!digest)
            return digest.error();
        if (*digest) {
            const PurgedDigest& d = **digest;
            if (d.kind == record.kind && d.rev == record.rev &&
                d.bodySha256 == sha256Hex(record.body)) {
                result.status = ApplyStatus::Duplicate;
                return result;
            }
            result.status = ApplyStatus::Conflict;
            result.reason = makeError(d.kind != record.kind ? "kind_mismatch" : "conflict",
                                      "the record was purged under the retention rules and a "
                                      "different body is recorded for it");
            return result;
        }
    }
    if (stored.kind != record.kind) {
        result.status = ApplyStatus::Conflict;
        result.reason =
            makeError("kind_mismatch", "id is already stored as a \"" + stored.kind + "\" record");
    } else if (stored.rev == record.rev) {
        if (stored.body == record.body) {
            result.status = ApplyStatus::Duplicate;
        } else {
            result.status = ApplyStatus::Conflict;
            result.reason = makeError("conflict", "a different body is stored for this id and rev");
        }
    } else if (stored.rev > record.rev) {
        result.status = ApplyStatus::Conflict;
        result.reason =
            makeError("stale_revision", "rev " + std::to_string(stored.rev) + " is stored");
    } else {
        auto replaced = w.conn.records->replace(toRow(record, RecordOrigin::Local, now));
        if (!replaced)
            return toStoreError(replaced.error());
        TD_STORE_TRY(w.change(record, provenance, now));
    }
    return result;
}

/// Applies one batch inside the open transaction, appending one result per record.
Status applyRecords(PushWriter& w, const std::vector<StoredRecord>& records,
                    const Provenance& provenance, std::vector<ApplyResult>& results) {
    const std::int64_t now = provenance.receivedAtMs ? provenance.receivedAtMs : wallClockMs();
    results.reserve(records.size());
    for (const StoredRecord& record : records) {
        // New ids are the common case: insert first, look at the stored row only on a clash.
        auto inserted = w.insert(record, now);
        if (inserted) {
            TD_STORE_TRY(w.change(record, provenance, now));
            results.emplace_back();
            continue;
        }
        if (!isPrimaryKeyViolation(inserted.error()))
            return toStoreError(inserted.error());
        auto existing = w.conn.records->get(record.id);
        if (!existing)
            return toStoreError(existing.error());
        if (!*existing)
            return makeError("storage_error", "record " + record.id + " vanished during a write");
        auto result = applyOverExisting(w, record, **existing, provenance, now);
        if (!result)
            return result.error();
        results.push_back(std::move(result).value());
    }
    return {};
}

} // namespace

Result<std::vector<ApplyResult>> ServerStore::applyBatch(const std::vector<StoredRecord>& records,
                                                         const Provenance& provenance) {
    auto applied = applyBatches({BatchRef{&records, &provenance}});
    if (!applied)
        return applied.error();
    return std::move(applied->front());
}

Result<std::vector<std::vector<ApplyResult>>>
ServerStore::applyBatches(const std::vector<BatchRef>& batches) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto tx = Transaction::begin(conn.db(), TransactionMode::Immediate);
    if (!tx)
        return toStoreError(tx.error());
    auto insertRecord = conn.statement(kInsertRecord);
    if (!insertRecord)
        return toStoreError(insertRecord.error());
    auto insertChange = conn.statement(kInsertChange);
    if (!insertChange)
        return toStoreError(insertChange.error());
    PushWriter writer{conn, **insertRecord, **insertChange};
    std::vector<std::vector<ApplyResult>> results(batches.size());
    for (std::size_t i = 0; i < batches.size(); ++i) {
        if (auto s = applyRecords(writer, *batches[i].records, *batches[i].provenance, results[i]);
            !s)
            return s.error();
    }
    TD_STORE_TRY(tx->commit());
    return results;
}

Result<std::int64_t> writeServerRecord(Connection& conn, const RecordWrite& w, std::string_view hlc,
                                       std::int64_t nowMs) {
    RecordsTable& table = *conn.records;
    auto existing = table.get(w.id);
    if (!existing)
        return toStoreError(existing.error());
    if (*existing && (*existing)->kind != w.kind)
        return makeError("kind_mismatch", "id " + w.id + " is already stored as a \"" +
                                              (*existing)->kind + "\" record");
    const StoredRecord record{w.kind, w.id, *existing ? (*existing)->rev + 1 : 1, std::string(hlc),
                              w.body};
    if (*existing) {
        auto replaced = table.replace(toRow(record, RecordOrigin::Server, nowMs));
        if (!replaced)
            return toStoreError(replaced.error());
    } else {
        TD_STORE_TRY(table.insert(toRow(record, RecordOrigin::Server, nowMs)));
    }
    TD_STORE_TRY(appendChange(conn, record,
                              w.visibility ? *w.visibility : defaultVisibility(w.kind, w.id),
                              std::nullopt, nowMs));
    return record.rev;
}

Result<std::int64_t> ServerStore::putRecord(std::string_view kind, std::string_view id,
                                            std::string_view body, std::string_view hlc,
                                            std::optional<Visibility> visibility) {
    auto revs = putRecords(
        {RecordWrite{std::string(kind), std::string(id), std::string(body), std::move(visibility)}},
        hlc);
    if (!revs)
        return revs.error();
    return revs->front();
}

Result<std::vector<std::int64_t>> ServerStore::putRecords(const std::vector<ServerWrite>& writes,
                                                          std::string_view hlc) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto tx = Transaction::begin(conn.db(), TransactionMode::Immediate);
    if (!tx)
        return toStoreError(tx.error());
    const std::int64_t now = wallClockMs();
    std::vector<std::int64_t> revs;
    revs.reserve(writes.size());
    for (const ServerWrite& w : writes) {
        auto rev = writeServerRecord(conn, w, hlc, now);
        if (!rev)
            return rev.error();
        revs.push_back(*rev);
    }
    TD_STORE_TRY(tx->commit());
    return revs;
}

Result<std::optional<StoredRecord>> ServerStore::getRecord(std::string_view kind,
                                                           std::string_view id) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto row = conn.records->get(id);
    if (!row)
        return toStoreError(row.error());
    if (!*row || (*row)->kind != kind)
        return std::optional<StoredRecord>();
    return std::optional<StoredRecord>(toStored(std::move(**row)));
}

namespace {

// Every record of a kind on `conn` (its lock held by the caller), ordered by id.
Result<std::vector<StoredRecord>> recordsOfKind(Connection& conn, std::string_view kind) {
    auto rows = conn.records->ofKind(kind);
    if (!rows)
        return toStoreError(rows.error());
    std::vector<StoredRecord> out;
    out.reserve(rows->size());
    for (RecordRow& row : *rows)
        out.push_back(toStored(std::move(row)));
    return out;
}

} // namespace

Result<std::vector<StoredRecord>> ServerStore::listRecords(std::string_view kind) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    return recordsOfKind(conn, kind);
}

struct ServerStore::Snapshot::Held {
    Connection& conn;
    std::unique_lock<std::mutex> lock;
};

ServerStore::Snapshot::Snapshot(std::unique_ptr<Held> held, ChangeRow last)
    : m_held(std::move(held))
    , m_last(std::move(last)) {}

ServerStore::Snapshot::~Snapshot() {
    (void)m_held->conn.db().exec("COMMIT");
}

Result<std::vector<StoredRecord>> ServerStore::Snapshot::listRecords(std::string_view kind) {
    return recordsOfKind(m_held->conn, kind);
}

Result<std::vector<PlaceLink>> ServerStore::Snapshot::placeLinks() {
    return readPlaceLinks(m_held->conn);
}

Result<std::int64_t> ServerStore::Snapshot::placeLinksVersion() {
    return readPlaceLinksVersion(m_held->conn);
}

Result<std::unique_ptr<ServerStore::Snapshot>> ServerStore::snapshot() {
    Connection& conn = m_impl->readConnection();
    auto held =
        std::make_unique<Snapshot::Held>(Snapshot::Held{conn, std::unique_lock(conn.mutex())});
    if (auto begun = conn.db().exec("BEGIN"); !begun)
        return toStoreError(begun.error());
    // The first read fixes the snapshot (WAL): the log's end and every later read agree.
    auto last = [&]() -> Result<ChangeRow> {
        auto stmt = conn.statement("SELECT c.seq, r.kind, r.id, r.rev FROM changes c "
                                   "JOIN records r ON r.id = c.id AND r.rev = c.rev "
                                   "ORDER BY c.seq DESC LIMIT 1");
        if (!stmt)
            return toStoreError(stmt.error());
        auto row = (*stmt)->step();
        if (!row)
            return toStoreError(row.error());
        ChangeRow out;
        if (*row) {
            out.seq = (*stmt)->columnInt64(0);
            out.record.kind = (*stmt)->columnText(1);
            out.record.id = (*stmt)->columnText(2);
            out.record.rev = (*stmt)->columnInt64(3);
            (void)(*stmt)->step(); // done: no statement left in progress
        }
        return out;
    }();
    if (!last) {
        (void)conn.db().exec("ROLLBACK");
        return last.error();
    }
    return std::unique_ptr<Snapshot>(new Snapshot(std::move(held), std::move(*last)));
}

Result<bool> ServerStore::knowsRecord(std::string_view id) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto row = conn.records->get(id);
    if (!row)
        return toStoreError(row.error());
    return row->has_value();
}

Result<std::int64_t> ServerStore::countRecords(std::string_view kind) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    return conn.records->countOfKind(kind).toResult();
}

Result<ChangePage> ServerStore::changesSince(std::int64_t afterSeq, std::size_t limit,
                                             const Audience& audience) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    const bool all = audience.role == Role::Admin || audience.role == Role::Coordinator;
    auto stmt = conn.statement(all ? kChangesAll : kChangesVisible);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(s.bindInt64(1, afterSeq));
    TD_STORE_TRY(s.bindInt64(2, static_cast<std::int64_t>(limit) + 1));
    if (!all) {
        TD_STORE_TRY(s.bindInt64(3, roleBit(audience.role)));
        TD_STORE_TRY(bindOptional(s, 4, audience.campaignId));
    }
    ChangePage page;
    page.lastSeq = afterSeq;
    for (;;) {
        auto row = s.step();
        if (!row)
            return toStoreError(row.error());
        if (!*row)
            break;
        if (page.changes.size() == limit) {
            page.more = true;
            break;
        }
        ChangeRow change;
        change.seq = s.columnInt64(0);
        change.record = StoredRecord{s.columnText(1), s.columnText(2), s.columnInt64(3),
                                     s.columnText(4), s.columnText(5)};
        page.lastSeq = change.seq;
        page.changes.push_back(std::move(change));
    }
    s.reset();
    return page;
}

} // namespace td::store
