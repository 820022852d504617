#pragma once
// Internals shared by the compute_*.cpp files.

#include "td/picture/dataset.hpp"
#include "td/picture/situation_picture.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace td::picture::detail {

/// The respondents a picture covers and their post-stratification weights. Without a date
/// window the campaign's incremental aggregates are used and `rows` stays empty.
struct Selection {
    int campaign = -1;
    int locality = -1;     ///< −1: all
    std::int32_t from = 0; ///< response days, inclusive
    std::int32_t to = 0;
    bool fromAggregates = false;
    std::vector<std::uint32_t> rows; ///< selected respondents (date window only)
    std::vector<std::uint32_t> stratumCounts;
    std::int64_t respondents = 0;
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

/// Whether respondent `row` is in the selection.
bool includesRow(const PictureData& data, const Selection& selection, std::uint32_t row);

/// Per-question figures for one selection.
QuestionResult summarizeQuestion(const PictureData& data, std::size_t column,
                                 const Selection& selection, const PictureOptions& options);

/// Fills focus areas (after the questions, whose trends give previous scores) and dialogue
/// totals; summarizePlaces fills places, walk and observation totals.
void summarizeAreas(const PictureData& data, const Selection& selection, const Window& window,
                    const PictureOptions& options, SituationPicture& picture);
void summarizePlaces(const PictureData& data, const Selection& selection, const Window& window,
                     const PictureOptions& options, SituationPicture& picture);

/// Whether a walk or dialogue day/locality falls in the selection's window.
bool inWindow(const PictureData& data, const Selection& selection, const Window& window,
              std::string_view date, std::string_view locality);

} // namespace td::picture::detail
