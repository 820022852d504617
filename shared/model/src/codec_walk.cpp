// Safety walks, observations and the walk checklist.

#include "codec_util.hpp"

namespace td::model {

using namespace detail;

namespace {

inline constexpr std::int64_t kMaxCount = 100'000;

Result<Participants> decodeParticipants(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Participants p;
    readIntOr(r, "residents", p.residents, 0, kMaxCount);
    readIntOr(r, "police", p.police, 0, kMaxCount);
    readIntOr(r, "municipality", p.municipality, 0, kMaxCount);
    readIntOr(r, "property_owner", p.propertyOwner, 0, kMaxCount);
    readIntOr(r, "other", p.other, 0, kMaxCount);
    return finishWith(r, p);
}

Result<TrackPoint> decodeTrackPoint(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    TrackPoint p;
    readNumber(r, "lat", p.lat, -90, 90);
    readNumber(r, "lon", p.lon, -180, 180);
    readNumber(r, "accuracy_m", p.accuracyM, 0, 10000);
    readTimestamp(r, "t", p.t);
    return finishWith(r, std::move(p));
}

Result<ChecklistRating> decodeRating(const bj::value& v, const std::string& path) {
    if (v.is_string() && v.get_string() == "not_applicable")
        return ChecklistRating{};
    if (v.is_int64()) {
        auto i = json::readInt(v, path, 0, 3);
        if (!i.ok())
            return i.error();
        return ChecklistRating{i.value()};
    }
    return makeError(std::string(json::kWrongType), R"(expected 0..3 or "not_applicable")", path);
}

Result<RatingLabel> decodeRatingLabel(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    RatingLabel l;
    readInt(r, "value", l.value, 0, 10);
    readText(r, "label", l.label);
    return finishWith(r, std::move(l));
}

bj::value encodeRatingLabel(const RatingLabel& l) {
    return bj::object{{"value", l.value}, {"label", encode(l.label)}};
}

template <class Label> Result<Label> decodeIdLabel(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Label l;
    readEnum(r, "id", l.id);
    readText(r, "label", l.label);
    return finishWith(r, std::move(l));
}

template <class Label> bj::value encodeIdLabel(const Label& l) {
    return bj::object{{"id", encodeEnum(l.id)}, {"label", encode(l.label)}};
}

Result<ChecklistItem> decodeItem(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    ChecklistItem item;
    readId(r, "id", item.id);
    readText(r, "label", item.label);
    readText(r, "help", item.help);
    return finishWith(r, std::move(item));
}

} // namespace

bj::value encode(const SafetyWalk& w) {
    const Participants& p = w.participants;
    bj::object o{{"id", w.id},
                 {"area_name", w.areaName},
                 {"locality", w.locality},
                 {"date", w.date},
                 {"started_at", w.startedAt}};
    putOpt(o, "ended_at", w.endedAt);
    o["participants"] = bj::object{{"residents", p.residents},
                                   {"police", p.police},
                                   {"municipality", p.municipality},
                                   {"property_owner", p.propertyOwner},
                                   {"other", p.other}};
    o["track"] = encodeList(w.track, [](const TrackPoint& t) {
        return bj::value(
            bj::object{{"lat", t.lat}, {"lon", t.lon}, {"accuracy_m", t.accuracyM}, {"t", t.t}});
    });
    return o;
}

template <> Result<SafetyWalk> decode<SafetyWalk>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SafetyWalk w;
    readId(r, "id", w.id, IdFormat::Uuid);
    readString(r, "area_name", w.areaName, kMaxName);
    readId(r, "locality", w.locality);
    readDate(r, "date", w.date);
    readTimestamp(r, "started_at", w.startedAt);
    readOptTimestamp(r, "ended_at", w.endedAt);
    if (const bj::value* p = r.required("participants"))
        r.take(decodeParticipants(*p, r.fieldPath("participants")), w.participants);
    readList(r, "track", w.track, kMaxTrackPoints, true, decodeTrackPoint);
    return finishWith(r, std::move(w));
}

