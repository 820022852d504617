// PictureData's campaigns kept as aggregates, and the aggregate's JSON form.
#include "td/picture/campaign_aggregate.hpp"

#include "td/picture/bootstrap.hpp"
#include "td/picture/dataset.hpp"

#include <array>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>

namespace td::picture {
namespace {

namespace bj = boost::json;

Error invalid(std::string message) {
    return makeError("invalid_aggregate", std::move(message));
}

int findIndexOf(const std::vector<std::string>& list, std::string_view id) {
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i] == id)
            return static_cast<int>(i);
    return -1;
}

// Doubles travel as text with 17 significant digits, read back with strtod: exact both ways
// (a JSON number would be read back by a parser that may be one unit in the last place off).
bj::value exactDouble(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return bj::value(buf);
}

double readExactDouble(const bj::value& v) {
    const std::string text(v.as_string());
    char* end = nullptr;
    const double d = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size())
        throw std::invalid_argument("not a number: " + text);
    return d;
}

constexpr std::string_view kMissing = "_missing";
constexpr std::string_view kAnswered = "_answered";

bool categorical(model::QuestionType t) {
    return t == model::QuestionType::Scale || t == model::QuestionType::Single ||
           t == model::QuestionType::YesNo;
}

constexpr std::string_view kRankIntervals = "rank_intervals";

// A worry pattern as an answer: "answered/worried".
std::string patternText(std::size_t pattern) {
    return std::to_string(pattern / 8) + "/" + std::to_string(pattern % 8);
}

Result<std::size_t> patternOf(const std::string& text) {
    unsigned answered = 0, worried = 0;
    char slash = 0;
    if (std::sscanf(text.c_str(), "%u%c%u", &answered, &slash, &worried) != 3 || slash != '/' ||
        answered == 0 || answered > kMaxWorryItems || worried > answered ||
        patternText(areaPattern(answered, worried)) != text)
        return invalid("not a worry pattern: " + text);
    return areaPattern(answered, worried);
}

bj::value rankIntervalsJson(const RankIntervals& r) {
    bj::array areas;
    for (const AreaRank& a : r.areas)
        areas.push_back(bj::array{bj::value(model::toString(a.area)), bj::value(a.low),
                                  bj::value(a.high)});
    return bj::object{{"replicates", r.replicates}, {"seed", r.seed}, {"areas", std::move(areas)}};
}

RankIntervals rankIntervalsOf(const bj::value& v) {
    const bj::object& o = v.as_object();
    RankIntervals r;
    r.replicates = o.at("replicates").to_number<int>();
    r.seed = o.at("seed").to_number<std::uint64_t>();
    for (const auto& a : o.at("areas").as_array()) {
        const auto& t = a.as_array();
        auto area = model::enumFromString<model::FocusArea>(t.at(0).as_string());
        if (!area)
            throw std::invalid_argument("unknown focus area");
        r.areas.push_back({*area, t.at(1).to_number<int>(), t.at(2).to_number<int>()});
    }
    return r;
}

} // namespace

