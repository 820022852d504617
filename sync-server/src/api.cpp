#include "td/server/api.hpp"

#include "api_context.hpp"
#include "td/server/auth_crypto.hpp"
#include "td/server/request_log.hpp"
#include "td/server/static_files.hpp"

#include <boost/json/parse.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace td::server {
namespace {

std::string_view bearerToken(const HttpRequest& req) {
    std::string_view value = req.header("authorization");
    constexpr std::string_view scheme = "Bearer ";
    if (value.size() <= scheme.size())
        return {};
    for (std::size_t i = 0; i < scheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(value[i])) !=
            std::tolower(static_cast<unsigned char>(scheme[i])))
            return {};
    value.remove_prefix(scheme.size());
    while (!value.empty() && value.front() == ' ')
        value.remove_prefix(1);
    return value;
}

// The caller behind the bearer token, or the 401 answer.
Result<Caller> authenticate(store::ServerStore& store, const HttpRequest& req, std::int64_t nowMs) {
    std::string_view token = bearerToken(req);
    if (token.empty())
        return makeError("unauthorized", "a bearer token is required");
    if (token.size() > 256)
        return makeError("invalid_token", "unknown token");
    std::string hash = hashSecret(token);
    auto found = store.findToken(hash);
    if (!found)
        return found.error();
    if (!*found || !constantTimeEquals((*found)->tokenHash, hash))
        return makeError("invalid_token", "unknown token");
    const store::TokenRecord& t = **found;
    if (t.revokedAtMs)
        return makeError("token_revoked", "the token has been revoked");
    if (t.expiresAtMs <= nowMs)
        return makeError("token_expired", "the token has expired");
    std::string name;
    if (t.subjectKind == store::TokenRecord::Subject::Account) {
        std::int64_t accountId = 0;
        auto [end, ec] =
            std::from_chars(t.subjectId.data(), t.subjectId.data() + t.subjectId.size(), accountId);
        if (ec != std::errc{} || end != t.subjectId.data() + t.subjectId.size())
            return makeError("invalid_token", "unknown token");
        auto account = store.findAccountById(accountId);
        if (!account)
            return account.error();
        if (!*account || (*account)->disabled)
            return makeError("token_revoked", "the account is disabled");
        name = (*account)->username;
    }
    return Caller{t, fromStoreRole(t.role), std::move(name)};
}

bool needsJsonBody(const HttpRequest& req) {
    return (req.method == "POST" || req.method == "PUT" || req.method == "PATCH") &&
           !req.body.empty();
}

bool isJsonContentType(std::string_view value) {
    auto semi = value.find(';');
    std::string_view type = value.substr(0, semi);
    while (!type.empty() && type.back() == ' ')
        type.remove_suffix(1);
    std::string lower;
    for (char c : type)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return lower == "application/json";
}

std::string errorCodeOf(const HttpResponse& res) {
    if (res.status < 400 || res.contentType != "application/json")
        return {};
    boost::system::error_code ec;
    auto v = boost::json::parse(res.body, ec);
    if (ec || !v.is_object())
        return {};
    const auto* err = v.as_object().if_contains("error");
    if (!err || !err->is_object())
        return {};
    const auto* code = err->as_object().if_contains("code");
    return code && code->is_string() ? std::string(code->as_string()) : std::string();
}

// Writes the audit entry of a successful call. A read whose entry cannot be written is not
// served (503); a write has happened already, so it keeps its answer and the failure is
// counted and logged.
void recordAct(RequestContext& ctx, const RouteSpec& spec, const std::string& requestId,
               HttpResponse& res) {
    auto entry = auditEntryFor(ctx, spec.audit, requestId);
    if (!entry)
        return;
    auto appended = ctx.store.appendAudit(std::move(*entry));
    if (appended)
        return;
    ctx.metrics.recordAuditFailure();
    std::fprintf(stderr, "{\"event\":\"audit_failed\",\"request_id\":\"%s\",\"code\":\"%s\"}\n",
                 requestId.c_str(), appended.error().code.c_str());
    if (spec.method == "GET")
        res = errorResponse(503, "audit_unavailable",
                            "the audit log cannot be written; the data is not served");
}

} // namespace

