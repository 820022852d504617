// Focus areas: the concern score from the worry items, its trend, the ranking with bootstrap
// rank intervals, and the dialogue topics beside it.
#include "compute_internal.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace td::picture::detail {

std::vector<std::uint32_t> countWorry(const PictureData& data, std::size_t area,
                                      const Selection& sel) {
    std::vector<std::uint32_t> counts(data.strataCount() * kCodeSlots, 0);
    if (sel.fromAggregates) {
        if (const AreaAggregate* agg = data.areaAggregate(sel.campaign, area))
            counts = agg->counts;
        return counts;
    }
    for (std::uint32_t r : sel.rows)
        if (const std::size_t pattern = data.worryPattern(area, r); pattern != 0)
            ++counts[data.stratumColumn()[r] * kCodeSlots + pattern];
    return counts;
}

void scoreSums(const PictureData& data, const Selection& sel,
               const std::vector<std::uint32_t>& patterns, DomainSums& sums) {
    sums.reset(data.strataCount());
    for (std::size_t s = 0; s < data.strataCount(); ++s) {
        if (!sel.inDomain(data, s))
            continue;
        for (std::size_t answered = 1; answered <= kMaxWorryItems; ++answered)
            for (std::size_t worried = 0; worried <= answered; ++worried) {
                const double n = patterns[s * kCodeSlots + areaPattern(answered, worried)];
                if (n == 0.0)
                    continue;
                const double r = static_cast<double>(worried) / static_cast<double>(answered);
                sums.count[s] += n;
                sums.sumY[s] += n * r;
                sums.sumY2[s] += n * r * r;
            }
    }
}

namespace {

// The selection's concern score of ranked area `area`; base 0 when nobody answered.
ShareEstimate areaScore(const PictureData& data, const Selection& sel, std::size_t area,
                        std::int64_t& base) {
    DomainSums sums;
    scoreSums(data, sel, countWorry(data, area, sel), sums);
    base = static_cast<std::int64_t>(std::accumulate(sums.count.begin(), sums.count.end(), 0.0));
    return weightedEstimate(sel, sums);
}

std::string rankCacheKey(const Selection& sel, const BootstrapOptions& o) {
    char key[256];
    std::snprintf(key, sizeof key, "%d|%d|%d|%d|%d|%llu|%.17g|%.17g|%.17g|%.17g", sel.campaign,
                  sel.locality, sel.from, sel.to, o.replicates,
                  static_cast<unsigned long long>(o.seed), o.level, o.weighting.minGroupRespondents,
                  o.weighting.lowerBound, o.weighting.upperBound);
    return key;
}

// Cached rank intervals still serve while the selection has grown by at most this fraction of
// the respondents they were computed from (new responses arriving one push at a time); beyond
// it, or after any other change (which rebuilds the data), they are computed again.
constexpr double kRankGrowthTolerance = 0.01;

bool stillFresh(const PictureData::CachedRanks& cached, std::int64_t respondents) {
    const std::int64_t grown = respondents - cached.respondents;
    return grown >= 0 && static_cast<double>(grown) <=
                             kRankGrowthTolerance * static_cast<double>(cached.respondents);
}

// Rank intervals for the picture: bootstrapped (and cached) while the campaign's respondent rows
// are held, else those its aggregate carried (precomputed), else none.
std::optional<RankIntervals> rankIntervals(const PictureData& data, const Selection& sel,
                                           const PictureOptions& options, RankingInfo& info) {
    BootstrapOptions o = options.ranking;
    o.weighting = options.weighting;
    if (!data.isAggregated(sel.campaign)) {
        const std::string key = rankCacheKey(sel, o);
        const auto respondents = static_cast<std::int64_t>(sel.respondents);
        std::optional<PictureData::CachedRanks> cached = data.cachedRanks(key);
        if (!cached || !stillFresh(*cached, respondents)) {
            cached = PictureData::CachedRanks{bootstrapSelection(data, sel, o), respondents};
            data.cacheRanks(key, *cached);
        }
        info = {true, false, cached->intervals.replicates, cached->intervals.seed,
                cached->respondents};
        return cached->intervals;
    }
    const std::string locality =
        sel.locality < 0 ? ""
                         : data.population().localities[static_cast<std::size_t>(sel.locality)];
    if (const RankIntervals* pre = data.rankIntervals(sel.campaign, locality)) {
        // Computed from every row the aggregate now stands for.
        info = {true, true, pre->replicates, pre->seed, static_cast<std::int64_t>(sel.respondents)};
        return *pre;
    }
    return std::nullopt;
}

} // namespace

