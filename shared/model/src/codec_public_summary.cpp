// The published public summary (record kind public_summary): strict codec and the rules that
// keep it public (no free text, nothing below k).

#include "codec_util.hpp"
#include "td/model/public_summary.hpp"

#include <cmath>
#include <limits>

namespace td::model {

using namespace detail;

namespace {

constexpr std::int64_t kMaxCount = 1'000'000'000'000;
constexpr double kMaxFigure = 1e12;
constexpr double kHuge = std::numeric_limits<double>::max();
constexpr std::size_t kMaxKey = 64;

template <class T, class F> bool readObject(ObjectReader& r, std::string_view key, T& out, F fn) {
    const bj::value* v = r.required(key);
    return v != nullptr && r.take(decodeField(r, key, *v, fn), out);
}

template <class T, class F>
bool readOptObject(ObjectReader& r, std::string_view key, std::optional<T>& out, F fn) {
    const bj::value* v = r.optional(key);
    return v == nullptr ? !r.failed() : r.take(decodeField(r, key, *v, fn), out);
}

bool readBool(ObjectReader& r, std::string_view key, bool& out) {
    return readObject(r, key, out, json::readBool);
}

bool readOptNumber(ObjectReader& r, std::string_view key, std::optional<double>& out, double min,
                   double max) {
    return readOptObject(r, key, out, [&](const bj::value& v, const std::string& path) {
        return json::readNumber(v, path, min, max);
    });
}

// A required key whose value is a string of at most `maxChars`, or null.
bool readNullableString(ObjectReader& r, std::string_view key, std::optional<std::string>& out,
                        std::size_t maxChars) {
    const bj::value* v = r.required(key);
    if (v == nullptr)
        return false;
    if (v->is_null()) {
        out.reset();
        return true;
    }
    return r.take(decodeField(r, key, *v,
                              [&](const bj::value& value, const std::string& path) {
                                  return json::readString(value, path, maxChars);
                              }),
                  out);
}

bj::value nullable(const std::optional<std::string>& s) {
    return s ? bj::value(*s) : bj::value(nullptr);
}

// A count that may be withheld: absent or null.
bool readWithheldCount(ObjectReader& r, std::string_view key, std::optional<std::int64_t>& out) {
    const bj::value* v = r.optional(key);
    if (v == nullptr || v->is_null()) {
        out.reset();
        return !r.failed();
    }
    return r.take(decodeField(r, key, *v,
                              [](const bj::value& value, const std::string& path) {
                                  return json::readInt(value, path, 0, kMaxCount);
                              }),
                  out);
}

bj::value nullable(const std::optional<std::int64_t>& n) {
    return n ? bj::value(*n) : bj::value(nullptr);
}

Result<SummaryShare> decodeShare(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryShare s;
    readNumber(r, "share", s.share, 0, 1);
    readNumber(r, "ci_low", s.ciLow, 0, 1);
    readNumber(r, "ci_high", s.ciHigh, 0, 1);
    readOptNumber(r, "se", s.se, 0, 1);
    readNumber(r, "base", s.base, 0, kMaxFigure);
    readNumber(r, "effective_n", s.effectiveN, 0, kMaxFigure);
    return finishWith(r, s);
}

bj::value encodeShare(const SummaryShare& s) {
    bj::object o{{"share", s.share}, {"ci_low", s.ciLow}, {"ci_high", s.ciHigh}};
    if (s.se)
        o["se"] = *s.se;
    o["base"] = s.base;
    o["effective_n"] = s.effectiveN;
    return o;
}

void putOptional(bj::object& o, std::string_view key, const std::optional<double>& v) {
    if (v)
        o[key] = *v;
}

Result<SummaryCategory> decodeCategory(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryCategory c;
    readId(r, "id", c.id);
    readText(r, "label", c.label);
    readInt(r, "count", c.count, 0, kMaxCount);
    readNumber(r, "weighted_share", c.weightedShare, 0, 1);
    readBoolOr(r, "non_substantive", c.nonSubstantive);
    return finishWith(r, std::move(c));
}

Result<SummaryNegative> decodeNegative(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryNegative n;
    readObject(r, "unweighted", n.unweighted, decodeShare);
    readObject(r, "weighted", n.weighted, decodeShare);
    return finishWith(r, n);
}

Result<SummaryBreakdownCell> decodeCell(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryBreakdownCell c;
    readString(r, "key", c.key, kMaxKey);
    readInt(r, "base", c.base, 0, kMaxCount);
    readObject(r, "unweighted", c.unweighted, decodeShare);
    readObject(r, "weighted", c.weighted, decodeShare);
    return finishWith(r, std::move(c));
}

Result<SummaryBreakdown> decodeBreakdown(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryBreakdown b;
    static const std::vector<std::string_view> dimensions{"locality", "age_band", "gender"};
    const bj::value* d = r.required("dimension");
    std::size_t index = 0;
    if (d && r.take(decodeField(r, "dimension", *d,
                                [](const bj::value& value, const std::string& p) {
                                    return json::readOneOf(value, p, dimensions);
                                }),
                    index))
        b.dimension = std::string(dimensions[index]);
    readList(r, "cells", b.cells, kMaxList, true, decodeCell);
    return finishWith(r, std::move(b));
}

Result<SummaryTrend> decodeTrend(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryTrend t;
    readId(r, "compare_to", t.compareTo);
    readObject(r, "previous", t.previous, decodeShare);
    readNumber(r, "difference", t.difference, -1, 1);
    readOptNumber(r, "ci_low", t.ciLow, -kHuge, kHuge);
    readOptNumber(r, "ci_high", t.ciHigh, -kHuge, kHuge);
    readOptNumber(r, "se", t.se, 0, kHuge);
    readNumber(r, "z", t.z, -kHuge, kHuge);
    readNumber(r, "p_value", t.pValue, 0, 1);
    readOptNumber(r, "p_adjusted", t.pAdjusted, 0, 1);
    readBool(r, "test_valid", t.testValid);
    readBool(r, "significant", t.significant);
    return finishWith(r, std::move(t));
}

bj::value encodeTrend(const SummaryTrend& t) {
    bj::object o{{"compare_to", t.compareTo},
                 {"previous", encodeShare(t.previous)},
                 {"difference", t.difference}};
    putOptional(o, "ci_low", t.ciLow);
    putOptional(o, "ci_high", t.ciHigh);
    putOptional(o, "se", t.se);
    o["z"] = t.z;
    o["p_value"] = t.pValue;
    putOptional(o, "p_adjusted", t.pAdjusted);
    o["test_valid"] = t.testValid;
    o["significant"] = t.significant;
    return o;
}

Result<SummaryQuestion> decodeQuestion(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryQuestion q;
    readId(r, "id", q.id);
    readEnum(r, "type", q.type);
    readEnum(r, "focus_area", q.focusArea);
    readBool(r, "background", q.background);
    readText(r, "text", q.text);
    readOptInt(r, "answered", q.answered, 0, kMaxCount);
    readOptInt(r, "dont_know", q.dontKnow, 0, kMaxCount);
    readOptInt(r, "non_substantive", q.nonSubstantive, 0, kMaxCount);
    if (r.optional("distribution")) {
        q.distribution.emplace();
        readList(r, "distribution", *q.distribution, kMaxList, true, decodeCategory);
    }
    readOptNumber(r, "mean", q.mean, -kHuge, kHuge);
    readOptNumber(r, "weighted_mean", q.weightedMean, -kHuge, kHuge);
    readOptNumber(r, "weighted_mean_se", q.weightedMeanSe, 0, kHuge);
    readOptNumber(r, "weighted_mean_ci_low", q.weightedMeanCiLow, -kHuge, kHuge);
    readOptNumber(r, "weighted_mean_ci_high", q.weightedMeanCiHigh, -kHuge, kHuge);
    readOptObject(r, "negative", q.negative, decodeNegative);
    if (r.optional("breakdowns")) {
        q.breakdowns.emplace();
        readList(r, "breakdowns", *q.breakdowns, 3, true, decodeBreakdown);
    }
    readOptObject(r, "trend", q.trend, decodeTrend);
    return finishWith(r, std::move(q));
}

bj::value encodeQuestion(const SummaryQuestion& q) {
    bj::object o{{"id", q.id},
                 {"type", encodeEnum(q.type)},
                 {"focus_area", encodeEnum(q.focusArea)},
                 {"background", q.background},
                 {"text", encode(q.text)}};
    if (q.answered)
        o["answered"] = *q.answered;
    if (q.dontKnow)
        o["dont_know"] = *q.dontKnow;
    if (q.nonSubstantive)
        o["non_substantive"] = *q.nonSubstantive;
    if (q.distribution)
        o["distribution"] = encodeList(*q.distribution, [](const SummaryCategory& c) {
            bj::object d{{"id", c.id},
                         {"label", encode(c.label)},
                         {"count", c.count},
                         {"weighted_share", c.weightedShare}};
            if (c.nonSubstantive)
                d["non_substantive"] = true;
            return bj::value(std::move(d));
        });
    putOptional(o, "mean", q.mean);
    putOptional(o, "weighted_mean", q.weightedMean);
    putOptional(o, "weighted_mean_se", q.weightedMeanSe);
    putOptional(o, "weighted_mean_ci_low", q.weightedMeanCiLow);
    putOptional(o, "weighted_mean_ci_high", q.weightedMeanCiHigh);
    if (q.negative)
        o["negative"] = {{"unweighted", encodeShare(q.negative->unweighted)},
                         {"weighted", encodeShare(q.negative->weighted)}};
    if (q.breakdowns)
        o["breakdowns"] = encodeList(*q.breakdowns, [](const SummaryBreakdown& b) {
            return bj::value{{"dimension", b.dimension},
                             {"cells", encodeList(b.cells, [](const SummaryBreakdownCell& c) {
                                  return bj::value{{"key", c.key},
                                                   {"base", c.base},
                                                   {"unweighted", encodeShare(c.unweighted)},
                                                   {"weighted", encodeShare(c.weighted)}};
                              })}};
        });
    if (q.trend)
        o["trend"] = encodeTrend(*q.trend);
    return o;
}

Result<SummaryRankInterval> decodeRankInterval(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryRankInterval i;
    readInt(r, "low", i.low, 1, 10);
    readInt(r, "high", i.high, 1, 10);
    return finishWith(r, i);
}

Result<SummaryIndicator> decodeIndicator(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryIndicator i;
    readString(r, "indicator", i.indicator, kMaxKey);
    readString(r, "period", i.period, 40);
    readNumber(r, "value", i.value, -kHuge, kHuge);
    readString(r, "source", i.source, kMaxName);
    return finishWith(r, std::move(i));
}

Result<SummaryFocusArea> decodeArea(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryFocusArea a;
    readEnum(r, "area", a.area);
    readInt(r, "rank", a.rank, 0, 10);
    readOptNumber(r, "concern_score", a.concernScore, 0, 1);
    readOptNumber(r, "previous_score", a.previousScore, 0, 1);
    readOptObject(r, "score", a.score, decodeShare);
    readOptObject(r, "trend", a.trend, decodeTrend);
    readOptObject(r, "rank_interval", a.rankInterval, decodeRankInterval);
    if (r.optional("indistinguishable_from"))
        readList(r, "indistinguishable_from", a.indistinguishableFrom, 10, true,
                 decodeEnum<FocusArea>);
    readIdList(r, "questions", a.questions, true);
    readIdList(r, "experience_questions", a.experienceQuestions, false);
    readOptInt(r, "dialogue_topics", a.dialogueTopics, 0, kMaxCount);
    readList(r, "indicators", a.indicators, kMaxList, true, decodeIndicator);
    return finishWith(r, std::move(a));
}

bj::value encodeArea(const SummaryFocusArea& a) {
    bj::object o{{"area", encodeEnum(a.area)}, {"rank", a.rank}};
    if (a.concernScore)
        o["concern_score"] = *a.concernScore;
    if (a.previousScore)
        o["previous_score"] = *a.previousScore;
    if (a.score)
        o["score"] = encodeShare(*a.score);
    if (a.trend)
        o["trend"] = encodeTrend(*a.trend);
    if (a.rankInterval) {
        o["rank_interval"] = {{"low", a.rankInterval->low}, {"high", a.rankInterval->high}};
        o["indistinguishable_from"] = encodeList(a.indistinguishableFrom, encodeEnum<FocusArea>);
    }
    o["questions"] = encodeList(a.questions, [](const std::string& id) { return bj::value(id); });
    o["experience_questions"] =
        encodeList(a.experienceQuestions, [](const std::string& id) { return bj::value(id); });
    if (a.dialogueTopics)
        o["dialogue_topics"] = *a.dialogueTopics;
    o["indicators"] = encodeList(a.indicators, [](const SummaryIndicator& i) {
        return bj::value{{"indicator", i.indicator},
                         {"period", i.period},
                         {"value", i.value},
                         {"source", i.source}};
    });
    return o;
}

Result<std::array<std::optional<std::int64_t>, 4>> decodeTimes(const bj::value& v,
                                                               const std::string& path) {
    ObjectReader r(v, path);
    std::array<std::optional<std::int64_t>, 4> times{};
    for (std::size_t t = 0; t < times.size(); ++t) {
        const auto key = toString(static_cast<TimeOfDay>(t));
        const bj::value* value = r.required(key);
        if (value && !value->is_null())
            r.take(decodeField(r, key, *value,
                               [](const bj::value& x, const std::string& p) {
                                   return json::readInt(x, p, 0, kMaxCount);
                               }),
                   times[t]);
    }
    return finishWith(r, times);
}

Result<std::vector<std::pair<std::string, std::int64_t>>> decodeReasons(const bj::value& v,
                                                                        const std::string& path) {
    if (!v.is_object())
        return makeError(std::string(json::kWrongType), "expected an object", path);
    const bj::object& o = v.get_object();
    if (o.size() > kMaxList)
        return makeError(std::string(json::kTooLong), "too many reasons", path);
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& [key, value] : o) {
        const std::string p = json::childPath(path, key);
        if (!isValidId(key))
            return makeError(std::string(kInvalidFormat), "expected a reason id", p);
        auto count = json::readInt(value, p, 0, kMaxCount);
        if (!count)
            return count.error();
        out.emplace_back(std::string(key), *count);
    }
    return out;
}

Result<SummaryPlace> decodePlace(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryPlace p;
    readInt(r, "rank", p.rank, 0, kMaxCount);
    readNumber(r, "lat", p.lat, -90, 90);
    readNumber(r, "lon", p.lon, -180, 180);
    readNullableString(r, "place_id", p.placeId, kMaxKey);
    readNullableString(r, "place_name", p.placeName, kMaxName);
    readWithheldCount(r, "survey_mentions", p.surveyMentions);
    readWithheldCount(r, "observations", p.observations);
    if (const bj::value* s = r.required("severity"); s && !s->is_null())
        readOptNumber(r, "severity", p.severity, 0, 1);
    readObject(r, "times_of_day", p.timesOfDay, decodeTimes);
    readObject(r, "reasons", p.reasons, decodeReasons);
    return finishWith(r, std::move(p));
}

bj::value encodePlace(const SummaryPlace& p) {
    bj::object times;
    for (std::size_t t = 0; t < p.timesOfDay.size(); ++t)
        times[toString(static_cast<TimeOfDay>(t))] =
            p.timesOfDay[t] ? bj::value(*p.timesOfDay[t]) : bj::value(nullptr);
    bj::object reasons;
    for (const auto& [id, count] : p.reasons)
        reasons[id] = count;
    return {{"rank", p.rank},
            {"lat", p.lat},
            {"lon", p.lon},
            {"place_id", nullable(p.placeId)},
            {"place_name", nullable(p.placeName)},
            {"survey_mentions", nullable(p.surveyMentions)},
            {"observations", nullable(p.observations)},
            {"severity", p.severity ? bj::value(*p.severity) : bj::value(nullptr)},
            {"times_of_day", std::move(times)},
            {"reasons", std::move(reasons)}};
}

Result<SummaryFilter> decodeFilter(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryFilter f;
    readId(r, "campaign", f.campaign);
    readNullableString(r, "compare_to", f.compareTo, kMaxKey);
    readNullableString(r, "locality", f.locality, kMaxKey);
    readNullableString(r, "from", f.from, 10);
    readNullableString(r, "to", f.to, 10);
    return finishWith(r, std::move(f));
}

Result<SummaryAgeBand> decodeAgeBand(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryAgeBand b;
    readString(r, "age_band", b.ageBand, kMaxKey);
    static const std::vector<std::string_view> schemes{"cell", "age_band_only", "uncovered"};
    const bj::value* s = r.required("scheme");
    std::size_t index = 0;
    if (s && r.take(decodeField(r, "scheme", *s,
                                [](const bj::value& value, const std::string& p) {
                                    return json::readOneOf(value, p, schemes);
                                }),
                    index))
        b.scheme = std::string(schemes[index]);
    return finishWith(r, std::move(b));
}

Result<std::pair<double, double>> decodeBounds(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    std::pair<double, double> b;
    readNumber(r, "lower", b.first, 0, kMaxFigure);
    readNumber(r, "upper", b.second, 0, kMaxFigure);
    return finishWith(r, b);
}

Result<SummaryMarginGroup> decodeMarginGroup(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryMarginGroup g;
    readList(r, "categories", g.categories, kMaxList, false,
             [](const bj::value& value, const std::string& p) {
                 return json::readString(value, p, kMaxKey);
             });
    readNumber(r, "population", g.population, 0, kMaxFigure);
    return finishWith(r, std::move(g));
}

Result<SummaryMargin> decodeMargin(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryMargin m;
    readString(r, "dimension", m.dimension, kMaxKey);
    readInt(r, "year", m.year, 0, 9999);
    readString(r, "source", m.source, kMaxNote);
    readString(r, "note", m.note, kMaxNote);
    readList(r, "groups", m.groups, kMaxList, true, decodeMarginGroup);
    return finishWith(r, std::move(m));
}

Result<SummaryWeighting> decodeWeighting(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryWeighting w;
    readBool(r, "available", w.available);
    readNumber(r, "covered_population", w.coveredPopulation, 0, kMaxFigure);
    readNumber(r, "effective_n", w.effectiveN, 0, kMaxFigure);
    readNumber(r, "design_effect", w.designEffect, 0, kMaxFigure);
    if (r.optional("age_bands"))
        readList(r, "age_bands", w.ageBands, kMaxList, true, decodeAgeBand);
    readOptString(r, "method", w.method, kMaxKey);
    if (const bj::value* b = r.optional("bounds")) {
        std::pair<double, double> bounds;
        if (r.take(decodeField(r, "bounds", *b, decodeBounds), bounds)) {
            w.lowerBound = bounds.first;
            w.upperBound = bounds.second;
        }
    }
    if (const bj::value* c = r.optional("converged")) {
        bool converged = false;
        if (r.take(json::readBool(*c, r.fieldPath("converged")), converged))
            w.converged = converged;
    }
    if (r.optional("margins"))
        readList(r, "margins", w.margins, 10, true, decodeMargin);
    return finishWith(r, std::move(w));
}

bj::value encodeWeighting(const SummaryWeighting& w) {
    bj::object o{{"available", w.available},
                 {"covered_population", w.coveredPopulation},
                 {"effective_n", w.effectiveN},
                 {"design_effect", w.designEffect}};
    if (!w.ageBands.empty())
        o["age_bands"] = encodeList(w.ageBands, [](const SummaryAgeBand& b) {
            return bj::value{{"age_band", b.ageBand}, {"scheme", b.scheme}};
        });
    if (w.method)
        o["method"] = *w.method;
    if (w.lowerBound && w.upperBound)
        o["bounds"] = {{"lower", *w.lowerBound}, {"upper", *w.upperBound}};
    if (w.converged)
        o["converged"] = *w.converged;
    if (!w.margins.empty())
        o["margins"] = encodeList(w.margins, [](const SummaryMargin& m) {
            return bj::value{{"dimension", m.dimension},
                             {"year", m.year},
                             {"source", m.source},
                             {"note", m.note},
                             {"groups", encodeList(m.groups, [](const SummaryMarginGroup& g) {
                                  return bj::value{
                                      {"categories", encodeList(g.categories,
                                                                [](const std::string& c) {
                                                                    return bj::value(c);
                                                                })},
                                      {"population", g.population}};
                              })}};
        });
    return o;
}

Result<SummaryRanking> decodeRanking(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    SummaryRanking k;
    readBool(r, "available", k.available);
    readString(r, "method", k.method, kMaxKey);
    readInt(r, "replicates", k.replicates, 0, 1'000'000);
    if (const bj::value* seed = r.required("seed")) {
        if (seed->is_uint64())
            k.seed = seed->get_uint64();
        else if (seed->is_int64() && seed->get_int64() >= 0)
            k.seed = static_cast<std::uint64_t>(seed->get_int64());
        else
            r.fail(makeError(std::string(json::kWrongType), "expected a non-negative integer",
                             r.fieldPath("seed")));
    }
    return finishWith(r, std::move(k));
}

} // namespace

