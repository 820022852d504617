// Coordinator endpoints over the lägesbild: the picture JSON, its places as GeoJSON, and the
// response export as CSV. The decoded PictureData is built once from the store and reused
// until the change log shows a new write.
#include "api_picture.hpp"

#include "api_records.hpp"
#include "td/model/codec.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/dataset.hpp"
#include "td/picture/picture_json.hpp"
#include "td/server/query.hpp"
#include "td/sync/protocol.hpp"

#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>

#ifndef TD_DEFAULT_POPULATION_JSON
#define TD_DEFAULT_POPULATION_JSON ""
#endif

namespace td::server {
namespace {

namespace json = boost::json;

// The population the survey is weighted to: $TD_POPULATION_JSON, else the build's reference
// vindeln.json. Without one, shares are unweighted (weighting.available is false).
const picture::PopulationTable& populationTable() {
    static const picture::PopulationTable table = [] {
        const char* env = std::getenv("TD_POPULATION_JSON");
        std::string path = env && *env ? env : TD_DEFAULT_POPULATION_JSON;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "{\"event\":\"population_missing\",\"path\":\"%s\"}\n",
                         path.c_str());
            return picture::PopulationTable{};
        }
        std::stringstream text;
        text << in.rdbuf();
        auto loaded = picture::loadPopulationTable(text.str());
        if (!loaded) {
            std::fprintf(stderr, "{\"event\":\"population_invalid\",\"code\":\"%s\"}\n",
                         loaded.error().code.c_str());
            return picture::PopulationTable{};
        }
        return std::move(*loaded);
    }();
    return table;
}

Result<std::shared_ptr<const picture::PictureData>> loadPictureData(store::ServerStore& store) {
    auto data = std::make_shared<picture::PictureData>(populationTable());
    std::vector<model::Place> places;
    Status s = eachRecord<model::Place>(store, "place",
                                        [&](model::Place& p) { places.push_back(std::move(p)); });
    if (!s)
        return s.error();
    data->setPlaces(std::move(places));
    s = eachRecord<model::Survey>(store, "survey",
                                  [&](model::Survey& v) { (void)data->addSurvey(v); });
    if (s)
        s = eachRecord<model::Campaign>(store, "campaign",
                                        [&](model::Campaign& c) { (void)data->addCampaign(c); });
    if (s)
        s = eachRecord<model::Response>(store, "response",
                                        [&](model::Response& r) { (void)data->addResponse(r); });
    if (s)
        s = eachRecord<model::Dialogue>(store, "dialogue",
                                        [&](model::Dialogue& d) { data->addDialogue(d); });
    if (s)
        s = eachRecord<model::SafetyWalk>(store, "safety_walk",
                                          [&](model::SafetyWalk& w) { data->addSafetyWalk(w); });
    if (s)
        s = eachRecord<model::Observation>(store, "observation",
                                           [&](model::Observation& o) { data->addObservation(o); });
    if (!s)
        return s.error();
    return std::shared_ptr<const picture::PictureData>(std::move(data));
}

// The last entry of the change log: its sequence number and which record version it was.
struct LogPosition {
    std::int64_t seq = 0;
    std::string kind;
    std::string id;
    std::int64_t rev = 0;
    bool operator==(const LogPosition&) const = default;
};

const store::Audience kEveryone{store::Role::Admin, std::nullopt};

// The end of the change log, reading only what lies after `from`.
Result<LogPosition> logEnd(store::ServerStore& store, LogPosition from) {
    while (true) {
        auto page = store.changesSince(from.seq, 1000, kEveryone);
        if (!page)
            return page.error();
        if (page->changes.empty())
            return from;
        const auto& last = page->changes.back();
        from = LogPosition{last.seq, last.record.kind, last.record.id, last.record.rev};
        if (!page->more)
            return from;
    }
}

