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

std::vector<CalibrationMargin> calibrationMargins(const PictureData& data) {
    const PopulationTable& pop = data.population();
    std::vector<CalibrationMargin> margins;
    if (pop.ageBands.empty() || pop.localities.empty())
        return margins;
    const std::size_t S = data.strataCount();
    CalibrationMargin age{"age_band", pop.ageBands, pop.ageTotals, std::vector<int>(S), true};
    CalibrationMargin locality{"locality", pop.localities, pop.localityTotals, std::vector<int>(S),
                               false};
    CalibrationMargin gender{"gender", pop.genders, pop.genderTotals, std::vector<int>(S), false};
    for (std::size_t s = 0; s < S; ++s) {
        const std::size_t a = data.stratumAge(s), l = data.stratumLocality(s);
        const std::size_t g = data.stratumGender(s);
        age.ofStratum[s] = a < pop.ageBands.size() ? static_cast<int>(a) : -1;
        locality.ofStratum[s] = l < pop.localities.size() ? static_cast<int>(l) : -1;
        gender.ofStratum[s] = g < data.genders().size() ? pop.genderIndex(data.genders()[g]) : -1;
    }
    margins.push_back(std::move(age));
    margins.push_back(std::move(locality));
    if (!pop.genders.empty())
        margins.push_back(std::move(gender));
    return margins;
}

bool includesRow(const PictureData& data, const Selection& sel, std::uint32_t r) {
    if (data.campaignColumn()[r] != sel.campaign)
        return false;
    const std::int32_t day = data.dayColumn()[r];
    return day >= sel.from && day <= sel.to && sel.inDomain(data, data.stratumColumn()[r]);
}

Selection selectRespondents(const PictureData& data, int campaign, const Window& window,
                            const PictureOptions& options) {
    Selection sel;
    sel.campaign = campaign;
    sel.locality = window.locality;
    sel.from = window.from.value_or(std::numeric_limits<std::int32_t>::min());
    sel.to = window.to.value_or(std::numeric_limits<std::int32_t>::max());
    sel.fromAggregates = !window.from && !window.to;
    const std::size_t S = data.strataCount();
    sel.counts.assign(S, 0.0);
    if (sel.fromAggregates) {
        const auto& strata = data.campaignStrata(campaign);
        for (std::size_t s = 0; s < S; ++s)
            sel.counts[s] = strata[s];
    } else {
        const std::size_t n = data.respondentCount();
        const auto& campaigns = data.campaignColumn();
        const auto& days = data.dayColumn();
        for (std::uint32_t r = 0; r < n; ++r) {
            if (campaigns[r] != campaign || days[r] < sel.from || days[r] > sel.to)
                continue;
            sel.rows.push_back(r);
            sel.counts[data.stratumColumn()[r]] += 1.0;
        }
    }
    for (std::size_t s = 0; s < S; ++s)
        if (sel.inDomain(data, s))
            sel.respondents += static_cast<std::int64_t>(sel.counts[s]);
    sel.calibration = calibrate(sel.counts, calibrationMargins(data), options.weighting);
    sel.projector = Projector(sel.calibration, sel.counts);

    const model::Campaign& info = data.campaigns()[static_cast<std::size_t>(campaign)].campaign;
    if (window.from || window.to) {
        sel.firstDay = sel.from;
        sel.lastDay = sel.to;
    } else if (info.year > 0) {
        sel.firstDay = yearStart(info.year);
        sel.lastDay = yearStart(info.year + 1) - 1;
    } else {
        sel.firstDay = dayNumber(info.periodStart).value_or(sel.from);
        sel.lastDay = dayNumber(info.periodEnd).value_or(sel.to);
    }
    return sel;
}

bool inWindow(const PictureData& data, const Selection& selection, const Window& window,
              std::string_view date, std::string_view locality) {
    const auto day = swedishDay(date);
    if (!day || *day < selection.firstDay || *day > selection.lastDay)
        return false;
    return window.locality < 0 ||
           data.population().localities[static_cast<std::size_t>(window.locality)] == locality;
}

