#pragma once
// The yearly follow-up of citizen promises: for each indicator of a promise its baseline and
// its figure for a year, compared (method: docs/promises.md). Survey shares are the picture's
// weighted negative shares of the whole campaign (calibrated, logit interval) compared by the
// difference with its interval and Wald test; a share resting on a small cell is suppressed and
// never compared.

#include "td/model/measure.hpp"
#include "td/model/promise.hpp"
#include "td/picture/calibration.hpp"
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
    double significanceLevel = 0.05;        ///< false discovery rate of the verdicts
    CalibrationOptions weighting;
};

/// One side of an indicator. Survey shares: `value` is the weighted negative share in [0, 1]
/// of the `n` substantive answers, with its standard error and logit interval; when suppressed
/// only campaignId and label are meaningful. Counts and imported figures: `value` only.
struct FollowUpFigure {
    std::optional<std::string> campaignId;
    model::Text label;     ///< the campaign's name (survey shares)
    std::int64_t year = 0; ///< the campaign's year (survey shares)
    bool suppressed = false;
    double value = 0.0;
    std::optional<std::int64_t> n;
    std::optional<Interval> ci;
    std::optional<double> se;
};

/// An indicator of a promise followed up for one year. Each figure is nullopt when there is no
/// data for it (no campaign of the year yet, no imported value); difference (current − baseline),
/// p-value, significance and on-track are nullopt unless both figures exist and are not
/// suppressed; the interval of the difference, p-values and significance exist for survey shares
/// only. `significant` is the raw verdict until adjustFollowUps() makes it the adjusted one.
struct IndicatorFollowUp {
    std::string id;
    model::IndicatorKind kind = model::IndicatorKind::SurveyShare;
    model::Text label;
    model::TargetDirection targetDirection = model::TargetDirection::Decrease;
    std::optional<FollowUpFigure> baseline;
    std::optional<FollowUpFigure> current;
    std::optional<double> difference;
    std::optional<Interval> differenceCi;
    std::optional<double> pValue;
    std::optional<double> pAdjusted;
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

/// Benjamini–Hochberg over the survey-share tests of one follow-up (every promise's indicators
/// for a year): sets pAdjusted and makes `significant` the adjusted verdict.
void adjustFollowUps(std::span<IndicatorFollowUp* const> indicators, double level = 0.05);

} // namespace td::picture
