// Sync endpoints: delegate to SyncService and map its reply onto HTTP.
#include "api_context.hpp"
#include "td/core/gzip.hpp"
#include "td/server/gzip.hpp"
#include "td/server/query.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace td::server {
namespace {

sync::Principal principalOf(const Caller& caller) {
    sync::Principal p;
    p.role = caller.token.role;
    if (caller.role != Role::Resident && !caller.token.subjectId.empty() &&
        caller.token.subjectKind == store::TokenRecord::Subject::Device)
        p.deviceId = caller.token.subjectId;
    p.campaignId = caller.token.campaignId;
    return p;
}

// Answers smaller than this gain too little from gzip to pay its header and CPU.
constexpr std::size_t kGzipMinBytes = 256;

// The reply as an answer, gzip-compressed when the client accepts it (a device on a slow link
// pulls and pushes several times less on the wire).
HttpResponse fromReply(sync::SyncReply&& reply, const HttpRequest& request) {
    HttpResponse r;
    r.status = reply.httpStatus;
    r.body = std::move(reply.jsonBody);
    r.headers.emplace_back("Vary", "Accept-Encoding");
    if (r.body.size() >= kGzipMinBytes && acceptsGzip(request.header("accept-encoding"))) {
        if (auto packed = gzipCompress(r.body)) {
            r.body = std::move(*packed);
            r.headers.emplace_back("Content-Encoding", "gzip");
        }
    }
    return r;
}

// Officers' and kiosks' devices: when they last synced and what they reported. The sync
// itself stands whether or not this is written, so a failure is logged, not answered.
void noteSync(RequestContext& ctx, const sync::DeviceReport& report) {
    const Caller& caller = *ctx.caller;
    if ((caller.role != Role::Officer && caller.role != Role::Kiosk) ||
        caller.token.subjectKind != store::TokenRecord::Subject::Device)
        return;
    if (auto s = ctx.store.noteDeviceSync(caller.token.subjectId, ctx.nowMs, report.pending,
                                          report.appVersion);
        !s)
        std::fprintf(stderr, "{\"event\":\"device_status_failed\",\"code\":\"%s\"}\n",
                     s.error().code.c_str());
}

} // namespace

HttpResponse syncPush(RequestContext& ctx) {
    if (ctx.request.body.empty())
        return errorResponse(400, "malformed_json", "the request body is empty");
    const std::uint32_t perToken = ctx.options.limits.residentResponsesPerToken;
    const std::string& tokenHash = ctx.caller->token.tokenHash;
    const bool limited = ctx.caller->role == Role::Resident && perToken > 0;
    std::optional<std::size_t> allowance;
    if (limited) {
        auto sent = ctx.store.residentResponses(tokenHash);
        if (!sent)
            return fail(sent.error());
        allowance = static_cast<std::size_t>(std::max<std::int64_t>(0, perToken - *sent));
    }
    auto reply = ctx.sync.push(principalOf(*ctx.caller), ctx.request.body, allowance);
    if (reply.httpStatus == 200)
        noteSync(ctx, reply.report);
    const auto& c = reply.counts;
    ctx.metrics.recordRecords({c.stored, c.duplicate, c.conflict, c.rejected});
    if (limited && c.stored > 0) {
        // The records are durable and acknowledged either way; a count that cannot be written
        // only lets this token store a few more, so it is logged, not answered as a failure.
        if (auto s = ctx.store.addResidentResponses(tokenHash, static_cast<std::int64_t>(c.stored));
            !s)
            std::fprintf(stderr, "{\"event\":\"resident_count_failed\",\"code\":\"%s\"}\n",
                         s.error().code.c_str());
    }
    return fromReply(std::move(reply), ctx.request);
}

HttpResponse syncPull(RequestContext& ctx) {
    auto query = parseQuery(ctx.request.query);
    if (!query)
        return errorResponse(400, "invalid_query", query.error().message);
    std::string cursor;
    std::optional<std::int64_t> limit;
    for (const auto& [key, value] : *query) {
        if (key == "cursor") {
            cursor = value;
        } else if (key == "limit") {
            std::int64_t n = 0;
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc{} || end != value.data() + value.size())
                return errorResponse(400, "invalid_limit", "limit must be an integer");
            limit = n;
        } else {
            return errorResponse(400, "invalid_query", "unknown query parameter " + key);
        }
    }
    auto protocol = sync::parseProtocolVersion(ctx.request.header("td-protocol"));
    if (!protocol)
        return errorResponse(400, protocol.error().code, protocol.error().message);
    auto reply = ctx.sync.pull(principalOf(*ctx.caller), cursor, limit, *protocol);
    if (reply.httpStatus == 200)
        noteSync(ctx, {});
    return fromReply(std::move(reply), ctx.request);
}

} // namespace td::server
