#include "td/sync/merge.hpp"

#include "td/core/json.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <tuple>

namespace td::sync {

namespace {

void appendCanonical(const boost::json::value& v, std::string& out) {
    if (const auto* object = v.if_object()) {
        std::vector<const boost::json::key_value_pair*> members;
        for (const auto& member : *object)
            members.push_back(&member);
        std::sort(members.begin(), members.end(),
                  [](auto* l, auto* r) { return l->key() < r->key(); });
        out += '{';
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i > 0)
                out += ',';
            out += boost::json::serialize(boost::json::value(members[i]->key()));
            out += ':';
            appendCanonical(members[i]->value(), out);
        }
        out += '}';
    } else if (const auto* array = v.if_array()) {
        out += '[';
        for (std::size_t i = 0; i < array->size(); ++i) {
            if (i > 0)
                out += ',';
            appendCanonical((*array)[i], out);
        }
        out += ']';
    } else {
        out += boost::json::serialize(v);
    }
}

bool sameValue(const boost::json::value& a, const boost::json::value& b) {
    return canonicalJson(a) == canonicalJson(b);
}

/// Total order of writes: clock, then value text, then base (absent first).
bool winsOver(const FieldState& a, const FieldState& b) {
    if (a.at != b.at)
        return a.at > b.at;
    const std::string va = canonicalJson(a.value);
    const std::string vb = canonicalJson(b.value);
    if (va != vb)
        return va > vb;
    return a.base > b.base;
}

bool newerWrite(const FieldWrite& a, const FieldWrite& b) {
    if (a.at != b.at)
        return a.at > b.at;
    return canonicalJson(a.value) > canonicalJson(b.value);
}

} // namespace

std::string canonicalJson(const boost::json::value& value) {
    std::string out;
    appendCanonical(value, out);
    return out;
}

bool FieldState::conflict() const {
    return rival && (!base || rival->at > *base);
}

boost::json::object EditableRecord::body() const {
    boost::json::object out;
    for (const auto& [name, field] : fields) {
        if (!field.value.is_null())
            out[name] = field.value;
    }
    return out;
}

std::vector<std::string> EditableRecord::conflictFields() const {
    std::vector<std::string> names;
    for (const auto& [name, field] : fields) {
        if (field.conflict())
            names.push_back(name);
    }
    return names;
}

bool EditableRecord::hasConflict() const {
    return std::any_of(fields.begin(), fields.end(),
                       [](const auto& entry) { return entry.second.conflict(); });
}

EditableRecord createEditable(const boost::json::object& body, const HlcTimestamp& at) {
    EditableRecord record;
    for (const auto& member : body)
        record.fields[std::string(member.key())] = FieldState{member.value(), at, {}, {}};
    return record;
}

Status applyEdit(EditableRecord& record, const boost::json::object& newBody,
                 const HlcTimestamp& at) {
    std::vector<std::pair<std::string, boost::json::value>> changes;
    for (const auto& member : newBody) {
        auto it = record.fields.find(member.key());
        if (it == record.fields.end() ? !member.value().is_null()
                                      : !sameValue(it->second.value, member.value()))
            changes.emplace_back(std::string(member.key()), member.value());
    }
    for (const auto& [name, field] : record.fields) {
        if (!field.value.is_null() && !newBody.contains(name))
            changes.emplace_back(name, nullptr);
    }
    for (const auto& [name, value] : changes) {
        auto it = record.fields.find(name);
        if (it != record.fields.end() && !(at > it->second.at)) {
            return makeError("stale_clock",
                             "edit clock " + at.toString() + " is not newer than the field's " +
                                 it->second.at.toString(),
                             name);
        }
    }
    for (auto& [name, value] : changes) {
        auto it = record.fields.find(name);
        if (it == record.fields.end()) {
            record.fields[name] = FieldState{std::move(value), at, {}, {}};
            continue;
        }
        // The replaced value was the newest write of the field, so it is the newest write
        // with a value other than the new one; the editor saw it, so it is no conflict.
        FieldState& field = it->second;
        field.rival = FieldWrite{std::move(field.value), field.at};
        field.base = field.at;
        field.value = std::move(value);
        field.at = at;
    }
    return {};
}

