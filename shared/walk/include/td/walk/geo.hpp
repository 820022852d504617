#pragma once
// Distances on the WGS84 sphere approximation used for walk lengths.

namespace td::walk {

/// Mean Earth radius (IUGG), metres.
inline constexpr double kEarthRadiusM = 6371008.8;

/// Great-circle distance in metres between two WGS84 positions (haversine formula).
double haversineM(double lat1, double lon1, double lat2, double lon2);

/// True when lat is in [-90, 90] and lon in [-180, 180] (and both are finite).
bool isValidCoordinate(double lat, double lon);

} // namespace td::walk
