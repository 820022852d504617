#include "appcore/walksketch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace td::app {

namespace {

constexpr double kEarthRadiusM = 6371008.8;

} // namespace

double roundScaleLength(double maxMetres) {
    if (!(maxMetres >= 1.0)) {
        return 1.0;
    }
    const double decade = std::pow(10.0, std::floor(std::log10(maxMetres)));
    for (double step : {5.0, 2.0, 1.0}) {
        if (step * decade <= maxMetres) {
            return step * decade;
        }
    }
    return decade;
}

WalkSketch projectWalk(const std::vector<td::walk::Fix>& fixes,
                       const std::vector<td::model::Position>& stops, double width, double height,
                       double margin, std::int64_t gapAfterMs, double minSpanM) {
    WalkSketch sketch;
    const double innerW = width - 2 * margin;
    const double innerH = height - 2 * margin;
    if (innerW <= 0 || innerH <= 0 || (fixes.empty() && stops.empty())) {
        return sketch;
    }
    double minLat = std::numeric_limits<double>::max(), maxLat = -minLat;
    double minLon = minLat, maxLon = -minLat;
    auto extend = [&](double lat, double lon) {
        minLat = std::min(minLat, lat);
        maxLat = std::max(maxLat, lat);
        minLon = std::min(minLon, lon);
        maxLon = std::max(maxLon, lon);
    };
    for (const auto& f : fixes) {
        extend(f.lat, f.lon);
    }
    for (const auto& s : stops) {
        extend(s.lat, s.lon);
    }
    // Equirectangular about the centre: exact enough for a walk of a few kilometres.
    const double centreLat = (minLat + maxLat) / 2;
    const double centreLon = (minLon + maxLon) / 2;
    const double perDegree = kEarthRadiusM * std::numbers::pi / 180.0;
    const double xPerDegree = perDegree * std::cos(centreLat * std::numbers::pi / 180.0);
    const double spanX = std::max((maxLon - minLon) * xPerDegree, minSpanM);
    const double spanY = std::max((maxLat - minLat) * perDegree, minSpanM);
    const double pixelsPerMetre = std::min(innerW / spanX, innerH / spanY);
    sketch.metresPerPixel = 1.0 / pixelsPerMetre;
    auto project = [&](double lat, double lon) {
        const double x = (lon - centreLon) * xPerDegree * pixelsPerMetre;
        const double y = (lat - centreLat) * perDegree * pixelsPerMetre;
        return QPointF(width / 2 + x, height / 2 - y); // north up
    };

    for (std::size_t i = 0; i < fixes.size(); ++i) {
        if (i == 0 || fixes[i].tMs - fixes[i - 1].tMs > gapAfterMs) {
            sketch.segments.emplace_back();
        }
        sketch.segments.back().push_back(project(fixes[i].lat, fixes[i].lon));
    }
    for (const auto& s : stops) {
        sketch.stops.push_back(project(s.lat, s.lon));
    }
    sketch.scaleBarMetres = roundScaleLength(innerW / 3 * sketch.metresPerPixel);
    sketch.scaleBarPixels = sketch.scaleBarMetres * pixelsPerMetre;
    return sketch;
}

} // namespace td::app