// True when `pos` is still the end of `store`'s log: the entry at pos.seq is the same record
// version and nothing follows it. `sameStore` tells whether at least the entry still matches.
Result<bool> stillAtEnd(store::ServerStore& store, const LogPosition& pos, bool& sameStore) {
    sameStore = false;
    if (pos.seq == 0) {
        auto page = store.changesSince(0, 1, kEveryone);
        if (!page)
            return page.error();
        sameStore = true;
        return page->changes.empty();
    }
    auto page = store.changesSince(pos.seq - 1, 2, kEveryone);
    if (!page)
        return page.error();
    if (page->changes.empty())
        return false;
    const auto& first = page->changes.front();
    sameStore = LogPosition{first.seq, first.record.kind, first.record.id, first.record.rev} == pos;
    return sameStore && page->changes.size() == 1;
}

// One cached PictureData per store, valid while its change log ends where it did.
struct CacheEntry {
    LogPosition position;
    std::shared_ptr<const picture::PictureData> data;
};

Result<std::shared_ptr<const picture::PictureData>> cachedPictureData(store::ServerStore& store) {
    static std::mutex mutex;
    static std::map<const store::ServerStore*, CacheEntry> cache;
    std::lock_guard lock(mutex);
    CacheEntry& entry = cache[&store];
    LogPosition from;
    if (entry.data) {
        bool sameStore = false;
        auto valid = stillAtEnd(store, entry.position, sameStore);
        if (!valid)
            return valid.error();
        if (*valid)
            return entry.data;
        if (sameStore)
            from = entry.position;
    }
    // Read the position before the records: a write in between only causes one more rebuild.
    auto position = logEnd(store, from);
    if (!position)
        return position.error();
    auto data = loadPictureData(store);
    if (!data)
        return data.error();
    entry = CacheEntry{*position, *data};
    return entry.data;
}

HttpResponse badRequest(const Error& e) {
    return errorResponse(400, e.code, e.describe());
}

// The filter of a picture request; campaign is required.
Result<picture::PictureFilter> parseFilter(const RequestContext& ctx) {
    auto query = parseQuery(ctx.request.query);
    if (!query)
        return query.error();
    picture::PictureFilter f;
    auto take = [&](const char* key) -> std::optional<std::string> {
        auto it = query->find(key);
        if (it == query->end() || it->second.empty())
            return std::nullopt;
        return it->second;
    };
    auto campaign = take("campaign");
    if (!campaign)
        return makeError("missing_parameter", "the query parameter campaign is required");
    f.campaignId = *campaign;
    f.compareToCampaignId = take("compare_to");
    f.locality = take("locality");
    f.from = take("from");
    f.to = take("to");
    return f;
}

HttpResponse pictureError(const Error& e) {
    if (e.code == "unknown_campaign")
        return errorResponse(404, e.code, e.describe());
    if (e.code == "unknown_locality" || e.code == "invalid_date")
        return errorResponse(400, e.code, e.describe());
    return fail(e);
}

