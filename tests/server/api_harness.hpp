#pragma once
// The handler layer over a real ServerStore in a temporary directory, called directly with
// HttpRequest values (no socket). Time is injectable.

#include "server_process.hpp"
#include "td/server/api.hpp"
#include "td/server/roles.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/sync_service.hpp"

#include <memory>
#include <string>

namespace td::test {

struct ApiHarness {
    explicit ApiHarness(server::Limits limits = {});
    ~ApiHarness();

    server::HttpResponse call(const std::string& method, const std::string& target,
                              const std::string& body = {}, const std::string& token = {},
                              const std::string& contentType = "application/json");

    /// A valid token for `role`, inserted straight into the store (residents are scoped to
    /// kCampaignId). `expiresInMs` may be negative for an expired token.
    std::string tokenFor(server::Role role, std::int64_t expiresInMs = 3'600'000);

    /// Creates account `user` with `role` and password kPassword.
    void createAccount(const std::string& user, store::Role role);

    /// Publishes the Vindeln survey and opens kCampaignId with kCampaignCode.
    void seedContent();

    std::int64_t nowMs = 1'746'000'000'000; // 2025-04-30
    /// Headers put on every request besides the token and content type, e.g. TD-Protocol.
    std::vector<std::pair<std::string, std::string>> headers;
    /// Client address put on every request, as the socket layer would.
    std::string clientAddress = "192.0.2.1";
    TempDir dir;
    std::unique_ptr<store::ServerStore> store;
    std::unique_ptr<sync::SyncService> sync;
    server::Metrics metrics;
    server::RateLimiter rateLimiter;
    std::unique_ptr<server::Api> api;
};

/// The "code" of a JSON error body, or "" when the body is not one.
std::string errorCode(const server::HttpResponse& res);

/// The value of the header field `name` of `res`, or "" when it has none.
std::string headerOf(const server::HttpResponse& res, const std::string& name);

/// The value of a sample line `name VALUE` in Prometheus text, or -1 when there is none.
long long metricValue(const std::string& text, const std::string& name);

} // namespace td::test
