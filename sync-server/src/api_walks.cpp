// Coordinator endpoints for safety walks: the walks' tracks and stops as GeoJSON for the map,
// and the data of the printable walk report (route, stops, findings per checklist item,
// proposed measures and the measures decided from them).

#include "api_measures.hpp"
#include "api_records.hpp"
#include "td/server/query.hpp"
#include "td/sync/editable_sync.hpp"
#include "td/walk/geo.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <map>

namespace td::server {

std::string_view embeddedWalkChecklist();

namespace {

struct WalkData {
    std::vector<model::SafetyWalk> walks;
    std::map<std::string, std::vector<model::Observation>> stops; ///< by walk id, numbered order
    std::map<std::string, std::vector<model::Measure>> measures;  ///< by observation id
};

template <class T>
Result<std::vector<T>> decodeAll(store::ServerStore& store, std::string_view kind) {
    auto records = store.listRecords(kind);
    if (!records)
        return records.error();
    std::vector<T> out;
    for (const store::StoredRecord& r : *records) {
        auto decoded = model::fromJsonText<T>(r.body);
        if (decoded) // pushed records were validated; an unreadable one is skipped
            out.push_back(std::move(*decoded));
    }
    return out;
}

Result<WalkData> loadWalks(store::ServerStore& store) {
    WalkData data;
    auto walks = decodeAll<model::SafetyWalk>(store, "safety_walk");
    if (!walks)
        return walks.error();
    data.walks = std::move(*walks);
    std::sort(data.walks.begin(), data.walks.end(), [](const auto& a, const auto& b) {
        return std::tie(a.date, a.startedAt, a.id) > std::tie(b.date, b.startedAt, b.id);
    });
    auto observations = decodeAll<model::Observation>(store, "observation");
    if (!observations)
        return observations.error();
    for (model::Observation& o : *observations)
        data.stops[o.walkId].push_back(std::move(o));
    for (auto& [walk, stops] : data.stops)
        std::sort(stops.begin(), stops.end(), [](const auto& a, const auto& b) {
            return std::tie(a.recordedAt, a.id) < std::tie(b.recordedAt, b.id);
        });
    auto measures = store.listEditable("measure");
    if (!measures)
        return measures.error();
    for (const store::EditableState& state : *measures) {
        auto m = model::fromJsonText<model::Measure>(state.body);
        if (m && m->observationId)
            data.measures[*m->observationId].push_back(sync::effectiveMeasure(std::move(*m)));
    }
    return data;
}

double trackLengthM(const model::SafetyWalk& walk) {
    double total = 0;
    for (std::size_t i = 1; i < walk.track.size(); ++i)
        total += walk::haversineM(walk.track[i - 1].lat, walk.track[i - 1].lon, walk.track[i].lat,
                                  walk.track[i].lon);
    return total;
}

boost::json::object walkSummary(const model::SafetyWalk& w, std::size_t stops) {
    boost::json::object o;
    o["walk_id"] = w.id;
    o["area_name"] = w.areaName;
    o["locality"] = w.locality;
    o["date"] = w.date;
    o["started_at"] = w.startedAt;
    if (w.endedAt)
        o["ended_at"] = *w.endedAt;
    o["participants"] = model::encode(w).as_object().at("participants");
    o["stops"] = stops;
    o["length_m"] = std::round(trackLengthM(w));
    return o;
}

boost::json::array measureList(const std::vector<model::Measure>& measures) {
    boost::json::array out;
    for (const model::Measure& m : measures)
        out.push_back(
            boost::json::object{{"id", m.id},
                                {"title", m.title},
                                {"status", model::toString(m.status)},
                                {"responsible_party", model::toString(m.responsibleParty)}});
    return out;
}

/// The observation's JSON plus its stop number and the measures made from it.
boost::json::object stopObject(const model::Observation& o, std::size_t number,
                               const WalkData& data) {
    boost::json::object stop = model::encode(o).as_object();
    stop["number"] = number;
    auto it = data.measures.find(o.id);
    stop["measures"] = it == data.measures.end() ? boost::json::array{} : measureList(it->second);
    return stop;
}

const std::vector<model::Observation>& stopsOf(const WalkData& data, const std::string& walkId) {
    static const std::vector<model::Observation> none;
    auto it = data.stops.find(walkId);
    return it == data.stops.end() ? none : it->second;
}

} // namespace

HttpResponse listWalks(RequestContext& ctx) {
    auto query = parseQuery(ctx.request.query);
    if (!query)
        return errorResponse(400, query.error().code, query.error().message);
    auto data = loadWalks(ctx.store);
    if (!data)
        return fail(data.error());
    const auto only = query->find("walk");
    boost::json::array features;
    for (const model::SafetyWalk& w : data->walks) {
        if (only != query->end() && only->second != w.id)
            continue;
        const auto& stops = stopsOf(*data, w.id);
        boost::json::array line;
        for (const model::TrackPoint& p : w.track)
            line.push_back(boost::json::array{p.lon, p.lat});
        boost::json::object walkProps = walkSummary(w, stops.size());
        walkProps["feature"] = "walk";
        features.push_back(boost::json::object{
            {"type", "Feature"},
            {"geometry", boost::json::object{{"type", "LineString"}, {"coordinates", line}}},
            {"properties", walkProps}});
        for (std::size_t i = 0; i < stops.size(); ++i) {
            const model::Observation& o = stops[i];
            boost::json::object props = stopObject(o, i + 1, *data);
            props.erase("position");
            props["feature"] = "stop";
            props["accuracy_m"] = o.position.accuracyM;
            features.push_back(boost::json::object{
                {"type", "Feature"},
                {"geometry",
                 boost::json::object{
                     {"type", "Point"},
                     {"coordinates", boost::json::array{o.position.lon, o.position.lat}}}},
                {"properties", props}});
        }
    }
    return jsonResponse(200, boost::json::serialize(boost::json::object{
                                 {"type", "FeatureCollection"}, {"features", features}}));
}

HttpResponse walkReport(RequestContext& ctx) {
    auto data = loadWalks(ctx.store);
    if (!data)
        return fail(data.error());
    const std::string& id = ctx.param("id");
    auto walk = std::find_if(data->walks.begin(), data->walks.end(),
                             [&](const model::SafetyWalk& w) { return w.id == id; });
    if (walk == data->walks.end())
        return errorResponse(404, "not_found", "no safety walk " + id);
    auto checklist = model::fromJsonText<model::WalkChecklist>(embeddedWalkChecklist());
    if (!checklist)
        return fail(makeError("internal_error", "the walk checklist is unreadable"));
    const auto& stops = stopsOf(*data, walk->id);

    boost::json::object report;
    report["walk"] = walkSummary(*walk, stops.size());
    boost::json::array track;
    for (const model::TrackPoint& p : walk->track)
        track.push_back(boost::json::array{p.lon, p.lat});
    report["track"] = std::move(track);
    report["checklist"] = model::encode(*checklist);

    boost::json::array stopList;
    boost::json::array proposed;
    for (std::size_t i = 0; i < stops.size(); ++i) {
        const model::Observation& o = stops[i];
        stopList.push_back(stopObject(o, i + 1, *data));
        if (o.proposedMeasure && !o.proposedMeasure->empty()) {
            boost::json::object p{
                {"stop", i + 1}, {"observation_id", o.id}, {"text", *o.proposedMeasure}};
            if (o.responsibleParty)
                p["responsible_party"] = model::toString(*o.responsibleParty);
            proposed.push_back(std::move(p));
        }
    }
    report["stops"] = std::move(stopList);
    report["proposed_measures"] = std::move(proposed);

    // Per checklist item: how the stops rated it (0 no problem … 3 serious problem).
    boost::json::array findings;
    for (const model::ChecklistItem& item : checklist->items) {
        std::int64_t rated = 0, sum = 0, notApplicable = 0;
        boost::json::array problems; // stops rated 2 or 3
        for (std::size_t i = 0; i < stops.size(); ++i) {
            auto r = stops[i].ratings.find(item.id);
            if (r == stops[i].ratings.end())
                continue;
            if (!r->second) {
                ++notApplicable;
                continue;
            }
            ++rated;
            sum += *r->second;
            if (*r->second >= 2)
                problems.push_back(boost::json::object{{"stop", i + 1}, {"rating", *r->second}});
        }
        boost::json::object f{{"item", item.id},
                              {"label", model::encode(item.label)},
                              {"rated", rated},
                              {"not_applicable", notApplicable},
                              {"problem_stops", problems}};
        f["mean"] = rated
                        ? boost::json::value(static_cast<double>(sum) / static_cast<double>(rated))
                        : boost::json::value(nullptr);
        findings.push_back(std::move(f));
    }
    report["findings"] = std::move(findings);

    std::vector<model::Measure> measures;
    for (const model::Observation& o : stops) {
        auto it = data->measures.find(o.id);
        if (it != data->measures.end())
            measures.insert(measures.end(), it->second.begin(), it->second.end());
    }
    report["measures"] = measureList(measures);
    return jsonResponse(200, boost::json::serialize(report));
}

} // namespace td::server