std::string publicSummaryRecordId(std::string_view campaignId) {
    return "public_summary@" + std::string(campaignId);
}

template <>
Result<PictureSummary> decode<PictureSummary>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    PictureSummary s;
    readObject(r, "filter", s.filter, decodeFilter);
    readText(r, "campaign_name", s.campaignName);
    readInt(r, "min_cell", s.minCell, 1, 1000);
    readOptInt(r, "respondents", s.respondents, 0, kMaxCount);
    readOptInt(r, "campaign_year", s.campaignYear, 0, 9999);
    readOptInt(r, "compare_year", s.compareYear, 0, 9999);
    readOptNumber(r, "significance_level", s.significanceLevel, 0, 1);
    readObject(r, "weighting", s.weighting, decodeWeighting);
    readOptObject(r, "ranking", s.ranking, decodeRanking);
    readList(r, "questions", s.questions, 1000, true, decodeQuestion);
    readList(r, "focus_areas", s.focusAreas, 10, true, decodeArea);
    readList(r, "places", s.places, 10'000, true, decodePlace);
    readWithheldCount(r, "dialogues", s.dialogues);
    readWithheldCount(r, "people_met", s.peopleMet);
    readWithheldCount(r, "walks", s.walks);
    readWithheldCount(r, "observations", s.observations);
    return finishWith(r, std::move(s));
}