Result<CampaignAggregate> PictureData::campaignAggregate(std::string_view campaignId) const {
    const int campaign = campaignIndex(campaignId);
    if (campaign < 0)
        return makeError("unknown_campaign", "no such campaign: " + std::string(campaignId));
    const auto c = static_cast<std::size_t>(campaign);
    CampaignAggregate out;
    out.campaignId = std::string(campaignId);
    if (m_aggregated[c])
        out.extras = *m_aggregated[c];

    // Strata that hold respondents or mentions, numbered in the order met.
    std::map<std::size_t, std::uint32_t> strataIndex;
    auto stratumOf = [&](std::size_t s) {
        auto [it, fresh] = strataIndex.emplace(s, static_cast<std::uint32_t>(out.strata.size()));
        if (fresh) {
            const std::size_t a = stratumAge(s), l = stratumLocality(s), g = stratumGender(s);
            out.strata.push_back(
                {a < m_population.ageBands.size() ? m_population.ageBands[a] : "",
                 l < m_population.localities.size() ? m_population.localities[l] : "",
                 g < m_genders.size() ? m_genders[g] : "", 0});
        }
        return it->second;
    };
    const auto& strata = m_campaignStrata[c];
    for (std::size_t s = 0; s < strata.size(); ++s)
        if (strata[s] > 0)
            out.strata[stratumOf(s)].respondents = strata[s];

    for (const std::string& qid : m_campaigns[c].questionIds) {
        const auto column = m_questionIndex.at(qid);
        const QuestionColumn& col = m_questions[column];
        CampaignAggregate::Question q{qid, {}, {}, {}};
        if (const QuestionAggregate* agg = aggregate(campaign, column)) {
            for (std::size_t s = 0; s < strataCount(); ++s) {
                const std::uint32_t* row = agg->counts.data() + s * kCodeSlots;
                for (std::size_t slot = 0; slot < kCodeSlots; ++slot) {
                    if (row[slot] == 0)
                        continue;
                    std::string answer;
                    if (slot == 0)
                        answer = categorical(col.type) ? kMissing : kAnswered;
                    else if (slot == kDontKnowCode)
                        answer = model::kDontKnow;
                    else
                        answer = col.categories[slot - 1];
                    q.counts.push_back({stratumOf(s), std::move(answer), row[slot]});
                }
                if (!agg->sums.empty() && agg->sums[s] != 0.0)
                    q.sums.push_back({stratumOf(s), agg->sums[s]});
                if (!agg->sumSquares.empty() && agg->sumSquares[s] != 0.0)
                    q.squares.push_back({stratumOf(s), agg->sumSquares[s]});
            }
        }
        out.questions.push_back(std::move(q));
    }
    for (std::size_t a = 0; a < kRankedAreas.size(); ++a) {
        const AreaAggregate* agg = areaAggregate(campaign, a);
        if (!agg)
            continue;
        CampaignAggregate::Area area{std::string(model::toString(kRankedAreas[a])), {}};
        for (std::size_t s = 0; s < strataCount(); ++s)
            for (std::size_t pattern = 0; pattern < kCodeSlots; ++pattern)
                if (const std::uint32_t n = agg->counts[s * kCodeSlots + pattern]; n > 0)
                    area.counts.push_back({stratumOf(s), patternText(pattern), n});
        out.areas.push_back(std::move(area));
    }
    // The rank intervals need the respondents: computed now, while they are here.
    if (!m_aggregated[c]) {
        bj::object ranks;
        std::vector<std::optional<std::string>> localities{std::nullopt};
        for (const auto& l : m_population.localities)
            localities.emplace_back(l);
        for (const auto& l : localities)
            if (auto r = bootstrapRanks(*this, campaignId, l); r && !r->areas.empty())
                ranks[l.value_or("")] = rankIntervalsJson(*r);
        out.extras[kRankIntervals] = std::move(ranks);
    }

    // Mentions, their respondents renumbered 0, 1, … in row order.
    std::map<std::uint32_t, std::uint32_t> ordinal;
    for (const PlaceMention& m : m_mentions) {
        if (m_campaign[m.respondent] != campaign)
            continue;
        auto [it, fresh] =
            ordinal.emplace(m.respondent, static_cast<std::uint32_t>(ordinal.size()));
        CampaignAggregate::Mention out_m;
        out_m.respondent = it->second;
        out_m.stratum = stratumOf(m_stratum[m.respondent]);
        if (m.registryIndex >= 0) {
            out_m.placeId = m_places[static_cast<std::size_t>(m.registryIndex)].id;
        } else if (m.located) {
            out_m.lat = m.lat;
            out_m.lon = m.lon;
        } else if (m.description >= 0) {
            // Unlocated: a registry id that was not found. (Free-text descriptions are purged
            // before aggregation, and an emptied one is not recorded as a mention's text.)
            out_m.placeId = m_descriptions[static_cast<std::size_t>(m.description)];
        }
        out_m.timesMask = m.timesMask;
        for (std::uint64_t rm = m.reasonsMask; rm; rm &= rm - 1)
            out_m.reasons.push_back(m_reasons[static_cast<std::size_t>(std::countr_zero(rm))]);
        out.mentions.push_back(std::move(out_m));
    }
    return out;
}

