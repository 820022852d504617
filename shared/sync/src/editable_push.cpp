// Editable records on the server: merging pushed records with the stored state, attaching
// clocks to pulled changes, and server-side (coordinator) writes.

#include "td/model/codec.hpp"
#include "td/sync/editable_sync.hpp"
#include "td/sync/sync_service.hpp"

#include <boost/json/serialize.hpp>

namespace td::sync {

namespace {

constexpr std::int64_t kMaxForwardDriftMs = 24 * 3600 * 1000;

RecordResult answer(const PushEnvelope::Record& record, PushStatus status,
                    std::optional<Error> reason = std::nullopt) {
    return RecordResult{record.id, record.rev, status, std::move(reason)};
}

bool isStorageError(const Error& e) {
    return e.code == "storage_error" || e.code == "storage_unavailable";
}

/// The pushed record as an editable record, its body decoded and re-encoded by the model.
Result<EditableRecord> incomingRecord(const PushEnvelope::Record& record) {
    auto measure = model::decode<model::Measure>(*record.body);
    if (!measure)
        return makeError("invalid_body", measure.error().code + ": " + measure.error().message,
                         measure.error().path);
    if (measure->id != record.id)
        return makeError("id_mismatch", "the body's id differs from the record's id", "id");
    const boost::json::value canonical = model::encode(*measure);
    Result<EditableRecord> incoming = makeError("invalid_clocks", "no clocks");
    if (record.clocks) {
        incoming = decodeEditable(canonical.get_object(), *record.clocks);
    } else {
        auto at = HlcTimestamp::parse(record.hlc);
        if (!at)
            return makeError("invalid_clocks",
                             "an editable record needs clocks, or an HLC timestamp as its hlc",
                             "hlc");
        incoming = createEditable(canonical.get_object(), *at);
    }
    if (!incoming)
        return makeError("invalid_clocks", incoming.error().code + ": " + incoming.error().message,
                         "clocks." + incoming.error().path);
    return incoming;
}

Status checkDrift(const EditableRecord& record, std::int64_t nowMs) {
    for (const auto& [name, field] : record.fields) {
        const bool ahead = field.at.physicalMs > nowMs + kMaxForwardDriftMs ||
                           (field.rival && field.rival->at.physicalMs > nowMs + kMaxForwardDriftMs);
        if (ahead)
            return makeError("clock_drift",
                             "the clock of field \"" + name +
                                 "\" is more than a day ahead of the server's",
                             "clocks." + name);
    }
    return {};
}

} // namespace

Result<RecordResult> pushEditable(store::ServerStore& store, const Principal& principal,
                                  const PushEnvelope::Record& record,
                                  const store::Provenance& provenance, std::int64_t nowMs) {
    if (!mayPush(principal.role, record.kind))
        return answer(record, PushStatus::Rejected,
                      makeError("kind_not_allowed",
                                "the role \"" + std::string(toString(principal.role)) +
                                    "\" may not push \"" + record.kind + "\" records",
                                "kind"));
    auto incoming = incomingRecord(record);
    if (!incoming)
        return answer(record, PushStatus::Rejected, incoming.error());
    if (auto drift = checkDrift(*incoming, nowMs); !drift)
        return answer(record, PushStatus::Rejected, drift.error());
    if (auto alone = editableWrite(record.kind, *incoming); !alone)
        return answer(record, PushStatus::Rejected, alone.error());

    auto outcome = store.mergeEditable(
        record.kind, record.id,
        [&](const std::optional<store::EditableState>& stored)
            -> Result<std::optional<store::EditableWrite>> {
            EditableRecord merged = *incoming;
            if (stored) {
                auto current = editableFromState(*stored);
                if (!current)
                    return makeError("storage_error",
                                     "the stored " + record.kind + " " + record.id +
                                         " cannot be read: " + current.error().describe());
                merged = merge(*current, *incoming);
                if (merged == *current && !stored->clocks.empty())
                    return std::optional<store::EditableWrite>();
            }
            auto write = editableWrite(record.kind, merged);
            if (!write)
                return makeError(write.error().code,
                                 "the merged record breaks a rule: " + write.error().message,
                                 write.error().path);
            return std::optional<store::EditableWrite>(std::move(write).value());
        },
        provenance);
    if (!outcome) {
        const Error& e = outcome.error();
        if (isStorageError(e))
            return e;
        if (e.code == "kind_mismatch")
            return answer(record, PushStatus::Conflict, e);
        return answer(record, PushStatus::Rejected, e);
    }
    return answer(record, outcome->changed ? PushStatus::Stored : PushStatus::Duplicate);
}

Status attachEditableState(store::ServerStore& store, std::vector<Change>& changes) {
    for (Change& change : changes) {
        if (change.deleted || !isEditableKind(change.kind))
            continue;
        auto state = store.getEditable(change.kind, change.id);
        if (!state)
            return state.error();
        if (!*state)
            continue;
        store::EditableState& s = **state;
        if (s.clocks.empty()) {
            auto record = editableFromState(s);
            if (!record)
                continue; // unreadable: served as it is, without clocks
            s.clocks = boost::json::serialize(encodeClocks(*record));
        }
        change.rev = s.rev;
        change.hlc = std::move(s.hlc);
        change.body = std::move(s.body);
        change.clocks = std::move(s.clocks);
    }
    return {};
}

Result<store::EditableOutcome> writeOnServer(store::ServerStore& store, Hlc& hlc,
                                             std::string_view kind, std::string_view id,
                                             std::optional<std::int64_t> baseRev,
                                             const BodyChange& change) {
    std::optional<store::EditableState> base;
    if (baseRev) {
        auto version = store.getEditableVersion(kind, id, *baseRev);
        if (!version)
            return version.error();
        if (!*version)
            return makeError("unknown_base_rev", "version " + std::to_string(*baseRev) + " of " +
                                                     std::string(kind) + " " + std::string(id) +
                                                     " is not known");
        base = std::move(*version);
    }
    return store.mergeEditable(
        kind, id,
        [&](const std::optional<store::EditableState>& stored)
            -> Result<std::optional<store::EditableWrite>> {
            if (!stored) {
                auto body = change(std::nullopt);
                if (!body)
                    return body.error();
                auto write = editableWrite(kind, createEditable(*body, hlc.now()));
                if (!write)
                    return write.error();
                return std::optional<store::EditableWrite>(std::move(write).value());
            }
            auto current = editableFromState(*stored);
            auto seen = base ? editableFromState(*base) : current;
            if (!current || !seen)
                return makeError("storage_error", "the stored " + std::string(kind) + " " +
                                                      std::string(id) + " cannot be read");
            for (const auto& [name, field] : seen->fields) {
                (void)hlc.receive(field.at);
                if (field.rival)
                    (void)hlc.receive(field.rival->at);
            }
            auto body = change(seen->body());
            if (!body)
                return body.error();
            EditableRecord edited = *seen;
            if (auto applied = applyEdit(edited, *body, hlc.now()); !applied)
                return applied.error();
            EditableRecord merged = merge(*current, edited);
            if (merged == *current && !stored->clocks.empty())
                return std::optional<store::EditableWrite>();
            auto write = editableWrite(kind, merged);
            if (!write)
                return write.error();
            return std::optional<store::EditableWrite>(std::move(write).value());
        },
        store::Provenance{});
}

} // namespace td::sync
