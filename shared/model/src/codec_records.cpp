// Dialogues, places, measures and promises.

#include "codec_util.hpp"

namespace td::model {

using namespace detail;

namespace {

Result<DialogueTopic> decodeTopic(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    DialogueTopic t;
    readEnum(r, "focus_area", t.focusArea);
    readInt(r, "count", t.count, 0, 100'000);
    readOptString(r, "note", t.note, kMaxNote);
    return finishWith(r, std::move(t));
}

Result<std::string> decodeAlias(const bj::value& v, const std::string& path) {
    return json::readString(v, path, kMaxName, true);
}

Result<Period> decodePeriod(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Period p;
    readInt(r, "from", p.fromYear, 2000, 2100);
    readInt(r, "to", p.toYear, 2000, 2100);
    return finishWith(r, p);
}

Result<FigureRef> decodeFigure(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    FigureRef f;
    readEnum(r, "kind", f.kind);
    readOptId(r, "campaign_id", f.campaignId, IdFormat::Record);
    readOptId(r, "question_id", f.questionId);
    readOptEnum(r, "focus_area", f.focusArea);
    readOptString(r, "indicator", f.indicator, kMaxName);
    readOptString(r, "note", f.note, kMaxNote);
    return finishWith(r, std::move(f));
}

bj::value encodeFigure(const FigureRef& f) {
    bj::object o{{"kind", encodeEnum(f.kind)}};
    putOpt(o, "campaign_id", f.campaignId);
    putOpt(o, "question_id", f.questionId);
    if (f.focusArea)
        o["focus_area"] = encodeEnum(*f.focusArea);
    putOpt(o, "indicator", f.indicator);
    putOpt(o, "note", f.note);
    return o;
}

Result<Activity> decodeActivity(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Activity a;
    readId(r, "id", a.id);
    readText(r, "what", a.what);
    readEnum(r, "who", a.who);
    readOptString(r, "partner_name", a.partnerName, kMaxName);
    readString(r, "when", a.when, kMaxName);
    readEnum(r, "status", a.status);
    return finishWith(r, std::move(a));
}

bj::value encodeActivity(const Activity& a) {
    bj::object o{{"id", a.id}, {"what", encode(a.what)}, {"who", encodeEnum(a.who)}};
    putOpt(o, "partner_name", a.partnerName);
    o["when"] = a.when;
    o["status"] = encodeEnum(a.status);
    return o;
}

Result<Indicator> decodeIndicator(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Indicator i;
    readId(r, "id", i.id);
    readEnum(r, "kind", i.kind);
    readOptId(r, "question_id", i.questionId);
    readOptString(r, "indicator_name", i.indicatorName, kMaxName);
    readOptId(r, "baseline_campaign_id", i.baselineCampaignId, IdFormat::Record);
    readEnum(r, "target_direction", i.targetDirection);
    return finishWith(r, std::move(i));
}

bj::value encodeIndicator(const Indicator& i) {
    bj::object o{{"id", i.id}, {"kind", encodeEnum(i.kind)}};
    putOpt(o, "question_id", i.questionId);
    putOpt(o, "indicator_name", i.indicatorName);
    putOpt(o, "baseline_campaign_id", i.baselineCampaignId);
    o["target_direction"] = encodeEnum(i.targetDirection);
    return o;
}

} // namespace

bj::value encode(const Dialogue& d) {
    bj::object o{{"id", d.id}};
    putOpt(o, "campaign_id", d.campaignId);
    putOpt(o, "place_id", d.placeId);
    putOpt(o, "description", d.description);
    o["locality"] = d.locality;
    o["started_at"] = d.startedAt;
    putOpt(o, "ended_at", d.endedAt);
    o["people_met"] = d.peopleMet;
    o["topics"] = encodeList(d.topics, [](const DialogueTopic& t) {
        bj::object topic{{"focus_area", encodeEnum(t.focusArea)}, {"count", t.count}};
        putOpt(topic, "note", t.note);
        return bj::value(std::move(topic));
    });
    o["organisation"] = encodeEnum(d.organisation);
    return o;
}

template <> Result<Dialogue> decode<Dialogue>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Dialogue d;
    readId(r, "id", d.id, IdFormat::Uuid);
    readOptId(r, "campaign_id", d.campaignId, IdFormat::Record);
    readOptId(r, "place_id", d.placeId);
    readOptString(r, "description", d.description, kMaxNote);
    readId(r, "locality", d.locality);
    readTimestamp(r, "started_at", d.startedAt);
    readOptTimestamp(r, "ended_at", d.endedAt);
    readInt(r, "people_met", d.peopleMet, 0, 100'000);
    readList(r, "topics", d.topics, 6, true, decodeTopic);
    readEnum(r, "organisation", d.organisation);
    return finishWith(r, std::move(d));
}

bj::value encode(const Place& p) {
    bj::object o{{"id", p.id},   {"name", p.name}, {"locality", p.locality},
                 {"lat", p.lat}, {"lon", p.lon},   {"kind", p.kind}};
    if (!p.aliases.empty())
        o["aliases"] = encodeList(p.aliases, [](auto& a) { return bj::value(a); });
    putOpt(o, "retired_at", p.retiredAt);
    return o;
}

template <> Result<Place> decode<Place>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Place p;
    readId(r, "id", p.id);
    if (const bj::value* name = r.required("name"))
        r.take(json::readString(*name, r.fieldPath("name"), kMaxName, true), p.name);
    readId(r, "locality", p.locality);
    readNumber(r, "lat", p.lat, -90, 90);
    readNumber(r, "lon", p.lon, -180, 180);
    readId(r, "kind", p.kind);
    readList(r, "aliases", p.aliases, 20, false, decodeAlias);
    readOptTimestamp(r, "retired_at", p.retiredAt);
    return finishWith(r, std::move(p));
}

bj::value encode(const PlaceRegistry& registry) {
    return bj::object{{"about", registry.about},
                      {"places", encodeList(registry.places, [](auto& p) { return encode(p); })}};
}

template <>
Result<PlaceRegistry> decode<PlaceRegistry>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    PlaceRegistry registry;
    readString(r, "about", registry.about, kMaxLongText);
    readList(r, "places", registry.places, 10'000, true, decode<Place>);
    return finishWith(r, std::move(registry));
}

bj::value encode(const Measure& m) {
    bj::object o{{"id", m.id}};
    putOpt(o, "observation_id", m.observationId);
    putOpt(o, "walk_id", m.walkId);
    o["title"] = m.title;
    o["description"] = m.description;
    o["focus_area"] = encodeEnum(m.focusArea);
    o["responsible_party"] = encodeEnum(m.responsibleParty);
    o["priority"] = encodeEnum(m.priority);
    putOpt(o, "deadline", m.deadline);
    o["status"] = encodeEnum(m.status);
    putOpt(o, "rejection_reason", m.rejectionReason);
    putOpt(o, "promise_id", m.promiseId);
    return o;
}

template <> Result<Measure> decode<Measure>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Measure m;
    readId(r, "id", m.id, IdFormat::Record);
    readOptId(r, "observation_id", m.observationId, IdFormat::Uuid);
    readOptId(r, "walk_id", m.walkId, IdFormat::Uuid);
    if (const bj::value* title = r.required("title"))
        r.take(json::readString(*title, r.fieldPath("title"), kMaxName, true), m.title);
    readString(r, "description", m.description, kMaxLongText);
    readEnum(r, "focus_area", m.focusArea);
    readEnum(r, "responsible_party", m.responsibleParty);
    readEnum(r, "priority", m.priority);
    readOptDate(r, "deadline", m.deadline);
    readEnum(r, "status", m.status);
    readOptString(r, "rejection_reason", m.rejectionReason, kMaxNote);
    readOptId(r, "promise_id", m.promiseId, IdFormat::Record);
    return finishWith(r, std::move(m));
}

