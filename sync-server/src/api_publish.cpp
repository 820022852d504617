// Publishing the public summary of a campaign's lägesbild to every device.
#include "api_publish.hpp"

#include "td/core/json.hpp"
#include "td/model/public_summary.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/dataset.hpp"
#include "td/picture/ingest.hpp"
#include "td/picture/picture_json.hpp"
#include "td/server/resources.hpp"

#include <boost/json/serialize.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace td::server {
namespace {

namespace bj = boost::json;

// The population the server weights to: $TD_POPULATION_JSON, else the reference table (the
// same choice as the picture endpoints). Without one, shares are unweighted.
const picture::PopulationTable& serverPopulation() {
    static const picture::PopulationTable table = [] {
        const std::string path = resources().populationJson;
        std::ifstream in(path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        auto loaded = picture::loadPopulationTable(text.str());
        return loaded ? std::move(*loaded) : picture::PopulationTable{};
    }();
    return table;
}

// Every record the picture is computed from, in the order PictureData needs them.
Status loadAll(store::ServerStore& store, picture::PictureData& data) {
    static constexpr model::RecordKind kinds[] = {
        model::RecordKind::Place,      model::RecordKind::Survey,   model::RecordKind::Campaign,
        model::RecordKind::Response,   model::RecordKind::Dialogue, model::RecordKind::SafetyWalk,
        model::RecordKind::Observation};
    for (model::RecordKind kind : kinds) {
        auto records = store.listRecords(model::toString(kind));
        if (!records)
            return records.error();
        for (const auto& r : *records) {
            auto body = json::parse(r.body);
            // Stored records were validated on the way in; one that no longer fits is skipped
            // exactly as the picture endpoints skip it.
            if (body)
                (void)picture::addRecord(data, kind, *body);
        }
    }
    return {};
}

} // namespace

Result<PublishedSummary> publishPublicSummary(store::ServerStore& store,
                                              std::string_view campaignId, std::int64_t nowMs,
                                              const picture::PopulationTable& population) {
    picture::PictureData data(population);
    if (auto s = loadAll(store, data); !s)
        return s.error();
    picture::PictureFilter filter;
    filter.campaignId = std::string(campaignId);
    auto pic = picture::computePicture(data, filter);
    if (!pic)
        return pic.error();
    auto summary = model::decode<model::PictureSummary>(picture::publicSummary(*pic));
    if (!summary)
        return makeError("internal_error", "the public summary does not fit its format: " +
                                               summary.error().describe());
    model::PublicSummary published;
    published.id = std::string(campaignId);
    published.title = pic->campaignName;
    published.publishedAt = isoTime(nowMs);
    published.k = pic->minCell;
    published.summary = std::move(*summary);
    model::withholdSmallCounts(published.summary, published.k);
    if (auto issues = model::validatePublicSummary(published); !issues.empty())
        return makeError("internal_error", "the public summary breaks " + issues.front().code +
                                               " at " + issues.front().path);
    PublishedSummary out;
    out.recordId = model::publicSummaryRecordId(campaignId);
    out.body = bj::serialize(model::encode(published));
    auto rev = store.putRecord("public_summary", out.recordId, out.body, serverHlc(nowMs));
    if (!rev)
        return rev.error();
    out.rev = *rev;
    return out;
}

HttpResponse publishPicture(RequestContext& ctx) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return errorResponse(400, body.error().code, body.error().describe());
    json::ObjectReader reader(*body, "");
    std::string campaign;
    if (const bj::value* v = reader.required("campaign"))
        reader.take(json::readString(*v, "campaign", 64, true), campaign);
    if (auto s = reader.finish(); !s)
        return errorResponse(422, s.error().code, s.error().describe());
    auto published = publishPublicSummary(ctx.store, campaign, ctx.nowMs, serverPopulation());
    if (!published) {
        if (published.error().code == "unknown_campaign")
            return errorResponse(404, "unknown_campaign", published.error().describe());
        return fail(published.error());
    }
    bj::object answer{{"kind", "public_summary"},
                      {"id", published->recordId},
                      {"rev", published->rev},
                      {"body", json::parse(published->body).value()}};
    return jsonResponse(200, bj::serialize(answer));
}

} // namespace td::server
