#include "td/walk/geo.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace td::walk {

namespace {
double radians(double degrees) {
    return degrees * std::numbers::pi / 180.0;
}
} // namespace

double haversineM(double lat1, double lon1, double lat2, double lon2) {
    const double phi1 = radians(lat1);
    const double phi2 = radians(lat2);
    const double dPhi = phi2 - phi1;
    const double dLambda = radians(lon2 - lon1);
    const double h = std::sin(dPhi / 2) * std::sin(dPhi / 2) + std::cos(phi1) * std::cos(phi2) *
                                                                   std::sin(dLambda / 2) *
                                                                   std::sin(dLambda / 2);
    return 2 * kEarthRadiusM * std::asin(std::sqrt(std::clamp(h, 0.0, 1.0)));
}

bool isValidCoordinate(double lat, double lon) {
    return std::isfinite(lat) && std::isfinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 &&
           lon <= 180;
}

} // namespace td::walk
