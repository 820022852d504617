#pragma once
// Geographic clustering of unsafe-place mentions: haversine distance and DBSCAN over points
// with multiplicities (many mentions of one registry place share one coordinate).

#include <cstdint>
#include <span>
#include <vector>

namespace td::picture {

/// Great-circle distance in metres (mean Earth radius 6 371 008.8 m).
double haversineMeters(double lat1, double lon1, double lat2, double lon2);

struct GeoPoint {
    double lat = 0.0;
    double lon = 0.0;
    std::int64_t multiplicity = 1; ///< how many mentions sit at this coordinate
};

struct DbscanOptions {
    double radiusM = 150.0;     ///< ε, haversine metres
    std::int64_t minPoints = 3; ///< mentions (multiplicities summed, itself included) for a core
};

/// Cluster label per point: 0, 1, … for clusters (in order of their first core point),
/// −1 for noise. A point is core when the multiplicities within radiusM (itself included) sum
/// to at least minPoints; clusters grow from core points as in Ester et al. (1996).
std::vector<int> dbscan(std::span<const GeoPoint> points, const DbscanOptions& options);

} // namespace td::picture