ShareEstimate weightedEstimate(const Selection& sel, const DomainSums& sums) {
    const LinearisedMean m = linearisedMean(sel.calibration, sel.projector, sel.counts, sums);
    ShareEstimate e;
    e.base = m.weightedCount;
    if (!(m.count > 0.0))
        return e;
    e.share = m.mean;
    e.se = std::sqrt(m.variance);
    e.ci = logitInterval(e.share, e.se, m.count);
    e.effectiveN = e.se > 0.0 ? e.share * (1.0 - e.share) / m.variance : m.count;
    return e;
}

namespace {

ShareEstimate unweightedShare(double k, double n) {
    ShareEstimate e;
    e.base = n;
    e.effectiveN = n;
    if (n > 0) {
        e.share = k / n;
        e.se = std::sqrt(e.share * (1.0 - e.share) / n);
        e.ci = wilson(k, n);
    }
    return e;
}

std::string dimensionKey(const PictureData& data, std::size_t dim, std::size_t slot) {
    const auto& pop = data.population();
    if (dim == 0)
        return slot < pop.localities.size() ? pop.localities[slot] : "unknown";
    if (dim == 1)
        return slot < pop.ageBands.size() ? pop.ageBands[slot] : "unknown";
    return slot < data.genders().size() ? data.genders()[slot] : "unknown";
}

// The design's answers to one question per stratum: the campaign's running aggregate or one
// pass over the design's rows.
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
        agg.sumSquares.assign(strata, 0.0);
        for (std::uint32_t r : sel.rows) {
            const float v = col.numbers[r];
            if (std::isnan(v))
                continue;
            ++cnt[stratum[r] * kCodeSlots];
            agg.sums[stratum[r]] += v;
            agg.sumSquares[stratum[r]] += static_cast<double>(v) * v;
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

// Number, text and place questions: how many answered; numbers also their means.
void summarizeOpen(const Selection& sel, const QuestionAggregate& agg, const PictureData& data,
                   const PictureOptions& options, QuestionResult& q) {
    using model::QuestionType;
    const std::size_t strata = data.strataCount();
    DomainSums sums;
    sums.reset(strata);
    double sum = 0.0;
    for (std::size_t s = 0; s < strata; ++s) {
        if (!sel.inDomain(data, s))
            continue;
        const std::uint32_t n = agg.counts[s * kCodeSlots];
        q.answered += n;
        if (agg.sums.empty())
            continue;
        sum += agg.sums[s];
        sums.count[s] = n;
        sums.sumY[s] = agg.sums[s];
        sums.sumY2[s] = agg.sumSquares.empty() ? 0.0 : agg.sumSquares[s];
    }
    if (q.type == QuestionType::Number && q.answered > 0) {
        q.mean = sum / static_cast<double>(q.answered);
        const LinearisedMean m = linearisedMean(sel.calibration, sel.projector, sel.counts, sums);
        const double se = std::sqrt(m.variance);
        q.weightedMean = MeanEstimate{m.mean, se, {m.mean - kZ95 * se, m.mean + kZ95 * se}};
    }
    q.missing = sel.respondents - q.answered;
    q.suppressed = q.type == QuestionType::Number ? q.answered < options.minCell
                                                  : q.answered > 0 && q.answered < options.minCell;
}

// One breakdown dimension of a question with a negative share.
Breakdown breakdown(const PictureData& data, const Selection& sel, const QuestionColumn& col,
                    const std::uint32_t* cnt, std::size_t dim, const PictureOptions& options) {
    static const char* names[] = {"locality", "age_band", "gender"};
    const std::size_t slots[] = {data.localitySlots(), data.ageSlots(), data.genderSlots()};
    const std::size_t strata = data.strataCount();
    auto slotOf = [&](std::size_t s) {
        return dim == 0   ? data.stratumLocality(s)
               : dim == 1 ? data.stratumAge(s)
                          : data.stratumGender(s);
    };
    std::vector<DomainSums> sums(slots[dim]);
    for (DomainSums& d : sums)
        d.reset(strata);
    std::vector<std::int64_t> base(slots[dim], 0), neg(slots[dim], 0);
    for (std::size_t s = 0; s < strata; ++s) {
        if (!sel.inDomain(data, s))
            continue;
        const std::size_t slot = slotOf(s);
        const std::uint32_t* r = cnt + s * kCodeSlots;
        std::int64_t b = 0, n = 0;
        for (std::size_t c = 1; c <= col.categories.size(); ++c) {
            if (!col.inBase(c))
                continue;
            b += r[c];
            if (col.negative[c - 1])
                n += r[c];
        }
        base[slot] += b;
        neg[slot] += n;
        sums[slot].count[s] = static_cast<double>(b);
        sums[slot].sumY[s] = sums[slot].sumY2[s] = static_cast<double>(n);
    }
    Breakdown bd;
    bd.dimension = names[dim];
    std::vector<std::int64_t> rowBases;
    for (std::size_t slot = 0; slot < slots[dim]; ++slot) {
        const bool isUnknown = slot + 1 == slots[dim];
        if (dim == 2 && !isUnknown && slot >= data.genders().size())
            continue;
        BreakdownCell cell;
        cell.key = dimensionKey(data, dim, slot);
        cell.base = base[slot];
        cell.negative = neg[slot];
        if (cell.base > 0) {
            cell.unweighted =
                unweightedShare(static_cast<double>(neg[slot]), static_cast<double>(base[slot]));
            cell.weighted = weightedEstimate(sel, sums[slot]);
        }
        bd.cells.push_back(std::move(cell));
        rowBases.push_back(base[slot]);
    }
    const RowSuppression brs = suppressRow(rowBases, options.minCell);
    for (std::size_t i = 0; i < bd.cells.size(); ++i)
        bd.cells[i].suppressed = brs.hidden[i];
    bd.totalSuppressed = brs.hideTotal;
    return bd;
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
    const std::size_t ncat = col.categories.size();
    const QuestionAggregate agg = countAnswers(data, column, sel);
    const std::uint32_t* cnt = agg.counts.data();

    if (col.type == QuestionType::Number || col.type == QuestionType::Text ||
        col.type == QuestionType::Place) {
        summarizeOpen(sel, agg, data, options, q);
        return q;
    }

    std::vector<std::int64_t> perCode(kCodeSlots, 0);
    std::vector<double> weightedCode(kCodeSlots, 0.0);
    double weightedAnswered = 0.0;
    DomainSums overall;
    overall.reset(strata);
    const std::vector<double>& w = sel.calibration.weights;
    for (std::size_t s = 0; s < strata; ++s) {
        if (!sel.inDomain(data, s))
            continue;
        const std::uint32_t* row = cnt + s * kCodeSlots;
        std::int64_t neg = 0, base = 0, answered = 0;
        for (std::size_t c = 1; c < kCodeSlots; ++c) {
            perCode[c] += row[c];
            weightedCode[c] += w[s] * row[c];
            if (col.inBase(c)) {
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
        weightedAnswered += w[s] * static_cast<double>(answered);
        overall.count[s] = static_cast<double>(base);
        overall.sumY[s] = overall.sumY2[s] = static_cast<double>(neg);
    }
    q.answered = perCode[0];
    q.dontKnow = col.type == QuestionType::Multi ? 0 : perCode[kDontKnowCode];
    q.missing = sel.respondents - q.answered;
    if (col.type != QuestionType::Multi) {
        q.nonSubstantive = q.dontKnow;
        for (std::size_t c = 1; c <= ncat; ++c)
            if (!col.inBase(c))
                q.nonSubstantive += perCode[c];
    }

    std::vector<std::int64_t> row;
    for (std::size_t c = 1; c <= ncat; ++c) {
        CategoryCount cc{col.categories[c - 1], col.categoryLabels[c - 1], perCode[c],
                         weightedAnswered > 0 ? weightedCode[c] / weightedAnswered : 0.0};
        cc.negative = col.hasNegative && col.negative[c - 1];
        cc.nonSubstantive = !col.inBase(c);
        q.distribution.push_back(cc);
        row.push_back(perCode[c]);
    }
    if (col.dontKnow) {
        CategoryCount dk{std::string(model::kDontKnow),
                         {"Vet ej", "Don't know"},
                         q.dontKnow,
                         weightedAnswered > 0 ? weightedCode[kDontKnowCode] / weightedAnswered
                                              : 0.0};
        dk.nonSubstantive = true;
        q.distribution.push_back(dk);
        row.push_back(q.dontKnow);
    }
    const RowSuppression rs = suppressRow(row, options.minCell);
    for (std::size_t i = 0; i < q.distribution.size(); ++i)
        q.distribution[i].suppressed = rs.hidden[i];
    q.distributionTotalSuppressed = rs.hideTotal;

    if (!col.hasNegative)
        return q;
    q.hasNegative = true;
    q.negativeBase = q.answered - q.nonSubstantive;
    for (std::size_t c = 1; c <= ncat; ++c)
        if (col.negative[c - 1])
            q.negativeCount += perCode[c];
    q.unweighted =
        unweightedShare(static_cast<double>(q.negativeCount), static_cast<double>(q.negativeBase));
    q.weighted = weightedEstimate(sel, overall);
    q.suppressed = q.negativeBase < options.minCell;
    for (std::size_t d = 0; d < 3; ++d)
        q.breakdowns.push_back(breakdown(data, sel, col, cnt, d, options));
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
    if (!now.hasNegative || !then.hasNegative || then.negativeBase == 0 || now.negativeBase == 0)
        return;
    Trend t;
    t.compareToCampaignId = compareId;
    t.previous = then.weighted;
    t.previousBase = then.negativeBase;
    t.test =
        differenceTest(now.weighted.share, now.weighted.se, then.weighted.share, then.weighted.se);
    t.pAdjusted = t.test.pValue;
    t.suppressed = now.suppressed || then.negativeBase < options.minCell;
    now.trend = t;
}

// Benjamini–Hochberg over every valid test of the picture (question and focus-area trends):
// the adjusted p-value and the verdict at the false discovery rate.
void adjustTrends(SituationPicture& p, double level) {
    std::vector<Trend*> tests;
    for (QuestionResult& q : p.questions)
        if (q.trend && q.trend->test.valid)
            tests.push_back(&*q.trend);
    for (FocusAreaResult& a : p.focusAreas)
        if (a.trend && a.trend->test.valid)
            tests.push_back(&*a.trend);
    std::vector<double> raw;
    for (const Trend* t : tests)
        raw.push_back(t->test.pValue);
    const std::vector<double> adjusted = benjaminiHochberg(raw);
    for (std::size_t i = 0; i < tests.size(); ++i) {
        tests[i]->pAdjusted = adjusted[i];
        tests[i]->significant = adjusted[i] < level;
    }
}

// The campaign, comparison campaign and window of a filter, checked.
struct Resolved {
    int campaign = -1;
    int compare = -1;
    detail::Window window;
};

Result<Resolved> resolve(const PictureData& data, const PictureFilter& filter) {
    Resolved r;
    r.campaign = data.campaignIndex(filter.campaignId);
    if (r.campaign < 0)
        return makeError("unknown_campaign", "no such campaign: " + filter.campaignId, "campaign");
    if (filter.compareToCampaignId) {
        r.compare = data.campaignIndex(*filter.compareToCampaignId);
        if (r.compare < 0)
            return makeError("unknown_campaign", "no such campaign: " + *filter.compareToCampaignId,
                             "compare_to");
    }
    if (filter.locality) {
        r.window.locality = data.population().localityIndex(*filter.locality);
        if (r.window.locality < 0)
            return makeError("unknown_locality", "no such locality: " + *filter.locality,
                             "locality");
    }
    auto from = parseDay(filter.from, "from");
    if (!from)
        return from.error();
    auto to = parseDay(filter.to, "to");
    if (!to)
        return to.error();
    r.window.from = *from;
    r.window.to = *to;
    if ((r.window.from || r.window.to) && data.isAggregated(r.campaign))
        return makeError("campaign_aggregated",
                         "the campaign's responses were removed under its retention rules; only "
                         "its whole-campaign picture is kept, without date filters",
                         filter.from ? "from" : "to");
    return r;
}

} // namespace

Result<std::vector<double>> respondentWeights(const PictureData& data, const PictureFilter& filter,
                                              const PictureOptions& options) {
    auto resolved = resolve(data, filter);
    if (!resolved)
        return resolved.error();
    detail::Window window = resolved->window;
    window.locality = -1;
    const detail::Selection sel =
        detail::selectRespondents(data, resolved->campaign, window, options);
    std::vector<double> weights(data.respondentCount(), 0.0);
    for (std::uint32_t r = 0; r < weights.size(); ++r)
        if (detail::includesRow(data, sel, r))
            weights[r] = sel.calibration.weights[data.stratumColumn()[r]];
    return weights;
}

Result<SituationPicture> computePicture(const PictureData& data, const PictureFilter& filter,
                                        const PictureOptions& options) {
    auto resolved = resolve(data, filter);
    if (!resolved)
        return resolved.error();
    const int campaign = resolved->campaign;
    const int compare = resolved->compare;
    const detail::Window window = resolved->window;

    const detail::Selection sel = detail::selectRespondents(data, campaign, window, options);
    std::optional<detail::Selection> previous;
    if (compare >= 0) {
        detail::Window whole;
        whole.locality = window.locality;
        previous = detail::selectRespondents(data, compare, whole, options);
    }

    SituationPicture p;
    p.filter = filter;
    const model::Campaign& info = data.campaigns()[static_cast<std::size_t>(campaign)].campaign;
    p.campaignName = info.name;
    p.campaignYear = info.year;
    if (compare >= 0)
        p.compareYear = data.campaigns()[static_cast<std::size_t>(compare)].campaign.year;
    p.minCell = options.minCell;
    p.significanceLevel = options.significanceLevel;
    p.respondents = sel.respondents;
    p.compareRespondents = previous ? previous->respondents : 0;
    const Calibration& cal = sel.calibration;
    WeightingInfo& wi = p.weighting;
    wi.available = cal.available;
    wi.coveredPopulation = cal.population;
    wi.lowerBound = options.weighting.lowerBound;
    wi.upperBound = options.weighting.upperBound;
    wi.atBound = cal.atBound;
    wi.converged = cal.converged;
    wi.maxMisfit = cal.maxMisfit;
    const PopulationTable& pop = data.population();
    for (std::size_t m = 0; m < cal.groups.size(); ++m) {
        const std::string& dim = cal.dimensions[m];
        const MarginSource& source = dim == "age_band"   ? pop.ageSource
                                     : dim == "locality" ? pop.localitySource
                                                         : pop.genderSource;
        wi.margins.push_back({dim, source, cal.groups[m]});
    }
    {
        double sumW = 0.0, sumW2 = 0.0, n = 0.0;
        for (std::size_t s = 0; s < sel.counts.size(); ++s) {
            sumW += cal.weights[s] * sel.counts[s];
            sumW2 += cal.weights[s] * cal.weights[s] * sel.counts[s];
            n += sel.counts[s];
        }
        wi.effectiveN = kishEffectiveN(sumW, sumW2);
        wi.designEffect = wi.effectiveN > 0 ? n / wi.effectiveN : 1.0;
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
    detail::summarizeAreas(data, sel, previous, window, options, p);
    adjustTrends(p, options.significanceLevel);
    detail::summarizePlaces(data, sel, window, options, p);
    return p;
}

} // namespace td::picture
