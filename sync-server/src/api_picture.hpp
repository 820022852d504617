#pragma once
// Internal: the coordinator endpoints over the lägesbild (td_picture),
// with the decoded picture data cached per store and rebuilt when the change log moves.

#include "api_context.hpp"
#include "api_export.hpp"

namespace td::server {

/// GET /api/v1/picture?campaign=&compare_to=&locality=&from=&to= — the full picture JSON.
HttpResponse getPicture(RequestContext& ctx);

/// GET /api/v1/picture/places.geojson?campaign= — unsafe-place clusters and the located survey
/// mentions of the campaign as a GeoJSON FeatureCollection.
HttpResponse getPlacesGeoJson(RequestContext& ctx);

} // namespace td::server
