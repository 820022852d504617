// Coordinator endpoints for surveys: drafts are edited freely; publishing copies a draft to
// the immutable, synced "survey" record "id@version". A published version never changes.
#include "api_records.hpp"
#include "td/sync/protocol.hpp"

#include <boost/json/parse.hpp>
#include <charconv>
#include <map>
#include <set>

namespace td::server {
namespace {

constexpr std::string_view kDraftKind = "survey_draft";

// Published versions per survey id, from the "id@version" record ids.
Result<std::map<std::string, std::set<std::int64_t>>> publishedVersions(store::ServerStore& s) {
    auto records = s.listRecords("survey");
    if (!records)
        return records.error();
    std::map<std::string, std::set<std::int64_t>> out;
    for (const auto& r : *records) {
        auto at = r.id.rfind('@');
        if (at == std::string::npos)
            continue;
        std::int64_t version = 0;
        auto [end, ec] = std::from_chars(r.id.data() + at + 1, r.id.data() + r.id.size(), version);
        if (ec == std::errc{} && end == r.id.data() + r.id.size())
            out[r.id.substr(0, at)].insert(version);
    }
    return out;
}

boost::json::object summary(const model::Survey& survey, bool published,
                            const std::set<std::int64_t>& versions) {
    boost::json::object o;
    o["id"] = survey.id;
    o["version"] = survey.version;
    o["status"] = published ? "published" : "draft";
    o["title"] = model::encode(survey.title);
    boost::json::array v;
    for (auto n : versions)
        v.push_back(n);
    o["published_versions"] = std::move(v);
    return o;
}

Result<bool> isPublished(store::ServerStore& s, const std::string& id, std::int64_t version) {
    auto rec = s.getRecord("survey", sync::surveyRecordId(id, version));
    if (!rec)
        return rec.error();
    return rec->has_value();
}

// Decodes and validates a survey body; the answer on failure.
std::optional<HttpResponse> readSurvey(RequestContext& ctx, model::Survey& survey) {
    if (auto bad = decodeBody(ctx, survey))
        return bad;
    if (auto issues = model::validateSurvey(survey); !issues.empty())
        return issuesResponse(issues);
    return std::nullopt;
}

HttpResponse storeDraft(RequestContext& ctx, const model::Survey& survey, int status) {
    auto published = isPublished(ctx.store, survey.id, survey.version);
    if (!published)
        return fail(published.error());
    if (*published)
        return errorResponse(409, "published_immutable",
                             "version " + std::to_string(survey.version) + " of survey " +
                                 survey.id + " is published and cannot change; raise the version");
    auto rev = ctx.store.putRecord(kDraftKind, survey.id, canonical(survey), serverHlc(ctx.nowMs));
    if (!rev)
        return fail(rev.error());
    auto versions = publishedVersions(ctx.store);
    if (!versions)
        return fail(versions.error());
    return jsonResponse(status,
                        boost::json::serialize(summary(survey, false, (*versions)[survey.id])));
}

} // namespace

HttpResponse issuesResponse(const model::Issues& issues) {
    boost::json::array list;
    for (const auto& i : issues)
        list.push_back({{"code", i.code}, {"path", i.path}, {"message", i.message}});
    boost::json::object error;
    error["code"] = "validation_failed";
    error["message"] = issues.front().path + ": " + issues.front().message;
    error["path"] = issues.front().path;
    error["issues"] = std::move(list);
    boost::json::object root;
    root["error"] = std::move(error);
    return jsonResponse(422, boost::json::serialize(root));
}

HttpResponse decodeErrorResponse(const Error& e) {
    boost::json::object error;
    error["code"] = e.code;
    error["message"] = e.describe();
    error["path"] = e.path;
    error["issues"] =
        boost::json::array{{{"code", e.code}, {"path", e.path}, {"message", e.message}}};
    boost::json::object root;
    root["error"] = std::move(error);
    return jsonResponse(422, boost::json::serialize(root));
}

HttpResponse recordResponse(int status, const std::string& body) {
    return jsonResponse(status, body);
}

HttpResponse listSurveys(RequestContext& ctx) {
    auto versions = publishedVersions(ctx.store);
    if (!versions)
        return fail(versions.error());
    auto drafts = ctx.store.listRecords(kDraftKind);
    if (!drafts)
        return fail(drafts.error());
    boost::json::array out;
    std::set<std::string> seen;
    for (const auto& d : *drafts) {
        auto survey = model::fromJsonText<model::Survey>(d.body);
        if (!survey)
            continue;
        bool published = (*versions)[survey->id].count(survey->version) > 0;
        out.push_back(summary(*survey, published, (*versions)[survey->id]));
        seen.insert(survey->id);
    }
    for (const auto& [id, set] : *versions) {
        if (seen.count(id) || set.empty())
            continue;
        auto latest =
            loadRecord<model::Survey>(ctx.store, "survey", sync::surveyRecordId(id, *set.rbegin()));
        if (latest && *latest)
            out.push_back(summary(**latest, true, set));
    }
    boost::json::object root;
    root["surveys"] = std::move(out);
    return jsonResponse(200, boost::json::serialize(root));
}

HttpResponse createSurvey(RequestContext& ctx) {
    model::Survey survey;
    if (auto bad = readSurvey(ctx, survey))
        return std::move(*bad);
    ctx.audit.target = survey.id;
    auto existing = ctx.store.getRecord(kDraftKind, survey.id);
    if (!existing)
        return fail(existing.error());
    auto versions = publishedVersions(ctx.store);
    if (!versions)
        return fail(versions.error());
    if (*existing || versions->count(survey.id))
        return errorResponse(409, "already_exists",
                             "survey " + survey.id + " exists; update it with PUT");
    return storeDraft(ctx, survey, 201);
}

HttpResponse getSurvey(RequestContext& ctx) {
    const std::string& id = ctx.param("id");
    auto versions = publishedVersions(ctx.store);
    if (!versions)
        return fail(versions.error());
    auto draft = loadRecord<model::Survey>(ctx.store, kDraftKind, id);
    if (!draft)
        return fail(draft.error());
    std::optional<model::Survey> survey = std::move(*draft);
    const auto& set = (*versions)[id];
    if (!survey && !set.empty()) {
        auto latest =
            loadRecord<model::Survey>(ctx.store, "survey", sync::surveyRecordId(id, *set.rbegin()));
        if (!latest)
            return fail(latest.error());
        survey = std::move(*latest);
    }
    if (!survey)
        return errorResponse(404, "not_found", "no survey " + id);
    auto o = summary(*survey, set.count(survey->version) > 0, set);
    o["survey"] = model::encode(*survey);
    return jsonResponse(200, boost::json::serialize(o));
}

HttpResponse getSurveyVersion(RequestContext& ctx) {
    const std::string& id = ctx.param("id");
    const std::string& text = ctx.param("version");
    std::int64_t version = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (ec != std::errc{} || end != text.data() + text.size() || version < 1)
        return errorResponse(400, "invalid_version", "the version must be a whole number ≥ 1");
    auto versions = publishedVersions(ctx.store);
    if (!versions)
        return fail(versions.error());
    auto published =
        loadRecord<model::Survey>(ctx.store, "survey", sync::surveyRecordId(id, version));
    if (!published)
        return fail(published.error());
    if (!*published)
        return errorResponse(404, "not_found",
                             "survey " + id + " has no published version " + text);
    auto o = summary(**published, true, (*versions)[id]);
    o["survey"] = model::encode(**published);
    return jsonResponse(200, boost::json::serialize(o));
}

HttpResponse updateSurvey(RequestContext& ctx) {
    model::Survey survey;
    if (auto bad = readSurvey(ctx, survey))
        return std::move(*bad);
    const std::string& id = ctx.param("id");
    if (survey.id != id)
        return errorResponse(422, "id_mismatch", "the body's id differs from the path's");
    auto existing = ctx.store.getRecord(kDraftKind, id);
    if (!existing)
        return fail(existing.error());
    auto versions = publishedVersions(ctx.store);
    if (!versions)
        return fail(versions.error());
    if (!*existing && !versions->count(id))
        return errorResponse(404, "not_found", "no survey " + id);
    return storeDraft(ctx, survey, 200);
}

HttpResponse publishSurvey(RequestContext& ctx) {
    const std::string& id = ctx.param("id");
    auto draft = loadRecord<model::Survey>(ctx.store, kDraftKind, id);
    if (!draft)
        return fail(draft.error());
    if (!*draft)
        return errorResponse(404, "not_found", "no draft of survey " + id);
    const model::Survey& survey = **draft;
    if (auto issues = model::validateSurvey(survey); !issues.empty())
        return issuesResponse(issues);
    auto published = isPublished(ctx.store, id, survey.version);
    if (!published)
        return fail(published.error());
    if (*published)
        return errorResponse(409, "already_published",
                             "version " + std::to_string(survey.version) + " is already published");
    auto rev = ctx.store.putRecord("survey", sync::surveyRecordId(id, survey.version),
                                   canonical(survey), serverHlc(ctx.nowMs));
    if (!rev)
        return fail(rev.error());
    auto versions = publishedVersions(ctx.store);
    if (!versions)
        return fail(versions.error());
    return jsonResponse(200, boost::json::serialize(summary(survey, true, (*versions)[id])));
}

} // namespace td::server
