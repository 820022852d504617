#pragma once
// The request handler: a pure function of an HttpRequest and the services (store, sync
// service, metrics, rate limiter, clock). Routing, authentication, the role check from the
// route table, rate limiting, content-type checks, logging and metrics happen here; the
// endpoints live in api_*.cpp.

#include "td/server/auth_crypto.hpp"
#include "td/server/config.hpp"
#include "td/server/http_types.hpp"
#include "td/server/metrics.hpp"
#include "td/server/rate_limiter.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace td::store {
class ServerStore;
}
namespace td::sync {
class SyncService;
}

namespace td::server {

struct ApiOptions {
    Limits limits;
    /// Unix milliseconds; injectable for tests.
    std::function<std::int64_t()> nowMs;
    /// Write one JSON log line per request to stderr.
    bool logRequests = true;
    /// The key enrolment codes are hashed with (the server's key file); a random one for this
    /// Api alone when not given.
    std::optional<CodeKey> codeKey;
};

class Api {
public:
    Api(store::ServerStore& store, sync::SyncService& sync, Metrics& metrics,
        RateLimiter& rateLimiter, ApiOptions options);

    /// Answers one request. Thread-safe.
    HttpResponse handle(HttpRequest&& request);

    Metrics& metrics() { return m_metrics; }

private:
    store::ServerStore& m_store;
    sync::SyncService& m_sync;
    Metrics& m_metrics;
    RateLimiter& m_rateLimiter;
    ApiOptions m_options;
    AuthFailureLimiter m_authFailures;
    RateLimiter m_residentEnrolments; ///< resident tokens issued, per client address and hour
};

/// The OpenAPI document embedded at build time from sync-server/openapi.json.
std::string_view openApiDocument();

} // namespace td::server
