// Coordinator endpoints for campaigns (open/close, public codes) and the place registry.
#include "api_records.hpp"
#include "retention.hpp"
#include "td/sync/protocol.hpp"

#include <boost/json/parse.hpp>
#include <mutex>
#include <variant>

namespace td::server {
namespace {

// How long a closing campaign takes responses that devices queued offline, unless the
// coordinator says otherwise.
constexpr std::int64_t kDefaultGraceDays = 14;
constexpr std::int64_t kMaxGraceDays = 90;

HttpResponse listOf(RequestContext& ctx, std::string_view kind, std::string_view key) {
    auto records = ctx.store.listRecords(kind);
    if (!records)
        return fail(records.error());
    std::string body = "{\"";
    body += key;
    body += "\":[";
    for (std::size_t i = 0; i < records->size(); ++i) {
        if (i)
            body += ',';
        body += (*records)[i].body;
    }
    body += "]}";
    return jsonResponse(200, std::move(body));
}

HttpResponse getOne(RequestContext& ctx, std::string_view kind) {
    auto rec = ctx.store.getRecord(kind, ctx.param("id"));
    if (!rec)
        return fail(rec.error());
    if (!*rec)
        return errorResponse(404, "not_found", "no " + std::string(kind) + " " + ctx.param("id"));
    return recordResponse(200, (*rec)->body);
}

// Checks a campaign against the published surveys and the other campaigns' public codes.
std::optional<HttpResponse> checkCampaign(RequestContext& ctx, const model::Campaign& c) {
    if (auto issues = model::validateCampaign(c); !issues.empty())
        return issuesResponse(issues);
    auto survey = ctx.store.getRecord("survey", sync::surveyRecordId(c.surveyId, c.surveyVersion));
    if (!survey)
        return fail(survey.error());
    if (!*survey)
        return errorResponse(422, "unknown_survey",
                             "survey " + c.surveyId + " version " +
                                 std::to_string(c.surveyVersion) + " is not published");
    if (!c.publicCode.empty()) {
        auto owner = ctx.store.findCampaignByCode(c.publicCode);
        if (!owner)
            return fail(owner.error());
        if (*owner && **owner != c.id)
            return errorResponse(409, "code_taken",
                                 "public code " + c.publicCode + " belongs to another campaign");
    }
    return std::nullopt;
}

// 409 when `c` would reopen a campaign whose responses the retention purge replaced by its
// aggregates (its picture could not take new responses beside them).
std::optional<HttpResponse> refuseReopening(RequestContext& ctx, const model::Campaign& c) {
    if (c.status != model::CampaignStatus::Open)
        return std::nullopt;
    auto aggregate = ctx.store.getRecord("campaign_aggregate", aggregateRecordId(c.id));
    if (!aggregate)
        return fail(aggregate.error());
    if (*aggregate)
        return errorResponse(409, "campaign_aggregated",
                             "campaign " + c.id +
                                 "'s responses were removed under its retention rules; it "
                                 "cannot be opened again");
    return std::nullopt;
}

// Stores a campaign and moves its public code from `previous` if it changed.
HttpResponse saveCampaign(RequestContext& ctx, const model::Campaign& c,
                          const std::string& previousCode, int status) {
    auto body = canonical(c);
    auto rev = ctx.store.putRecord("campaign", c.id, body, serverHlc(ctx.nowMs));
    if (!rev)
        return fail(rev.error());
    if (previousCode != c.publicCode && !previousCode.empty())
        if (auto s = ctx.store.removeCampaignCode(previousCode); !s)
            return fail(s.error());
    if (!c.publicCode.empty())
        if (auto s = ctx.store.setCampaignCode(c.publicCode, c.id, ctx.nowMs); !s)
            return fail(s.error());
    return recordResponse(status, body);
}

// Moves the campaign to `status`; `acceptQueuedUntil` is the grace period's last day when
// it begins closing, and unset otherwise.
HttpResponse setStatus(RequestContext& ctx, model::CampaignStatus status,
                       std::optional<std::string> acceptQueuedUntil = std::nullopt) {
    auto current = loadRecord<model::Campaign>(ctx.store, "campaign", ctx.param("id"));
    if (!current)
        return fail(current.error());
    if (!*current)
        return errorResponse(404, "not_found", "no campaign " + ctx.param("id"));
    model::Campaign c = std::move(**current);
    if (c.status == status && c.acceptQueuedUntil == acceptQueuedUntil)
        return recordResponse(200, canonical(c));
    if (status == model::CampaignStatus::Closing && c.status == model::CampaignStatus::Closed)
        return errorResponse(409, "campaign_closed",
                             "campaign " + c.id + " is closed; open it before it can close again");
    c.status = status;
    c.acceptQueuedUntil = std::move(acceptQueuedUntil);
    if (auto refused = refuseReopening(ctx, c))
        return std::move(*refused);
    return saveCampaign(ctx, c, c.publicCode, 200);
}

} // namespace

HttpResponse listCampaigns(RequestContext& ctx) {
    return listOf(ctx, "campaign", "campaigns");
}

HttpResponse createCampaign(RequestContext& ctx) {
    model::Campaign c;
    if (auto bad = decodeBody(ctx, c))
        return std::move(*bad);
    if (auto bad = checkCampaign(ctx, c))
        return std::move(*bad);
    auto existing = ctx.store.getRecord("campaign", c.id);
    if (!existing)
        return fail(existing.error());
    if (*existing)
        return errorResponse(409, "already_exists", "campaign " + c.id + " exists");
    ctx.audit.target = c.id;
    return saveCampaign(ctx, c, {}, 201);
}

HttpResponse getCampaign(RequestContext& ctx) {
    return getOne(ctx, "campaign");
}

HttpResponse updateCampaign(RequestContext& ctx) {
    model::Campaign c;
    if (auto bad = decodeBody(ctx, c))
        return std::move(*bad);
    if (c.id != ctx.param("id"))
        return errorResponse(422, "id_mismatch", "the body's id differs from the path's");
    auto current = loadRecord<model::Campaign>(ctx.store, "campaign", c.id);
    if (!current)
        return fail(current.error());
    if (!*current)
        return errorResponse(404, "not_found", "no campaign " + c.id);
    if (auto bad = checkCampaign(ctx, c))
        return std::move(*bad);
    if (auto refused = refuseReopening(ctx, c))
        return std::move(*refused);
    return saveCampaign(ctx, c, (*current)->publicCode, 200);
}

HttpResponse openCampaign(RequestContext& ctx) {
    return setStatus(ctx, model::CampaignStatus::Open);
}

HttpResponse closeCampaign(RequestContext& ctx) {
    return setStatus(ctx, model::CampaignStatus::Closed);
}

HttpResponse closingCampaign(RequestContext& ctx) {
    std::int64_t graceDays = kDefaultGraceDays;
    if (!ctx.request.body.empty()) {
        auto body = parseJsonBody(ctx);
        if (!body)
            return errorResponse(400, body.error().code, body.error().describe());
        const auto* o = body->if_object();
        const auto* days = o ? o->if_contains("grace_days") : nullptr;
        if (!o || (days && !days->is_int64()))
            return errorResponse(422, "invalid_grace_days",
                                 "expected {\"grace_days\": a whole number of days}");
        if (days)
            graceDays = days->as_int64();
    }
    if (graceDays < 0 || graceDays > kMaxGraceDays)
        return errorResponse(422, "invalid_grace_days",
                             "grace_days must be between 0 and " + std::to_string(kMaxGraceDays));
    ctx.audit.detail["grace_days"] = graceDays;
    return setStatus(ctx, model::CampaignStatus::Closing,
                     addDays(swedishDate(ctx.nowMs), static_cast<int>(graceDays)));
}

HttpResponse listPlaces(RequestContext& ctx) {
    return listOf(ctx, "place", "places");
}

namespace {

// Place writes check and store under one lock, so that an If-Match is decided against the
// revision the write replaces (one server process per database; see docs/model.md).
std::mutex g_placeWrites;

// The entity tag of a place's revision: a strong tag, the revision in quotes.
std::string placeTag(std::int64_t rev) {
    return "\"" + std::to_string(rev) + "\"";
}

HttpResponse placeResponse(int status, const std::string& body, std::int64_t rev) {
    HttpResponse r = recordResponse(status, body);
    r.headers.emplace_back("ETag", placeTag(rev));
    return r;
}

HttpResponse putPlace(RequestContext& ctx, const model::Place& p, int status) {
    auto rev = ctx.store.putRecord("place", p.id, canonical(p), serverHlc(ctx.nowMs));
    if (!rev)
        return fail(rev.error());
    return placeResponse(status, canonical(p), *rev);
}

HttpResponse retiredAtRefused() {
    return errorResponse(422, "read_only_field",
                         "retired_at is set by POST /api/v1/places/{id}/retire and cleared by "
                         "POST /api/v1/places/{id}/reinstate");
}

// The stored place `id` for a write under g_placeWrites, or the answer refusing the write:
// 404 when there is none, 412 when the request's If-Match (the revision the client read, its
// ETag) is older. Without If-Match the write is unconditional.
std::variant<model::Place, HttpResponse> readForWrite(RequestContext& ctx, const std::string& id) {
    auto existing = ctx.store.getRecord("place", id);
    if (!existing)
        return fail(existing.error());
    if (!*existing)
        return errorResponse(404, "not_found", "no place " + id);
    const std::string_view ifMatch = ctx.request.header("if-match");
    if (!ifMatch.empty() && ifMatch != "*" && ifMatch != placeTag((*existing)->rev)) {
        HttpResponse r = errorResponse(412, "stale_revision",
                                       "place " + id + " changed since it was read (now revision " +
                                           std::to_string((*existing)->rev) +
                                           "); read it again and redo the change");
        r.headers.emplace_back("ETag", placeTag((*existing)->rev));
        return r;
    }
    auto place = model::fromJsonText<model::Place>((*existing)->body);
    if (!place)
        return fail(place.error());
    return std::move(place).value();
}

// Retires the place in the path (stamping when) or reinstates it.
HttpResponse setRetired(RequestContext& ctx, bool retire) {
    const std::string id = ctx.param("id");
    std::lock_guard lock(g_placeWrites);
    auto current = readForWrite(ctx, id);
    if (auto* refused = std::get_if<HttpResponse>(&current))
        return std::move(*refused);
    model::Place& p = std::get<model::Place>(current);
    if (retire && p.retiredAt)
        return errorResponse(409, "already_retired",
                             "place " + id + " was retired at " + *p.retiredAt);
    if (!retire && !p.retiredAt)
        return errorResponse(409, "not_retired", "place " + id + " is in service");
    if (retire)
        p.retiredAt = isoTime(ctx.nowMs);
    else
        p.retiredAt.reset();
    return putPlace(ctx, p, 200);
}

} // namespace

HttpResponse createPlace(RequestContext& ctx) {
    model::Place p;
    if (auto bad = decodeBody(ctx, p))
        return std::move(*bad);
    if (auto issues = model::validatePlace(p); !issues.empty())
        return issuesResponse(issues);
    if (p.retiredAt)
        return retiredAtRefused();
    ctx.audit.target = p.id;
    std::lock_guard lock(g_placeWrites);
    auto existing = ctx.store.getRecord("place", p.id);
    if (!existing)
        return fail(existing.error());
    if (*existing)
        return errorResponse(409, "already_exists", "place " + p.id + " exists");
    return putPlace(ctx, p, 201);
}

HttpResponse getPlace(RequestContext& ctx) {
    auto rec = ctx.store.getRecord("place", ctx.param("id"));
    if (!rec)
        return fail(rec.error());
    if (!*rec)
        return errorResponse(404, "not_found", "no place " + ctx.param("id"));
    return placeResponse(200, (*rec)->body, (*rec)->rev);
}

HttpResponse updatePlace(RequestContext& ctx) {
    model::Place p;
    if (auto bad = decodeBody(ctx, p))
        return std::move(*bad);
    if (p.id != ctx.param("id"))
        return errorResponse(422, "id_mismatch", "the body's id differs from the path's");
    if (auto issues = model::validatePlace(p); !issues.empty())
        return issuesResponse(issues);
    std::lock_guard lock(g_placeWrites);
    auto current = readForWrite(ctx, p.id);
    if (auto* refused = std::get_if<HttpResponse>(&current))
        return std::move(*refused);
    const model::Place& stored = std::get<model::Place>(current);
    // retired_at belongs to the retire and reinstate routes: a PUT keeps it as it is.
    if (!p.retiredAt)
        p.retiredAt = stored.retiredAt;
    else if (p.retiredAt != stored.retiredAt)
        return retiredAtRefused();
    return putPlace(ctx, p, 200);
}

HttpResponse retirePlace(RequestContext& ctx) {
    return setRetired(ctx, true);
}

HttpResponse reinstatePlace(RequestContext& ctx) {
    return setRetired(ctx, false);
}

} // namespace td::server
