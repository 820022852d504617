#pragma once
// Test data for track thinning: a synthetic long walk and a SafetyWalk record around a track.

#include "td/model/walk.hpp"
#include "td/walk/track_recorder.hpp"

#include <cstdint>
#include <vector>

namespace td::walk::test {

inline constexpr std::int64_t kDayMs = 1758153600000; // 2025-09-18T00:00:00Z

/// A 3-hour walk at 1 Hz through a street grid: legs of 40-250 m at 1.3 m/s with right-angle
/// turns, a 60 s stop every 20 minutes (its position in `stops`), a 30 s fix loss, 2.7 m of
/// noise per axis, accuracy 9 m. Deterministic.
struct SyntheticWalk {
    std::vector<Fix> fixes; // what the receiver reports
    std::vector<model::Position> stops;
};
SyntheticWalk threeHourWalk();

/// A valid SafetyWalk (Vindeln centrum, 2025-09-18) with `track`.
model::SafetyWalk walkWith(std::vector<model::TrackPoint> track);

} // namespace td::walk::test
