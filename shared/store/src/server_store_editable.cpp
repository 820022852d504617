// ServerStore: editable records. The body lives in the shared records table like every other
// record; every version written with clocks is also kept in `editable_versions` (body, clocks,
// conflict list), so an edit made on an older version can be replayed on it and merged. A
// record rewritten without clocks by putRecord has no version row for its rev: readers then
// see it without clocks.

#include "server_store_impl.hpp"
#include "td/core/clock.hpp"
#include "td/store/server_store.hpp"

namespace td::store {

namespace {

constexpr std::string_view kEditableSchema = R"sql(
CREATE TABLE editable_versions (
    id TEXT NOT NULL,
    rev INTEGER NOT NULL,
    kind TEXT NOT NULL,
    hlc TEXT NOT NULL,
    body TEXT NOT NULL,
    clocks TEXT NOT NULL,
    conflict TEXT NOT NULL,
    PRIMARY KEY (id, rev)
);
)sql";

const char* const kSelectOne =
    "SELECT r.kind, r.id, r.rev, r.hlc, r.body, e.clocks, e.conflict, e.rev FROM records r "
    "LEFT JOIN editable_versions e ON e.id = r.id AND e.rev = r.rev WHERE r.id = ?1";
const char* const kSelectKind =
    "SELECT r.kind, r.id, r.rev, r.hlc, r.body, e.clocks, e.conflict, e.rev FROM records r "
    "LEFT JOIN editable_versions e ON e.id = r.id AND e.rev = r.rev WHERE r.kind = ?1 "
    "ORDER BY r.id";
const char* const kSelectVersion =
    "SELECT kind, id, rev, hlc, body, clocks, conflict, rev FROM editable_versions "
    "WHERE id = ?1 AND rev = ?2";
const char* const kInsertVersion =
    "INSERT OR REPLACE INTO editable_versions (id, rev, kind, hlc, body, clocks, conflict) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
const char* const kInsertChange =
    "INSERT INTO changes (kind, id, rev, roles, campaign_id, device_id, received_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// Reads a row of kSelectOne / kSelectKind.
EditableState readState(const Statement& s) {
    EditableState state{s.columnText(0),
                        s.columnText(1),
                        s.columnInt64(2),
                        s.columnText(3),
                        s.columnText(4),
                        {},
                        {}};
    if (!s.isNull(7) && s.columnInt64(7) == state.rev) {
        state.clocks = s.columnText(5);
        state.conflictFields = decodeFieldList(s.columnText(6));
    }
    return state;
}

Result<std::optional<EditableState>> selectOne(Connection& conn, std::string_view id) {
    auto stmt = conn.statement(kSelectOne);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(s.bindText(1, id));
    auto row = s.step();
    if (!row)
        return toStoreError(row.error());
    std::optional<EditableState> out;
    if (*row)
        out = readState(s);
    s.reset();
    return out;
}

} // namespace

std::string_view editableStateSchema() {
    return kEditableSchema;
}

Result<EditableOutcome> ServerStore::mergeEditable(std::string_view kind, std::string_view id,
                                                   const EditableMerge& merge,
                                                   const Provenance& provenance) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto tx = Transaction::begin(conn.db(), TransactionMode::Immediate);
    if (!tx)
        return toStoreError(tx.error());
    auto stored = selectOne(conn, id);
    if (!stored)
        return stored.error();
    if (*stored && (*stored)->kind != kind)
        return makeError("kind_mismatch",
                         "id is already stored as a \"" + (*stored)->kind + "\" record");
    auto decided = merge(*stored);
    if (!decided)
        return decided.error();
    if (!*decided) {
        if (!*stored)
            return makeError("invalid_argument", "a merge must create a record that is absent");
        return EditableOutcome{false, std::move(**stored)};
    }
    EditableWrite& write = **decided;
    const std::int64_t now = provenance.receivedAtMs ? provenance.receivedAtMs : systemUnixMillis();
    EditableState state{std::string(kind),
                        std::string(id),
                        *stored ? (*stored)->rev + 1 : 1,
                        std::move(write.hlc),
                        std::move(write.body),
                        std::move(write.clocks),
                        std::move(write.conflictFields)};
    const RecordRow row{state.kind,          state.id, state.rev, state.hlc, state.body,
                        RecordOrigin::Local, now};
    if (*stored) {
        TD_STORE_TRY(conn.records->replace(row));
    } else {
        TD_STORE_TRY(conn.records->insert(row));
    }
    {
        auto insert = conn.statement(kInsertVersion);
        if (!insert)
            return toStoreError(insert.error());
        Statement& u = **insert;
        TD_STORE_TRY(u.bindText(1, state.id));
        TD_STORE_TRY(u.bindInt64(2, state.rev));
        TD_STORE_TRY(u.bindText(3, state.kind));
        TD_STORE_TRY(u.bindText(4, state.hlc));
        TD_STORE_TRY(u.bindText(5, state.body));
        TD_STORE_TRY(u.bindText(6, state.clocks));
        TD_STORE_TRY(u.bindText(7, encodeFieldList(state.conflictFields)));
        TD_STORE_TRY(u.run());
    }
    {
        const Visibility visibility = defaultVisibility(state.kind, state.id);
        auto change = conn.statement(kInsertChange);
        if (!change)
            return toStoreError(change.error());
        Statement& c = **change;
        TD_STORE_TRY(c.bindText(1, state.kind));
        TD_STORE_TRY(c.bindText(2, state.id));
        TD_STORE_TRY(c.bindInt64(3, state.rev));
        TD_STORE_TRY(c.bindInt64(4, visibility.roles));
        TD_STORE_TRY(bindOptional(c, 5, visibility.campaignId));
        TD_STORE_TRY(bindOptional(c, 6, provenance.deviceId));
        TD_STORE_TRY(c.bindInt64(7, now));
        TD_STORE_TRY(c.run());
    }
    TD_STORE_TRY(tx->commit());
    return EditableOutcome{true, std::move(state)};
}

Result<std::optional<EditableState>> ServerStore::getEditable(std::string_view kind,
                                                              std::string_view id) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto state = selectOne(conn, id);
    if (!state)
        return state.error();
    if (*state && (*state)->kind != kind)
        return std::optional<EditableState>();
    return state;
}

Result<std::optional<EditableState>>
ServerStore::getEditableVersion(std::string_view kind, std::string_view id, std::int64_t rev) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kSelectVersion);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(s.bindText(1, id));
    TD_STORE_TRY(s.bindInt64(2, rev));
    auto row = s.step();
    if (!row)
        return toStoreError(row.error());
    std::optional<EditableState> out;
    if (*row)
        out = readState(s);
    s.reset();
    if (out && out->kind != kind)
        return std::optional<EditableState>();
    return out;
}

Result<std::vector<EditableState>> ServerStore::listEditable(std::string_view kind) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kSelectKind);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(s.bindText(1, kind));
    std::vector<EditableState> out;
    for (;;) {
        auto row = s.step();
        if (!row) {
            s.reset();
            return toStoreError(row.error());
        }
        if (!*row)
            break;
        out.push_back(readState(s));
    }
    s.reset();
    return out;
}

} // namespace td::store
