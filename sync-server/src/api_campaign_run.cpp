// Coordinator endpoints for a running campaign: its poster (the resident link and its QR
// code) and how its responses arrive, per channel and per day.
#include "api_records.hpp"
#include "qr_svg.hpp"
#include "td/core/calendar.hpp"
#include "td/model/campaign.hpp"
#include "td/model/survey.hpp"
#include "td/sync/protocol.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

namespace td::server {
namespace {

Result<model::Campaign> campaignOf(RequestContext& ctx) {
    auto current = loadRecord<model::Campaign>(ctx.store, "campaign", ctx.param("id"));
    if (!current)
        return current.error();
    if (!*current)
        return makeError("not_found", "no campaign " + ctx.param("id"));
    return std::move(**current);
}

HttpResponse campaignFailure(const Error& e) {
    return e.code == "not_found" ? errorResponse(404, e.code, e.message) : fail(e);
}

// Unix milliseconds of an ISO hour "YYYY-MM-DDTHH" (UTC); nullopt when malformed.
std::optional<std::int64_t> hourStartMs(const std::string& hour) {
    using namespace std::chrono;
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    int h = 0;
    if (hour.size() != 13 || std::sscanf(hour.c_str(), "%4d-%2u-%2uT%2d", &y, &m, &d, &h) != 4)
        return std::nullopt;
    const year_month_day date{year{y}, month{m}, day{d}};
    if (!date.ok() || h < 0 || h > 23)
        return std::nullopt;
    return duration_cast<milliseconds>((sys_days{date} + hours{h}).time_since_epoch()).count();
}

} // namespace

HttpResponse campaignPoster(RequestContext& ctx) {
    auto c = campaignOf(ctx);
    if (!c)
        return campaignFailure(c.error());
    const bool onWeb =
        std::find(c->channels.begin(), c->channels.end(), model::Channel::Web) != c->channels.end();
    if (!onWeb || c->publicCode.empty())
        return errorResponse(
            409, "no_public_link",
            "campaign " + c->id +
                " has no resident link: give it the web channel and a public code");
    const std::string origin = linkOrigin(ctx);
    if (origin.empty())
        return errorResponse(400, "no_origin",
                             "the server's address is unknown: pass ?origin=https://host");
    auto survey = loadRecord<model::Survey>(ctx.store, "survey",
                                            sync::surveyRecordId(c->surveyId, c->surveyVersion));
    if (!survey)
        return fail(survey.error());
    const std::string link = origin + "/s/" + c->publicCode;
    boost::json::object o{{"campaign_id", c->id},
                          {"name", model::encode(c->name)},
                          {"status", model::toString(c->status)},
                          {"period_start", c->periodStart},
                          {"period_end", c->periodEnd},
                          {"public_code", c->publicCode},
                          {"link", link},
                          {"qr_svg", qrSvg(link)}};
    if (*survey) {
        o["survey_title"] = model::encode((*survey)->title);
        if ((*survey)->intro)
            o["survey_intro"] = model::encode(*(*survey)->intro);
    }
    return jsonResponse(200, boost::json::serialize(o));
}

HttpResponse campaignCounts(RequestContext& ctx) {
    auto c = campaignOf(ctx);
    if (!c)
        return campaignFailure(c.error());
    auto hours = ctx.store.responseCountsByHour(c->id);
    if (!hours)
        return fail(hours.error());
    std::map<std::string, std::int64_t> channels;
    for (auto ch : c->channels)
        channels[std::string(model::toString(ch))] = 0;
    // Swedish calendar days, from the hours the responses were submitted in.
    std::map<std::string, std::map<std::string, std::int64_t>> days;
    std::int64_t total = 0;
    std::int64_t undated = 0;
    for (const auto& h : *hours) {
        channels[h.channel] += h.responses;
        total += h.responses;
        if (auto ms = hourStartMs(h.hour))
            days[swedishDate(*ms)][h.channel] += h.responses;
        else
            undated += h.responses;
    }
    boost::json::object byChannel;
    for (const auto& [ch, n] : channels)
        byChannel[ch] = n;
    boost::json::array byDay;
    for (const auto& [date, counts] : days) {
        boost::json::object perChannel;
        std::int64_t dayTotal = 0;
        for (const auto& [ch, n] : counts) {
            perChannel[ch] = n;
            dayTotal += n;
        }
        byDay.push_back({{"date", date}, {"total", dayTotal}, {"channels", perChannel}});
    }
    boost::json::object o{{"campaign_id", c->id},
                          {"status", model::toString(c->status)},
                          {"total", total},
                          {"channels", byChannel},
                          {"days", byDay},
                          {"undated", undated},
                          {"today", swedishDate(ctx.nowMs)}};
    return jsonResponse(200, boost::json::serialize(o));
}

} // namespace td::server