Status PictureData::addCampaignAggregate(const CampaignAggregate& aggregate) {
    const int campaign = campaignIndex(aggregate.campaignId);
    if (campaign < 0)
        return makeError("unknown_campaign", "no such campaign: " + aggregate.campaignId);
    const auto c = static_cast<std::size_t>(campaign);
    if (m_campaignRows[c] > 0 || m_aggregated[c])
        return makeError("campaign_has_responses",
                         "campaign " + aggregate.campaignId + " already has answers");

    // Map every stratum label back to this table's slots; an unknown label is "not answered".
    std::vector<std::uint16_t> slot;
    for (const auto& st : aggregate.strata) {
        const int a = st.ageBand.empty() ? -1 : findIndexOf(m_population.ageBands, st.ageBand);
        const int l = st.locality.empty() ? -1 : m_population.localityIndex(st.locality);
        const int g = st.gender.empty() ? -1 : findIndexOf(m_genders, st.gender);
        const std::size_t age = a < 0 ? m_population.ageBands.size() : std::size_t(a);
        const std::size_t loc = l < 0 ? m_population.localities.size() : std::size_t(l);
        const std::size_t gen = g < 0 ? kMaxGenders : std::size_t(g);
        slot.push_back(
            static_cast<std::uint16_t>((age * localitySlots() + loc) * genderSlots() + gen));
    }
    auto stratumSlot = [&](std::uint32_t i) -> Result<std::uint16_t> {
        if (i >= slot.size())
            return invalid("stratum " + std::to_string(i) + " is not listed");
        return slot[i];
    };

    std::vector<QuestionAggregate> aggregates(m_questions.size());
    for (const auto& q : aggregate.questions) {
        auto it = m_questionIndex.find(q.id);
        if (it == m_questionIndex.end())
            return invalid("unknown question " + q.id);
        const QuestionColumn& col = m_questions[it->second];
        QuestionAggregate& agg = aggregates[it->second];
        agg.counts.assign(strataCount() * kCodeSlots, 0);
        for (const auto& count : q.counts) {
            auto s = stratumSlot(count.stratum);
            if (!s)
                return s.error();
            std::size_t code = 0;
            if (count.answer == model::kDontKnow) {
                code = kDontKnowCode;
            } else if (count.answer != kMissing && count.answer != kAnswered) {
                const int i = findIndexOf(col.categories, count.answer);
                if (i < 0)
                    return invalid(q.id + ": unknown answer " + count.answer);
                code = static_cast<std::size_t>(i) + 1;
            }
            agg.counts[*s * kCodeSlots + code] += count.n;
        }
        if (!q.sums.empty() || !q.squares.empty()) {
            agg.sums.assign(strataCount(), 0.0);
            agg.sumSquares.assign(strataCount(), 0.0);
            for (const auto& sum : q.sums) {
                auto s = stratumSlot(sum.stratum);
                if (!s)
                    return s.error();
                agg.sums[*s] += sum.sum;
            }
            for (const auto& square : q.squares) {
                auto s = stratumSlot(square.stratum);
                if (!s)
                    return s.error();
                agg.sumSquares[*s] += square.sum;
            }
        }
    }
    std::array<AreaAggregate, kRankedAreas.size()> areas;
    for (const auto& area : aggregate.areas) {
        std::size_t index = kRankedAreas.size();
        for (std::size_t a = 0; a < kRankedAreas.size(); ++a)
            if (model::toString(kRankedAreas[a]) == area.area)
                index = a;
        if (index == kRankedAreas.size())
            return invalid("unknown focus area " + area.area);
        areas[index].counts.assign(strataCount() * kCodeSlots, 0);
        for (const auto& count : area.counts) {
            auto s = stratumSlot(count.stratum);
            if (!s)
                return s.error();
            auto pattern = patternOf(count.answer);
            if (!pattern)
                return pattern.error();
            areas[index].counts[*s * kCodeSlots + *pattern] += count.n;
        }
    }
    std::vector<std::pair<std::string, RankIntervals>> ranks;
    if (const bj::value* r = aggregate.extras.if_contains(kRankIntervals)) {
        try {
            for (const auto& [locality, intervals] : r->as_object())
                ranks.emplace_back(std::string(locality), rankIntervalsOf(intervals));
        } catch (const std::exception& e) {
            return invalid(std::string("malformed rank intervals: ") + e.what());
        }
    }
    std::vector<std::uint32_t> strata(strataCount(), 0);
    for (std::size_t i = 0; i < aggregate.strata.size(); ++i)
        strata[slot[i]] += aggregate.strata[i].respondents;

    // Mentions get rows of their own, without answers, so the place summary can select them.
    const model::Campaign& info = m_campaigns[c].campaign;
    const std::int32_t day = dayNumber(info.periodStart).value_or(0);
    std::vector<PlaceMention> mentions;
    std::vector<std::string> unknownPlaces;
    std::map<std::uint32_t, std::uint32_t> rowOf;
    std::vector<std::pair<std::int32_t, std::uint16_t>> rows;
    const auto firstRow = static_cast<std::uint32_t>(respondentCount());
    for (const auto& m : aggregate.mentions) {
        auto s = stratumSlot(m.stratum);
        if (!s)
            return s.error();
        auto [it, fresh] =
            rowOf.emplace(m.respondent, firstRow + static_cast<std::uint32_t>(rows.size()));
        if (fresh)
            rows.emplace_back(day, *s);
        PlaceMention pm;
        pm.respondent = it->second;
        pm.timesMask = m.timesMask;
        for (const auto& reason : m.reasons) {
            const int ri = findIndexOf(m_reasons, reason);
            if (ri < 0)
                return invalid("unknown place reason " + reason);
            pm.reasonsMask |= std::uint64_t{1} << ri;
        }
        if (m.placeId) {
            pm.registryIndex = placeIndex(*m.placeId);
            if (pm.registryIndex >= 0) {
                pm.lat = m_places[static_cast<std::size_t>(pm.registryIndex)].lat;
                pm.lon = m_places[static_cast<std::size_t>(pm.registryIndex)].lon;
                pm.located = true;
            } else { // as addResponse does with an id the registry does not know
                pm.description =
                    static_cast<std::int32_t>(m_descriptions.size() + unknownPlaces.size());
                unknownPlaces.push_back(*m.placeId);
            }
        } else if (m.lat && m.lon) {
            pm.lat = *m.lat;
            pm.lon = *m.lon;
            pm.located = true;
        }
        mentions.push_back(pm);
    }

    // Everything checked: commit.
    m_aggregates[c] = std::move(aggregates);
    m_areaAggregates[c] = std::move(areas);
    m_campaignStrata[c] = std::move(strata);
    for (auto& [locality, intervals] : ranks)
        m_rankIntervals[{campaign, locality}] = std::move(intervals);
    ++m_version;
    for (const auto& [d, s] : rows)
        appendRow(campaign, d, s);
    m_mentions.insert(m_mentions.end(), mentions.begin(), mentions.end());
    for (auto& id : unknownPlaces)
        addDescription(std::move(id));
    m_aggregated[c] = aggregate.extras;
    return {};
}