bj::value encode(const PictureSummary& s) {
    bj::object o{{"filter",
                  {{"campaign", s.filter.campaign},
                   {"compare_to", nullable(s.filter.compareTo)},
                   {"locality", nullable(s.filter.locality)},
                   {"from", nullable(s.filter.from)},
                   {"to", nullable(s.filter.to)}}},
                 {"campaign_name", encode(s.campaignName)},
                 {"min_cell", s.minCell}};
    if (s.respondents)
        o["respondents"] = *s.respondents;
    if (s.campaignYear)
        o["campaign_year"] = *s.campaignYear;
    if (s.compareYear)
        o["compare_year"] = *s.compareYear;
    putOptional(o, "significance_level", s.significanceLevel);
    o["weighting"] = encodeWeighting(s.weighting);
    if (s.ranking)
        o["ranking"] = {{"available", s.ranking->available},
                        {"method", s.ranking->method},
                        {"replicates", s.ranking->replicates},
                        {"seed", s.ranking->seed}};
    o["questions"] = encodeList(s.questions, encodeQuestion);
    o["focus_areas"] = encodeList(s.focusAreas, encodeArea);
    o["places"] = encodeList(s.places, encodePlace);
    o["dialogues"] = nullable(s.dialogues);
    o["people_met"] = nullable(s.peopleMet);
    o["walks"] = nullable(s.walks);
    o["observations"] = nullable(s.observations);
    return o;
}

template <>
Result<PublicSummary> decode<PublicSummary>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    PublicSummary s;
    readId(r, "campaign_id", s.id);
    readText(r, "title", s.title);
    readTimestamp(r, "published_at", s.publishedAt);
    readInt(r, "k", s.k, 1, 1000);
    readObject(r, "summary", s.summary, [](const bj::value& value, const std::string& p) {
        return decode<PictureSummary>(value, p);
    });
    return finishWith(r, std::move(s));
}

bj::value encode(const PublicSummary& s) {
    return {{"campaign_id", s.id},
            {"title", encode(s.title)},
            {"published_at", s.publishedAt},
            {"k", s.k},
            {"summary", encode(s.summary)}};
}

} // namespace td::model