FieldState mergeField(const FieldState& a, const FieldState& b) {
    const bool aWins = winsOver(a, b) || (!winsOver(b, a));
    const FieldState& winner = aWins ? a : b;
    const FieldState& loser = aWins ? b : a;
    FieldState out{winner.value, winner.at, winner.base, {}};
    const std::string winnerText = canonicalJson(winner.value);
    auto consider = [&](const FieldWrite& w) {
        if (canonicalJson(w.value) == winnerText)
            return;
        if (!out.rival || newerWrite(w, *out.rival))
            out.rival = w;
    };
    if (a.rival)
        consider(*a.rival);
    if (b.rival)
        consider(*b.rival);
    consider(FieldWrite{loser.value, loser.at});
    return out;
}

EditableRecord merge(const EditableRecord& a, const EditableRecord& b) {
    EditableRecord out = a;
    for (const auto& [name, field] : b.fields) {
        auto it = out.fields.find(name);
        if (it == out.fields.end())
            out.fields.emplace(name, field);
        else
            it->second = mergeField(it->second, field);
    }
    return out;
}

boost::json::object encodeClocks(const EditableRecord& record) {
    boost::json::object clocks;
    for (const auto& [name, field] : record.fields) {
        boost::json::object entry;
        entry["at"] = field.at.toString();
        if (field.base)
            entry["base"] = field.base->toString();
        if (field.rival) {
            entry["rival"] = boost::json::object{{"at", field.rival->at.toString()},
                                                 {"value", field.rival->value}};
        }
        clocks[name] = std::move(entry);
    }
    return clocks;
}

namespace {

Result<HlcTimestamp> readClock(const boost::json::value& v, const std::string& path) {
    if (!v.is_string())
        return makeError(std::string(json::kWrongType), "expected an HLC timestamp string", path);
    auto parsed = HlcTimestamp::parse(v.get_string());
    if (!parsed)
        return makeError(std::string(json::kInvalidValue), parsed.error().message, path);
    return parsed;
}

Result<FieldState> readFieldClock(const boost::json::value& v, const std::string& path,
                                  boost::json::value value) {
    json::ObjectReader reader(v, path);
    FieldState field;
    field.value = std::move(value);
    if (const auto* at = reader.required("at"))
        reader.take(readClock(*at, reader.fieldPath("at")), field.at);
    if (const auto* base = reader.optional("base")) {
        HlcTimestamp b;
        if (reader.take(readClock(*base, reader.fieldPath("base")), b))
            field.base = b;
    }
    if (const auto* rival = reader.optional("rival")) {
        const std::string rivalPath = reader.fieldPath("rival");
        json::ObjectReader rr(*rival, rivalPath);
        FieldWrite w;
        if (const auto* at = rr.required("at"))
            rr.take(readClock(*at, rr.fieldPath("at")), w.at);
        if (const auto* rv = rr.required("value"))
            w.value = *rv;
        if (auto st = rr.finish(); !st)
            return st.error();
        field.rival = std::move(w);
    }
    if (auto st = reader.finish(); !st)
        return st.error();
    if (field.base && !(*field.base < field.at))
        return makeError("invalid_clock", "base must be older than at", path + ".base");
    if (field.rival && (field.rival->at > field.at || sameValue(field.rival->value, field.value)))
        return makeError("invalid_clock", "rival must not be newer than at nor equal in value",
                         path + ".rival");
    return field;
}

} // namespace

Result<EditableRecord> decodeEditable(const boost::json::object& body,
                                      const boost::json::value& clocks) {
    const auto* object = clocks.if_object();
    if (!object)
        return makeError(std::string(json::kWrongType), "expected an object", "clocks");
    EditableRecord record;
    for (const auto& member : *object) {
        const std::string name(member.key());
        const auto* value = body.if_contains(name);
        auto field = readFieldClock(member.value(), json::childPath("clocks", name),
                                    value ? *value : boost::json::value(nullptr));
        if (!field)
            return field.error();
        record.fields.emplace(name, std::move(field).value());
    }
    for (const auto& member : body) {
        if (!object->contains(member.key())) {
            return makeError("missing_clock", "body field has no clock",
                             json::childPath("clocks", member.key()));
        }
    }
    return record;
}

} // namespace td::sync
