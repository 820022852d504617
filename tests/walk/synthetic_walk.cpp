#include "synthetic_walk.hpp"

#include "td/walk/geo.hpp"

#include <cmath>
#include <numbers>
#include <random>

namespace td::walk::test {

SyntheticWalk threeHourWalk() {
    std::mt19937 random(20250918);
    std::normal_distribution<double> noise(0.0, 2.7);
    std::uniform_real_distribution<double> legLength(40.0, 250.0);
    std::bernoulli_distribution turnLeft(0.5);
    const double metresPerDegreeLat = kEarthRadiusM * std::numbers::pi / 180.0;
    const double lat0 = 64.2;
    const double lon0 = 19.7;
    const double metresPerDegreeLon = metresPerDegreeLat * std::cos(lat0 * std::numbers::pi / 180);
    SyntheticWalk walk;
    double north = 0, east = 0, heading = 0, legLeft = legLength(random);
    const std::int64_t t0 = kDayMs + 18 * 3600 * 1000;
    for (int s = 0; s < 3 * 3600; ++s) {
        const bool stopped = s % 1200 >= 600 && s % 1200 < 660;
        if (s % 1200 == 630)
            walk.stops.push_back(
                {lat0 + north / metresPerDegreeLat, lon0 + east / metresPerDegreeLon, 5.0});
        if (!stopped) {
            north += 1.3 * std::cos(heading);
            east += 1.3 * std::sin(heading);
            legLeft -= 1.3;
            if (legLeft <= 0) {
                heading += (turnLeft(random) ? -1 : 1) * std::numbers::pi / 2;
                legLeft = legLength(random);
            }
        }
        Fix fix;
        fix.tMs = t0 + s * 1000;
        fix.valid = !(s >= 5000 && s < 5030);
        fix.lat = lat0 + (north + noise(random)) / metresPerDegreeLat;
        fix.lon = lon0 + (east + noise(random)) / metresPerDegreeLon;
        fix.accuracyM = 9.0;
        walk.fixes.push_back(fix);
    }
    return walk;
}

model::SafetyWalk walkWith(std::vector<model::TrackPoint> track) {
    model::SafetyWalk walk;
    walk.id = "0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
    walk.areaName = "Vindeln centrum";
    walk.locality = "vindeln";
    walk.date = "2025-09-18";
    walk.startedAt = isoTimestamp(kDayMs + 18 * 3600 * 1000);
    walk.participants.residents = 6;
    walk.track = std::move(track);
    return walk;
}

} // namespace td::walk::test
