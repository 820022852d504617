#pragma once
// Internals shared by the compute_*.cpp and bootstrap.cpp files.

#include "td/picture/calibration.hpp"
#include "td/picture/dataset.hpp"
#include "td/picture/situation_picture.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace td::picture::detail {

/// The population margins over PictureData's strata (empty without a population table).
std::vector<CalibrationMargin> calibrationMargins(const PictureData& data);

/// The design a picture rests on and its calibration: the campaign's respondents (within the
/// date window), raked to the population; a locality filter is a domain of that design. Without
/// a date window the campaign's aggregates are used and `rows` stays empty.
struct Selection {
    int campaign = -1;
    int locality = -1;     ///< the domain; −1: all
    std::int32_t from = 0; ///< response days, inclusive
    std::int32_t to = 0;
    bool fromAggregates = false;
    std::vector<std::uint32_t> rows; ///< the design's respondents (date window only)
    std::vector<double> counts;      ///< the design's respondents per stratum
    std::int64_t respondents = 0;    ///< in the domain
    Calibration calibration;
    Projector projector;
    std::int32_t firstDay = 0; ///< date window for dialogues, walks
    std::int32_t lastDay = 0;

    bool inDomain(const PictureData& data, std::size_t stratum) const {
        return locality < 0 || data.stratumLocality(stratum) == static_cast<std::size_t>(locality);
    }
};

struct Window {
    std::optional<std::int32_t> from;
    std::optional<std::int32_t> to;
    int locality = -1; ///< −1: all
};

Selection selectRespondents(const PictureData& data, int campaign, const Window& window,
                            const PictureOptions& options);

/// Whether respondent `row` is in the selection's design and domain.
bool includesRow(const PictureData& data, const Selection& selection, std::uint32_t row);

/// The weighted estimate of a domain's mean of y (a share when y is 0/1): calibrated, with its
/// linearised standard error and logit interval (the exact bound uses `count` answers).
ShareEstimate weightedEstimate(const Selection& selection, const DomainSums& sums);

/// Per-question figures for one selection.
QuestionResult summarizeQuestion(const PictureData& data, std::size_t column,
                                 const Selection& selection, const PictureOptions& options);

/// Worry-item patterns per stratum of ranked area `area` over the selection's design:
/// counts[stratum · kCodeSlots + areaPattern(answered, worried)].
std::vector<std::uint32_t> countWorry(const PictureData& data, std::size_t area,
                                      const Selection& selection);

/// The concern score's domain sums from worry patterns: per stratum, respondents who answered
/// a worry item and Σ (worried / answered), Σ of its square.
void scoreSums(const PictureData& data, const Selection& selection,
               const std::vector<std::uint32_t>& patterns, DomainSums& sums);

/// Fills focus areas (scores, their trends, ranks and rank intervals) after the questions, and
/// dialogue totals; summarizePlaces fills places, walk and observation totals.
void summarizeAreas(const PictureData& data, const Selection& selection,
                    const std::optional<Selection>& previous, const Window& window,
                    const PictureOptions& options, SituationPicture& picture);
void summarizePlaces(const PictureData& data, const Selection& selection, const Window& window,
                     const PictureOptions& options, SituationPicture& picture);

/// Rank intervals of the selection's focus areas by bootstrap over its respondents (rows).
RankIntervals bootstrapSelection(const PictureData& data, const Selection& selection,
                                 const BootstrapOptions& options);

/// Whether a walk or dialogue day/locality falls in the selection's window.
bool inWindow(const PictureData& data, const Selection& selection, const Window& window,
              std::string_view date, std::string_view locality);

} // namespace td::picture::detail
