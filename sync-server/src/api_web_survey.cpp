#include "api_web_survey.hpp"

#include "api_records.hpp"
#include "td/sync/protocol.hpp"

#include <algorithm>

namespace td::server {
namespace {

// What a resident may see of a campaign: no retention dates, no other campaigns' codes.
boost::json::object publicCampaign(const model::Campaign& c) {
    boost::json::object o;
    o["id"] = c.id;
    o["name"] = model::encode(c.name);
    o["survey_id"] = c.surveyId;
    o["survey_version"] = c.surveyVersion;
    o["period_start"] = c.periodStart;
    o["period_end"] = c.periodEnd;
    o["public_code"] = c.publicCode;
    o["status"] = model::toString(c.status);
    return o;
}

} // namespace

HttpResponse getWebSurvey(RequestContext& ctx) {
    const std::string& code = ctx.param("code");
    auto campaignId = ctx.store.findCampaignByCode(code);
    if (!campaignId)
        return fail(campaignId.error());
    const auto unknown = [] {
        return errorResponse(404, "unknown_campaign", "no survey has this code");
    };
    if (!*campaignId)
        return unknown();
    auto campaign = loadRecord<model::Campaign>(ctx.store, "campaign", **campaignId);
    if (!campaign)
        return fail(campaign.error());
    if (!*campaign)
        return unknown();
    const model::Campaign& c = **campaign;
    if (std::find(c.channels.begin(), c.channels.end(), model::Channel::Web) == c.channels.end())
        return errorResponse(404, "not_on_web", "this survey is not answered on the web");
    if (c.status != model::CampaignStatus::Open) {
        boost::json::object o;
        const bool closing = c.status == model::CampaignStatus::Closing;
        o["error"] = {{"code", "campaign_closed"},
                      {"message", closing ? "the survey is closing: no new responses are started"
                                          : "the survey has closed"}};
        o["campaign"] = publicCampaign(c);
        return jsonResponse(410, boost::json::serialize(o));
    }
    auto survey = ctx.store.getRecord("survey", sync::surveyRecordId(c.surveyId, c.surveyVersion));
    if (!survey)
        return fail(survey.error());
    if (!*survey)
        return fail(makeError("internal_error", "the campaign's survey is not published"));
    auto places = ctx.store.listRecords("place");
    if (!places)
        return fail(places.error());
    // The stored bodies are canonical JSON already; they are spliced in as they are. Retired
    // places are not offered for new answers.
    std::string body = "{\"campaign\":" + boost::json::serialize(publicCampaign(c)) +
                       ",\"survey\":" + (*survey)->body + ",\"places\":[";
    bool first = true;
    for (const auto& record : *places) {
        auto place = model::fromJsonText<model::Place>(record.body);
        if (place && place->retired())
            continue;
        if (!first)
            body += ',';
        first = false;
        body += record.body;
    }
    body += "]}";
    return jsonResponse(200, std::move(body));
}

} // namespace td::server
