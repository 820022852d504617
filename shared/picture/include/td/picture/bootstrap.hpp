#pragma once
// The bootstrap of the focus areas' ranks over a campaign's respondents. It needs the
// respondent rows, so a campaign whose responses are about to be deleted has its intervals
// computed here first and kept (PictureData::setRankIntervals); docs/lagesbild.md, "Ranking".

#include "td/core/result.hpp"
#include "td/picture/dataset.hpp"
#include "td/picture/ranking.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace td::picture {

/// Rank intervals of the campaign's focus areas (whole campaign, or the `locality` domain):
/// `replicates` Poisson bootstrap replicates over its respondents, seeded, with the weights
/// raked again in each. Errors: unknown_campaign, unknown_locality, no_rows (the campaign is
/// kept as its aggregate).
Result<RankIntervals> bootstrapRanks(const PictureData& data, std::string_view campaignId,
                                     const std::optional<std::string>& locality = std::nullopt,
                                     const BootstrapOptions& options = {});

/// A Poisson(mean) variate from a SplitMix64 stream (inversion below 10, Hörmann's PTRS above).
class PoissonSampler {
public:
    explicit PoissonSampler(std::uint64_t seed)
        : m_state(seed) {}
    std::uint64_t next();
    double uniform(); ///< in [0, 1)
    std::uint32_t poisson(double mean);

private:
    std::uint64_t m_state;
};

} // namespace td::picture
