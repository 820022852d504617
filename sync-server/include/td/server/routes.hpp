#pragma once
// THE route table: every endpoint the server serves, its path template and the roles allowed
// to call it. Authorisation, the router, the OpenAPI check and the role tests all read it.

#include "td/server/roles.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace td::server {

enum class RouteId {
    Healthz,
    Metrics,
    OpenApi,
    Login,
    CreateEnrolmentCode,
    EnrolDevice,
    ListDevices,
    RevokeDevice,
    SyncPush,
    SyncPull,
    ListSurveys,
    CreateSurvey,
    GetSurvey,
    GetSurveyVersion,
    UpdateSurvey,
    PublishSurvey,
    ListCampaigns,
    CreateCampaign,
    GetCampaign,
    UpdateCampaign,
    OpenCampaign,
    CloseCampaign,
    ClosingCampaign,
    CampaignPoster,
    CampaignCounts,
    ListAccounts,
    CreateAccount,
    DisableAccount,
    EnableAccount,
    ResetAccountPassword,
    SignOutAccount,
    GetOwnAccount,
    ChangeOwnPassword,
    SignOutEverywhere,
    ListPlaces,
    CreatePlace,
    GetPlace,
    UpdatePlace,
    RetirePlace,
    ReinstatePlace,
    ListPlaceLinks,
    CreatePlaceLink,
    DeletePlaceLink,
    ListPlaceMentions,
    ListMeasures,
    CreateMeasure,
    GetMeasure,
    UpdateMeasure,
    CreateMeasureFromObservation,
    ListWalks,
    WalkReport,
    Picture,
    PictureGeoJson,
    PublishPicture,
    ExportResponsesCsv,
    GetAgreement,
    PutAgreement,
    ListPromises,
    CreatePromise,
    GetPromise,
    UpdatePromise,
    PutAssessment,
    FollowUp,
    ExportFollowUpCsv,
    PublicPromises,
    ImportIndicators,
    ListIndicators,
    DeleteIndicator,
    ListAudit,
    ExportAuditCsv,
    RetentionStatus,
    PurgeCampaign,
    WebSurvey,
};

struct RouteSpec {
    RouteId id;
    std::string_view method;
    std::string_view pathTemplate; ///< Segments in braces are parameters: "/api/v1/devices/{id}".
    /// Public routes need no token; others require a bearer token whose role is in `roles`.
    bool isPublic;
    RoleSet roles;
    /// The audit-log action of a successful call ("picture.read", "device.revoke", …; see
    /// docs/audit-log.md), or empty when the route's calls are not audited.
    std::string_view audit = {};
};

/// Every route, in a fixed order.
std::span<const RouteSpec> routeTable();

const RouteSpec& routeSpec(RouteId id);

/// Whether a body sent to the route must be application/json; false for the routes that
/// take another format (the indicator import reads CSV and checks its own content type).
bool takesJsonBody(RouteId id);

struct RouteMatch {
    const RouteSpec* route = nullptr;
    std::map<std::string, std::string> params;
};

enum class RouteMiss { NotFound, MethodNotAllowed, InvalidParameter };

/// Finds the route for `method` and the (still percent-encoded) `path`; parameters come back
/// decoded. A path matching some template with another method yields MethodNotAllowed; one
/// whose parameter has a malformed escape, an encoded NUL or an encoded '/' yields
/// InvalidParameter with `detail` naming the parameter and the fault.
struct RouteLookup {
    std::optional<RouteMatch> match;
    RouteMiss miss = RouteMiss::NotFound;
    std::string detail;
};
RouteLookup matchRoute(std::string_view method, std::string_view path);

} // namespace td::server