bj::value encode(const Promise& p) {
    return bj::object{{"id", p.id},
                      {"period", bj::object{{"from", p.period.fromYear}, {"to", p.period.toYear}}},
                      {"focus_area", encodeEnum(p.focusArea)},
                      {"text", encode(p.text)},
                      {"organisations", encodeList(p.organisations, encodeEnum<Organisation>)},
                      {"motivation", encodeList(p.motivation, encodeFigure)},
                      {"activities", encodeList(p.activities, encodeActivity)},
                      {"indicators", encodeList(p.indicators, encodeIndicator)}};
}

template <> Result<Promise> decode<Promise>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Promise p;
    readId(r, "id", p.id, IdFormat::Record);
    if (const bj::value* period = r.required("period"))
        r.take(decodePeriod(*period, r.fieldPath("period")), p.period);
    readEnum(r, "focus_area", p.focusArea);
    readText(r, "text", p.text);
    readList(r, "organisations", p.organisations, 2, true, decodeEnum<Organisation>);
    readList(r, "motivation", p.motivation, 50, false, decodeFigure);
    readList(r, "activities", p.activities, 100, false, decodeActivity);
    readList(r, "indicators", p.indicators, 50, false, decodeIndicator);
    return finishWith(r, std::move(p));
}

} // namespace td::model
