// Coordinator endpoints for measures: list, get, create (also from a walk observation) and
// per-field edits merged with the devices' edits through td::sync's editable records.

#include "api_measures.hpp"

#include "api_records.hpp"
#include "td/core/hlc.hpp"
#include "td/core/json.hpp"
#include "td/core/uuid.hpp"
#include "td/server/query.hpp"
#include "td/sync/editable_sync.hpp"

#include <array>
#include <boost/json/serialize.hpp>

namespace td::server {
namespace {

constexpr std::string_view kKind = "measure";

/// The server's clock for coordinator edits (node "server").
Hlc& serverClock() {
    static Hlc clock("server");
    return clock;
}

/// Fields a PATCH may set; the links (id, observation, walk) are fixed at creation.
constexpr std::array<std::string_view, 9> kEditableFields{
    "title",    "description", "focus_area",       "responsible_party", "priority",
    "deadline", "status",      "rejection_reason", "promise_id"};

/// {"measure", "rev", "hlc", "conflict", "conflicts": [{"field","value","at","rival_value",
/// "rival_at","rival_node"}]} for one stored state.
Result<boost::json::object> measureItem(const store::EditableState& state) {
    auto measure = model::fromJsonText<model::Measure>(state.body);
    if (!measure)
        return makeError("internal_error", "stored measure " + state.id + " is unreadable");
    auto record = sync::editableFromState(state);
    if (!record)
        return makeError("internal_error", "stored measure " + state.id + " has unreadable clocks");
    boost::json::object item;
    item["measure"] = model::encode(sync::effectiveMeasure(*measure));
    item["rev"] = state.rev;
    item["hlc"] = state.hlc;
    boost::json::array conflicts;
    for (const std::string& name : record->conflictFields()) {
        const sync::FieldState& field = record->fields.at(name);
        boost::json::object c;
        c["field"] = name;
        c["value"] = field.value;
        c["at"] = field.at.toString();
        c["rival_value"] = field.rival->value;
        c["rival_at"] = field.rival->at.toString();
        c["rival_node"] = field.rival->at.node;
        conflicts.push_back(std::move(c));
    }
    item["conflict"] = !conflicts.empty();
    item["conflicts"] = std::move(conflicts);
    return item;
}

HttpResponse itemResponse(int status, const store::EditableState& state) {
    auto item = measureItem(state);
    if (!item)
        return fail(item.error());
    return jsonResponse(status, boost::json::serialize(*item));
}

/// 409 for an unknown base or a clash with the stored record, 503 for storage, 422 for any
/// rule the edited measure breaks (codec and validator codes, transitions, reasons).
HttpResponse writeFailure(const Error& e) {
    if (e.code == "storage_error" || e.code == "storage_unavailable")
        return fail(e);
    if (e.code == "unknown_base_rev" || e.code == "kind_mismatch" || e.code == "stale_clock")
        return errorResponse(409, e.code, e.describe());
    return errorResponse(422, e.code, e.describe());
}

/// Checks a new measure and returns its canonical body (or the 422 error).
Result<boost::json::object> checkedNew(model::Measure measure) {
    if (auto issues = model::validateMeasure(measure); !issues.empty())
        return makeError("validation_failed", issues.front().code + ": " + issues.front().message,
                         issues.front().path);
    return model::encode(measure).as_object();
}

HttpResponse storeNew(RequestContext& ctx, const model::Measure& measure) {
    auto existing = ctx.store.getRecord(kKind, measure.id);
    if (!existing)
        return fail(existing.error());
    if (*existing)
        return errorResponse(409, "measure_exists", "a measure " + measure.id + " exists");
    auto written = sync::writeOnServer(
        ctx.store, serverClock(), kKind, measure.id, std::nullopt,
        [&](const std::optional<boost::json::object>&) { return checkedNew(measure); });
    if (!written)
        return writeFailure(written.error());
    return itemResponse(201, written->state);
}

/// The body of a PATCH applied to what the editor saw: only the named fields change; a status
/// change follows the allowed transitions; leaving "rejected" is not possible and entering it
/// needs a reason; a status other than rejected drops the reason.
Result<boost::json::object> patched(const boost::json::object& seen,
                                    const boost::json::object& patch) {
    boost::json::object body = seen;
    for (const auto& member : patch) {
        const std::string_view key = member.key();
        if (key == "base_rev")
            continue;
        bool known = false;
        for (auto f : kEditableFields)
            known = known || f == key;
        if (!known)
            return makeError("unknown_field", "\"" + std::string(key) + "\" cannot be changed",
                             std::string(key));
        if (member.value().is_null())
            body.erase(key);
        else
            body[key] = member.value();
    }
    const auto statusOf = [](const boost::json::object& o) -> std::string {
        auto it = o.find("status");
        return it != o.end() && it->value().is_string() ? std::string(it->value().get_string())
                                                        : std::string("proposed");
    };
    const std::string from = statusOf(seen);
    const std::string to = statusOf(body);
    if (!isAllowedTransition(from, to))
        return makeError("invalid_transition",
                         "a measure cannot go from \"" + from + "\" to \"" + to + "\"", "status");
    if (to == "rejected") {
        auto reason = body.find("rejection_reason");
        if (reason == body.end() || !reason->value().is_string() ||
            reason->value().get_string().find_first_not_of(" \t\r\n") == boost::json::string::npos)
            return makeError("rejection_reason_required", "a rejected measure needs a reason",
                             "rejection_reason");
    } else {
        body.erase("rejection_reason");
    }
    auto decoded = model::decode<model::Measure>(boost::json::value(body));
    if (!decoded)
        return makeError(decoded.error().code, decoded.error().message, decoded.error().path);
    if (auto issues = model::validateMeasure(sync::effectiveMeasure(*decoded)); !issues.empty())
        return makeError("validation_failed", issues.front().code + ": " + issues.front().message,
                         issues.front().path);
    return model::encode(*decoded).as_object();
}

} // namespace

bool isAllowedTransition(std::string_view from, std::string_view to) {
    if (from == to || (to == "rejected" && from != "rejected"))
        return true;
    return (from == "proposed" && to == "decided") || (from == "decided" && to == "in_progress") ||
           (from == "in_progress" && to == "done");
}

HttpResponse listMeasures(RequestContext& ctx) {
    auto query = parseQuery(ctx.request.query);
    if (!query)
        return errorResponse(400, query.error().code, query.error().message);
    const auto filter = [&](const char* key) -> std::optional<std::string> {
        auto it = query->find(key);
        return it == query->end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    const auto status = filter("status");
    const auto walk = filter("walk");
    if (status && !model::enumFromString<model::MeasureStatus>(*status))
        return errorResponse(400, "invalid_status", "unknown measure status \"" + *status + "\"");
    auto states = ctx.store.listEditable(kKind);
    if (!states)
        return fail(states.error());
    boost::json::array items;
    for (const store::EditableState& state : *states) {
        auto item = measureItem(state);
        if (!item)
            return fail(item.error());
        const boost::json::object& m = item->at("measure").as_object();
        if (status && m.at("status").as_string() != *status)
            continue;
        if (walk && (!m.contains("walk_id") || m.at("walk_id").as_string() != *walk))
            continue;
        items.push_back(std::move(*item));
    }
    return jsonResponse(200, boost::json::serialize(boost::json::object{{"measures", items}}));
}

HttpResponse getMeasure(RequestContext& ctx) {
    auto state = ctx.store.getEditable(kKind, ctx.param("id"));
    if (!state)
        return fail(state.error());
    if (!*state)
        return errorResponse(404, "not_found", "no measure " + ctx.param("id"));
    return itemResponse(200, **state);
}

HttpResponse createMeasure(RequestContext& ctx) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return errorResponse(400, body.error().code, body.error().describe());
    // Members the request leaves out take the model's defaults (and a new UUIDv7 id).
    model::Measure defaults;
    defaults.id = newUuidV7().toString();
    boost::json::object full = model::encode(defaults).as_object();
    full.erase("title");
    for (const auto& member : body->as_object())
        full[member.key()] = member.value();
    auto measure = model::decode<model::Measure>(boost::json::value(full));
    if (!measure)
        return errorResponse(422, measure.error().code, measure.error().describe());
    if (measure->status != model::MeasureStatus::Proposed &&
        measure->status != model::MeasureStatus::Decided)
        return errorResponse(422, "invalid_transition", "a new measure is proposed or decided");
    return storeNew(ctx, *measure);
}

HttpResponse updateMeasure(RequestContext& ctx) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return errorResponse(400, body.error().code, body.error().describe());
    const boost::json::object& patch = body->as_object();
    std::optional<std::int64_t> baseRev;
    if (auto it = patch.find("base_rev"); it != patch.end()) {
        if (!it->value().is_int64() || it->value().get_int64() < 1)
            return errorResponse(422, "invalid_value", "base_rev must be a positive integer");
        baseRev = it->value().get_int64();
    }
    const std::string& id = ctx.param("id");
    auto existing = ctx.store.getEditable(kKind, id);
    if (!existing)
        return fail(existing.error());
    if (!*existing)
        return errorResponse(404, "not_found", "no measure " + id);
    auto written = sync::writeOnServer(
        ctx.store, serverClock(), kKind, id, baseRev,
        [&](const std::optional<boost::json::object>& seen) -> Result<boost::json::object> {
            if (!seen)
                return makeError("not_found", "no measure " + id);
            return patched(*seen, patch);
        });
    if (!written) {
        if (written.error().code == "not_found")
            return errorResponse(404, "not_found", written.error().message);
        return writeFailure(written.error());
    }
    return itemResponse(200, written->state);
}

