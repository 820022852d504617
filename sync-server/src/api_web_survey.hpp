#pragma once
// The resident web survey's data endpoint (docs/web-survey.md).

#include "api_context.hpp"

namespace td::server {

/// GET /api/v1/web-surveys/{code}: a campaign answered on the web, by its public code: the
/// campaign's public fields, its survey definition and the place registry. 404 unknown_campaign
/// (no such code), 404 not_on_web (the campaign has no web channel), 410 campaign_closed (with
/// the campaign's name, so the page can say which survey has closed).
HttpResponse getWebSurvey(RequestContext& ctx);

} // namespace td::server
