// Helpers shared by the endpoints, the endpoint table and the system endpoints.
#include "api_context.hpp"
#include "api_followup.hpp"
#include "api_indicators.hpp"
#include "api_measures.hpp"
#include "api_picture.hpp"
#include "api_publish.hpp"
#include "api_web_survey.hpp"
#include "td/core/json.hpp"

#include <cstdio>
#include <ctime>
#include <sodium.h>

namespace td::server {

store::Role toStoreRole(Role role) {
    switch (role) {
    case Role::Admin:
        return store::Role::Admin;
    case Role::Coordinator:
        return store::Role::Coordinator;
    case Role::Officer:
        return store::Role::Officer;
    case Role::Kiosk:
        return store::Role::Kiosk;
    case Role::Resident:
        return store::Role::Resident;
    }
    return store::Role::Resident;
}

Role fromStoreRole(store::Role role) {
    switch (role) {
    case store::Role::Admin:
        return Role::Admin;
    case store::Role::Coordinator:
        return Role::Coordinator;
    case store::Role::Officer:
        return Role::Officer;
    case store::Role::Kiosk:
        return Role::Kiosk;
    case store::Role::Resident:
        return Role::Resident;
    }
    return Role::Resident;
}

Result<boost::json::value> parseJsonBody(const RequestContext& ctx) {
    json::ParseLimits limits;
    limits.maxBytes = ctx.options.limits.maxBodyBytes;
    auto parsed = json::parse(ctx.request.body, limits);
    if (!parsed) {
        auto e = parsed.error();
        e.code = "malformed_json";
        return e;
    }
    if (!parsed->is_object())
        return makeError("malformed_json", "the request body must be a JSON object");
    return parsed;
}

std::string isoTime(std::int64_t unixMs) {
    std::time_t secs = static_cast<std::time_t>(unixMs / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(unixMs % 1000));
    return buf;
}

std::string serverHlc(std::int64_t nowMs) {
    char buf[80];
    std::snprintf(buf, sizeof buf, "%013lld-0000-server", static_cast<long long>(nowMs));
    return buf;
}

std::string randomId() {
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    return hex;
}

HttpResponse fail(const Error& error) {
    if (error.code == "storage_error" || error.code == "storage_unavailable")
        return errorResponse(503, "storage_unavailable",
                             "the database is unavailable; retry later");
    return errorResponse(error);
}

HttpResponse healthz(RequestContext& ctx) {
    auto check = ctx.store.countRecords("survey");
    if (!check)
        return fail(check.error());
    return jsonResponse(200, R"({"status":"ok"})");
}

HttpResponse metricsText(RequestContext& ctx) {
    HttpResponse r;
    r.contentType = "text/plain; version=0.0.4; charset=utf-8";
    r.body = ctx.metrics.render();
    return r;
}

HttpResponse openApi(RequestContext&) {
    HttpResponse r;
    r.body = std::string(openApiDocument());
    return r;
}

Endpoint endpointFor(RouteId id) {
    switch (id) {
    case RouteId::Healthz:
        return healthz;
    case RouteId::Metrics:
        return metricsText;
    case RouteId::OpenApi:
        return openApi;
    case RouteId::Login:
        return login;
    case RouteId::CreateEnrolmentCode:
        return createEnrolmentCode;
    case RouteId::EnrolDevice:
        return enrolDevice;
    case RouteId::ListDevices:
        return listDevices;
    case RouteId::RevokeDevice:
        return revokeDevice;
    case RouteId::SyncPush:
        return syncPush;
    case RouteId::SyncPull:
        return syncPull;
    case RouteId::ListSurveys:
        return listSurveys;
    case RouteId::CreateSurvey:
        return createSurvey;
    case RouteId::GetSurvey:
        return getSurvey;
    case RouteId::GetSurveyVersion:
        return getSurveyVersion;
    case RouteId::UpdateSurvey:
        return updateSurvey;
    case RouteId::PublishSurvey:
        return publishSurvey;
    case RouteId::ListCampaigns:
        return listCampaigns;
    case RouteId::CreateCampaign:
        return createCampaign;
    case RouteId::GetCampaign:
        return getCampaign;
    case RouteId::UpdateCampaign:
        return updateCampaign;
    case RouteId::OpenCampaign:
        return openCampaign;
    case RouteId::CloseCampaign:
        return closeCampaign;
    case RouteId::ClosingCampaign:
        return closingCampaign;
    case RouteId::CampaignPoster:
        return campaignPoster;
    case RouteId::CampaignCounts:
        return campaignCounts;
    case RouteId::ListAccounts:
        return listAccounts;
    case RouteId::CreateAccount:
        return createAccount;
    case RouteId::DisableAccount:
        return disableAccount;
    case RouteId::EnableAccount:
        return enableAccount;
    case RouteId::ResetAccountPassword:
        return resetAccountPassword;
    case RouteId::SignOutAccount:
        return signOutAccount;
    case RouteId::GetOwnAccount:
        return getOwnAccount;
    case RouteId::ChangeOwnPassword:
        return changeOwnPassword;
    case RouteId::SignOutEverywhere:
        return signOutEverywhere;
    case RouteId::ListPlaces:
        return listPlaces;
    case RouteId::CreatePlace:
        return createPlace;
    case RouteId::GetPlace:
        return getPlace;
    case RouteId::UpdatePlace:
        return updatePlace;
    case RouteId::RetirePlace:
        return retirePlace;
    case RouteId::ReinstatePlace:
        return reinstatePlace;
    case RouteId::ListPlaceLinks:
        return listPlaceLinks;
    case RouteId::CreatePlaceLink:
        return createPlaceLink;
    case RouteId::DeletePlaceLink:
        return deletePlaceLink;
    case RouteId::ListPlaceMentions:
        return listPlaceMentions;
    case RouteId::ListMeasures:
        return listMeasures;
    case RouteId::CreateMeasure:
        return createMeasure;
    case RouteId::GetMeasure:
        return getMeasure;
    case RouteId::UpdateMeasure:
        return updateMeasure;
    case RouteId::CreateMeasureFromObservation:
        return createMeasureFromObservation;
    case RouteId::ListWalks:
        return listWalks;
    case RouteId::WalkReport:
        return walkReport;
    case RouteId::Picture:
        return getPicture;
    case RouteId::PictureGeoJson:
        return getPlacesGeoJson;
    case RouteId::PublishPicture:
        return publishPicture;
    case RouteId::ExportResponsesCsv:
        return exportResponsesCsv;
    case RouteId::GetAgreement:
        return getAgreement;
    case RouteId::PutAgreement:
        return putAgreement;
    case RouteId::ListPromises:
        return listPromises;
    case RouteId::CreatePromise:
        return createPromise;
    case RouteId::GetPromise:
        return getPromise;
    case RouteId::UpdatePromise:
        return updatePromise;
    case RouteId::PutAssessment:
        return putAssessment;
    case RouteId::FollowUp:
        return getFollowUp;
    case RouteId::ExportFollowUpCsv:
        return exportFollowUpCsv;
    case RouteId::PublicPromises:
        return getPublic;
    case RouteId::ImportIndicators:
        return importIndicators;
    case RouteId::ListIndicators:
        return listIndicators;
    case RouteId::DeleteIndicator:
        return deleteIndicator;
    case RouteId::ListAudit:
        return listAudit;
    case RouteId::ExportAuditCsv:
        return exportAuditCsv;
    case RouteId::RetentionStatus:
        return retentionList;
    case RouteId::PurgeCampaign:
        return postCampaignPurge;
    case RouteId::WebSurvey:
        return getWebSurvey;
    }
    return healthz;
}

} // namespace td::server