HttpResponse privateResponse(std::string contentType, std::string body) {
    HttpResponse r;
    r.contentType = std::move(contentType);
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

json::value pointGeometry(double lat, double lon) {
    return {{"type", "Point"}, {"coordinates", json::array{lon, lat}}};
}

// Labels of the reasons offered by the place questions of a campaign's survey.
using ReasonLabels = std::map<std::string, model::Text, std::less<>>;

ReasonLabels reasonLabels(store::ServerStore& store, std::string_view campaignId) {
    ReasonLabels labels;
    auto campaignRec = store.getRecord("campaign", campaignId);
    if (!campaignRec || !*campaignRec)
        return labels;
    auto campaign = model::fromJsonText<model::Campaign>((*campaignRec)->body);
    if (!campaign)
        return labels;
    auto surveyRec = store.getRecord(
        "survey", sync::surveyRecordId(campaign->surveyId, campaign->surveyVersion));
    if (!surveyRec || !*surveyRec)
        return labels;
    auto survey = model::fromJsonText<model::Survey>((*surveyRec)->body);
    if (!survey)
        return labels;
    for (const model::Question* q : survey->questions())
        for (const auto& reason : q->reasons)
            labels.emplace(reason.id, reason.label);
    return labels;
}

json::value clusterFeature(const picture::PlaceCluster& c, const ReasonLabels& labels) {
    json::array reasons;
    for (const auto& [id, count] : c.reasons) {
        json::object r{{"id", id}, {"count", count}};
        if (auto it = labels.find(id); it != labels.end())
            r["label"] = {{"sv", it->second.sv}, {"en", it->second.en}};
        reasons.push_back(std::move(r));
    }
    json::object props{
        {"kind", "cluster"},
        {"rank", c.rank},
        {"place_id", c.placeId ? json::value(*c.placeId) : json::value(nullptr)},
        {"place_name", c.placeName ? json::value(*c.placeName) : json::value(nullptr)},
        {"survey_mentions", c.surveyMentions},
        {"observations", c.observations},
        {"severity", c.severity ? json::value(*c.severity) : json::value(nullptr)},
        {"times_of_day",
         {{"morning", c.timesOfDay[0]},
          {"day", c.timesOfDay[1]},
          {"evening", c.timesOfDay[2]},
          {"night", c.timesOfDay[3]}}},
        {"reasons", std::move(reasons)},
        {"suppressed", c.suppressed}};
    return {{"type", "Feature"},
            {"geometry", pointGeometry(c.lat, c.lon)},
            {"properties", std::move(props)}};
}

// Located survey mentions of the campaign, one feature per distinct position.
void addMentionFeatures(const picture::PictureData& data, int campaignIndex, json::array& out) {
    struct Point {
        double lat;
        double lon;
        std::int64_t count = 0;
        std::string placeId;
    };
    std::map<std::pair<long long, long long>, Point> points;
    const auto& campaigns = data.campaignColumn();
    for (const auto& m : data.placeMentions()) {
        if (m.respondent >= campaigns.size() || campaigns[m.respondent] != campaignIndex)
            continue;
        double lat = m.lat;
        double lon = m.lon;
        std::string placeId;
        if (m.registryIndex >= 0) {
            const auto& p = data.places()[static_cast<std::size_t>(m.registryIndex)];
            lat = p.lat;
            lon = p.lon;
            placeId = p.id;
        } else if (!m.located) {
            continue;
        }
        auto key = std::make_pair(std::llround(lat * 1e5), std::llround(lon * 1e5));
        auto [it, inserted] = points.try_emplace(key, Point{lat, lon, 0, placeId});
        ++it->second.count;
    }
    for (const auto& [key, p] : points) {
        json::object props{{"kind", "mention"}, {"count", p.count}};
        props["place_id"] = p.placeId.empty() ? json::value(nullptr) : json::value(p.placeId);
        out.push_back({{"type", "Feature"},
                       {"geometry", pointGeometry(p.lat, p.lon)},
                       {"properties", std::move(props)}});
    }
}

} // namespace

HttpResponse getPicture(RequestContext& ctx) {
    auto filter = parseFilter(ctx);
    if (!filter)
        return badRequest(filter.error());
    auto data = cachedPictureData(ctx.store);
    if (!data)
        return fail(data.error());
    auto pic = picture::computePicture(**data, *filter);
    if (!pic)
        return pictureError(pic.error());
    return privateResponse("application/json", json::serialize(picture::toJson(*pic)));
}

HttpResponse getPlacesGeoJson(RequestContext& ctx) {
    auto filter = parseFilter(ctx);
    if (!filter)
        return badRequest(filter.error());
    filter->compareToCampaignId.reset();
    auto data = cachedPictureData(ctx.store);
    if (!data)
        return fail(data.error());
    auto pic = picture::computePicture(**data, *filter);
    if (!pic)
        return pictureError(pic.error());
    json::array features;
    const ReasonLabels labels = reasonLabels(ctx.store, filter->campaignId);
    for (const auto& c : pic->places)
        features.push_back(clusterFeature(c, labels));
    addMentionFeatures(**data, (*data)->campaignIndex(filter->campaignId), features);
    json::object doc{{"type", "FeatureCollection"},
                     {"name", "unsafe_places_" + filter->campaignId},
                     {"features", std::move(features)}};
    auto r = privateResponse("application/geo+json", json::serialize(doc));
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"places-" +
                                                      safeFileName(filter->campaignId) +
                                                      ".geojson\"");
    return r;
}

} // namespace td::server
