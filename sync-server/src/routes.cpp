#include "td/server/routes.hpp"

#include "td/core/result.hpp"

#include <algorithm>
#include <cassert>
#include <vector>

namespace td::server {
namespace {

constexpr RoleSet kStaff{Role::Admin, Role::Coordinator};
constexpr RoleSet kAdmins{Role::Admin};
constexpr RoleSet kDevices{Role::Admin, Role::Coordinator, Role::Officer, Role::Kiosk};
constexpr RoleSet kSyncPush{Role::Officer, Role::Kiosk, Role::Resident};
constexpr RoleSet kSyncPull{Role::Admin, Role::Coordinator, Role::Officer, Role::Kiosk,
                            Role::Resident};

// clang-format off
constexpr RouteSpec kRoutes[] = {
    {RouteId::Healthz,             "GET",  "/healthz",                          true,  {}},
    {RouteId::Metrics,             "GET",  "/metrics",                          false, kStaff},
    {RouteId::OpenApi,             "GET",  "/api/v1/openapi.json",              true,  {}},
    {RouteId::Login,               "POST", "/api/v1/auth/login",                true,  {}, "auth.login"},
    {RouteId::CreateEnrolmentCode, "POST", "/api/v1/enrolment-codes",           false, kStaff, "enrolment_code.create"},
    {RouteId::EnrolDevice,         "POST", "/api/v1/devices/enrol",             true,  {}, "device.enrol"},
    {RouteId::ListDevices,         "GET",  "/api/v1/devices",                   false, kStaff, "devices.read"},
    {RouteId::RevokeDevice,        "POST", "/api/v1/devices/{id}/revoke",       false, kStaff, "device.revoke"},
    {RouteId::SyncPush,            "POST", "/api/v1/sync/push",                 false, kSyncPush},
    {RouteId::SyncPull,            "GET",  "/api/v1/sync/pull",                 false, kSyncPull, "sync.pull"},
    {RouteId::ListSurveys,         "GET",  "/api/v1/surveys",                   false, kStaff},
    {RouteId::CreateSurvey,        "POST", "/api/v1/surveys",                   false, kStaff, "survey.create"},
    {RouteId::GetSurvey,           "GET",  "/api/v1/surveys/{id}",              false, kStaff},
    {RouteId::GetSurveyVersion,    "GET",  "/api/v1/surveys/{id}/versions/{version}", false, kStaff},
    {RouteId::UpdateSurvey,        "PUT",  "/api/v1/surveys/{id}",              false, kStaff, "survey.update"},
    {RouteId::PublishSurvey,       "POST", "/api/v1/surveys/{id}/publish",      false, kStaff, "survey.publish"},
    {RouteId::ListCampaigns,       "GET",  "/api/v1/campaigns",                 false, kStaff},
    {RouteId::CreateCampaign,      "POST", "/api/v1/campaigns",                 false, kStaff, "campaign.create"},
    {RouteId::GetCampaign,         "GET",  "/api/v1/campaigns/{id}",            false, kStaff},
    {RouteId::UpdateCampaign,      "PUT",  "/api/v1/campaigns/{id}",            false, kStaff, "campaign.update"},
    {RouteId::OpenCampaign,        "POST", "/api/v1/campaigns/{id}/open",       false, kStaff, "campaign.open"},
    {RouteId::CloseCampaign,       "POST", "/api/v1/campaigns/{id}/close",      false, kStaff, "campaign.close"},
    {RouteId::ClosingCampaign,     "POST", "/api/v1/campaigns/{id}/closing",    false, kStaff, "campaign.closing"},
    {RouteId::CampaignPoster,      "GET",  "/api/v1/campaigns/{id}/poster",     false, kStaff, "campaign.poster"},
    {RouteId::CampaignCounts,      "GET",  "/api/v1/campaigns/{id}/counts",     false, kStaff, "campaign.counts"},
    {RouteId::ListAccounts,        "GET",  "/api/v1/admin/accounts",            false, kAdmins, "accounts.read"},
    {RouteId::CreateAccount,       "POST", "/api/v1/admin/accounts",            false, kAdmins, "account.create"},
    {RouteId::DisableAccount,      "POST", "/api/v1/admin/accounts/{id}/disable", false, kAdmins, "account.disable"},
    {RouteId::EnableAccount,       "POST", "/api/v1/admin/accounts/{id}/enable", false, kAdmins, "account.enable"},
    {RouteId::ResetAccountPassword, "POST", "/api/v1/admin/accounts/{id}/reset-password", false, kAdmins, "account.reset_password"},
    {RouteId::SignOutAccount,      "POST", "/api/v1/admin/accounts/{id}/sign-out", false, kAdmins, "account.sign_out"},
    {RouteId::GetOwnAccount,       "GET",  "/api/v1/account",                   false, kStaff},
    {RouteId::ChangeOwnPassword,   "POST", "/api/v1/account/password",          false, kStaff, "account.password"},
    {RouteId::SignOutEverywhere,   "POST", "/api/v1/account/sign-out-everywhere", false, kStaff, "account.sign_out_everywhere"},
    {RouteId::ListPlaces,          "GET",  "/api/v1/places",                    false, kDevices},
    {RouteId::CreatePlace,         "POST", "/api/v1/places",                    false, kStaff, "place.create"},
    {RouteId::GetPlace,            "GET",  "/api/v1/places/{id}",               false, kDevices},
    {RouteId::UpdatePlace,         "PUT",  "/api/v1/places/{id}",               false, kStaff, "place.update"},
    {RouteId::RetirePlace,         "POST", "/api/v1/places/{id}/retire",        false, kStaff, "place.retire"},
    {RouteId::ReinstatePlace,      "POST", "/api/v1/places/{id}/reinstate",     false, kStaff, "place.reinstate"},
    {RouteId::ListPlaceLinks,      "GET",  "/api/v1/place-links",               false, kStaff},
    {RouteId::CreatePlaceLink,     "POST", "/api/v1/place-links",               false, kStaff, "place_link.create"},
    {RouteId::DeletePlaceLink,     "DELETE", "/api/v1/place-links/{id}",        false, kStaff, "place_link.delete"},
    {RouteId::ListPlaceMentions,   "GET",  "/api/v1/place-mentions",            false, kStaff, "place_mentions.read"},
    {RouteId::ListMeasures,        "GET",  "/api/v1/measures",                  false, kStaff},
    {RouteId::CreateMeasure,       "POST", "/api/v1/measures",                  false, kStaff, "measure.create"},
    {RouteId::GetMeasure,          "GET",  "/api/v1/measures/{id}",             false, kStaff},
    {RouteId::UpdateMeasure,       "PATCH", "/api/v1/measures/{id}",            false, kStaff, "measure.update"},
    {RouteId::CreateMeasureFromObservation,"POST","/api/v1/observations/{id}/measures",false, kStaff, "measure.create"},
    {RouteId::ListWalks,           "GET",  "/api/v1/walks",                     false, kStaff, "walks.read"},
    {RouteId::WalkReport,          "GET",  "/api/v1/walks/{id}/report",         false, kStaff, "walk.report"},
    {RouteId::Picture,             "GET",  "/api/v1/picture",                   false, kStaff, "picture.read"},
    {RouteId::PictureGeoJson,      "GET",  "/api/v1/picture/places.geojson",    false, kStaff, "picture.read"},
    {RouteId::PublishPicture,      "POST", "/api/v1/picture/publish",           false, kStaff, "picture.publish"},
    {RouteId::ExportResponsesCsv,  "GET",  "/api/v1/export/responses.csv",      false, kStaff, "export.responses_csv"},
    {RouteId::GetAgreement,        "GET",  "/api/v1/agreement",                 false, kStaff},
    {RouteId::PutAgreement,        "PUT",  "/api/v1/agreement",                 false, kStaff, "agreement.update"},
    {RouteId::ListPromises,        "GET",  "/api/v1/promises",                  false, kStaff},
    {RouteId::CreatePromise,       "POST", "/api/v1/promises",                  false, kStaff, "promise.create"},
    {RouteId::GetPromise,          "GET",  "/api/v1/promises/{id}",             false, kStaff},
    {RouteId::UpdatePromise,       "PUT",  "/api/v1/promises/{id}",             false, kStaff, "promise.update"},
    {RouteId::PutAssessment,       "PUT",  "/api/v1/promises/{id}/assessments/{year}", false, kStaff, "promise.assessment"},
    {RouteId::FollowUp,            "GET",  "/api/v1/follow-up",                 false, kStaff, "follow_up.read"},
    {RouteId::ExportFollowUpCsv,   "GET",  "/api/v1/export/follow-up.csv",      false, kStaff, "export.follow_up_csv"},
    {RouteId::PublicPromises,      "GET",  "/api/v1/public",                    true,  {}},
    {RouteId::ImportIndicators,    "POST", "/api/v1/indicators",                false, kStaff, "indicators.import"},
    {RouteId::ListIndicators,      "GET",  "/api/v1/indicators",                false, kStaff},
    {RouteId::DeleteIndicator,     "DELETE", "/api/v1/indicators/{id}",         false, kStaff, "indicator.delete"},
    {RouteId::ListAudit,           "GET",  "/api/v1/audit",                     false, kAdmins, "audit.read"},
    {RouteId::ExportAuditCsv,      "GET",  "/api/v1/export/audit.csv",          false, kAdmins, "export.audit_csv"},
    {RouteId::RetentionStatus,     "GET",  "/api/v1/retention",                 false, kStaff},
    {RouteId::PurgeCampaign,       "POST", "/api/v1/campaigns/{id}/purge",      false, kStaff, "campaign.purge"},
    {RouteId::WebSurvey,           "GET",  "/api/v1/web-surveys/{code}",        true,  {}},
};
// clang-format on

// Splits "/a/b/c" into segments; an empty path or one without a leading slash has none.
std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    if (path.empty() || path.front() != '/')
        return out;
    path.remove_prefix(1);
    while (true) {
        auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Decodes %XX escapes of one path segment ('+' stays '+'). Fails on a malformed escape, on
// an encoded NUL and on an encoded '/', which would change what the segment means.
Result<std::string> decodeSegment(std::string_view segment) {
    std::string out;
    out.reserve(segment.size());
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] != '%') {
            out += segment[i];
            continue;
        }
        const int hi = i + 1 < segment.size() ? hexDigit(segment[i + 1]) : -1;
        const int lo = i + 2 < segment.size() ? hexDigit(segment[i + 2]) : -1;
        if (hi < 0 || lo < 0)
            return makeError(
                "malformed_escape",
                "malformed percent escape \"" +
                    std::string(segment.substr(i, std::min<std::size_t>(3, segment.size() - i))) +
                    "\" at offset " + std::to_string(i));
        const char c = static_cast<char>(hi * 16 + lo);
        if (c == '\0')
            return makeError("encoded_nul", "an encoded NUL (%00) at offset " + std::to_string(i));
        if (c == '/')
            return makeError("encoded_slash", "an encoded '/' at offset " + std::to_string(i) +
                                                  " (a parameter is one path segment)");
        out += c;
        i += 2;
    }
    return out;
}

