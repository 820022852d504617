#pragma once
// Internal to the handler layer: what an endpoint receives, and helpers shared by endpoints.

#include "audit.hpp"
#include "td/core/result.hpp"
#include "td/server/api.hpp"
#include "td/server/errors.hpp"
#include "td/server/routes.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/sync_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

namespace td::server {

/// The authenticated caller.
struct Caller {
    store::TokenRecord token;
    Role role = Role::Officer;
    std::string name; ///< the account's username (empty for devices)
};

struct RequestContext {
    const HttpRequest& request;
    const RouteMatch& route;
    std::optional<Caller> caller;
    std::int64_t nowMs = 0;
    store::ServerStore& store;
    sync::SyncService& sync;
    Metrics& metrics;
    const ApiOptions& options;
    AuthFailureLimiter& authFailures; ///< failed sign-in and enrolment attempts
    RateLimiter& residentEnrolments;  ///< resident tokens issued per client address
    AuditNote audit = {};             ///< what the endpoint adds to its act's audit entry

    const std::string& param(const std::string& name) const { return route.params.at(name); }
};

using Endpoint = HttpResponse (*)(RequestContext&);

/// The endpoint function implementing `id`.
Endpoint endpointFor(RouteId id);

// Endpoints, one per route (see routes.cpp).
HttpResponse healthz(RequestContext&);
HttpResponse metricsText(RequestContext&);
HttpResponse openApi(RequestContext&);
HttpResponse login(RequestContext&);
HttpResponse createEnrolmentCode(RequestContext&);
HttpResponse enrolDevice(RequestContext&);
HttpResponse listDevices(RequestContext&);
HttpResponse revokeDevice(RequestContext&);
HttpResponse syncPush(RequestContext&);
HttpResponse syncPull(RequestContext&);
HttpResponse listSurveys(RequestContext&);
HttpResponse createSurvey(RequestContext&);
HttpResponse getSurvey(RequestContext&);
HttpResponse getSurveyVersion(RequestContext&);
HttpResponse updateSurvey(RequestContext&);
HttpResponse publishSurvey(RequestContext&);
HttpResponse listCampaigns(RequestContext&);
HttpResponse createCampaign(RequestContext&);
HttpResponse getCampaign(RequestContext&);
HttpResponse updateCampaign(RequestContext&);
HttpResponse openCampaign(RequestContext&);
HttpResponse closeCampaign(RequestContext&);
HttpResponse closingCampaign(RequestContext&);
HttpResponse campaignPoster(RequestContext&);
HttpResponse campaignCounts(RequestContext&);
HttpResponse listAccounts(RequestContext&);
HttpResponse createAccount(RequestContext&);
HttpResponse disableAccount(RequestContext&);
HttpResponse enableAccount(RequestContext&);
HttpResponse resetAccountPassword(RequestContext&);
HttpResponse signOutAccount(RequestContext&);
HttpResponse getOwnAccount(RequestContext&);
HttpResponse changeOwnPassword(RequestContext&);
HttpResponse signOutEverywhere(RequestContext&);
HttpResponse listPlaces(RequestContext&);
HttpResponse createPlace(RequestContext&);
HttpResponse getPlace(RequestContext&);
HttpResponse updatePlace(RequestContext&);
HttpResponse retirePlace(RequestContext&);
HttpResponse reinstatePlace(RequestContext&);
HttpResponse listPlaceLinks(RequestContext&);
HttpResponse createPlaceLink(RequestContext&);
HttpResponse deletePlaceLink(RequestContext&);
HttpResponse listPlaceMentions(RequestContext&);
HttpResponse listAudit(RequestContext&);
HttpResponse exportAuditCsv(RequestContext&);
HttpResponse retentionList(RequestContext&);
HttpResponse postCampaignPurge(RequestContext&);

// --- helpers -----------------------------------------------------------------------------

store::Role toStoreRole(Role role);
Role fromStoreRole(store::Role role);

/// Strictly parses a request body that must be a JSON object (400 malformed_json otherwise).
Result<boost::json::value> parseJsonBody(const RequestContext& ctx);

/// ISO-8601 UTC with milliseconds ("2025-03-01T12:00:00.000Z") of Unix milliseconds.
std::string isoTime(std::int64_t unixMs);

/// A hybrid-logical-clock-like stamp for server-side writes, sortable as text.
std::string serverHlc(std::int64_t nowMs);

/// 128 random bits as 32 hex characters.
std::string randomId();

/// Maps a shared-library error to an answer; storage errors become 503.
HttpResponse fail(const Error& error);

} // namespace td::server
