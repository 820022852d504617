// ServerStore: the retention purge (docs/retention.md). Records a purge rewrites or removes
// keep their original body's SHA-256 in `purged_records`, and removed ones leave a tombstone
// row (kind "purged") in `records`, so a device retrying a push of the original is still
// answered `duplicate`, never stored again.

#include "server_store_impl.hpp"
#include "td/core/sha256.hpp"

namespace td::store {

std::string_view retentionSchema() {
    return R"sql(
CREATE TABLE purged_records (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    rev INTEGER NOT NULL,
    body_sha256 TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    purged_at INTEGER NOT NULL
);
CREATE INDEX purged_records_campaign ON purged_records(campaign_id);
)sql";
}

namespace {

const char* const kOfCampaign = "SELECT kind, id, rev, hlc, body FROM records WHERE kind = ?1 "
                                "AND json_extract(body, '$.campaign_id') = ?2 ORDER BY id";
const char* const kCountOfCampaign =
    "SELECT count(*) FROM records WHERE kind = ?1 AND json_extract(body, '$.campaign_id') = ?2";
const char* const kKeepDigest =
    "INSERT INTO purged_records (id, kind, rev, body_sha256, campaign_id, purged_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO NOTHING";
const char* const kRewrite = "UPDATE records SET body = ?2, updated_at = ?3 WHERE id = ?1";
const char* const kDropChanges = "DELETE FROM changes WHERE id = ?1";
const char* const kTombstone = "UPDATE records SET kind = 'purged', body = '{}', hlc = '', "
                               "updated_at = ?2 WHERE id = ?1";
const char* const kCountsByCampaign =
    "SELECT json_extract(body, '$.campaign_id') AS c, count(*), "
    "count(json_extract(body, '$.free_text_removed_at')) FROM records WHERE kind = 'response' "
    "GROUP BY c";
const char* const kFindDigest = "SELECT kind, rev, body_sha256 FROM purged_records WHERE id = ?1";

constexpr std::string_view kTombstoneKind = "purged";

} // namespace

std::string_view tombstoneKind() {
    return kTombstoneKind;
}

Result<std::optional<PurgedDigest>> findPurgedDigest(Connection& conn, std::string_view id) {
    auto stmt = conn.statement(kFindDigest);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(s.bindText(1, id));
    auto row = s.step();
    if (!row)
        return toStoreError(row.error());
    if (!*row)
        return std::optional<PurgedDigest>();
    PurgedDigest d{s.columnText(0), s.columnInt64(1), s.columnText(2)};
    s.reset();
    return std::optional<PurgedDigest>(std::move(d));
}

Result<std::vector<StoredRecord>> ServerStore::listRecordsOfCampaign(std::string_view kind,
                                                                     std::string_view campaignId) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kOfCampaign);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(s.bindText(1, kind));
    TD_STORE_TRY(s.bindText(2, campaignId));
    std::vector<StoredRecord> out;
    for (;;) {
        auto row = s.step();
        if (!row)
            return toStoreError(row.error());
        if (!*row)
            break;
        out.push_back(StoredRecord{s.columnText(0), s.columnText(1), s.columnInt64(2),
                                   s.columnText(3), s.columnText(4)});
    }
    s.reset();
    return out;
}