enum class TemplateMatch { No, Yes, BadParameter };

TemplateMatch matchTemplate(std::string_view pathTemplate,
                            const std::vector<std::string_view>& actual,
                            std::map<std::string, std::string>& params, std::string& detail) {
    auto wanted = segments(pathTemplate);
    if (wanted.size() != actual.size())
        return TemplateMatch::No;
    std::map<std::string, std::string> found;
    std::string fault;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        auto w = wanted[i];
        if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
            if (actual[i].empty())
                return TemplateMatch::No;
            std::string name(w.substr(1, w.size() - 2));
            auto decoded = decodeSegment(actual[i]);
            if (!decoded) {
                if (fault.empty())
                    fault = "path parameter " + name + ": " + decoded.error().message;
                continue;
            }
            found.emplace(std::move(name), std::move(*decoded));
        } else if (w != actual[i]) {
            return TemplateMatch::No;
        }
    }
    if (!fault.empty()) {
        detail = std::move(fault);
        return TemplateMatch::BadParameter;
    }
    params = std::move(found);
    return TemplateMatch::Yes;
}

} // namespace

std::span<const RouteSpec> routeTable() {
    return kRoutes;
}

const RouteSpec& routeSpec(RouteId id) {
    for (const auto& r : kRoutes)
        if (r.id == id)
            return r;
    assert(false && "route missing from the table");
    return kRoutes[0];
}