Api::Api(store::ServerStore& store, sync::SyncService& sync, Metrics& metrics,
         RateLimiter& rateLimiter, ApiOptions options)
    : m_store(store)
    , m_sync(sync)
    , m_metrics(metrics)
    , m_rateLimiter(rateLimiter)
    , m_options(std::move(options))
    , m_authFailures(m_options.limits.maxAuthFailures, m_options.limits.authFailureWindow)
    , m_residentEnrolments(m_options.limits.residentEnrolmentsPerHour, std::chrono::hours(1)) {
    if (!m_options.codeKey)
        m_options.codeKey = generateCodeKey();
    if (!m_options.nowMs)
        m_options.nowMs = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
}

HttpResponse Api::handle(HttpRequest&& req) {
    const auto start = std::chrono::steady_clock::now();
    const std::string requestId = nextRequestId();
    std::string_view routeLabel = "unmatched";
    std::string_view roleLabel;
    HttpResponse res;

    auto lookup = matchRoute(req.method, req.path);
    static const std::string dashboardDir = defaultDashboardDir();
    std::optional<HttpResponse> file;
    if (!lookup.match && lookup.miss == RouteMiss::NotFound)
        file = serveDashboardFile(dashboardDir, req);
    if (file) {
        routeLabel = "dashboard";
        res = std::move(*file);
    } else if (!lookup.match) {
        res = lookup.miss == RouteMiss::MethodNotAllowed
                  ? errorResponse(405, "method_not_allowed", "method not allowed on this path")
              : lookup.miss == RouteMiss::InvalidParameter
                  ? errorResponse(400, "invalid_path_parameter", lookup.detail)
                  : errorResponse(404, "not_found", "no such endpoint");
    } else {
        const RouteSpec& spec = *lookup.match->route;
        routeLabel = spec.pathTemplate;
        RequestContext ctx{
            req,    *lookup.match, std::nullopt, m_options.nowMs(), m_store,
            m_sync, m_metrics,     m_options,    m_authFailures,    m_residentEnrolments};
        std::optional<HttpResponse> refusal;
        if (!spec.isPublic) {
            auto caller = authenticate(m_store, req, ctx.nowMs);
            if (!caller) {
                const auto& e = caller.error();
                refusal =
                    e.code == "storage_error" ? fail(e) : errorResponse(401, e.code, e.message);
            } else {
                ctx.caller = std::move(*caller);
                roleLabel = roleName(ctx.caller->role);
                if (!spec.roles.contains(ctx.caller->role)) {
                    refusal = errorResponse(403, "forbidden",
                                            "role " + std::string(roleLabel) +
                                                " may not call this endpoint");
                } else if (auto d = m_rateLimiter.take(ctx.caller->token.tokenHash); !d.allowed) {
                    refusal = errorResponse(429, "rate_limited", "too many requests; slow down");
                    refusal->headers.emplace_back("Retry-After",
                                                  std::to_string(d.retryAfter.count()));
                }
            }
        }
        if (!refusal && takesJsonBody(spec.id) && needsJsonBody(req) &&
            !isJsonContentType(req.header("content-type")))
            refusal = errorResponse(415, "unsupported_media_type",
                                    "the request body must be application/json");
        res = refusal ? std::move(*refusal) : endpointFor(spec.id)(ctx);
        if (!refusal && res.status < 400)
            recordAct(ctx, spec, requestId, res);
    }

    const auto duration = std::chrono::steady_clock::now() - start;
    if (!file)
        markApiAnswer(res);
    res.headers.emplace_back("X-Request-Id", requestId);
    m_metrics.recordRequest(routeLabel, res.status, duration);
    if (m_options.logRequests) {
        std::string code = errorCodeOf(res);
        logRequest({requestId, req.method, routeLabel, res.status, duration, roleLabel, code});
    }
    return res;
}

} // namespace td::server
