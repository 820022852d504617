// GET /api/v1/public: the promises, what has been done and the published lägesbild summaries
// for residents — no token, no free text, nothing resting on fewer than k answers. The body is
// cached until the change log moves.
#include "api_followup.hpp"
#include "td/model/codec.hpp"
#include "td/model/public_summary.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <mutex>

namespace td::server {
namespace {

namespace bj = boost::json;

bj::value textJson(const model::Text& t) {
    return bj::object{{"sv", t.sv}, {"en", t.en}};
}

bj::object publicPromise(const model::Promise& p,
                         const std::vector<picture::IndicatorFollowUp>& followUps) {
    bj::array activities;
    for (const auto& a : p.activities)
        activities.push_back(bj::object{{"what", textJson(a.what)},
                                        {"who", model::toString(a.who)},
                                        {"when", a.when},
                                        {"status", model::toString(a.status)}});
    bj::array indicators;
    for (const auto& i : followUps)
        indicators.push_back(bj::object{
            {"label", textJson(i.label)},
            {"target_direction", model::toString(i.targetDirection)},
            {"baseline", figureJson(i.baseline)},
            {"current", figureJson(i.current)},
            {"significant", i.significant ? bj::value(*i.significant) : bj::value(nullptr)}});
    return bj::object{{"id", p.id},
                      {"focus_area", model::toString(p.focusArea)},
                      {"text", textJson(p.text)},
                      {"period", {{"from", p.period.fromYear}, {"to", p.period.toYear}}},
                      {"activities", std::move(activities)},
                      {"indicators", std::move(indicators)}};
}

Result<std::string> publicBody(store::ServerStore& store, std::int64_t nowMs) {
    auto data = cachedFollowUpData(store);
    if (!data)
        return data.error();
    const FollowUpData& d = **data;
    const std::int64_t year = defaultFollowUpYear(d, nowMs);
    bj::array promises;
    for (const auto& [promise, followUps] : followUpAll(d, year))
        promises.push_back(publicPromise(*promise, followUps));
    auto summaries = store.listRecords("public_summary");
    if (!summaries)
        return summaries.error();
    bj::array published;
    for (const auto& s : *summaries) {
        // Shown as today's rules allow: a summary published before the rule on figures
        // tallied over a withheld place component has them withheld here.
        auto decoded = model::fromJsonText<model::PublicSummary>(s.body);
        if (!decoded)
            continue;
        model::withholdDependents(decoded->summary);
        published.push_back(model::encode(*decoded));
    }
    const bj::object body{
        {"year", year},
        {"agreement", d.agreement ? model::encode(*d.agreement) : bj::value(nullptr)},
        {"k", picture::kDefaultMinCell},
        {"promises", std::move(promises)},
        {"summaries", std::move(published)}};
    return bj::serialize(body);
}

// The public body per store, valid while the change log ends where it did.
Result<std::string> cachedPublicBody(store::ServerStore& store, std::int64_t nowMs) {
    struct Entry {
        LogHead head;
        std::string body;
        bool filled = false;
    };
    static std::mutex mutex;
    static std::map<const store::ServerStore*, Entry> cache;
    std::lock_guard lock(mutex);
    Entry& entry = cache[&store];
    if (entry.filled) {
        auto valid = stillHead(store, entry.head);
        if (!valid)
            return valid.error();
        if (*valid)
            return entry.body;
    }
    auto head = readHead(store);
    if (!head)
        return head.error();
    auto body = publicBody(store, nowMs);
    if (!body)
        return body.error();
    entry = Entry{*head, std::move(*body), true};
    return entry.body;
}

} // namespace

HttpResponse getPublic(RequestContext& ctx) {
    auto body = cachedPublicBody(ctx.store, ctx.nowMs);
    if (!body)
        return fail(body.error());
    HttpResponse r = jsonResponse(200, std::move(*body));
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
}

} // namespace td::server