bool takesJsonBody(RouteId id) {
    return id != RouteId::ImportIndicators;
}

RouteLookup matchRoute(std::string_view method, std::string_view path) {
    RouteLookup lookup;
    auto actual = segments(path);
    if (actual.empty())
        return lookup;
    // Literal segments win over parameters: "/api/v1/devices/enrol" is not "{id}".
    const RouteSpec* best = nullptr;
    std::map<std::string, std::string> bestParams;
    bool pathKnown = false;
    std::string badParameter;
    for (const auto& r : kRoutes) {
        std::map<std::string, std::string> params;
        std::string detail;
        auto m = matchTemplate(r.pathTemplate, actual, params, detail);
        if (m == TemplateMatch::No)
            continue;
        pathKnown = true;
        if (r.method != method)
            continue;
        if (m == TemplateMatch::BadParameter) {
            if (badParameter.empty())
                badParameter = std::move(detail);
            continue;
        }
        if (!best || params.size() < bestParams.size()) {
            best = &r;
            bestParams = std::move(params);
        }
    }
    if (best) {
        lookup.match = RouteMatch{best, std::move(bestParams)};
    } else if (!badParameter.empty()) {
        lookup.miss = RouteMiss::InvalidParameter;
        lookup.detail = std::move(badParameter);
    } else if (pathKnown) {
        lookup.miss = RouteMiss::MethodNotAllowed;
    }
    return lookup;
}

} // namespace td::server
