// Coordinator endpoints linking a place mention of a survey answer (response, question, index
// of the entry) or a walk observation to a registry place, and the list of mentions and
// observations that name no registry place, for a coordinator to link. Responses and
// observations are never changed: the link is its own record, which the lägesbild reads.
#include "api_place_links.hpp"

#include "api_records.hpp"
#include "td/server/query.hpp"

#include <boost/json/serialize.hpp>
#include <map>
#include <set>
#include <variant>

namespace td::server {
namespace {

// Mentions listed at most, newest responses first; `truncated` says when more exist.
constexpr std::size_t kMaxListed = 2000;

boost::json::object linkJson(const store::PlaceLink& l) {
    boost::json::object o{{"id", l.id},
                          {"place_id", l.placeId},
                          {"created_by", l.createdBy},
                          {"created_at", isoTime(l.createdAtMs)}};
    if (l.observationId) {
        o["observation_id"] = *l.observationId;
    } else {
        o["response_id"] = l.responseId.value_or("");
        o["question_id"] = l.questionId.value_or("");
        o["index"] = l.index.value_or(0);
    }
    return o;
}

// 422 naming the body's field at fault, as a refused record's field is named.
HttpResponse invalid(const std::string& code, const std::string& message, std::string_view path) {
    return decodeErrorResponse(makeError(code, message, std::string(path)));
}

const boost::json::string* stringField(const boost::json::object& o, const char* key) {
    const boost::json::value* v = o.if_contains(key);
    return v && v->is_string() ? &v->as_string() : nullptr;
}

// The link a POST body asks for, checked against the store: the response's answer to the
// question must have the entry, or the observation must exist; the place must exist.
std::variant<store::PlaceLink, HttpResponse> linkFromBody(RequestContext& ctx) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return errorResponse(400, body.error().code, body.error().describe());
    const boost::json::object& o = body->as_object();
    for (const auto& field : o)
        if (!std::set<std::string_view>{"response_id", "question_id", "index", "observation_id",
                                        "place_id"}
                 .contains(field.key()))
            return invalid("unknown_field", "unknown field " + std::string(field.key()),
                           field.key());
    store::PlaceLink link;
    const auto* place = stringField(o, "place_id");
    if (!place)
        return invalid("missing_field", "place_id is required", "place_id");
    link.placeId = *place;
    const auto* observation = stringField(o, "observation_id");
    const auto* response = stringField(o, "response_id");
    if (observation && (response || o.contains("question_id") || o.contains("index")))
        return invalid("invalid_link", "link either a mention or an observation, not both",
                       "observation_id");
    if (observation) {
        auto found = ctx.store.getRecord("observation", *observation);
        if (!found)
            return fail(found.error());
        if (!*found)
            return invalid("unknown_observation", "no observation " + std::string(*observation),
                           "observation_id");
        link.observationId = std::string(*observation);
    } else {
        const auto* question = stringField(o, "question_id");
        const boost::json::value* index = o.if_contains("index");
        if (!response || !question || !index || !index->is_int64() || index->as_int64() < 0)
            return invalid("missing_field",
                           "a mention is response_id, question_id and index (a whole number "
                           "from 0), or give observation_id",
                           !response   ? "response_id"
                           : !question ? "question_id"
                                       : "index");
        auto answer = loadRecord<model::Response>(ctx.store, "response", *response);
        if (!answer)
            return fail(answer.error());
        if (!*answer)
            return invalid("unknown_response", "no response " + std::string(*response),
                           "response_id");
        auto it = (*answer)->answers.find(std::string(*question));
        const auto* entries = it == (*answer)->answers.end()
                                  ? nullptr
                                  : std::get_if<std::vector<model::PlaceEntry>>(&it->second);
        if (!entries)
            return invalid("unknown_question",
                           "the response has no place answer to " + std::string(*question),
                           "question_id");
        if (static_cast<std::size_t>(index->as_int64()) >= entries->size())
            return invalid("unknown_entry",
                           "the answer names " + std::to_string(entries->size()) + " places",
                           "index");
        link.responseId = std::string(*response);
        link.questionId = std::string(*question);
        link.index = index->as_int64();
    }
    auto registered = ctx.store.getRecord("place", link.placeId);
    if (!registered)
        return fail(registered.error());
    if (!*registered)
        return invalid("unknown_place", "no place " + link.placeId + " in the registry",
                       "place_id");
    return link;
}

// The date (YYYY-MM-DD) of a timestamp.
std::string dateOf(const std::string& timestamp) {
    return timestamp.substr(0, 10);
}

} // namespace

std::vector<picture::PlaceLinkRef> placeLinkRefs(const std::vector<store::PlaceLink>& links) {
    std::vector<picture::PlaceLinkRef> out;
    out.reserve(links.size());
    for (const store::PlaceLink& l : links)
        out.push_back({l.responseId.value_or(""), l.questionId.value_or(""),
                       static_cast<std::size_t>(l.index.value_or(0)), l.observationId.value_or(""),
                       l.placeId});
    return out;
}