void summarizeAreas(const PictureData& data, const Selection& selection,
                    const std::optional<Selection>& previous, const Window& window,
                    const PictureOptions& options, SituationPicture& picture) {
    const CampaignInfo& info = data.campaigns()[static_cast<std::size_t>(selection.campaign)];
    const model::Campaign& campaign = info.campaign;
    std::array<std::int64_t, 6> topics{};
    for (const model::Dialogue& d : data.dialogues()) {
        // A dialogue counts when it falls in the window, or names this very campaign.
        const bool named = d.campaignId && *d.campaignId == campaign.id;
        const bool localityMatches =
            window.locality < 0 ||
            data.population().localities[static_cast<std::size_t>(window.locality)] == d.locality;
        if (!(named && localityMatches) &&
            !inWindow(data, selection, window, d.startedAt, d.locality))
            continue;
        ++picture.dialogues;
        picture.peopleMet += d.peopleMet;
        for (const auto& t : d.topics)
            topics[static_cast<std::size_t>(t.focusArea)] += t.count;
    }
    const RowSuppression topicSuppression = suppressRow(topics, options.minCell);

    for (std::size_t ai = 0; ai < kRankedAreas.size(); ++ai) {
        const model::FocusArea area = kRankedAreas[ai];
        FocusAreaResult r;
        r.area = area;
        for (std::size_t column : info.worryItems[ai])
            r.questionIds.push_back(data.questions()[column].id);
        for (const QuestionResult& q : picture.questions) {
            if (q.focusArea != area || !q.hasNegative || q.background)
                continue;
            const bool worry =
                std::find(r.questionIds.begin(), r.questionIds.end(), q.id) != r.questionIds.end();
            if (worry)
                r.suppressed = r.suppressed || q.suppressed;
            else
                r.experienceIds.push_back(q.id);
        }
        if (!r.questionIds.empty()) {
            r.score = areaScore(data, selection, ai, r.scoreBase);
            r.hasScore = r.scoreBase > 0;
            r.suppressed = r.suppressed || r.scoreBase < options.minCell;
        }
        if (r.hasScore && previous) {
            std::int64_t previousBase = 0;
            const ShareEstimate then = areaScore(data, *previous, ai, previousBase);
            if (previousBase > 0) {
                Trend t;
                t.compareToCampaignId = *picture.filter.compareToCampaignId;
                t.previous = then;
                t.previousBase = previousBase;
                t.test = differenceTest(r.score.share, r.score.se, then.share, then.se);
                t.pAdjusted = t.test.pValue;
                t.suppressed = r.suppressed || previousBase < options.minCell;
                r.trend = t;
            }
        }
        r.dialogueTopics = topics[static_cast<std::size_t>(area)];
        r.dialogueTopicsSuppressed = topicSuppression.hidden[static_cast<std::size_t>(area)];
        for (const Indicator& ind : data.indicators())
            if (ind.area == area)
                r.indicators.push_back(ind);
        picture.focusAreas.push_back(std::move(r));
    }
    std::stable_sort(picture.focusAreas.begin(), picture.focusAreas.end(),
                     [](const FocusAreaResult& a, const FocusAreaResult& b) {
                         if (a.hasScore != b.hasScore)
                             return a.hasScore;
                         return a.score.share > b.score.share;
                     });
    int rank = 0;
    int ranked = 0;
    for (FocusAreaResult& r : picture.focusAreas) {
        r.rank = r.hasScore ? ++rank : 0;
        ranked += r.hasScore ? 1 : 0;
    }
    if (ranked < 2)
        return;
    const std::optional<RankIntervals> intervals =
        rankIntervals(data, selection, options, picture.ranking);
    if (!intervals)
        return;
    for (FocusAreaResult& r : picture.focusAreas) {
        for (const AreaRank& ar : intervals->areas)
            if (ar.area == r.area && r.hasScore)
                r.rankInterval = ar;
        if (r.rankInterval)
            r.indistinguishable = overlappingAreas(*intervals, r.area);
    }
}

} // namespace td::picture::detail
