// DeviceStore: editable records. The body is the records table's; the per-field clocks and
// conflict list are kept beside it in `editable_state`, tagged with the rev they belong to (a
// record replaced by a plain pull leaves a stale row behind, which readers ignore).

#include "device_store_impl.hpp"
#include "td/store/device_store.hpp"
#include "td/store/transaction.hpp"

namespace td::store {

namespace {

constexpr std::string_view kEditableSchema = R"sql(
CREATE TABLE editable_state (
    id TEXT NOT NULL PRIMARY KEY,
    rev INTEGER NOT NULL,
    clocks TEXT NOT NULL,
    conflict TEXT NOT NULL
);
)sql";

constexpr std::string_view kSelectState =
    "SELECT r.kind, r.id, r.rev, r.hlc, r.body, e.clocks, e.conflict, e.rev FROM records r "
    "LEFT JOIN editable_state e ON e.id = r.id WHERE r.id = ?1";
constexpr std::string_view kUpsertState =
    "INSERT INTO editable_state (id, rev, clocks, conflict) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, clocks = excluded.clocks, "
    "conflict = excluded.conflict";
constexpr std::string_view kPendingForId =
    "SELECT count(*) FROM outbox WHERE id = ?1 AND state = 'pending'";

DbResult<std::optional<EditableState>> selectState(Database& db, std::string_view id) {
    auto stmt = db.prepare(kSelectState);
    if (!stmt)
        return stmt.error();
    if (auto s = stmt->bindText(1, id); !s)
        return s.error();
    return queryOptional<EditableState>(*stmt, [](Statement& s) -> DbResult<EditableState> {
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
    });
}

DbStatus upsertState(Database& db, const EditableState& state) {
    auto stmt = db.prepare(kUpsertState);
    if (!stmt)
        return stmt.error();
    DbStatus s;
    (s = stmt->bindText(1, state.id)) && (s = stmt->bindInt64(2, state.rev)) &&
        (s = stmt->bindText(3, state.clocks)) &&
        (s = stmt->bindText(4, encodeFieldList(state.conflictFields))) && (s = stmt->run());
    return s;
}

DbResult<bool> hasPendingPush(Database& db, std::string_view id) {
    auto stmt = db.prepare(kPendingForId);
    if (!stmt)
        return stmt.error();
    if (auto s = stmt->bindText(1, id); !s)
        return s.error();
    auto count = queryOptional<std::int64_t>(
        *stmt, [](Statement& s) -> DbResult<std::int64_t> { return s.columnInt64(0); });
    if (!count)
        return count.error();
    return count->value_or(0) > 0;
}

} // namespace

std::string_view editableDeviceSchema() {
    return kEditableSchema;
}

Result<std::optional<EditableState>> DeviceStore::editable(std::string_view id) {
    auto state = selectState(m_impl->db, id);
    TD_STORE_TRY(state);
    return std::move(state).value();
}

Result<EditableState>
DeviceStore::editEditable(std::string_view id,
                          const std::function<Result<EditableWrite>(const EditableState&)>& edit) {
    Impl& d = *m_impl;
    auto tx = Transaction::begin(d.db, TransactionMode::Immediate);
    TD_STORE_TRY(tx);
    auto current = selectState(d.db, id);
    TD_STORE_TRY(current);
    if (!*current)
        return makeError("not_found", "no record " + std::string(id) + " on this device");
    auto write = edit(**current);
    if (!write)
        return write.error();
    EditableState state{(*current)->kind,
                        (*current)->id,
                        (*current)->rev + 1,
                        std::move(write->hlc),
                        std::move(write->body),
                        std::move(write->clocks),
                        std::move(write->conflictFields)};
    TD_STORE_TRY(d.records.replace(RecordRow{state.kind, state.id, state.rev, state.hlc, state.body,
                                             RecordOrigin::Local, d.clock()}));
    TD_STORE_TRY(upsertState(d.db, state));
    TD_STORE_TRY(d.supersedePending.bindText(1, state.id));
    TD_STORE_TRY(d.supersedePending.bindInt64(2, state.rev));
    TD_STORE_TRY(d.supersedePending.run());
    TD_STORE_TRY(d.insertOutbox.bindText(1, state.kind));
    TD_STORE_TRY(d.insertOutbox.bindText(2, state.id));
    TD_STORE_TRY(d.insertOutbox.bindInt64(3, state.rev));
    TD_STORE_TRY(d.insertOutbox.run());
    TD_STORE_TRY(tx->commit());
    return state;
}

Result<EditableOutcome> DeviceStore::mergePulledEditable(std::string_view kind, std::string_view id,
                                                         std::int64_t pulledRev,
                                                         const EditableMerge& merge) {
    if (kind.empty() || id.empty() || pulledRev < 1)
        return makeError("invalid_record", "a pulled record needs a kind, an id and a rev >= 1");
    Impl& d = *m_impl;
    auto tx = Transaction::begin(d.db, TransactionMode::Immediate);
    TD_STORE_TRY(tx);
    auto current = selectState(d.db, id);
    TD_STORE_TRY(current);
    if (*current && (*current)->kind != kind)
        return makeError("invalid_record", "id " + std::string(id) + " is already a " +
                                               (*current)->kind + ", not a " + std::string(kind));
    auto decided = merge(*current);
    if (!decided)
        return decided.error();
    if (!*decided && !*current)
        return makeError("invalid_argument", "a merge must create a record that is absent");
    auto pending = hasPendingPush(d.db, id);
    TD_STORE_TRY(pending);
    EditableState state;
    if (*decided) {
        state = EditableState{std::string(kind),
                              std::string(id),
                              0,
                              std::move((*decided)->hlc),
                              std::move((*decided)->body),
                              std::move((*decided)->clocks),
                              std::move((*decided)->conflictFields)};
    } else {
        state = **current;
    }
    const std::int64_t localRev = *current ? (*current)->rev : 0;
    state.rev = *pending ? localRev : std::max(localRev, pulledRev);
    const bool changed = !*current || **current != state;
    if (changed) {
        const RecordRow row{state.kind, state.id,
                            state.rev,  state.hlc,
                            state.body, *pending ? RecordOrigin::Local : RecordOrigin::Server,
                            d.clock()};
        if (*current) {
            TD_STORE_TRY(d.records.replace(row));
        } else {
            TD_STORE_TRY(d.records.insert(row));
        }
        TD_STORE_TRY(upsertState(d.db, state));
    }
    TD_STORE_TRY(tx->commit());
    return EditableOutcome{changed, std::move(state)};
}

} // namespace td::store