bool PictureData::isAggregated(int campaign) const {
    return m_aggregated[static_cast<std::size_t>(campaign)].has_value();
}

const boost::json::object& PictureData::aggregateExtras(int campaign) const {
    static const boost::json::object none;
    const auto& a = m_aggregated[static_cast<std::size_t>(campaign)];
    return a ? *a : none;
}

// --- JSON ----------------------------------------------------------------------------------

namespace {

bj::array encodeCounts(const std::vector<CampaignAggregate::Count>& counts) {
    bj::array out;
    for (const auto& c : counts)
        out.push_back(bj::array{bj::value(c.stratum), bj::value(c.answer), bj::value(c.n)});
    return out;
}

std::vector<CampaignAggregate::Count> decodeCounts(const bj::value& v) {
    std::vector<CampaignAggregate::Count> out;
    for (const auto& c : v.as_array()) {
        const auto& t = c.as_array();
        out.push_back({t.at(0).to_number<std::uint32_t>(), std::string(t.at(1).as_string()),
                       t.at(2).to_number<std::uint32_t>()});
    }
    return out;
}

} // namespace

bj::value encode(const CampaignAggregate& a) {
    bj::array strata;
    for (const auto& s : a.strata)
        strata.push_back(bj::array{bj::value(s.ageBand), bj::value(s.locality), bj::value(s.gender),
                                   bj::value(s.respondents)});
    bj::array questions;
    for (const auto& q : a.questions) {
        bj::array sums, squares;
        for (const auto& s : q.sums)
            sums.push_back(bj::array{bj::value(s.stratum), exactDouble(s.sum)});
        for (const auto& s : q.squares)
            squares.push_back(bj::array{bj::value(s.stratum), exactDouble(s.sum)});
        questions.push_back(bj::object{{"id", q.id},
                                       {"counts", encodeCounts(q.counts)},
                                       {"sums", std::move(sums)},
                                       {"squares", std::move(squares)}});
    }
    bj::array areas;
    for (const auto& a : a.areas)
        areas.push_back(bj::object{{"area", a.area}, {"counts", encodeCounts(a.counts)}});
    bj::array mentions;
    for (const auto& m : a.mentions) {
        bj::object o{{"respondent", m.respondent}, {"stratum", m.stratum}, {"times", m.timesMask}};
        if (m.placeId)
            o["place_id"] = *m.placeId;
        if (m.lat && m.lon) {
            o["lat"] = exactDouble(*m.lat);
            o["lon"] = exactDouble(*m.lon);
        }
        bj::array reasons;
        for (const auto& r : m.reasons)
            reasons.push_back(bj::value(r));
        o["reasons"] = std::move(reasons);
        mentions.push_back(std::move(o));
    }
    return bj::object{{"campaign_id", a.campaignId},     {"format", 1},
                      {"strata", std::move(strata)},     {"questions", std::move(questions)},
                      {"areas", std::move(areas)},       {"mentions", std::move(mentions)},
                      {"extras", a.extras}};
}

