// Coordinator endpoints over the lägesbild: the picture JSON and its places as GeoJSON, computed
// from the store's decoded data (picture_cache.hpp), shared with the follow-up and rebuilt only
// when the change log shows a new write.
#include "api_picture.hpp"

#include "api_records.hpp"
#include "picture_cache.hpp"
#include "td/model/codec.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/dataset.hpp"
#include "td/picture/picture_json.hpp"
#include "td/server/query.hpp"
#include "td/sync/protocol.hpp"

#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

namespace td::server {
namespace {

namespace json = boost::json;

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
    if (e.code == "campaign_aggregated")
        return errorResponse(409, e.code, e.describe());
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
        {"respondents", c.respondents},
        {"walks", c.walks},
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
