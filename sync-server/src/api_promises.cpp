// Coordinator endpoints for the agreement, the citizen promises and the yearly written
// assessments (server-only records of kind `promise_assessment`).
#include "api_followup.hpp"
#include "api_records.hpp"
#include "td/core/json.hpp"
#include "td/core/uuid.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>

namespace td::server {
namespace {

namespace bj = boost::json;

constexpr std::string_view kAssessmentKind = "promise_assessment";
constexpr std::size_t kMaxAssessmentChars = 4000;

// Checks a promise: the validator, then that its indicators' baseline campaigns exist.
std::optional<HttpResponse> checkPromise(RequestContext& ctx, const model::Promise& p) {
    if (auto issues = model::validatePromise(p); !issues.empty())
        return issuesResponse(issues);
    for (std::size_t i = 0; i < p.indicators.size(); ++i) {
        const auto& baseline = p.indicators[i].baselineCampaignId;
        if (!baseline)
            continue;
        auto found = ctx.store.getRecord("campaign", *baseline);
        if (!found)
            return fail(found.error());
        if (!*found) {
            return issuesResponse({{"indicators[" + std::to_string(i) + "].baseline_campaign_id",
                                    "unknown_campaign", "no campaign " + *baseline}});
        }
    }
    return std::nullopt;
}

HttpResponse savePromise(RequestContext& ctx, const model::Promise& p, int status) {
    const std::string body = canonical(p);
    auto rev = ctx.store.putRecord("promise", p.id, body, serverHlc(ctx.nowMs));
    if (!rev)
        return fail(rev.error());
    return recordResponse(status, body);
}

Result<std::int64_t> parseYear(const std::string& text) {
    std::int64_t year = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc() || end != text.data() + text.size() || text.size() != 4 || year < 2000)
        return makeError("invalid_parameter", "year: expected a year YYYY, got '" + text + "'");
    return year;
}

} // namespace

HttpResponse getAgreement(RequestContext& ctx) {
    auto agreement = currentAgreement(ctx.store);
    if (!agreement)
        return fail(agreement.error());
    if (!*agreement)
        return errorResponse(404, "not_found", "no agreement has been stored");
    return recordResponse(200, canonical(**agreement));
}

HttpResponse putAgreement(RequestContext& ctx) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return errorResponse(400, body.error().code, body.error().describe());
    bj::object& o = body->as_object();
    if (!o.contains("id")) {
        auto current = currentAgreement(ctx.store);
        if (!current)
            return fail(current.error());
        o["id"] = *current ? (*current)->id : newUuidV7().toString();
    }
    auto decoded = model::decode<model::Agreement>(*body);
    if (!decoded)
        return errorResponse(422, decoded.error().code, decoded.error().describe());
    if (auto issues = model::validateAgreement(*decoded); !issues.empty())
        return issuesResponse(issues);
    const std::string text = canonical(*decoded);
    auto rev = ctx.store.putRecord("agreement", decoded->id, text, serverHlc(ctx.nowMs));
    if (!rev)
        return fail(rev.error());
    return recordResponse(200, text);
}

HttpResponse listPromises(RequestContext& ctx) {
    auto records = ctx.store.listRecords("promise");
    if (!records)
        return fail(records.error());
    std::string body = "{\"promises\":[";
    for (std::size_t i = 0; i < records->size(); ++i) {
        if (i)
            body += ',';
        body += (*records)[i].body;
    }
    body += "]}";
    return jsonResponse(200, std::move(body));
}

HttpResponse createPromise(RequestContext& ctx) {
    model::Promise p;
    if (auto bad = decodeBody(ctx, p))
        return std::move(*bad);
    if (auto bad = checkPromise(ctx, p))
        return std::move(*bad);
    auto existing = ctx.store.getRecord("promise", p.id);
    if (!existing)
        return fail(existing.error());
    if (*existing)
        return errorResponse(409, "already_exists", "promise " + p.id + " exists");
    return savePromise(ctx, p, 201);
}

HttpResponse getPromise(RequestContext& ctx) {
    auto rec = ctx.store.getRecord("promise", ctx.param("id"));
    if (!rec)
        return fail(rec.error());
    if (!*rec)
        return errorResponse(404, "not_found", "no promise " + ctx.param("id"));
    return recordResponse(200, (*rec)->body);
}

HttpResponse updatePromise(RequestContext& ctx) {
    model::Promise p;
    if (auto bad = decodeBody(ctx, p))
        return std::move(*bad);
    if (p.id != ctx.param("id"))
        return errorResponse(422, "id_mismatch", "the body's id differs from the path's");
    auto existing = ctx.store.getRecord("promise", p.id);
    if (!existing)
        return fail(existing.error());
    if (!*existing)
        return errorResponse(404, "not_found", "no promise " + p.id);
    if (auto bad = checkPromise(ctx, p))
        return std::move(*bad);
    return savePromise(ctx, p, 200);
}

HttpResponse putAssessment(RequestContext& ctx) {
    const std::string& promiseId = ctx.param("id");
    auto year = parseYear(ctx.param("year"));
    if (!year)
        return errorResponse(400, year.error().code, year.error().message);
    auto body = parseJsonBody(ctx);
    if (!body)
        return errorResponse(400, body.error().code, body.error().describe());
    td::json::ObjectReader reader(*body, "");
    std::string text;
    if (const bj::value* v = reader.required("text"))
        reader.take(td::json::readString(*v, "text", kMaxAssessmentChars, false), text);
    if (Status s = reader.finish(); !s)
        return errorResponse(422, s.error().code, s.error().describe());
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return errorResponse(422, "blank_text", "text: the assessment must not be blank");
    auto promise = ctx.store.getRecord("promise", promiseId);
    if (!promise)
        return fail(promise.error());
    if (!*promise)
        return errorResponse(404, "not_found", "no promise " + promiseId);
    const bj::object record{{"promise_id", promiseId},
                            {"year", *year},
                            {"text", text},
                            {"updated_at", isoTime(ctx.nowMs)}};
    const std::string serialized = bj::serialize(record);
    auto rev = ctx.store.putRecord(kAssessmentKind, promiseId + "@" + std::to_string(*year),
                                   serialized, serverHlc(ctx.nowMs), store::Visibility{});
    if (!rev)
        return fail(rev.error());
    return jsonResponse(200, serialized);
}

} // namespace td::server
