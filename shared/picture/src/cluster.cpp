#include "td/picture/cluster.hpp"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <unordered_map>

namespace td::picture {

namespace {

constexpr double kEarthRadiusM = 6371008.8;
constexpr double kDeg = std::numbers::pi / 180.0;

// Uniform grid over a local equirectangular projection, cells of one radius, so that all
// neighbours of a point lie in its own or the 8 adjacent cells.
class Grid {
public:
    Grid(std::span<const GeoPoint> points, double cellM)
        : m_points(points) {
        double minLat = 90.0;
        for (const GeoPoint& p : points)
            minLat = std::min(minLat, std::fabs(p.lat));
        // Use the latitude nearest the equator for the widest cells in longitude.
        m_latStep = cellM / (kEarthRadiusM * kDeg);
        m_lonStep = m_latStep / std::max(0.01, std::cos(minLat * kDeg));
        for (std::size_t i = 0; i < points.size(); ++i)
            m_cells[key(cellOf(points[i].lat, m_latStep), cellOf(points[i].lon, m_lonStep))]
                .push_back(i);
    }

    template <class F> void forNeighbourCandidates(const GeoPoint& p, F&& f) const {
        const std::int64_t cy = cellOf(p.lat, m_latStep);
        const std::int64_t cx = cellOf(p.lon, m_lonStep);
        for (std::int64_t dy = -1; dy <= 1; ++dy)
            for (std::int64_t dx = -1; dx <= 1; ++dx) {
                auto it = m_cells.find(key(cy + dy, cx + dx));
                if (it == m_cells.end())
                    continue;
                for (std::size_t j : it->second)
                    f(j);
            }
    }

private:
    static std::int64_t cellOf(double v, double step) {
        return static_cast<std::int64_t>(std::floor(v / step));
    }
    static std::uint64_t key(std::int64_t y, std::int64_t x) {
        return (static_cast<std::uint64_t>(y) << 32) ^ static_cast<std::uint32_t>(x);
    }

    std::span<const GeoPoint> m_points;
    double m_latStep = 1.0;
    double m_lonStep = 1.0;
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> m_cells;
};

} // namespace

double haversineMeters(double lat1, double lon1, double lat2, double lon2) {
    const double dLat = (lat2 - lat1) * kDeg;
    const double dLon = (lon2 - lon1) * kDeg;
    const double a =
        std::sin(dLat / 2) * std::sin(dLat / 2) +
        std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2.0 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
}

std::vector<int> dbscan(std::span<const GeoPoint> points, const DbscanOptions& options) {
    constexpr int kUnvisited = -2;
    constexpr int kNoise = -1;
    std::vector<int> label(points.size(), kUnvisited);
    if (points.empty())
        return {};
    const Grid grid(points, options.radiusM);
    // A cheap local-plane distance decides all but the pairs within 1 % of the radius, which
    // get the exact haversine (the plane's error at these scales is far below 1 %).
    std::vector<double> cosLat(points.size());
    for (std::size_t i = 0; i < points.size(); ++i)
        cosLat[i] = std::cos(points[i].lat * kDeg);
    const double inner = options.radiusM * 0.99;
    const double outer = options.radiusM * 1.01;
    auto within = [&](std::size_t i, std::size_t j) {
        const double dy = (points[j].lat - points[i].lat) * kDeg * kEarthRadiusM;
        const double dx =
            (points[j].lon - points[i].lon) * kDeg * kEarthRadiusM * 0.5 * (cosLat[i] + cosLat[j]);
        const double d2 = dx * dx + dy * dy;
        if (d2 < inner * inner)
            return true;
        if (d2 > outer * outer)
            return false;
        return haversineMeters(points[i].lat, points[i].lon, points[j].lat, points[j].lon) <=
               options.radiusM;
    };
    auto neighbours = [&](std::size_t i, std::vector<std::size_t>& out) {
        out.clear();
        std::int64_t mass = 0;
        grid.forNeighbourCandidates(points[i], [&](std::size_t j) {
            if (within(i, j)) {
                out.push_back(j);
                mass += points[j].multiplicity;
            }
        });
        return mass;
    };

    int next = 0;
    std::vector<std::size_t> found;
    std::vector<std::size_t> frontier;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (label[i] != kUnvisited)
            continue;
        if (neighbours(i, found) < options.minPoints) {
            label[i] = kNoise;
            continue;
        }
        const int cluster = next++;
        label[i] = cluster;
        frontier.assign(found.begin(), found.end());
        while (!frontier.empty()) {
            const std::size_t j = frontier.back();
            frontier.pop_back();
            if (label[j] == kNoise)
                label[j] = cluster; // border point
            if (label[j] != kUnvisited)
                continue;
            label[j] = cluster;
            if (neighbours(j, found) >= options.minPoints)
                frontier.insert(frontier.end(), found.begin(), found.end());
        }
    }
    return label;
}

} // namespace td::picture