HttpResponse createMeasureFromObservation(RequestContext& ctx) {
    auto observation = loadRecord<model::Observation>(ctx.store, "observation", ctx.param("id"));
    if (!observation)
        return fail(observation.error());
    if (!*observation)
        return errorResponse(404, "not_found", "no observation " + ctx.param("id"));
    const model::Observation& o = **observation;
    model::Measure m;
    m.id = newUuidV7().toString();
    m.observationId = o.id;
    m.walkId = o.walkId;
    m.title = o.proposedMeasure && !o.proposedMeasure->empty()
                  ? *o.proposedMeasure
                  : (o.note && !o.note->empty() ? *o.note : std::string("Åtgärd"));
    if (m.title.size() > 200) { // cut at a character boundary
        std::size_t cut = 200;
        while (cut > 0 && (static_cast<unsigned char>(m.title[cut]) & 0xC0) == 0x80)
            --cut;
        m.title.resize(cut);
    }
    m.description = o.note.value_or("");
    m.focusArea = model::FocusArea::UnsafePlaces;
    m.responsibleParty = o.responsibleParty.value_or(model::ResponsibleParty::Kommun);
    if (!ctx.request.body.empty()) {
        auto body = parseJsonBody(ctx);
        if (!body)
            return errorResponse(400, body.error().code, body.error().describe());
        boost::json::object prefilled = model::encode(m).as_object();
        for (const auto& member : body->as_object()) {
            const std::string_view key = member.key();
            if (key != "title" && key != "description" && key != "responsible_party" &&
                key != "priority" && key != "deadline" && key != "focus_area")
                return errorResponse(422, "unknown_field",
                                     "\"" + std::string(key) + "\" cannot be set here");
            prefilled[key] = member.value();
        }
        auto decoded = model::decode<model::Measure>(boost::json::value(prefilled));
        if (!decoded)
            return errorResponse(422, decoded.error().code, decoded.error().describe());
        m = std::move(*decoded);
    }
    return storeNew(ctx, m);
}

} // namespace td::server