HttpResponse listPlaceLinks(RequestContext& ctx) {
    auto links = ctx.store.placeLinks();
    if (!links)
        return fail(links.error());
    boost::json::array out;
    for (const auto& l : *links)
        out.push_back(linkJson(l));
    return jsonResponse(200, boost::json::serialize(boost::json::object{{"links", out}}));
}

HttpResponse createPlaceLink(RequestContext& ctx) {
    auto asked = linkFromBody(ctx);
    if (auto* refused = std::get_if<HttpResponse>(&asked))
        return std::move(*refused);
    store::PlaceLink link = std::get<store::PlaceLink>(std::move(asked));
    link.createdBy = ctx.caller ? ctx.caller->name : "";
    link.createdAtMs = ctx.nowMs;
    auto stored = ctx.store.addPlaceLink(link);
    if (!stored) {
        if (stored.error().code == "already_linked")
            return errorResponse(409, "already_linked", stored.error().message);
        return fail(stored.error());
    }
    ctx.audit.target = std::to_string(stored->id);
    ctx.audit.detail["place_id"] = stored->placeId;
    ctx.audit.detail["subject"] = stored->observationId.value_or(
        *stored->responseId + "/" + *stored->questionId + "/" + std::to_string(*stored->index));
    return jsonResponse(201, boost::json::serialize(linkJson(*stored)));
}

HttpResponse deletePlaceLink(RequestContext& ctx) {
    const std::string& id = ctx.param("id");
    std::int64_t number = 0;
    for (char c : id) {
        if (c < '0' || c > '9' || id.size() > 18)
            return errorResponse(404, "not_found", "no place link " + id);
        number = number * 10 + (c - '0');
    }
    auto removed = ctx.store.removePlaceLink(number);
    if (!removed)
        return fail(removed.error());
    if (!*removed)
        return errorResponse(404, "not_found", "no place link " + id);
    HttpResponse r;
    r.status = 204;
    return r;
}

HttpResponse listPlaceMentions(RequestContext& ctx) {
    auto query = parseQuery(ctx.request.query);
    if (!query)
        return errorResponse(400, query.error().code, query.error().describe());
    const auto wanted = query->find("campaign");
    const std::string campaign = wanted == query->end() ? "" : wanted->second;
    if (!campaign.empty())
        ctx.audit.target = campaign;
    auto links = ctx.store.placeLinks();
    if (!links)
        return fail(links.error());
    std::map<std::string, const store::PlaceLink*> linkOf; // subject → link
    for (const auto& l : *links)
        linkOf[l.observationId.value_or(*l.responseId + '\x1f' + *l.questionId + '\x1f' +
                                        std::to_string(*l.index))] = &l;
    std::set<std::string, std::less<>> registry;
    Status s = eachRecord<model::Place>(ctx.store, "place",
                                        [&](model::Place& p) { registry.insert(p.id); });
    boost::json::array mentions;
    std::size_t total = 0;
    auto add = [&](boost::json::object m, const std::string& subject) {
        ++total;
        if (mentions.size() >= kMaxListed)
            return;
        auto it = linkOf.find(subject);
        m["link"] = it == linkOf.end() ? boost::json::value(nullptr) : linkJson(*it->second);
        mentions.push_back(std::move(m));
    };
    if (s)
        s = eachRecord<model::Response>(ctx.store, "response", [&](model::Response& r) {
            if (!campaign.empty() && r.campaignId != campaign)
                return;
            for (const auto& [qid, value] : r.answers) {
                const auto* entries = std::get_if<std::vector<model::PlaceEntry>>(&value);
                for (std::size_t i = 0; entries && i < entries->size(); ++i) {
                    const model::PlaceEntry& e = (*entries)[i];
                    if (e.placeId && registry.contains(*e.placeId))
                        continue; // it names a registry place already
                    boost::json::object m{
                        {"kind", "mention"},           {"response_id", r.id},
                        {"question_id", qid},          {"index", static_cast<std::int64_t>(i)},
                        {"campaign_id", r.campaignId}, {"date", dateOf(r.submittedAt)}};
                    // The resident's words (or the unknown place id an older app sent).
                    if (e.description)
                        m["text"] = *e.description;
                    else if (e.placeId)
                        m["text"] = *e.placeId;
                    if (e.position)
                        m["position"] = {{"lat", e.position->lat}, {"lon", e.position->lon}};
                    add(std::move(m), r.id + '\x1f' + qid + '\x1f' + std::to_string(i));
                }
            }
        });
    if (s && campaign.empty())
        s = eachRecord<model::Observation>(ctx.store, "observation", [&](model::Observation& o) {
            if (o.placeId && registry.contains(*o.placeId))
                return;
            boost::json::object m{{"kind", "observation"},
                                  {"observation_id", o.id},
                                  {"walk_id", o.walkId},
                                  {"date", dateOf(o.recordedAt)},
                                  {"position", {{"lat", o.position.lat}, {"lon", o.position.lon}}}};
            if (o.note)
                m["text"] = *o.note;
            add(std::move(m), o.id);
        });
    if (!s)
        return fail(s.error());
    boost::json::object out{{"mentions", std::move(mentions)}, {"truncated", total > kMaxListed}};
    return jsonResponse(200, boost::json::serialize(out));
}

} // namespace td::server
