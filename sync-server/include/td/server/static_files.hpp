#pragma once
// The coordinator dashboard's static files, read from the dashboard directory at request time:
// its public/ pages and the Leaflet and Chart.js builds from its node_modules (never a CDN).

#include "td/server/http_types.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace td::server {

/// The dashboard directory: $TD_DASHBOARD_DIR when set, else the source tree's dashboard/.
std::string defaultDashboardDir();

/// Answers a GET for a dashboard file: "/" → public/index.html, "/report" → public/report.html,
/// "/vendor/leaflet/…" and "/vendor/chart.js/…" → the packages' dist/ files, anything else →
/// public/…. Returns nullopt when `path` names no such file (the caller answers 404). Paths with
/// "..", empty or hidden segments, or unknown file types are never served.
std::optional<HttpResponse> serveDashboardFile(const std::string& dashboardDir,
                                               std::string_view method, std::string_view path);

/// As above for `request`, also answering its Accept-Encoding (gzip for text, JSON, SVG and
/// WebAssembly files, with Vary) and If-None-Match (304 against the ETag of the form sent).
/// "/s/" and "/s/<public code>" → public/s/index.html, "/s/td-model.js" and
/// "/s/td-model.wasm" → wasm/ (the WebAssembly build); files under /s/ get the web survey's
/// Content-Security-Policy, which alone allows WebAssembly ('wasm-unsafe-eval').
std::optional<HttpResponse> serveDashboardFile(const std::string& dashboardDir,
                                               const HttpRequest& request);

} // namespace td::server