Result<PurgeOutcome> ServerStore::purge(const Purge& purge) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    RecordsTable& table = *conn.records;
    auto tx = Transaction::begin(conn.db(), TransactionMode::Immediate);
    if (!tx)
        return toStoreError(tx.error());
    const std::int64_t now = purge.nowMs;

    // The original body's digest, kept once: a later purge of the same record finds the
    // already rewritten body, but the first digest stays.
    auto keepDigest = [&](const RecordRow& row) -> Status {
        auto stmt = conn.statement(kKeepDigest);
        if (!stmt)
            return toStoreError(stmt.error());
        Statement& s = **stmt;
        DbStatus st;
        (st = s.bindText(1, row.id)) && (st = s.bindText(2, row.kind)) &&
            (st = s.bindInt64(3, row.rev)) && (st = s.bindText(4, sha256Hex(row.body))) &&
            (st = s.bindText(5, purge.campaignId)) && (st = s.bindInt64(6, now)) && (st = s.run());
        TD_STORE_TRY(st);
        return {};
    };
    auto run = [&](const char* sql, std::string_view id, std::optional<std::string_view> text,
                   std::optional<std::int64_t> number) -> Status {
        auto stmt = conn.statement(sql);
        if (!stmt)
            return toStoreError(stmt.error());
        Statement& s = **stmt;
        DbStatus st = s.bindText(1, id);
        if (st && text)
            st = s.bindText(2, *text);
        if (st && number)
            st = s.bindInt64(text ? 3 : 2, *number);
        if (st)
            st = s.run();
        TD_STORE_TRY(st);
        return {};
    };
    auto current = [&](const std::string& id, std::string_view kind) -> Result<RecordRow> {
        auto row = table.get(id);
        if (!row)
            return toStoreError(row.error());
        if (!*row || (*row)->kind != kind)
            return makeError("purge_changed",
                             "record " + id + " is no longer stored as " + std::string(kind));
        return std::move(**row);
    };

    PurgeOutcome outcome;
    for (const StoredRecord& r : purge.rewritten) {
        auto row = current(r.id, r.kind);
        if (!row)
            return row.error();
        if (row->rev != r.rev)
            return makeError("purge_changed", "record " + r.id + " has a newer revision");
        if (auto s = keepDigest(*row); !s)
            return s.error();
        if (auto s = run(kRewrite, r.id, r.body, now); !s)
            return s.error();
        // The record's change-log entries are replaced by one at its (unchanged) rev, so a
        // client that pulled the old body receives the new one.
        if (auto s = run(kDropChanges, r.id, std::nullopt, std::nullopt); !s)
            return s.error();
        TD_STORE_TRY(appendChange(conn, r, defaultVisibility(r.kind, r.id), std::nullopt, now));
        ++outcome.rewritten;
    }
    for (const std::string& id : purge.removed) {
        auto row = current(id, purge.removedKind);
        if (!row)
            return row.error();
        if (auto s = keepDigest(*row); !s)
            return s.error();
        if (auto s = run(kDropChanges, id, std::nullopt, std::nullopt); !s)
            return s.error();
        if (auto s = run(kTombstone, id, std::nullopt, now); !s)
            return s.error();
        ++outcome.removed;
    }
    if (!purge.removed.empty()) {
        // Every record of the kind in the campaign must have been named: one that arrived
        // after the caller read them would otherwise go without being counted.
        auto stmt = conn.statement(kCountOfCampaign);
        if (!stmt)
            return toStoreError(stmt.error());
        Statement& s = **stmt;
        TD_STORE_TRY(s.bindText(1, purge.removedKind));
        TD_STORE_TRY(s.bindText(2, purge.campaignId));
        auto row = s.step();
        if (!row)
            return toStoreError(row.error());
        const std::int64_t left = *row ? s.columnInt64(0) : 0;
        s.reset();
        if (left != 0)
            return makeError("purge_changed", std::to_string(left) + " " + purge.removedKind +
                                                  " records of campaign " + purge.campaignId +
                                                  " arrived during the purge");
    }
    for (const RecordWrite& w : purge.writes)
        if (auto rev = writeServerRecord(conn, w, purge.hlc, now); !rev)
            return rev.error();
    TD_STORE_TRY(tx->commit());
    // Old page images in the write-ahead log still hold what was purged: fold the log into
    // the database (whose freed space secure_delete has zeroed) and truncate it.
    auto checkpointed = conn.db().checkpointTruncate();
    if (!checkpointed)
        return toStoreError(checkpointed.error());
    outcome.checkpointed = *checkpointed;
    return outcome;
}

Result<std::map<std::string, ServerStore::ResponseCounts>> ServerStore::responseCountsByCampaign() {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kCountsByCampaign);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    std::map<std::string, ResponseCounts> out;
    for (;;) {
        auto row = s.step();
        if (!row)
            return toStoreError(row.error());
        if (!*row)
            break;
        if (!s.isNull(0))
            out[s.columnText(0)] = ResponseCounts{s.columnInt64(1), s.columnInt64(2)};
    }
    s.reset();
    return out;
}

Result<bool> ServerStore::checkpoint() {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    return conn.db().checkpointTruncate().toResult();
}

} // namespace td::store
