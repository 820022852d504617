// Admin endpoints for the audit log: GET /api/v1/audit (a page, newest first) and
// GET /api/v1/export/audit.csv (every matching entry, streamed).
#include "api_context.hpp"
#include "api_export.hpp"
#include "td/model/common.hpp"
#include "td/server/query.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <chrono>
#include <memory>

namespace td::server {
namespace {

constexpr std::size_t kDefaultPage = 100;
constexpr std::size_t kMaxPage = 1000;

// Unix milliseconds at the start of the UTC day `date` (YYYY-MM-DD).
std::optional<std::int64_t> dayStartMs(std::string_view date) {
    if (!model::isValidDate(date))
        return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    std::from_chars(date.data(), date.data() + 4, y);
    std::from_chars(date.data() + 5, date.data() + 7, m);
    std::from_chars(date.data() + 8, date.data() + 10, d);
    const std::chrono::sys_days day{std::chrono::year{y} / std::chrono::month{m} /
                                    std::chrono::day{d}};
    return std::chrono::duration_cast<std::chrono::milliseconds>(day.time_since_epoch()).count();
}

// The filters shared by the page and the export; the answer to send when one is malformed.
std::optional<HttpResponse> readFilters(const RequestContext& ctx, store::AuditQuery& q,
                                        bool paged) {
    auto query = parseQuery(ctx.request.query);
    if (!query)
        return errorResponse(400, query.error().code, query.error().describe());
    for (const auto& [key, value] : *query) {
        if (key == "from" || key == "to") {
            auto start = dayStartMs(value);
            if (!start)
                return errorResponse(400, "invalid_date", key + ": expected YYYY-MM-DD");
            (key == "from" ? q.fromMs : q.toMs) = key == "from" ? *start : *start + 86'400'000;
        } else if (key == "action") {
            q.action = value;
        } else if (key == "actor") {
            q.actorName = value;
        } else if (paged && (key == "before" || key == "limit")) {
            std::int64_t n = 0;
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc{} || end != value.data() + value.size() || n <= 0 ||
                (key == "limit" && n > static_cast<std::int64_t>(kMaxPage)))
                return errorResponse(400, "invalid_parameter",
                                     key + ": expected a whole number" +
                                         (key == "limit" ? " from 1 to 1000" : " above 0"));
            if (key == "before")
                q.beforeSeq = n;
            else
                q.limit = static_cast<std::size_t>(n);
        } else {
            return errorResponse(400, "unknown_parameter", "unknown query parameter " + key);
        }
    }
    return std::nullopt;
}

boost::json::object entryJson(const store::AuditEntry& e) {
    boost::json::object actor;
    actor["kind"] = e.actorKind;
    actor["id"] = e.actorId;
    actor["name"] = e.actorName;
    actor["role"] = e.role;
    boost::json::object o;
    o["seq"] = e.seq;
    o["at"] = isoTime(e.atMs);
    o["actor"] = std::move(actor);
    o["action"] = e.action;
    o["target"] = e.target;
    boost::system::error_code ec;
    auto detail = boost::json::parse(e.detail, ec);
    o["detail"] = !ec && detail.is_object() ? std::move(detail) : boost::json::object{};
    o["request_id"] = e.requestId;
    return o;
}

} // namespace

HttpResponse listAudit(RequestContext& ctx) {
    store::AuditQuery q;
    q.limit = kDefaultPage;
    if (auto bad = readFilters(ctx, q, true))
        return std::move(*bad);
    const std::size_t wanted = q.limit;
    q.limit = wanted + 1; // one more tells whether another page follows
    auto entries = ctx.store.listAudit(q);
    if (!entries)
        return fail(entries.error());
    const bool more = entries->size() > wanted;
    if (more)
        entries->pop_back();
    boost::json::array arr;
    for (const auto& e : *entries)
        arr.push_back(entryJson(e));
    boost::json::object root;
    root["entries"] = std::move(arr);
    if (more)
        root["next_before"] = entries->back().seq;
    else
        root["next_before"] = nullptr;
    HttpResponse r = jsonResponse(200, boost::json::serialize(root));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

HttpResponse exportAuditCsv(RequestContext& ctx) {
    auto q = std::make_shared<store::AuditQuery>();
    if (auto bad = readFilters(ctx, *q, false))
        return std::move(*bad);
    q->limit = kMaxPage;
    HttpResponse r;
    r.contentType = "text/csv; charset=utf-8";
    r.headers.emplace_back("Cache-Control", "no-store");
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
    r.body = "seq,at,actor_kind,actor_id,actor_name,role,action,target,detail,request_id\r\n";
    store::ServerStore& store = ctx.store;
    r.producer = [q, &store](std::string& out) {
        auto page = store.listAudit(*q);
        if (!page)
            return ChunkResult::Failed;
        for (const auto& e : *page) {
            const std::string cells[] = {std::to_string(e.seq), isoTime(e.atMs),
                                         csvCell(e.actorKind),  csvCell(e.actorId),
                                         csvCell(e.actorName),  csvCell(e.role),
                                         csvCell(e.action),     csvCell(e.target),
                                         csvCell(e.detail),     csvCell(e.requestId)};
            for (std::size_t i = 0; i < std::size(cells); ++i) {
                if (i)
                    out += ',';
                out += cells[i];
            }
            out += "\r\n";
        }
        if (page->size() < q->limit)
            return ChunkResult::Done;
        q->beforeSeq = page->back().seq;
        return ChunkResult::More;
    };
    return r;
}

} // namespace td::server
