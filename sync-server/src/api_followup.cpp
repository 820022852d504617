// The yearly follow-up of the citizen promises: JSON for the printable report and CSV of the
// figures. Method and formats: docs/promises.md.
#include "api_followup.hpp"

#include "api_picture.hpp"
#include "td/model/codec.hpp"
#include "td/server/query.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace td::server {
namespace {

namespace json = boost::json;

std::int64_t yearOf(std::string_view date) {
    std::int64_t year = 0;
    if (date.size() >= 4)
        std::from_chars(date.data(), date.data() + 4, year);
    return year;
}

std::int64_t utcYear(std::int64_t nowMs) {
    std::time_t secs = static_cast<std::time_t>(nowMs / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return tm.tm_year + 1900;
}

json::value textJson(const model::Text& t) {
    return json::object{{"sv", t.sv}, {"en", t.en}};
}

json::value optNumber(const std::optional<double>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

json::value optBool(const std::optional<bool>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

json::object measureJson(const model::Measure& m) {
    return json::object{{"id", m.id},
                        {"title", m.title},
                        {"status", model::toString(m.status)},
                        {"responsible_party", model::toString(m.responsibleParty)},
                        {"priority", model::toString(m.priority)},
                        {"deadline", m.deadline ? json::value(*m.deadline) : json::value(nullptr)}};
}

json::object indicatorJson(const picture::IndicatorFollowUp& i) {
    return json::object{
        {"id", i.id},
        {"kind", model::toString(i.kind)},
        {"label", textJson(i.label)},
        {"target_direction", model::toString(i.targetDirection)},
        {"baseline", figureJson(i.baseline)},
        {"current", figureJson(i.current)},
        {"difference", optNumber(i.difference)},
        {"difference_ci",
         i.differenceCi ? json::value{{"low", i.differenceCi->low}, {"high", i.differenceCi->high}}
                        : json::value(nullptr)},
        {"p_value", optNumber(i.pValue)},
        {"p_adjusted", optNumber(i.pAdjusted)},
        {"significant", optBool(i.significant)},
        {"on_track", optBool(i.onTrack)}};
}

// The written assessment of a promise for a year, or null.
Result<json::value> assessmentJson(store::ServerStore& store, const std::string& promiseId,
                                   std::int64_t year) {
    auto rec = store.getRecord("promise_assessment", promiseId + "@" + std::to_string(year));
    if (!rec)
        return rec.error();
    if (!*rec)
        return json::value(nullptr);
    auto parsed = json::parse((*rec)->body);
    const json::object& o = parsed.as_object();
    return json::value{{"text", o.at("text")}, {"updated_at", o.at("updated_at")}};
}

Result<json::object> followUpJson(store::ServerStore& store, const FollowUpData& data,
                                  std::int64_t year) {
    json::array promises;
    for (const auto& [promise, followUps] : followUpAll(data, year)) {
        const model::Promise& p = *promise;
        const picture::ActivityProgress progress = picture::activityProgress(p);
        json::array indicators;
        for (const auto& i : followUps)
            indicators.push_back(indicatorJson(i));
        json::array measures;
        for (const auto& m : data.measures)
            if (picture::belongsTo(m, p))
                measures.push_back(measureJson(m));
        auto assessment = assessmentJson(store, p.id, year);
        if (!assessment)
            return assessment.error();
        promises.push_back(json::object{{"promise", model::encode(p)},
                                        {"activities",
                                         {{"planned", progress.planned},
                                          {"ongoing", progress.ongoing},
                                          {"done", progress.done},
                                          {"cancelled", progress.cancelled}}},
                                        {"indicators", std::move(indicators)},
                                        {"measures", std::move(measures)},
                                        {"assessment", std::move(*assessment)}});
    }
    return json::object{
        {"year", year},
        {"agreement", data.agreement ? model::encode(*data.agreement) : json::value(nullptr)},
        {"k", picture::kDefaultMinCell},
        {"promises", std::move(promises)}};
}

HttpResponse privateResponse(std::string contentType, std::string body) {
    HttpResponse r;
    r.contentType = std::move(contentType);
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

std::string numberCell(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

// Value and n cells of a figure: empty when absent, the text "suppressed" when suppressed.
std::pair<std::string, std::string> figureCells(const std::optional<picture::FollowUpFigure>& f) {
    if (!f)
        return {"", ""};
    if (f->suppressed)
        return {"suppressed", "suppressed"};
    return {numberCell(f->value), f->n ? std::to_string(*f->n) : std::string()};
}

std::string campaignCell(const std::optional<picture::FollowUpFigure>& f) {
    return f && f->campaignId ? csvCell(*f->campaignId) : std::string();
}

std::string boolCell(const std::optional<bool>& b) {
    return b ? (*b ? "true" : "false") : "";
}

} // namespace

std::int64_t defaultFollowUpYear(const FollowUpData& data, std::int64_t nowMs) {
    std::int64_t newest = 0;
    for (const auto& c : data.picture->campaigns())
        newest = std::max(newest, c.campaign.year);
    for (const auto& w : data.picture->walks())
        newest = std::max(newest, yearOf(w.date));
    if (newest == 0)
        newest = utcYear(nowMs);
    if (data.agreement) {
        const model::YearRange years = model::coveredYears(*data.agreement);
        newest = std::clamp<std::int64_t>(newest, years.fromYear, years.toYear);
    }
    return newest;
}

Result<std::int64_t> followUpYear(const RequestContext& ctx, const FollowUpData& data) {
    auto query = parseQuery(ctx.request.query);
    if (!query)
        return query.error();
    auto it = query->find("year");
    if (it == query->end() || it->second.empty())
        return defaultFollowUpYear(data, ctx.nowMs);
    std::int64_t year = 0;
    const std::string& text = it->second;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc() || end != text.data() + text.size() || text.size() != 4 || year < 2000)
        return makeError("invalid_parameter", "year: expected a year YYYY, got '" + text + "'");
    if (data.agreement && !model::coveredYears(*data.agreement).contains(static_cast<int>(year)))
        return makeError("year_out_of_range", "year " + text + " lies outside the agreement " +
                                                  data.agreement->period.from + " – " +
                                                  data.agreement->period.to);
    return year;
}

bool promiseActiveIn(const model::Promise& p, const FollowUpData& data, std::int64_t year) {
    if (year < p.period.fromYear)
        return false;
    if (year <= p.period.toYear)
        return true;
    return data.agreement && data.agreement->continuesUntilReplaced &&
           model::coveredYears(*data.agreement).contains(static_cast<int>(year));
}

json::value figureJson(const std::optional<picture::FollowUpFigure>& f) {
    if (!f)
        return nullptr;
    json::object o;
    if (f->campaignId)
        o["campaign_id"] = *f->campaignId;
    const bool share = f->n.has_value() || (f->suppressed && f->campaignId);
    if (share)
        o["label"] = textJson(f->label);
    o["suppressed"] = f->suppressed;
    if (f->suppressed)
        return o;
    o["value"] = f->value;
    if (f->n) {
        o["n"] = *f->n;
        o["weighted"] = true;
        o["year"] = f->year;
        o["ci_low"] = f->ci ? f->ci->low : 0.0;
        o["ci_high"] = f->ci ? f->ci->high : 0.0;
        o["se"] = f->se.value_or(0.0);
    }
    return o;
}

PromiseFollowUps followUpAll(const FollowUpData& data, std::int64_t year) {
    PromiseFollowUps out;
    std::vector<picture::IndicatorFollowUp*> tests;
    for (const auto& p : data.promises) {
        if (!promiseActiveIn(p, data, year))
            continue;
        std::vector<picture::IndicatorFollowUp> indicators;
        for (const auto& i : p.indicators)
            indicators.push_back(
                picture::followUpIndicator(*data.picture, p, i, year, data.measures));
        out.emplace_back(&p, std::move(indicators));
    }
    for (auto& [promise, indicators] : out)
        for (auto& i : indicators)
            tests.push_back(&i);
    picture::adjustFollowUps(tests);
    return out;
}

HttpResponse getFollowUp(RequestContext& ctx) {
    auto data = cachedFollowUpData(ctx.store);
    if (!data)
        return fail(data.error());
    auto year = followUpYear(ctx, **data);
    if (!year)
        return errorResponse(400, year.error().code, year.error().message);
    auto body = followUpJson(ctx.store, **data, *year);
    if (!body)
        return fail(body.error());
    return privateResponse("application/json", json::serialize(*body));
}

HttpResponse exportFollowUpCsv(RequestContext& ctx) {
    auto data = cachedFollowUpData(ctx.store);
    if (!data)
        return fail(data.error());
    auto year = followUpYear(ctx, **data);
    if (!year)
        return errorResponse(400, year.error().code, year.error().message);
    std::string out = "\xEF\xBB\xBF"
                      "promise_id,focus_area,indicator_id,kind,baseline_campaign,baseline_value,"
                      "baseline_n,current_campaign,current_value,current_n,difference,p_value,"
                      "p_adjusted,significant,on_track\r\n";
    for (const auto& [promise, followUps] : followUpAll(**data, *year)) {
        const model::Promise& p = *promise;
        for (const auto& i : followUps) {
            const auto [baseValue, baseN] = figureCells(i.baseline);
            const auto [curValue, curN] = figureCells(i.current);
            const std::string cells[] = {csvCell(p.id),
                                         csvCell(model::toString(p.focusArea)),
                                         csvCell(i.id),
                                         csvCell(model::toString(i.kind)),
                                         campaignCell(i.baseline),
                                         baseValue,
                                         baseN,
                                         campaignCell(i.current),
                                         curValue,
                                         curN,
                                         i.difference ? numberCell(*i.difference) : "",
                                         i.pValue ? numberCell(*i.pValue) : "",
                                         i.pAdjusted ? numberCell(*i.pAdjusted) : "",
                                         boolCell(i.significant),
                                         boolCell(i.onTrack)};
            for (std::size_t c = 0; c < std::size(cells); ++c) {
                if (c)
                    out += ',';
                out += cells[c];
            }
            out += "\r\n";
        }
    }
    auto r = privateResponse("text/csv; charset=utf-8", std::move(out));
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"follow-up-" + std::to_string(*year) + ".csv\"");
    return r;
}

} // namespace td::server
