#include "td/picture/picture_json.hpp"

#include "td/model/survey.hpp"
#include "td/picture/suppression.hpp"

#include <array>
#include <boost/json.hpp>
#include <optional>
#include <span>
#include <vector>

namespace td::picture {

namespace json = boost::json;

namespace {

bool small(std::int64_t count, std::int64_t k) {
    return count > 0 && count < k;
}

// Complementary step of the k rule for a row some of whose cells are already hidden: while
// exactly one non-zero cell is hidden, or the hidden cells add up to 1..k−1, hide the smallest
// visible non-zero cell too. True when no cell is left to hide, so the total must go.
bool completeRow(std::span<const std::int64_t> cells, std::vector<bool>& hidden, std::int64_t k) {
    std::int64_t total = 0, hiddenSum = 0;
    std::size_t hiddenCount = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        total += cells[i];
        if (hidden[i] && cells[i] > 0) {
            hiddenSum += cells[i];
            ++hiddenCount;
        }
    }
    if (small(total, k))
        return true;
    while (hiddenCount > 0 && (hiddenCount == 1 || hiddenSum < k)) {
        std::size_t next = cells.size();
        for (std::size_t i = 0; i < cells.size(); ++i)
            if (!hidden[i] && cells[i] > 0 && (next == cells.size() || cells[i] < cells[next]))
                next = i;
        if (next == cells.size())
            return true;
        hidden[next] = true;
        hiddenSum += cells[next];
        ++hiddenCount;
    }
    return false;
}

// Several rows over the same cells, each with its own value per cell (0 for a cell outside
// the row) and a published total: completes every row until all hold at once (hiding a cell
// for one row can leave another with a single hidden cell). True when a row cannot be
// completed, so a total must go.
bool completeRows(const std::vector<std::vector<std::int64_t>>& rows, std::vector<bool>& hidden,
                  std::int64_t k) {
    for (bool changed = true; changed;) {
        changed = false;
        for (const auto& row : rows) {
            const std::vector<bool> before = hidden;
            if (completeRow(row, hidden, k))
                return true;
            changed = changed || hidden != before;
        }
    }
    return false;
}

// A share published with its base discloses two counts, the negatives and the rest: both
// must be 0 or at least k.
bool shareDisclosesSmall(std::int64_t negative, std::int64_t base, std::int64_t k) {
    return small(negative, k) || small(base - negative, k);
}

// What the public summary shows of a question's counts. The distribution is one row (total:
// answered). A shown negative share with its base discloses three more totals: the base
// (categories without "don't know"), the negative count (the negative categories) and the
// rest (the other categories); each is a row that must hide complementarily on its own, and
// "don't know" (answered − base) may be shown only when its cell is. A multi-choice option is
// a yes/no row over `answered` of its own: chosen and not chosen must both keep the k rule.
struct PublicQuestion {
    std::vector<bool> hiddenCell;
    bool showAnswered = true;
    bool showDontKnow = true;
    bool showNonSubstantive = true;
    bool showNegative = false;
    std::vector<std::vector<bool>> hiddenBreakdownCell;
    std::vector<bool> breakdownHidden;
};

// The base, negative and rest rows of a question's categories ("don't know" left out).
std::vector<std::vector<std::int64_t>> categoryRows(const QuestionResult& q) {
    std::vector<std::vector<std::int64_t>> rows(3,
                                                std::vector<std::int64_t>(q.distribution.size()));
    for (std::size_t i = 0; i < q.distribution.size(); ++i) {
        const CategoryCount& c = q.distribution[i];
        if (c.nonSubstantive)
            continue;
        rows[0][i] = c.count;
        (c.negative ? rows[1] : rows[2])[i] = c.count;
    }
    return rows;
}

// Breakdown cells as rows: their bases (total: the negative base), their negatives (total:
// the negative count) and the rest.
std::vector<std::vector<std::int64_t>> breakdownRows(const Breakdown& b) {
    std::vector<std::vector<std::int64_t>> rows(3);
    for (const BreakdownCell& c : b.cells) {
        rows[0].push_back(c.base);
        rows[1].push_back(c.negative);
        rows[2].push_back(c.base - c.negative);
    }
    return rows;
}

PublicQuestion publicQuestion(const QuestionResult& q, std::int64_t k) {
    PublicQuestion v;
    const bool multi = q.type == model::QuestionType::Multi;
    for (const CategoryCount& c : q.distribution)
        v.hiddenCell.push_back(q.distributionTotalSuppressed || c.suppressed);
    v.showNegative =
        q.hasNegative && !q.suppressed && !shareDisclosesSmall(q.negativeCount, q.negativeBase, k);
    std::optional<std::size_t> dk;
    for (std::size_t i = 0; i < q.distribution.size(); ++i)
        if (q.distribution[i].id == model::kDontKnow)
            dk = i;
    if (v.showNegative && !multi) {
        std::vector<bool> hidden = v.hiddenCell;
        if (completeRows(categoryRows(q), hidden, k))
            v.showNegative = false;
        else
            v.hiddenCell = std::move(hidden);
    }
    const bool dkHidden = dk && v.hiddenCell[*dk] && q.dontKnow > 0;
    // The non-substantive answers add up to answered − base: shown only when every one of
    // their cells is.
    bool outsideHidden = false;
    for (std::size_t i = 0; i < q.distribution.size(); ++i)
        outsideHidden = outsideHidden || (q.distribution[i].nonSubstantive && v.hiddenCell[i] &&
                                          q.distribution[i].count > 0);
    v.showDontKnow = !(q.suppressed && q.answered > 0) && !small(q.dontKnow, k) && !dkHidden;
    v.showNonSubstantive =
        !(q.suppressed && q.answered > 0) && !outsideHidden && !q.distributionTotalSuppressed;
    v.showAnswered = !(q.suppressed && q.answered > 0) && !small(q.answered, k) &&
                     !(!multi && q.distributionTotalSuppressed) &&
                     !(outsideHidden && v.showNegative);
    if (multi && v.showAnswered)
        for (std::size_t i = 0; i < q.distribution.size(); ++i)
            if (small(q.answered - q.distribution[i].count, k))
                v.hiddenCell[i] = true;
    if (!v.showNegative)
        return v;
    for (const Breakdown& b : q.breakdowns) {
        std::vector<bool> hidden;
        for (const BreakdownCell& c : b.cells)
            hidden.push_back(b.totalSuppressed || c.suppressed ||
                             shareDisclosesSmall(c.negative, c.base, k));
        const bool all = b.totalSuppressed || completeRows(breakdownRows(b), hidden, k);
        if (all)
            hidden.assign(hidden.size(), true);
        v.hiddenBreakdownCell.push_back(std::move(hidden));
        v.breakdownHidden.push_back(all);
    }
    return v;
}

// A row of counts of which only those that keep the k rule are shown (nullopt = withheld).
std::vector<bool> publicRow(std::span<const std::int64_t> cells, std::int64_t k) {
    RowSuppression rs = suppressRow(cells, k);
    if (rs.hideTotal)
        rs.hidden.assign(cells.size(), true);
    return rs.hidden;
}

json::value text(const model::Text& t) {
    return {{"sv", t.sv}, {"en", t.en}};
}

json::value share(const ShareEstimate& e) {
    return {{"share", e.share}, {"ci_low", e.ci.low}, {"ci_high", e.ci.high},
            {"se", e.se},       {"base", e.base},     {"effective_n", e.effectiveN}};
}

json::value optionalShare(const std::optional<ShareEstimate>& e) {
    return e ? share(*e) : json::value(nullptr);
}

json::value optionalString(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}

json::value filterJson(const PictureFilter& f) {
    return {{"campaign", f.campaignId},
            {"compare_to", optionalString(f.compareToCampaignId)},
            {"locality", optionalString(f.locality)},
            {"from", optionalString(f.from)},
            {"to", optionalString(f.to)}};
}

json::value trendJson(const Trend& t, bool full) {
    json::object o{{"compare_to", t.compareToCampaignId},
                   {"previous", share(t.previous)},
                   {"difference", t.test.difference},
                   {"ci_low", t.test.ci.low},
                   {"ci_high", t.test.ci.high},
                   {"se", t.test.se},
                   {"z", t.test.z},
                   {"p_value", t.test.pValue},
                   {"p_adjusted", t.pAdjusted},
                   {"test_valid", t.test.valid},
                   {"significant", t.significant}};
    if (full) {
        o["previous_base"] = t.previousBase;
        o["suppressed"] = t.suppressed;
    }
    return o;
}

json::value questionJson(const QuestionResult& q, bool full, std::int64_t k) {
    json::object o{{"id", q.id},
                   {"type", std::string(model::toString(q.type))},
                   {"focus_area", std::string(model::toString(q.focusArea))},
                   {"background", q.background},
                   {"text", text(q.text)}};
    const PublicQuestion view = full ? PublicQuestion{} : publicQuestion(q, k);
    if (full || view.showAnswered)
        o["answered"] = q.answered;
    if (full || view.showDontKnow)
        o["dont_know"] = q.dontKnow;
    if (q.type != model::QuestionType::Multi && !q.distribution.empty() &&
        (full || view.showNonSubstantive))
        o["non_substantive"] = q.nonSubstantive;
    if (full) {
        o["missing"] = q.missing;
        o["suppressed"] = q.suppressed;
    }
    json::array dist;
    for (std::size_t i = 0; i < q.distribution.size(); ++i) {
        const CategoryCount& c = q.distribution[i];
        if (!full && view.hiddenCell[i])
            continue;
        json::object d{{"id", c.id},
                       {"label", text(c.label)},
                       {"count", c.count},
                       {"weighted_share", c.weightedShare}};
        if (c.nonSubstantive)
            d["non_substantive"] = true;
        if (full) {
            d["suppressed"] = c.suppressed;
            d["negative"] = c.negative;
        }
        dist.push_back(std::move(d));
    }
    if (!q.distribution.empty())
        o["distribution"] = std::move(dist);
    if (full)
        o["distribution_total_suppressed"] = q.distributionTotalSuppressed;
    if (q.mean && (full || !q.suppressed)) {
        o["mean"] = *q.mean;
        o["weighted_mean"] = q.weightedMean->mean;
        o["weighted_mean_se"] = q.weightedMean->se;
        o["weighted_mean_ci_low"] = q.weightedMean->ci.low;
        o["weighted_mean_ci_high"] = q.weightedMean->ci.high;
    }
    if (!q.hasNegative || (!full && !view.showNegative))
        return o;
    json::object neg{{"unweighted", share(q.unweighted)}, {"weighted", share(q.weighted)}};
    if (full) {
        neg["count"] = q.negativeCount;
        neg["base"] = q.negativeBase;
    }
    o["negative"] = std::move(neg);
    json::array bds;
    for (std::size_t bi = 0; bi < q.breakdowns.size(); ++bi) {
        const Breakdown& b = q.breakdowns[bi];
        json::array cells;
        for (std::size_t ci = 0; ci < b.cells.size(); ++ci) {
            const BreakdownCell& c = b.cells[ci];
            if (!full && (view.hiddenBreakdownCell[bi][ci] || c.base == 0))
                continue;
            json::object cj{{"key", c.key},
                            {"base", c.base},
                            {"unweighted", optionalShare(c.unweighted)},
                            {"weighted", optionalShare(c.weighted)}};
            if (full) {
                cj["negative"] = c.negative;
                cj["suppressed"] = c.suppressed;
            }
            cells.push_back(std::move(cj));
        }
        json::object bj{{"dimension", b.dimension}, {"cells", std::move(cells)}};
        if (full)
            bj["total_suppressed"] = b.totalSuppressed;
        bds.push_back(std::move(bj));
    }
    o["breakdowns"] = std::move(bds);
    if (q.trend && (full || !q.trend->suppressed))
        o["trend"] = trendJson(*q.trend, full);
    return o;
}

json::array idList(const std::vector<std::string>& ids) {
    json::array out;
    for (const auto& id : ids)
        out.push_back(json::value(id));
    return out;
}

json::value areaJson(const FocusAreaResult& a, bool full) {
    json::object o{{"area", std::string(model::toString(a.area))}, {"rank", a.rank}};
    const bool showScore = a.hasScore && (full || !a.suppressed);
    const bool showTrend = showScore && a.trend && (full || !a.trend->suppressed);
    if (showScore)
        o["concern_score"] = a.score.share;
    if (showTrend)
        o["previous_score"] = a.trend->previous.share;
    if (showScore)
        o["score"] = share(a.score);
    if (showTrend)
        o["trend"] = trendJson(*a.trend, full);
    if (full)
        o["score_base"] = a.scoreBase;
    if (a.rankInterval) {
        o["rank_interval"] = {{"low", a.rankInterval->low}, {"high", a.rankInterval->high}};
        json::array same;
        for (model::FocusArea other : a.indistinguishable)
            same.push_back(json::value(model::toString(other)));
        o["indistinguishable_from"] = std::move(same);
    }
    o["questions"] = idList(a.questionIds);
    o["experience_questions"] = idList(a.experienceIds);
    if (full || !a.dialogueTopicsSuppressed)
        o["dialogue_topics"] = a.dialogueTopics;
    if (full) {
        o["suppressed"] = a.suppressed;
        o["dialogue_topics_suppressed"] = a.dialogueTopicsSuppressed;
    }
    json::array inds;
    for (const Indicator& i : a.indicators) {
        json::object ind{{"indicator", i.indicator},
                         {"period", i.period},
                         {"value", i.value},
                         {"source", i.source}};
        if (!i.nameSv.empty())
            ind["name_sv"] = i.nameSv;
        if (!i.nameEn.empty())
            ind["name_en"] = i.nameEn;
        inds.push_back(std::move(ind));
    }
    o["indicators"] = std::move(inds);
    return o;
}

json::value weightingJson(const WeightingInfo& w, bool full, bool hideAll) {
    json::array margins;
    for (const WeightingMargin& m : w.margins) {
        json::array groups;
        for (const CalibrationGroup& g : m.groups) {
            json::object gj{{"categories", idList(g.categories)}, {"population", g.population}};
            if (full) {
                gj["respondents"] = g.respondents;
                gj["weighted"] = g.weighted;
            }
            groups.push_back(std::move(gj));
        }
        margins.push_back({{"dimension", m.dimension},
                           {"year", m.source.year},
                           {"source", m.source.source},
                           {"note", m.source.note},
                           {"groups", std::move(groups)}});
    }
    json::object o{{"available", w.available},
                   {"covered_population", w.coveredPopulation},
                   {"effective_n", hideAll ? 0.0 : w.effectiveN},
                   {"design_effect", w.designEffect},
                   {"method", "raking"},
                   {"bounds", {{"lower", w.lowerBound}, {"upper", w.upperBound}}},
                   {"converged", w.converged},
                   {"margins", std::move(margins)}};
    if (full) {
        o["at_bound"] = w.atBound;
        o["max_misfit"] = w.maxMisfit;
    }
    return o;
}

// Which of a shown cluster's two components the public summary withholds. Each whose
// mentions or whose people (distinct respondents; distinct walks) are in 1..k−1 is withheld;
// the two are a row whose total the ranking narrows down (clusters are ranked by it), so when
// one is withheld the other goes too.
std::array<bool, 2> hiddenComponents(const PlaceCluster& p, std::int64_t k) {
    const std::array<std::int64_t, 2> cells{p.surveyMentions, p.observations};
    std::vector<bool> hidden{small(cells[0], k) || small(p.respondents, k),
                             small(cells[1], k) || small(p.walks, k)};
    if (completeRow(cells, hidden, k))
        hidden.assign(2, true);
    return {hidden[0], hidden[1]};
}

json::value countOrNull(std::int64_t count, bool hidden) {
    return hidden ? json::value(nullptr) : json::value(count);
}

json::value placeJson(const PlaceCluster& p, bool full, std::int64_t k) {
    const std::array<bool, 2> hide =
        full ? std::array<bool, 2>{false, false} : hiddenComponents(p, k);
    json::object o{
        {"rank", p.rank},
        {"lat", p.lat},
        {"lon", p.lon},
        {"place_id", optionalString(p.placeId)},
        {"place_name", optionalString(p.placeName)},
        {"survey_mentions", countOrNull(p.surveyMentions, hide[0])},
        {"observations", countOrNull(p.observations, hide[1])},
        {"severity", p.severity && !hide[1] ? json::value(*p.severity) : json::value(nullptr)}};
    // Public: times of day and reasons are each a row under the k rule; a withheld time of
    // day is null, a withheld reason is left out. Both are counted over the two components,
    // so with a component withheld they go too.
    const bool componentHidden = hide[0] || hide[1];
    const std::vector<bool> hiddenTimes = full              ? std::vector<bool>(4, false)
                                          : componentHidden ? std::vector<bool>(4, true)
                                                            : publicRow(p.timesOfDay, k);
    json::object times;
    for (std::size_t t = 0; t < 4; ++t)
        times[model::toString(static_cast<model::TimeOfDay>(t))] =
            hiddenTimes[t] ? json::value(nullptr) : json::value(p.timesOfDay[t]);
    o["times_of_day"] = std::move(times);
    std::vector<std::int64_t> reasonCounts;
    for (const auto& r : p.reasons)
        reasonCounts.push_back(r.second);
    const std::vector<bool> hiddenReasons = full ? std::vector<bool>(reasonCounts.size(), false)
                                            : componentHidden
                                                ? std::vector<bool>(reasonCounts.size(), true)
                                                : publicRow(reasonCounts, k);
    json::object reasons;
    for (std::size_t i = 0; i < p.reasons.size(); ++i)
        if (!hiddenReasons[i])
            reasons[p.reasons[i].first] = p.reasons[i].second;
    o["reasons"] = std::move(reasons);
    if (full) {
        o["respondents"] = p.respondents;
        o["walks"] = p.walks;
        o["suppressed"] = p.suppressed;
    }
    return o;
}

// The total of observations is a row over the shown clusters' observations and the rest
// (observations in no shown cluster, never published). It may be shown only while what it
// lets a reader recover keeps the k rule: the hidden part of that row must not add up to
// 1..k−1, and a cluster's withheld observations must not be its only hidden part.
bool observationsTotalDiscloses(const SituationPicture& p, std::int64_t k) {
    std::vector<std::int64_t> cells;
    std::vector<bool> hidden;
    std::int64_t rest = p.observations;
    for (const PlaceCluster& c : p.places) {
        if (c.suppressed)
            continue;
        cells.push_back(c.observations);
        hidden.push_back(hiddenComponents(c, k)[1]);
        rest -= c.observations;
    }
    cells.push_back(rest);
    hidden.push_back(true);
    std::int64_t hiddenSum = 0;
    std::size_t hiddenCount = 0;
    for (std::size_t i = 0; i < cells.size(); ++i)
        if (hidden[i] && cells[i] > 0) {
            hiddenSum += cells[i];
            ++hiddenCount;
        }
    return small(hiddenSum, k) || (hiddenCount == 1 && rest == 0);
}

json::value encode(const SituationPicture& p, bool full) {
    json::object o{{"filter", filterJson(p.filter)},
                   {"campaign_name", text(p.campaignName)},
                   {"min_cell", p.minCell}};
    const bool hideAll = !full && p.respondents > 0 && p.respondents < p.minCell;
    if (!hideAll)
        o["respondents"] = p.respondents;
    if (full)
        o["compare_respondents"] = p.compareRespondents;
    o["campaign_year"] = p.campaignYear;
    if (p.filter.compareToCampaignId)
        o["compare_year"] = p.compareYear;
    o["significance_level"] = p.significanceLevel;
    o["weighting"] = weightingJson(p.weighting, full, hideAll);
    o["ranking"] = {{"available", p.ranking.available},
                    {"method", "poisson_bootstrap"},
                    {"replicates", p.ranking.replicates},
                    {"seed", p.ranking.seed}};
    if (full)
        o["ranking"].as_object()["respondents"] = p.ranking.respondents;
    json::array qs;
    for (const QuestionResult& q : p.questions) {
        if (!full && (hideAll || q.type == model::QuestionType::Text))
            continue;
        qs.push_back(questionJson(q, full, p.minCell));
    }
    o["questions"] = std::move(qs);
    json::array areas;
    for (const FocusAreaResult& a : p.focusAreas)
        areas.push_back(areaJson(a, full));
    o["focus_areas"] = std::move(areas);
    json::array places;
    for (const PlaceCluster& c : p.places)
        if (full || !c.suppressed)
            places.push_back(placeJson(c, full, p.minCell));
    o["places"] = std::move(places);
    const std::int64_t k = p.minCell;
    o["dialogues"] = countOrNull(p.dialogues, !full && small(p.dialogues, k));
    o["people_met"] = countOrNull(p.peopleMet, !full && small(p.peopleMet, k));
    o["walks"] = countOrNull(p.walks, !full && small(p.walks, k));
    o["observations"] = countOrNull(
        p.observations, !full && (small(p.observations, k) || observationsTotalDiscloses(p, k)));
    if (full) {
        o["unclustered_mentions"] = p.unclusteredMentions;
        json::array un;
        for (const UnlocatedMention& u : p.unlocated)
            un.push_back({{"text", u.text}, {"count", u.count}});
        o["unlocated"] = std::move(un);
    }
    return o;
}

} // namespace

json::value toJson(const SituationPicture& picture) {
    return encode(picture, true);
}

json::value publicSummary(const SituationPicture& picture) {
    return encode(picture, false);
}

} // namespace td::picture