Result<CampaignAggregate> decodeCampaignAggregate(const bj::value& value) {
    // Written by this server only: a structural mismatch is one error, not a list.
    try {
        const bj::object& o = value.as_object();
        if (o.at("format").to_number<std::int64_t>() != 1)
            return invalid("unknown aggregate format");
        CampaignAggregate a;
        a.campaignId = std::string(o.at("campaign_id").as_string());
        for (const auto& s : o.at("strata").as_array()) {
            const auto& t = s.as_array();
            a.strata.push_back({std::string(t.at(0).as_string()), std::string(t.at(1).as_string()),
                                std::string(t.at(2).as_string()),
                                t.at(3).to_number<std::uint32_t>()});
        }
        for (const auto& qv : o.at("questions").as_array()) {
            const auto& q = qv.as_object();
            CampaignAggregate::Question out{std::string(q.at("id").as_string()), {}, {}, {}};
            out.counts = decodeCounts(q.at("counts"));
            for (const auto& s : q.at("sums").as_array()) {
                const auto& t = s.as_array();
                out.sums.push_back({t.at(0).to_number<std::uint32_t>(), readExactDouble(t.at(1))});
            }
            // Absent in aggregates kept before the calibrated method.
            if (const auto* squares = q.if_contains("squares"))
                for (const auto& s : squares->as_array()) {
                    const auto& t = s.as_array();
                    out.squares.push_back(
                        {t.at(0).to_number<std::uint32_t>(), readExactDouble(t.at(1))});
                }
            a.questions.push_back(std::move(out));
        }
        if (const auto* areas = o.if_contains("areas"))
            for (const auto& av : areas->as_array()) {
                const auto& area = av.as_object();
                a.areas.push_back(
                    {std::string(area.at("area").as_string()), decodeCounts(area.at("counts"))});
            }
        for (const auto& mv : o.at("mentions").as_array()) {
            const auto& m = mv.as_object();
            CampaignAggregate::Mention out;
            out.respondent = m.at("respondent").to_number<std::uint32_t>();
            out.stratum = m.at("stratum").to_number<std::uint32_t>();
            out.timesMask = m.at("times").to_number<std::uint8_t>();
            if (const auto* p = m.if_contains("place_id"))
                out.placeId = std::string(p->as_string());
            if (const auto* lat = m.if_contains("lat")) {
                out.lat = readExactDouble(*lat);
                out.lon = readExactDouble(m.at("lon"));
            }
            for (const auto& r : m.at("reasons").as_array())
                out.reasons.push_back(std::string(r.as_string()));
            a.mentions.push_back(std::move(out));
        }
        a.extras = o.at("extras").as_object();
        return a;
    } catch (const std::exception& e) {
        return invalid(std::string("malformed aggregate: ") + e.what());
    }
}

} // namespace td::picture
