#include "td/picture/followup.hpp"

#include "compute_internal.hpp"

#include <array>
#include <charconv>
#include <tuple>

namespace td::picture {
namespace {

using model::IndicatorKind;

std::int64_t yearOf(std::string_view date) {
    std::int64_t year = 0;
    if (date.size() >= 4)
        std::from_chars(date.data(), date.data() + 4, year);
    return year;
}

bool asksQuestion(const CampaignInfo& c, std::string_view questionId) {
    for (const auto& id : c.questionIds)
        if (id == questionId)
            return true;
    return false;
}

// Negative and substantive answers to a question in a whole campaign, and its weighted share.
struct ShareCounts {
    std::int64_t negative = 0;
    std::int64_t base = 0;
    ShareEstimate weighted;
};

ShareCounts shareCounts(const PictureData& data, int campaign, const QuestionColumn& column,
                        const FollowUpOptions& options) {
    ShareCounts out;
    const std::size_t index = static_cast<std::size_t>(&column - data.questions().data());
    const QuestionAggregate* agg = data.aggregate(campaign, index);
    if (agg == nullptr)
        return out;
    PictureOptions pictureOptions;
    pictureOptions.weighting = options.weighting;
    const detail::Selection sel = detail::selectRespondents(data, campaign, {}, pictureOptions);
    DomainSums sums;
    sums.reset(data.strataCount());
    for (std::size_t s = 0; s < data.strataCount(); ++s) {
        for (std::size_t code = 1; code <= column.categories.size(); ++code) {
            if (!column.inBase(code))
                continue;
            const std::int64_t count = agg->counts[s * kCodeSlots + code];
            out.base += count;
            sums.count[s] += static_cast<double>(count);
            if (column.negative[code - 1]) {
                out.negative += count;
                sums.sumY[s] += static_cast<double>(count);
            }
        }
        sums.sumY2[s] = sums.sumY[s];
    }
    out.weighted = detail::weightedEstimate(sel, sums);
    return out;
}

// A survey share figure, suppressed when its answers or either of its two cells (negative,
// not negative) is a small cell under the row rule of suppressRow.
FollowUpFigure shareFigure(const CampaignInfo& campaign, const ShareCounts& counts,
                           const FollowUpOptions& options) {
    FollowUpFigure f;
    f.campaignId = campaign.campaign.id;
    f.label = campaign.campaign.name;
    f.year = campaign.campaign.year;
    const std::array<std::int64_t, 2> cells{counts.negative, counts.base - counts.negative};
    const RowSuppression rule = suppressRow(cells, options.minCell);
    f.suppressed =
        counts.base < options.minCell || rule.hideTotal || rule.hidden[0] || rule.hidden[1];
    if (f.suppressed)
        return f;
    f.value = counts.weighted.share;
    f.n = counts.base;
    f.ci = counts.weighted.ci;
    f.se = counts.weighted.se;
    return f;
}

FollowUpFigure countFigure(double value, std::optional<std::string> campaignId = std::nullopt) {
    FollowUpFigure f;
    f.campaignId = std::move(campaignId);
    f.value = value;
    return f;
}

void compare(IndicatorFollowUp& out) {
    if (!out.baseline || !out.current || out.baseline->suppressed || out.current->suppressed)
        return;
    const double difference = out.current->value - out.baseline->value;
    out.difference = difference;
    out.onTrack =
        out.targetDirection == model::TargetDirection::Decrease ? difference < 0 : difference > 0;
}

void followUpShare(const PictureData& data, const model::Indicator& indicator, std::int64_t year,
                   const FollowUpOptions& options, IndicatorFollowUp& out) {
    const std::string questionId = indicator.questionId.value_or("");
    const QuestionColumn* column = data.question(questionId);
    out.label = column ? column->text : model::Text{questionId, questionId};
    const int baselineIndex =
        indicator.baselineCampaignId ? data.campaignIndex(*indicator.baselineCampaignId) : -1;
    if (column == nullptr || !column->hasNegative || baselineIndex < 0)
        return;
    const CampaignInfo& baseline = data.campaigns()[static_cast<std::size_t>(baselineIndex)];
    if (!asksQuestion(baseline, questionId))
        return;
    const ShareCounts before = shareCounts(data, baselineIndex, *column, options);
    out.baseline = shareFigure(baseline, before, options);
    const CampaignInfo* now = yearCampaign(data, baseline, questionId, year);
    if (now == nullptr)
        return;
    const ShareCounts after =
        shareCounts(data, data.campaignIndex(now->campaign.id), *column, options);
    out.current = shareFigure(*now, after, options);
    compare(out);
    if (!out.difference)
        return;
    const DifferenceTest test = differenceTest(after.weighted.share, after.weighted.se,
                                               before.weighted.share, before.weighted.se);
    out.differenceCi = test.ci;
    if (test.valid) {
        out.pValue = test.pValue;
        out.significant = test.pValue < options.significanceLevel;
    } else {
        out.significant = false;
    }
}

std::int64_t doneMeasures(std::span<const model::Measure> measures, const model::Promise& promise,
                          std::int64_t year, bool countUndated) {
    std::int64_t done = 0;
    for (const auto& m : measures) {
        if (m.status != model::MeasureStatus::Done || !belongsTo(m, promise))
            continue;
        if (m.deadline ? yearOf(*m.deadline) <= year : countUndated)
            ++done;
    }
    return done;
}

std::int64_t walksIn(const PictureData& data, std::int64_t year) {
    std::int64_t count = 0;
    for (const auto& w : data.walks())
        if (yearOf(w.date) == year)
            ++count;
    return count;
}

// The imported value of `name` for the calendar year, preferring the promise's focus area.
std::optional<double> importedValue(const PictureData& data, const std::string& name,
                                    model::FocusArea area, std::int64_t year) {
    const std::string period = std::to_string(year);
    std::optional<double> any;
    for (const auto& i : data.indicators()) {
        if (i.indicator != name || i.period != period)
            continue;
        if (i.area == area)
            return i.value;
        if (!any)
            any = i.value;
    }
    return any;
}

} // namespace

ActivityProgress activityProgress(const model::Promise& promise) {
    ActivityProgress p;
    for (const auto& a : promise.activities) {
        switch (a.status) {
        case model::ActivityStatus::Planned:
            ++p.planned;
            break;
        case model::ActivityStatus::Ongoing:
            ++p.ongoing;
            break;
        case model::ActivityStatus::Done:
            ++p.done;
            break;
        case model::ActivityStatus::Cancelled:
            ++p.cancelled;
            break;
        }
    }
    return p;
}

bool belongsTo(const model::Measure& measure, const model::Promise& promise) {
    if (measure.promiseId)
        return *measure.promiseId == promise.id;
    return measure.focusArea == promise.focusArea;
}

const CampaignInfo* yearCampaign(const PictureData& data, const CampaignInfo& baseline,
                                 std::string_view questionId, std::int64_t year) {
    const model::Campaign& base = baseline.campaign;
    const CampaignInfo* best = nullptr;
    for (const auto& info : data.campaigns()) {
        const model::Campaign& c = info.campaign;
        if (c.surveyId != base.surveyId || c.year > year || !asksQuestion(info, questionId))
            continue;
        const bool later =
            c.year > base.year || (c.year == base.year && c.periodStart > base.periodEnd);
        if (!later)
            continue;
        if (best == nullptr ||
            std::tie(c.year, c.periodEnd, c.id) >
                std::tie(best->campaign.year, best->campaign.periodEnd, best->campaign.id))
            best = &info;
    }
    return best;
}

std::int64_t baselineYear(const PictureData& data, const model::Promise& promise,
                          const model::Indicator& indicator) {
    if (indicator.baselineCampaignId) {
        const int index = data.campaignIndex(*indicator.baselineCampaignId);
        if (index >= 0)
            return data.campaigns()[static_cast<std::size_t>(index)].campaign.year;
    }
    return promise.period.fromYear - 1;
}

IndicatorFollowUp followUpIndicator(const PictureData& data, const model::Promise& promise,
                                    const model::Indicator& indicator, std::int64_t year,
                                    std::span<const model::Measure> measures,
                                    const FollowUpOptions& options) {
    IndicatorFollowUp out;
    out.id = indicator.id;
    out.kind = indicator.kind;
    out.targetDirection = indicator.targetDirection;
    const std::int64_t before = baselineYear(data, promise, indicator);
    std::optional<std::string> baselineCampaign;
    if (indicator.baselineCampaignId && data.campaignIndex(*indicator.baselineCampaignId) >= 0)
        baselineCampaign = indicator.baselineCampaignId;
    switch (indicator.kind) {
    case IndicatorKind::SurveyShare:
        followUpShare(data, indicator, year, options, out);
        return out;
    case IndicatorKind::MeasureCount:
        out.label = {"Genomförda åtgärder", "Measures done"};
        out.baseline = countFigure(
            static_cast<double>(doneMeasures(measures, promise, before, false)), baselineCampaign);
        out.current = countFigure(static_cast<double>(doneMeasures(measures, promise, year, true)));
        break;
    case IndicatorKind::WalkCount:
        out.label = {"Trygghetsvandringar", "Safety walks"};
        out.baseline = countFigure(static_cast<double>(walksIn(data, before)), baselineCampaign);
        out.current = countFigure(static_cast<double>(walksIn(data, year)));
        break;
    case IndicatorKind::Imported: {
        const std::string name = indicator.indicatorName.value_or("");
        out.label = {name, name};
        if (auto v = importedValue(data, name, promise.focusArea, before))
            out.baseline = countFigure(*v, baselineCampaign);
        if (auto v = importedValue(data, name, promise.focusArea, year))
            out.current = countFigure(*v);
        break;
    }
    }
    compare(out);
    return out;
}

void adjustFollowUps(std::span<IndicatorFollowUp* const> indicators, double level) {
    std::vector<IndicatorFollowUp*> tested;
    std::vector<double> raw;
    for (IndicatorFollowUp* i : indicators)
        if (i->pValue) {
            tested.push_back(i);
            raw.push_back(*i->pValue);
        }
    const std::vector<double> adjusted = benjaminiHochberg(raw);
    for (std::size_t t = 0; t < tested.size(); ++t) {
        tested[t]->pAdjusted = adjusted[t];
        tested[t]->significant = adjusted[t] < level;
    }
}

} // namespace td::picture