bj::value encode(const Observation& obs) {
    bj::object ratings;
    for (const auto& [item, rating] : obs.ratings)
        ratings[item] = rating ? bj::value(*rating) : bj::value("not_applicable");
    bj::object o{{"id", obs.id},
                 {"walk_id", obs.walkId},
                 {"recorded_at", obs.recordedAt},
                 {"position", encodePosition(obs.position)}};
    putOpt(o, "place_id", obs.placeId);
    o["ratings"] = std::move(ratings);
    o["overall_feeling"] = obs.overallFeeling;
    o["time_of_day"] = encodeEnum(obs.timeOfDay);
    putOpt(o, "note", obs.note);
    putOpt(o, "proposed_measure", obs.proposedMeasure);
    if (obs.responsibleParty)
        o["responsible_party"] = encodeEnum(*obs.responsibleParty);
    return o;
}

template <> Result<Observation> decode<Observation>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Observation obs;
    readId(r, "id", obs.id, IdFormat::Uuid);
    readId(r, "walk_id", obs.walkId, IdFormat::Uuid);
    readTimestamp(r, "recorded_at", obs.recordedAt);
    readPosition(r, "position", obs.position);
    readOptId(r, "place_id", obs.placeId);
    if (const bj::value* ratings = r.required("ratings")) {
        const std::string ratingsPath = r.fieldPath("ratings");
        if (!ratings->is_object()) {
            r.fail(makeError(std::string(json::kWrongType), "expected an object", ratingsPath));
        } else {
            for (const auto& entry : ratings->get_object()) {
                const std::string itemPath = json::childPath(ratingsPath, entry.key());
                if (!isValidId(entry.key())) {
                    r.fail(makeError(std::string(kInvalidFormat),
                                     "checklist item ids are 1-64 characters [a-z0-9_]", itemPath));
                    break;
                }
                ChecklistRating rating;
                if (!r.take(decodeRating(entry.value(), itemPath), rating))
                    break;
                obs.ratings.emplace(std::string(entry.key()), rating);
            }
        }
    }
    readInt(r, "overall_feeling", obs.overallFeeling, 1, 5);
    readEnum(r, "time_of_day", obs.timeOfDay);
    readOptString(r, "note", obs.note, kMaxNote);
    readOptString(r, "proposed_measure", obs.proposedMeasure, kMaxNote);
    readOptEnum(r, "responsible_party", obs.responsibleParty);
    return finishWith(r, std::move(obs));
}

bj::value encode(const WalkChecklist& c) {
    return bj::object{{"id", c.id},
                      {"version", c.version},
                      {"items", encodeList(c.items,
                                           [](const ChecklistItem& i) {
                                               return bj::value(
                                                   bj::object{{"id", i.id},
                                                              {"label", encode(i.label)},
                                                              {"help", encode(i.help)}});
                                           })},
                      {"ratings", encodeList(c.ratings, encodeRatingLabel)},
                      {"not_applicable", bj::object{{"label", encode(c.notApplicable)}}},
                      {"overall_feeling", encodeList(c.overallFeeling, encodeRatingLabel)},
                      {"times_of_day", encodeList(c.timesOfDay, encodeIdLabel<TimeOfDayLabel>)},
                      {"parties", encodeList(c.parties, encodeIdLabel<PartyLabel>)}};
}

template <>
Result<WalkChecklist> decode<WalkChecklist>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    WalkChecklist c;
    readId(r, "id", c.id);
    readInt(r, "version", c.version, 1, 1'000'000);
    readList(r, "items", c.items, 100, true, decodeItem);
    readList(r, "ratings", c.ratings, 10, true, decodeRatingLabel);
    if (const bj::value* na = r.required("not_applicable")) {
        ObjectReader inner(*na, r.fieldPath("not_applicable"));
        readText(inner, "label", c.notApplicable);
        bool done = false;
        r.take(finishWith(inner, true), done);
    }
    readList(r, "overall_feeling", c.overallFeeling, 10, true, decodeRatingLabel);
    readList(r, "times_of_day", c.timesOfDay, 4, true, decodeIdLabel<TimeOfDayLabel>);
    readList(r, "parties", c.parties, 10, true, decodeIdLabel<PartyLabel>);
    return finishWith(r, std::move(c));
}

} // namespace td::model
