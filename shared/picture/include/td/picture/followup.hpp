#pragma once
// The yearly follow-up of citizen promises: for each indicator of a promise its baseline and
// its figure for a year, compared (method: docs/promises.md). Survey shares are unweighted
// negative shares with Wilson intervals and the pooled two-proportion test; a share resting
// on a small cell is suppressed and never compared.

#include "td/model/measure.hpp"
#include "td/model/promise.hpp"
#include "td/picture/dataset.hpp"
#include "td/picture/stats.hpp"
#include "td/picture/suppression.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace td::picture {

struct FollowUpOptions {
    std::int64_t minCell = kDefaultMinCell; ///< k of the small-cell rule
    double significanceLevel = 0.05;
};

/// One side of an indicator. Survey shares: `value` is the negative share in [0, 1] of the `n`
/// answers (excluding "vet ej"), with its Wilson interval; when suppressed only campaignId and
/// label are meaningful. Counts and imported figures: `value` only.
struct FollowUpFigure {
    std::optional<std::string> campaignId;
    model::Text label; ///< the campaign's name (survey shares)
    bool suppressed = false;
    double value = 0.0;
    std::optional<std::int64_t> n;
    std::optional<Interval> ci;
};

/// An indicator of a promise followed up for one year. Each figure is nullopt when there is no
/// data for it (no campaign of the year yet, no imported value); difference (current − baseline),
/// p-value, significance and on-track are nullopt unless both figures exist and are not
/// suppressed; p-value and significance exist for survey shares only.
struct IndicatorFollowUp {
    std::string id;
    model::IndicatorKind kind = model::IndicatorKind::SurveyShare;
    model::Text label;
    model::TargetDirection targetDirection = model::TargetDirection::Decrease;
    std::optional<FollowUpFigure> baseline;
    std::optional<FollowUpFigure> current;
    std::optional<double> difference;
    std::optional<double> pValue;
    std::optional<bool> significant;
    std::optional<bool> onTrack; ///< the difference goes (strictly) in the target direction
};

struct ActivityProgress {
    std::int64_t planned = 0;
    std::int64_t ongoing = 0;
    std::int64_t done = 0;
    std::int64_t cancelled = 0;
};

ActivityProgress activityProgress(const model::Promise& promise);

/// A measure belongs to a promise when it names it, or names no promise and shares its focus
/// area.
bool belongsTo(const model::Measure& measure, const model::Promise& promise);

/// The campaign whose figure is "the year's" for a survey share measured first in `baseline`:
/// among the campaigns of the baseline's survey (any version) that asked `questionId` and ran
/// after the baseline (a later year, or the same year with a later start), the newest one whose
/// year is at most `year`. Nullptr when there is none.
const CampaignInfo* yearCampaign(const PictureData& data, const CampaignInfo& baseline,
                                 std::string_view questionId, std::int64_t year);

/// The year counts and imported figures are compared with: the baseline campaign's year when the
/// indicator names a known one, else the year before the promise's period.
std::int64_t baselineYear(const PictureData& data, const model::Promise& promise,
                          const model::Indicator& indicator);

/// Follows one indicator of `promise` up for `year`. `measures` are all measures (those that
/// belong to the promise are counted); imported figures come from data.indicators().
IndicatorFollowUp followUpIndicator(const PictureData& data, const model::Promise& promise,
                                    const model::Indicator& indicator, std::int64_t year,
                                    std::span<const model::Measure> measures,
                                    const FollowUpOptions& options = {});

} // namespace td::picture
