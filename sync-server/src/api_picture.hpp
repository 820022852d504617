#pragma once
// Internal: the coordinator endpoints over the lägesbild (td_picture) and the response export,
// with the decoded picture data cached per store and rebuilt when the change log moves.

#include "api_context.hpp"

namespace td::server {

/// GET /api/v1/picture?campaign=&compare_to=&locality=&from=&to= — the full picture JSON.
HttpResponse getPicture(RequestContext& ctx);

/// GET /api/v1/picture/places.geojson?campaign= — unsafe-place clusters and the located survey
/// mentions of the campaign as a GeoJSON FeatureCollection.
HttpResponse getPlacesGeoJson(RequestContext& ctx);

/// GET /api/v1/export/responses.csv?campaign=[&free_text=1] — one row per response, one column
/// per question; text answers and place descriptions only with free_text=1.
HttpResponse exportResponsesCsv(RequestContext& ctx);

/// A CSV cell: quoted when needed, and prefixed with ' when it starts with = + - @ (or a tab
/// or carriage return) so spreadsheets never read it as a formula.
std::string csvCell(std::string_view value);

} // namespace td::server
