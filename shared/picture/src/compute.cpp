#include "td/picture/compute.hpp"

#include "compute_internal.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <system_error>
#include <thread>

namespace td::picture {

namespace detail {

namespace {

std::int32_t yearStart(std::int64_t year) {
    return *dayNumber(std::to_string(year) + "-01-01");
}

} // namespace

bool includesRow(const PictureData& data, const Selection& sel, std::uint32_t r) {
    if (data.campaignColumn()[r] != sel.campaign)
        return false;
    const std::int32_t day = data.dayColumn()[r];
    if (day < sel.from || day > sel.to)
        return false;
    return sel.locality < 0 ||
           data.stratumLocality(data.stratumColumn()[r]) == static_cast<std::size_t>(sel.locality);
}

Selection selectRespondents(const PictureData& data, int campaign, const Window& window,
                            const PictureOptions& options) {
    Selection sel;
    sel.campaign = campaign;
    sel.locality = window.locality;
    sel.from = window.from.value_or(std::numeric_limits<std::int32_t>::min());
    sel.to = window.to.value_or(std::numeric_limits<std::int32_t>::max());
    sel.fromAggregates = !window.from && !window.to;
    const std::size_t L = data.population().localities.size();
    const std::size_t A = data.population().ageBands.size();
    const std::int32_t from = sel.from;
    const std::int32_t to = sel.to;

    if (sel.fromAggregates) {
        sel.stratumCounts = data.campaignStrata(campaign);
        for (std::size_t s = 0; s < sel.stratumCounts.size(); ++s)
            if (sel.locality >= 0 &&
                data.stratumLocality(s) != static_cast<std::size_t>(sel.locality))
                sel.stratumCounts[s] = 0;
    } else {
        sel.stratumCounts.assign(data.strataCount(), 0);
        const std::size_t n = data.respondentCount();
        for (std::uint32_t r = 0; r < n; ++r) {
            if (!includesRow(data, sel, r))
                continue;
            sel.rows.push_back(r);
            ++sel.stratumCounts[data.stratumColumn()[r]];
        }
    }
    std::vector<double> cellCounts((A + 1) * (L + 1), 0.0);
    for (std::size_t s = 0; s < sel.stratumCounts.size(); ++s) {
        cellCounts[data.stratumAge(s) * (L + 1) + data.stratumLocality(s)] += sel.stratumCounts[s];
        sel.respondents += sel.stratumCounts[s];
    }
    std::vector<bool> scope(L, window.locality < 0);
    if (window.locality >= 0)
        scope[static_cast<std::size_t>(window.locality)] = true;
    sel.weighting = postStratify(data.population(), cellCounts, scope, options.weighting);
    sel.stratumWeight.resize(data.strataCount());
    for (std::size_t s = 0; s < sel.stratumWeight.size(); ++s)
        sel.stratumWeight[s] =
            sel.weighting.weights[data.stratumAge(s) * (L + 1) + data.stratumLocality(s)];

    const model::Campaign& info = data.campaigns()[static_cast<std::size_t>(campaign)].campaign;
    if (window.from || window.to) {
        sel.firstDay = from;
        sel.lastDay = to;
    } else if (info.year > 0) {
        sel.firstDay = yearStart(info.year);
        sel.lastDay = yearStart(info.year + 1) - 1;
    } else {
        sel.firstDay = dayNumber(info.periodStart).value_or(from);
        sel.lastDay = dayNumber(info.periodEnd).value_or(to);
    }
    return sel;
}

bool inWindow(const PictureData& data, const Selection& selection, const Window& window,
              std::string_view date, std::string_view locality) {
    const auto day = dayNumber(date);
    if (!day || *day < selection.firstDay || *day > selection.lastDay)
        return false;
    return window.locality < 0 ||
           data.population().localities[static_cast<std::size_t>(window.locality)] == locality;
}

namespace {

ShareEstimate unweightedShare(double k, double n) {
    ShareEstimate e;
    e.base = n;
    e.effectiveN = n;
    if (n > 0) {
        e.share = k / n;
        e.ci = wilson(k, n);
    }
    return e;
}

ShareEstimate fromWeighted(const WeightedShareAccumulator& acc) {
    const WeightedShare w = acc.result();
    return {w.share, w.ci, w.sumWeights, w.effectiveN};
}

// Labels and keys of one breakdown dimension.
struct Dimension {
    const char* name;
    std::size_t slots;
    std::size_t (PictureData::*of)(std::size_t) const;
};

std::string dimensionKey(const PictureData& data, const std::string& dim, std::size_t slot) {
    const auto& pop = data.population();
    if (dim == "locality")
        return slot < pop.localities.size() ? pop.localities[slot] : "unknown";
    if (dim == "age_band")
        return slot < pop.ageBands.size() ? pop.ageBands[slot] : "unknown";
    return slot < data.genders().size() ? data.genders()[slot] : "unknown";
}

} // namespace

namespace {

// The selection's answers to one question per stratum: the campaign's running aggregate
// (other localities zeroed) or one pass over the selected rows.
QuestionAggregate countAnswers(const PictureData& data, std::size_t column, const Selection& sel) {
    using model::QuestionType;
    const QuestionColumn& col = data.questions()[column];
    const std::size_t strata = data.strataCount();
    QuestionAggregate agg;
    if (sel.fromAggregates) {
        if (const QuestionAggregate* all = data.aggregate(sel.campaign, column))
            agg = *all;
        if (agg.counts.empty())
            agg.counts.assign(strata * kCodeSlots, 0);
        if (sel.locality >= 0)
            for (std::size_t s = 0; s < strata; ++s)
                if (data.stratumLocality(s) != static_cast<std::size_t>(sel.locality)) {
                    std::fill_n(agg.counts.begin() + static_cast<std::ptrdiff_t>(s * kCodeSlots),
                                kCodeSlots, 0u);
                    if (!agg.sums.empty())
                        agg.sums[s] = 0.0;
                }
        return agg;
    }
    agg.counts.assign(strata * kCodeSlots, 0);
    std::uint32_t* cnt = agg.counts.data();
    const std::uint16_t* stratum = data.stratumColumn().data();
    switch (col.type) {
    case QuestionType::Multi: {
        const std::uint64_t* masks = col.masks.data();
        for (std::uint32_t r : sel.rows) {
            std::uint64_t m = masks[r];
            if (m == 0)
                continue;
            std::uint32_t* row = cnt + stratum[r] * kCodeSlots;
            ++row[0];
            for (; m; m &= m - 1)
                ++row[std::countr_zero(m) + 1];
        }
        break;
    }
    case QuestionType::Number:
        agg.sums.assign(strata, 0.0);
        for (std::uint32_t r : sel.rows) {
            const float v = col.numbers[r];
            if (std::isnan(v))
                continue;
            ++cnt[stratum[r] * kCodeSlots];
            agg.sums[stratum[r]] += v;
        }
        break;
    case QuestionType::Text:
    case QuestionType::Place:
        for (std::uint32_t r : sel.rows)
            cnt[stratum[r] * kCodeSlots] += col.given[r];
        break;
    default: {
        const std::uint8_t* codes = col.codes.data();
        for (std::uint32_t r : sel.rows)
            ++cnt[stratum[r] * kCodeSlots + codes[r]];
    }
    }
    return agg;
}

} // namespace

QuestionResult summarizeQuestion(const PictureData& data, std::size_t column, const Selection& sel,
                                 const PictureOptions& options) {
    using model::QuestionType;
    const QuestionColumn& col = data.questions()[column];
    QuestionResult q;
    q.id = col.id;
    q.type = col.type;
    q.focusArea = col.focusArea;
    q.background = col.background.has_value();
    q.text = col.text;
    const std::size_t strata = data.strataCount();
    const std::int64_t selected = sel.respondents;
    const std::size_t ncat = col.categories.size();
    const QuestionAggregate agg = countAnswers(data, column, sel);
    const std::uint32_t* cnt = agg.counts.data();

    if (col.type == QuestionType::Number || col.type == QuestionType::Text ||
        col.type == QuestionType::Place) {
        double sum = 0.0, wsum = 0.0, wtotal = 0.0;
        for (std::size_t s = 0; s < strata; ++s) {
            const std::uint32_t n = cnt[s * kCodeSlots];
            q.answered += n;
            if (!agg.sums.empty()) {
                sum += agg.sums[s];
                wsum += sel.stratumWeight[s] * agg.sums[s];
                wtotal += sel.stratumWeight[s] * n;
            }
        }
        if (col.type == QuestionType::Number && q.answered > 0) {
            q.mean = sum / static_cast<double>(q.answered);
            q.weightedMean = wtotal > 0 ? wsum / wtotal : *q.mean;
        }
        q.missing = selected - q.answered;
        q.suppressed = col.type == QuestionType::Number
                           ? q.answered < options.minCell
                           : q.answered > 0 && q.answered < options.minCell;
        return q;
    }

    std::vector<std::int64_t> perCode(kCodeSlots, 0);
    std::vector<double> weightedCode(kCodeSlots, 0.0);
    double weightedAnswered = 0.0;
    WeightedShareAccumulator overall;
    for (std::size_t s = 0; s < strata; ++s) {
        const std::uint32_t* row = cnt + s * kCodeSlots;
        const double w = sel.stratumWeight[s];
        std::int64_t neg = 0, base = 0, answered = 0;
        for (std::size_t c = 1; c < kCodeSlots; ++c) {
            perCode[c] += row[c];
            weightedCode[c] += w * row[c];
            if (c <= ncat) {
                base += row[c];
                if (col.negative[c - 1])
                    neg += row[c];
            }
            if (col.type != QuestionType::Multi)
                answered += row[c];
        }
        if (col.type == QuestionType::Multi)
            answered = row[0];
        perCode[0] += answered;
        weightedAnswered += w * static_cast<double>(answered);
        if (col.hasNegative && base > 0) {
            overall.add(w, true, static_cast<double>(neg));
            overall.add(w, false, static_cast<double>(base - neg));
        }
    }
    q.answered = perCode[0];
    q.dontKnow = col.type == QuestionType::Multi ? 0 : perCode[kDontKnowCode];
    q.missing = selected - q.answered;

    std::vector<std::int64_t> row;
    for (std::size_t c = 1; c <= ncat; ++c) {
        CategoryCount cc{col.categories[c - 1], col.categoryLabels[c - 1], perCode[c],
                         weightedAnswered > 0 ? weightedCode[c] / weightedAnswered : 0.0};
        cc.negative = col.hasNegative && col.negative[c - 1];
        q.distribution.push_back(cc);
        row.push_back(perCode[c]);
    }
    if (col.dontKnow) {
        q.distribution.push_back(
            {std::string(model::kDontKnow),
             {"Vet ej", "Don't know"},
             q.dontKnow,
             weightedAnswered > 0 ? weightedCode[kDontKnowCode] / weightedAnswered : 0.0});
        row.push_back(q.dontKnow);
    }
    const RowSuppression rs = suppressRow(row, options.minCell);
    for (std::size_t i = 0; i < q.distribution.size(); ++i)
        q.distribution[i].suppressed = rs.hidden[i];
    q.distributionTotalSuppressed = rs.hideTotal;

    if (!col.hasNegative)
        return q;
    q.hasNegative = true;
    q.negativeBase = q.answered - q.dontKnow;
    for (std::size_t c = 1; c <= ncat; ++c)
        if (col.negative[c - 1])
            q.negativeCount += perCode[c];
    q.unweighted =
        unweightedShare(static_cast<double>(q.negativeCount), static_cast<double>(q.negativeBase));
    q.weighted = fromWeighted(overall);
    q.suppressed = q.negativeBase < options.minCell;

    static const Dimension dims[] = {
        {"locality", 0, &PictureData::stratumLocality},
        {"age_band", 0, &PictureData::stratumAge},
        {"gender", 0, &PictureData::stratumGender},
    };
    const std::size_t slots[] = {data.localitySlots(), data.ageSlots(), data.genderSlots()};
    for (std::size_t d = 0; d < 3; ++d) {
        std::vector<std::int64_t> base(slots[d], 0), neg(slots[d], 0);
        std::vector<WeightedShareAccumulator> acc(slots[d]);
        for (std::size_t s = 0; s < strata; ++s) {
            const std::size_t slot = (data.*dims[d].of)(s);
            const std::uint32_t* r = cnt + s * kCodeSlots;
            std::int64_t b = 0, n = 0;
            for (std::size_t c = 1; c <= ncat; ++c) {
                b += r[c];
                if (col.negative[c - 1])
                    n += r[c];
            }
            base[slot] += b;
            neg[slot] += n;
            if (b > 0) {
                acc[slot].add(sel.stratumWeight[s], true, static_cast<double>(n));
                acc[slot].add(sel.stratumWeight[s], false, static_cast<double>(b - n));
            }
        }
        Breakdown bd;
        bd.dimension = dims[d].name;
        std::vector<std::int64_t> rowBases;
        for (std::size_t slot = 0; slot < slots[d]; ++slot) {
            const bool isUnknown = slot + 1 == slots[d];
            if (d == 2 && !isUnknown && slot >= data.genders().size())
                continue;
            BreakdownCell cell;
            cell.key = dimensionKey(data, bd.dimension, slot);
            cell.base = base[slot];
            cell.negative = neg[slot];
            cell.unweighted =
                unweightedShare(static_cast<double>(neg[slot]), static_cast<double>(base[slot]));
            cell.weighted = fromWeighted(acc[slot]);
            bd.cells.push_back(cell);
            rowBases.push_back(cell.base);
        }
        const RowSuppression brs = suppressRow(rowBases, options.minCell);
        for (std::size_t i = 0; i < bd.cells.size(); ++i)
            bd.cells[i].suppressed = brs.hidden[i];
        bd.totalSuppressed = brs.hideTotal;
        q.breakdowns.push_back(std::move(bd));
    }
    return q;
}

} // namespace detail

namespace {

// Below this many rows a second thread costs more than it saves.
constexpr std::size_t kParallelRows = 50'000;

Result<std::optional<std::int32_t>> parseDay(const std::optional<std::string>& date,
                                             const char* field) {
    if (!date)
        return std::optional<std::int32_t>{};
    if (date->size() != 10)
        return makeError("invalid_date", "expected YYYY-MM-DD", field);
    const auto d = dayNumber(*date);
    if (!d)
        return makeError("invalid_date", "expected YYYY-MM-DD", field);
    return std::optional<std::int32_t>{*d};
}

void addTrend(QuestionResult& now, const QuestionResult& then, const std::string& compareId,
              const PictureOptions& options) {
    if (!now.hasNegative || !then.hasNegative || then.negativeBase == 0)
        return;
    Trend t;
    t.compareToCampaignId = compareId;
    t.previous = then.weighted;
    t.previousBase = then.negativeBase;
    t.difference = now.weighted.share - then.weighted.share;
    t.test =
        twoProportionTest(now.weighted.share * now.weighted.effectiveN, now.weighted.effectiveN,
                          then.weighted.share * then.weighted.effectiveN, then.weighted.effectiveN);
    t.significant = t.test.valid && t.test.pValue < options.significanceLevel;
    t.suppressed = now.suppressed || then.negativeBase < options.minCell;
    now.trend = t;
}

} // namespace

Result<SituationPicture> computePicture(const PictureData& data, const PictureFilter& filter,
                                        const PictureOptions& options) {
    const int campaign = data.campaignIndex(filter.campaignId);
    if (campaign < 0)
        return makeError("unknown_campaign", "no such campaign: " + filter.campaignId, "campaign");
    int compare = -1;
    if (filter.compareToCampaignId) {
        compare = data.campaignIndex(*filter.compareToCampaignId);
        if (compare < 0)
            return makeError("unknown_campaign", "no such campaign: " + *filter.compareToCampaignId,
                             "compare_to");
    }
    detail::Window window;
    if (filter.locality) {
        window.locality = data.population().localityIndex(*filter.locality);
        if (window.locality < 0)
            return makeError("unknown_locality", "no such locality: " + *filter.locality,
                             "locality");
    }
    auto from = parseDay(filter.from, "from");
    if (!from)
        return from.error();
    auto to = parseDay(filter.to, "to");
    if (!to)
        return to.error();
    window.from = *from;
    window.to = *to;
    if ((window.from || window.to) && data.isAggregated(campaign))
        return makeError("campaign_aggregated",
                         "the campaign's responses were removed under its retention rules; only "
                         "its whole-campaign picture is kept, without date filters",
                         filter.from ? "from" : "to");

    const detail::Selection sel = detail::selectRespondents(data, campaign, window, options);
    std::optional<detail::Selection> previous;
    if (compare >= 0) {
        detail::Window whole;
        whole.locality = window.locality;
        previous = detail::selectRespondents(data, compare, whole, options);
    }

    SituationPicture p;
    p.filter = filter;
    p.campaignName = data.campaigns()[static_cast<std::size_t>(campaign)].campaign.name;
    p.minCell = options.minCell;
    p.respondents = sel.respondents;
    p.compareRespondents = previous ? previous->respondents : 0;
    p.weighting.available = sel.weighting.available;
    p.weighting.coveredPopulation = sel.weighting.coveredPopulation;
    for (std::size_t a = 0; a < data.population().ageBands.size(); ++a)
        p.weighting.ageBands.emplace_back(data.population().ageBands[a], sel.weighting.schemes[a]);
    {
        WeightedShareAccumulator all;
        for (std::size_t s = 0; s < sel.stratumCounts.size(); ++s)
            all.add(sel.stratumWeight[s], false, sel.stratumCounts[s]);
        p.weighting.effectiveN = all.result().effectiveN;
        p.weighting.designEffect = p.weighting.effectiveN > 0
                                       ? static_cast<double>(p.respondents) / p.weighting.effectiveN
                                       : 1.0;
    }

    // Questions are independent: split them over two threads (the data is read-only).
    const auto& questionIds = data.campaigns()[static_cast<std::size_t>(campaign)].questionIds;
    p.questions.resize(questionIds.size());
    auto summarizeRange = [&](std::size_t begin, std::size_t step) {
        for (std::size_t i = begin; i < questionIds.size(); i += step) {
            const auto column =
                static_cast<std::size_t>(data.question(questionIds[i]) - data.questions().data());
            QuestionResult q = detail::summarizeQuestion(data, column, sel, options);
            if (previous && q.hasNegative) {
                const QuestionResult then =
                    detail::summarizeQuestion(data, column, *previous, options);
                addTrend(q, then, *filter.compareToCampaignId, options);
            }
            p.questions[i] = std::move(q);
        }
    };
    std::thread helper;
    if (sel.rows.size() + (previous ? previous->rows.size() : 0) >= kParallelRows) {
        try {
            helper = std::thread(summarizeRange, 1, 2);
        } catch (const std::system_error&) {
            // No thread available: the loop below does all questions.
        }
    }
    summarizeRange(0, helper.joinable() ? 2 : 1);
    if (helper.joinable())
        helper.join();
    detail::summarizeAreas(data, sel, window, options, p);
    detail::summarizePlaces(data, sel, window, options, p);
    return p;
}

} // namespace td::picture
