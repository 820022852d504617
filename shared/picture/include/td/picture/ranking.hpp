#pragma once
// Ranking the focus areas with uncertainty: an interval for each area's rank from a bootstrap
// over respondents (the weights raked again in every replicate). The bootstrap itself, which
// needs the responses, is in bootstrap.hpp; these are the results PictureData can also carry
// precomputed for a campaign whose responses are gone.

#include "td/model/common.hpp"
#include "td/picture/calibration.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace td::picture {

/// The five focus areas the concern score ranks (every FocusArea but General).
inline constexpr std::array<model::FocusArea, 5> kRankedAreas{
    model::FocusArea::Drugs, model::FocusArea::Traffic, model::FocusArea::CloseViolence,
    model::FocusArea::EconomicCrime, model::FocusArea::UnsafePlaces};

/// An area's rank interval: 1 = highest concern.
struct AreaRank {
    model::FocusArea area = model::FocusArea::General;
    int low = 0;
    int high = 0;
    bool operator==(const AreaRank&) const = default;
};

/// Rank intervals of the areas that have a score, and how they were made.
struct RankIntervals {
    std::vector<AreaRank> areas;
    int replicates = 0; ///< replicates in which every ranked area had a score
    std::uint64_t seed = 0;
    bool operator==(const RankIntervals&) const = default;
};

struct BootstrapOptions {
    int replicates = 1000;
    std::uint64_t seed = 20250613;
    double level = 0.95; ///< coverage of each rank interval
    CalibrationOptions weighting;
};

/// Ranks (1 = highest) of `scores`; equal scores share the better rank's order by index.
std::vector<int> ranksOf(std::span<const double> scores);

/// Rank intervals from replicate scores, `replicateScores[r][a]` for area `areas[a]`: each area's
/// (1 − level)/2 and (1 + level)/2 quantiles of its replicate ranks (order statistics
/// ⌈q·R⌉, at least the first).
RankIntervals intervalsFromReplicates(std::span<const model::FocusArea> areas,
                                      const std::vector<std::vector<double>>& replicateScores,
                                      double level);

/// The areas whose intervals overlap `area`'s (itself left out).
std::vector<model::FocusArea> overlappingAreas(const RankIntervals& intervals,
                                               model::FocusArea area);

} // namespace td::picture
