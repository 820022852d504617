#include "td/picture/cluster.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace td::picture;

namespace {

// Offsets in metres north/east of a point at 64.2 N (small-distance approximation).
GeoPoint at(double north, double east, std::int64_t mult = 1) {
    const double lat0 = 64.2, lon0 = 19.7;
    const double mPerDegLat = 6371008.8 * M_PI / 180.0;
    return {lat0 + north / mPerDegLat, lon0 + east / (mPerDegLat * std::cos(lat0 * M_PI / 180)),
            mult};
}

} // namespace

TEST_CASE("Haversine distances") {
    CHECK(haversineMeters(64.2, 19.7, 64.2, 19.7) == 0.0);
    // One degree of latitude on the mean sphere: 2πR/360.
    CHECK(haversineMeters(64.0, 19.7, 65.0, 19.7) == Approx(6371008.8 * M_PI / 180).epsilon(1e-9));
    const GeoPoint a = at(0, 0), b = at(0, 100);
    CHECK(haversineMeters(a.lat, a.lon, b.lat, b.lon) == Approx(100).epsilon(1e-4));
}

TEST_CASE("DBSCAN on constructed point sets") {
    DbscanOptions opt{150.0, 3};
    SECTION("two groups and a noise point") {
        std::vector<GeoPoint> pts{at(0, 0),     at(50, 0),    at(0, 60),     at(1000, 0),
                                  at(1040, 30), at(1000, 80), at(3000, 3000)};
        const auto labels = dbscan(pts, opt);
        CHECK(labels == std::vector<int>{0, 0, 0, 1, 1, 1, -1});
    }
    SECTION("a chain links through core points, a border point joins, beyond is noise") {
        // Points every 100 m: each inner one has two neighbours + itself = core.
        std::vector<GeoPoint> pts{at(0, 0), at(0, 100), at(0, 200), at(0, 300), at(0, 460)};
        const auto labels = dbscan(pts, opt);
        CHECK(labels == std::vector<int>{0, 0, 0, 0, -1});
        // 0 and 300 are border points (only one neighbour); still in the cluster.
    }
    SECTION("multiplicity counts toward minPts") {
        std::vector<GeoPoint> pts{at(0, 0, 3), at(2000, 0, 2), at(2100, 0, 1)};
        const auto labels = dbscan(pts, opt);
        CHECK(labels == std::vector<int>{0, 1, 1});
        opt.minPoints = 4;
        CHECK(dbscan(pts, opt) == std::vector<int>{-1, -1, -1});
    }
    SECTION("radius is respected exactly") {
        std::vector<GeoPoint> pts{at(0, 0, 2), at(0, 149), at(0, 301, 3)};
        const auto labels = dbscan(pts, opt);
        CHECK(labels[0] == labels[1]);
        CHECK(labels[2] != labels[1]);
        CHECK(labels[2] >= 0);
    }
    CHECK(dbscan({}, opt).empty());
}
