#pragma once
// Internals shared by the compute_*.cpp files.

#include "td/picture/dataset.hpp"
#include "td/picture/situation_picture.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace td::picture::detail {

/// The respondents a picture covers and their post-stratification weights.
struct Selection {
    int campaign = -1;
    std::vector<std::uint32_t> rows;
    std::vector<std::uint8_t> member;  ///< per respondent: 1 when selected
    std::vector<double> stratumWeight; ///< per stratum
    PostStratification weighting;
    std::int32_t firstDay = 0; ///< date window for dialogues, walks
    std::int32_t lastDay = 0;
};

struct Window {
    std::optional<std::int32_t> from;
    std::optional<std::int32_t> to;
    int locality = -1; ///< −1: all
};

Selection selectRespondents(const PictureData& data, int campaign, const Window& window,
                            const PictureOptions& options);

/// Per-question figures for one selection; `trendAgainst` adds the comparison.
QuestionResult summarizeQuestion(const PictureData& data, const QuestionColumn& column,
                                 const Selection& selection, const PictureOptions& options);

/// Fills focus areas, places, dialogue and walk totals of `picture`.
void summarizeAreas(const PictureData& data, const Selection& selection, const Selection* compare,
                    const Window& window, const PictureOptions& options, SituationPicture& picture);
void summarizePlaces(const PictureData& data, const Selection& selection, const Window& window,
                     const PictureOptions& options, SituationPicture& picture);

/// Whether a walk or dialogue day/locality falls in the selection's window.
bool inWindow(const PictureData& data, const Selection& selection, const Window& window,
              std::string_view date, std::string_view locality);

} // namespace td::picture::detail
