#include "td/picture/picture_json.hpp"

#include "td/model/survey.hpp"

#include <boost/json.hpp>

namespace td::picture {

namespace json = boost::json;

namespace {

json::value text(const model::Text& t) {
    return {{"sv", t.sv}, {"en", t.en}};
}

json::value share(const ShareEstimate& e) {
    return {{"share", e.share},
            {"ci_low", e.ci.low},
            {"ci_high", e.ci.high},
            {"base", e.base},
            {"effective_n", e.effectiveN}};
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

const char* schemeName(StratumScheme s) {
    switch (s) {
    case StratumScheme::Cell:
        return "cell";
    case StratumScheme::AgeBandOnly:
        return "age_band_only";
    default:
        return "uncovered";
    }
}

json::value trendJson(const Trend& t, bool full) {
    json::object o{{"compare_to", t.compareToCampaignId},
                   {"previous", share(t.previous)},
                   {"difference", t.difference},
                   {"z", t.test.z},
                   {"p_value", t.test.pValue},
                   {"test_valid", t.test.valid},
                   {"significant", t.significant}};
    if (full) {
        o["previous_base"] = t.previousBase;
        o["suppressed"] = t.suppressed;
    }
    return o;
}

json::value questionJson(const QuestionResult& q, bool full) {
    json::object o{{"id", q.id},
                   {"type", std::string(model::toString(q.type))},
                   {"focus_area", std::string(model::toString(q.focusArea))},
                   {"background", q.background},
                   {"text", text(q.text)}};
    const bool publicHidden = !full && q.suppressed && q.answered > 0;
    if (full || !publicHidden) {
        o["answered"] = q.answered;
        o["dont_know"] = q.dontKnow;
    }
    if (full) {
        o["missing"] = q.missing;
        o["suppressed"] = q.suppressed;
    }
    json::array dist;
    for (const CategoryCount& c : q.distribution) {
        if (!full && (c.suppressed || q.distributionTotalSuppressed))
            continue;
        json::object d{{"id", c.id},
                       {"label", text(c.label)},
                       {"count", c.count},
                       {"weighted_share", c.weightedShare}};
        if (full)
            d["suppressed"] = c.suppressed;
        dist.push_back(std::move(d));
    }
    if (!q.distribution.empty())
        o["distribution"] = std::move(dist);
    if (full)
        o["distribution_total_suppressed"] = q.distributionTotalSuppressed;
    if (q.mean && (full || !q.suppressed)) {
        o["mean"] = *q.mean;
        o["weighted_mean"] = *q.weightedMean;
    }
    if (!q.hasNegative || (!full && q.suppressed))
        return o;
    json::object neg{{"unweighted", share(q.unweighted)}, {"weighted", share(q.weighted)}};
    if (full) {
        neg["count"] = q.negativeCount;
        neg["base"] = q.negativeBase;
    }
    o["negative"] = std::move(neg);
    json::array bds;
    for (const Breakdown& b : q.breakdowns) {
        json::array cells;
        for (const BreakdownCell& c : b.cells) {
            if (!full && (c.suppressed || b.totalSuppressed || c.base == 0))
                continue;
            json::object cj{{"key", c.key},
                            {"base", c.base},
                            {"unweighted", share(c.unweighted)},
                            {"weighted", share(c.weighted)}};
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

json::value areaJson(const FocusAreaResult& a, bool full) {
    json::object o{{"area", std::string(model::toString(a.area))}, {"rank", a.rank}};
    if (a.hasScore && (full || !a.suppressed)) {
        o["concern_score"] = a.concernScore;
        if (a.previousScore)
            o["previous_score"] = *a.previousScore;
    }
    json::array qs;
    for (const auto& id : a.questionIds)
        qs.push_back(json::value(id));
    o["questions"] = std::move(qs);
    if (full || !a.dialogueTopicsSuppressed)
        o["dialogue_topics"] = a.dialogueTopics;
    if (full) {
        o["suppressed"] = a.suppressed;
        o["dialogue_topics_suppressed"] = a.dialogueTopicsSuppressed;
    }
    json::array inds;
    for (const Indicator& i : a.indicators)
        inds.push_back({{"indicator", i.indicator},
                        {"period", i.period},
                        {"value", i.value},
                        {"source", i.source}});
    o["indicators"] = std::move(inds);
    return o;
}

json::value placeJson(const PlaceCluster& p, bool full) {
    json::object o{{"rank", p.rank},
                   {"lat", p.lat},
                   {"lon", p.lon},
                   {"place_id", optionalString(p.placeId)},
                   {"place_name", optionalString(p.placeName)},
                   {"survey_mentions", p.surveyMentions},
                   {"observations", p.observations},
                   {"severity", p.severity ? json::value(*p.severity) : json::value(nullptr)}};
    json::object times;
    for (std::size_t t = 0; t < 4; ++t)
        times[model::toString(static_cast<model::TimeOfDay>(t))] = p.timesOfDay[t];
    o["times_of_day"] = std::move(times);
    json::object reasons;
    for (const auto& [id, count] : p.reasons)
        reasons[id] = count;
    o["reasons"] = std::move(reasons);
    if (full)
        o["suppressed"] = p.suppressed;
    return o;
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
    json::array bands;
    for (const auto& [band, scheme] : p.weighting.ageBands)
        bands.push_back({{"age_band", band}, {"scheme", schemeName(scheme)}});
    o["weighting"] = {{"available", p.weighting.available},
                      {"covered_population", p.weighting.coveredPopulation},
                      {"effective_n", hideAll ? 0.0 : p.weighting.effectiveN},
                      {"design_effect", p.weighting.designEffect},
                      {"age_bands", std::move(bands)}};
    json::array qs;
    for (const QuestionResult& q : p.questions) {
        if (!full && (hideAll || q.type == model::QuestionType::Text))
            continue;
        qs.push_back(questionJson(q, full));
    }
    o["questions"] = std::move(qs);
    json::array areas;
    for (const FocusAreaResult& a : p.focusAreas)
        areas.push_back(areaJson(a, full));
    o["focus_areas"] = std::move(areas);
    json::array places;
    for (const PlaceCluster& c : p.places)
        if (full || !c.suppressed)
            places.push_back(placeJson(c, full));
    o["places"] = std::move(places);
    o["dialogues"] = p.dialogues;
    o["people_met"] = p.peopleMet;
    o["walks"] = p.walks;
    o["observations"] = p.observations;
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
