// Editable records common to both halves: reading stored state, the validated write, and the
// device's local edits and pulled merges.

#include "td/core/json.hpp"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"
#include "td/sync/editable_sync.hpp"
#include "td/sync/response_check.hpp"

#include <boost/json/serialize.hpp>

namespace td::sync {

namespace {

Result<boost::json::object> parseObject(std::string_view text, std::string_view what) {
    auto parsed = json::parse(text, json::ParseLimits{16 * 1024 * 1024, 64});
    if (!parsed)
        return makeError("malformed_json", std::string(what) + ": " + parsed.error().message);
    if (!parsed->is_object())
        return makeError("malformed_json", std::string(what) + " is not a JSON object");
    return std::move(parsed->get_object());
}

HlcTimestamp newestClock(const EditableRecord& record) {
    HlcTimestamp newest;
    for (const auto& [name, field] : record.fields) {
        if (field.at > newest)
            newest = field.at;
    }
    return newest;
}

} // namespace

bool isEditableKind(std::string_view kind) {
    return kind == "measure";
}

Result<EditableRecord> editableFromText(std::string_view body, std::string_view clocks,
                                        std::string_view hlc) {
    auto object = parseObject(body, "the body");
    if (!object)
        return object.error();
    if (clocks.empty()) {
        auto at = HlcTimestamp::parse(hlc);
        return createEditable(*object, at ? *at : HlcTimestamp{0, 0, "legacy"});
    }
    auto parsed = json::parse(clocks, json::ParseLimits{16 * 1024 * 1024, 64});
    if (!parsed)
        return makeError("malformed_json", "the clocks: " + parsed.error().message);
    return decodeEditable(*object, *parsed);
}

Result<EditableRecord> editableFromState(const store::EditableState& state) {
    return editableFromText(state.body, state.clocks, state.hlc);
}

model::Measure effectiveMeasure(model::Measure measure) {
    if (measure.status != model::MeasureStatus::Rejected)
        measure.rejectionReason.reset();
    return measure;
}

Result<store::EditableWrite> editableWrite(std::string_view kind, const EditableRecord& record) {
    if (kind != "measure")
        return makeError("unknown_kind", "\"" + std::string(kind) + "\" records are not editable");
    auto decoded = model::decode<model::Measure>(boost::json::value(record.body()));
    if (!decoded)
        return makeError("invalid_body", decoded.error().code + ": " + decoded.error().message,
                         decoded.error().path);
    if (auto issues = model::validateMeasure(effectiveMeasure(*decoded)); !issues.empty())
        return validationFailed(issues);
    return store::EditableWrite{
        boost::json::serialize(model::encode(*decoded)), newestClock(record).toString(),
        boost::json::serialize(encodeClocks(record)), record.conflictFields()};
}

// --- device --------------------------------------------------------------------------------

Result<store::EditableState> editOnDevice(store::DeviceStore& store, Hlc& hlc, std::string_view id,
                                          const boost::json::object& newBody) {
    return store.editEditable(
        id, [&](const store::EditableState& current) -> Result<store::EditableWrite> {
            if (!isEditableKind(current.kind))
                return makeError("not_editable",
                                 "\"" + current.kind + "\" records cannot be edited");
            auto record = editableFromState(current);
            if (!record)
                return record.error();
            for (const auto& [name, field] : record->fields) {
                (void)hlc.receive(field.at);
                if (field.rival)
                    (void)hlc.receive(field.rival->at);
            }
            if (auto edited = applyEdit(*record, newBody, hlc.now()); !edited)
                return edited.error();
            return editableWrite(current.kind, *record);
        });
}

Result<store::EditableOutcome> mergePulled(store::DeviceStore& store, const Change& change) {
    auto pulled = editableFromText(change.body, change.clocks, change.hlc);
    if (!pulled)
        return pulled.error();
    return store.mergePulledEditable(
        change.kind, change.id, change.rev,
        [&](const std::optional<store::EditableState>& local)
            -> Result<std::optional<store::EditableWrite>> {
            EditableRecord merged = *pulled;
            if (local) {
                auto mine = editableFromState(*local);
                if (!mine)
                    return mine.error();
                merged = merge(*mine, *pulled);
                if (merged == *mine && !local->clocks.empty())
                    return std::optional<store::EditableWrite>();
            }
            // A merged state is kept even when it breaks a rule the server checks: the server
            // answers such a push `rejected`, and the record stays visible here.
            auto write = editableWrite(change.kind, merged);
            if (write)
                return std::optional<store::EditableWrite>(std::move(write).value());
            return std::optional<store::EditableWrite>(store::EditableWrite{
                boost::json::serialize(merged.body()), newestClock(merged).toString(),
                boost::json::serialize(encodeClocks(merged)), merged.conflictFields()});
        });
}

} // namespace td::sync
