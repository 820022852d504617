// Coordinator endpoints for retention: every campaign's retention state, and the purge of one
// campaign (docs/retention.md).
#include "api_context.hpp"
#include "retention.hpp"
#include "td/core/json.hpp"

#include <boost/json/serialize.hpp>

namespace td::server {

HttpResponse retentionList(RequestContext& ctx) {
    const std::string today = swedishDate(ctx.nowMs);
    auto status = retentionStatus(ctx.store, today);
    if (!status)
        return fail(status.error());
    boost::json::array campaigns;
    for (const CampaignRetention& r : *status) {
        const model::Campaign& c = r.campaign;
        campaigns.push_back(
            boost::json::object{{"id", c.id},
                                {"name", boost::json::object{{"sv", c.name.sv}, {"en", c.name.en}}},
                                {"status", model::toString(c.status)},
                                {"period_end", c.periodEnd},
                                {"free_text_until", r.freeTextUntil},
                                {"free_text_until_set", c.retainFreeTextUntil.has_value()},
                                {"responses_until", r.responsesUntil},
                                {"responses_until_set", c.retainResponsesUntil.has_value()},
                                {"responses", r.responses},
                                {"free_text_remaining", r.freeTextRemaining},
                                {"aggregated", r.aggregated},
                                {"free_text_due", r.freeTextDue},
                                {"responses_due", r.responsesDue}});
    }
    HttpResponse res =
        jsonResponse(200, boost::json::serialize(boost::json::object{
                              {"today", today}, {"campaigns", std::move(campaigns)}}));
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

HttpResponse postCampaignPurge(RequestContext& ctx) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return errorResponse(400, body.error().code, body.error().describe());
    json::ObjectReader r(*body, "");
    std::size_t scopeIndex = 0;
    std::string confirm;
    if (auto* v = r.required("scope"))
        r.take(json::readOneOf(*v, "scope", {"free_text_now", "due"}), scopeIndex);
    if (auto* v = r.required("confirm"))
        r.take(json::readString(*v, "confirm", 200), confirm);
    if (auto s = r.finish(); !s)
        return errorResponse(400, s.error().code, s.error().describe());
    const std::string& id = ctx.param("id");
    if (confirm != id)
        return errorResponse(422, "confirmation_mismatch",
                             "confirm must repeat the campaign id " + id);
    const PurgeScope scope = scopeIndex == 0 ? PurgeScope::FreeTextNow : PurgeScope::Due;
    auto report = server::purgeCampaign(ctx.store, id, scope, swedishDate(ctx.nowMs), ctx.nowMs);
    if (!report) {
        const Error& e = report.error();
        if (e.code == "not_found")
            return errorResponse(404, e.code, e.describe());
        if (e.code == "campaign_open")
            return errorResponse(409, e.code, e.describe());
        return fail(e);
    }
    boost::json::object o{{"campaign_id", id},
                          {"free_text_emptied", report->freeTextEmptied},
                          {"responses_removed", report->responsesRemoved},
                          {"checkpointed", report->checkpointed}};
    ctx.audit.detail = o;
    ctx.audit.detail.erase("campaign_id");
    ctx.audit.detail["scope"] = scopeIndex == 0 ? "free_text_now" : "due";
    return jsonResponse(200, boost::json::serialize(o));
}

} // namespace td::server
