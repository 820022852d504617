#include "td/picture/dataset.hpp"

#include <bit>
#include <cctype>
#include <cmath>
#include <limits>

namespace td::picture {

namespace {

Error bad(std::string code, std::string message, std::string path = {}) {
    return makeError(std::move(code), std::move(message), std::move(path));
}

int findIndex(const std::vector<std::string>& list, std::string_view id) {
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i] == id)
            return static_cast<int>(i);
    return -1;
}

// One decoded answer waiting to be appended.
struct Pending {
    std::size_t column = 0;
    std::uint8_t code = kMissingCode;
    std::uint64_t mask = 0;
    float number = 0.0f;
};

// Days from civil (H. Hinnant).
std::int32_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int digits(std::string_view s, std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i)
        v = v * 10 + (s[i] - '0');
    return v;
}

} // namespace

std::optional<std::int32_t> dayNumber(std::string_view s) {
    if (s.size() < 10 || !model::isValidDate(s.substr(0, 10)))
        return std::nullopt;
    return daysFromCivil(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
}

std::optional<std::int32_t> swedishDay(std::string_view s) {
    const auto day = dayNumber(s);
    if (!day || s.size() == 10)
        return day;
    if (!model::isValidTimestamp(s))
        return std::nullopt;
    const int year = digits(s, 0, 4);
    const int minute = digits(s, 11, 2) * 60 + digits(s, 14, 2);
    // Summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
    // Sunday of October; 1970-01-01 (day 0) was a Thursday.
    auto lastSunday = [&](int month) {
        const std::int32_t last = daysFromCivil(year, month + 1, 1) - 1;
        return last - (last + 4) % 7;
    };
    const std::int64_t at = std::int64_t{*day} * 1440 + minute;
    const std::int64_t summerFrom = std::int64_t{lastSunday(3)} * 1440 + 60;
    const std::int64_t summerTo = std::int64_t{lastSunday(10)} * 1440 + 60;
    const std::int64_t local = at + (at >= summerFrom && at < summerTo ? 120 : 60);
    return static_cast<std::int32_t>(local / 1440);
}

PictureData::PictureData(PopulationTable population)
    : m_population(std::move(population)) {}

const QuestionColumn* PictureData::question(std::string_view id) const {
    auto it = m_questionIndex.find(id);
    return it == m_questionIndex.end() ? nullptr : &m_questions[it->second];
}

int PictureData::campaignIndex(std::string_view id) const {
    for (std::size_t i = 0; i < m_campaigns.size(); ++i)
        if (m_campaigns[i].campaign.id == id)
            return static_cast<int>(i);
    return -1;
}

const QuestionAggregate* PictureData::aggregate(int campaign, std::size_t column) const {
    const auto& perCampaign = m_aggregates[static_cast<std::size_t>(campaign)];
    if (column >= perCampaign.size() || perCampaign[column].counts.empty())
        return nullptr;
    return &perCampaign[column];
}

const std::vector<std::uint32_t>& PictureData::campaignStrata(int campaign) const {
    return m_campaignStrata[static_cast<std::size_t>(campaign)];
}

const AreaAggregate* PictureData::areaAggregate(int campaign, std::size_t area) const {
    const AreaAggregate& a = m_areaAggregates[static_cast<std::size_t>(campaign)][area];
    return a.counts.empty() ? nullptr : &a;
}

void PictureData::setRankIntervals(std::string_view campaignId, std::string_view locality,
                                   RankIntervals intervals) {
    const int campaign = campaignIndex(campaignId);
    if (campaign < 0)
        return;
    m_rankIntervals[{campaign, std::string(locality)}] = std::move(intervals);
    ++m_version;
}

const RankIntervals* PictureData::rankIntervals(int campaign, std::string_view locality) const {
    auto it = m_rankIntervals.find({campaign, std::string(locality)});
    return it == m_rankIntervals.end() ? nullptr : &it->second;
}

std::optional<PictureData::CachedRanks> PictureData::cachedRanks(const std::string& key) const {
    std::lock_guard lock(m_rankCache.mutex);
    auto it = m_rankCache.entries.find(key);
    if (it == m_rankCache.entries.end())
        return std::nullopt;
    return it->second;
}

void PictureData::cacheRanks(const std::string& key, const CachedRanks& ranks) const {
    std::lock_guard lock(m_rankCache.mutex);
    m_rankCache.entries[key] = ranks;
}

int PictureData::placeIndex(std::string_view id) const {
    auto it = m_placeIndex.find(id);
    return it == m_placeIndex.end() ? -1 : it->second;
}

Status PictureData::addQuestion(const model::Question& q) {
    using model::QuestionType;
    QuestionColumn fresh;
    fresh.id = q.id;
    fresh.type = q.type;
    fresh.focusArea = q.focusArea;
    fresh.background = q.background;
    fresh.text = q.text;
    fresh.dontKnow = q.dontKnow;
    switch (q.type) {
    case QuestionType::Scale:
        for (const auto& p : q.points) {
            fresh.categories.push_back(std::to_string(p.value));
            fresh.categoryLabels.push_back(p.label);
            fresh.pointValues.push_back(p.value);
            bool neg = false;
            for (auto v : q.negativePoints)
                neg = neg || v == p.value;
            fresh.negative.push_back(neg);
        }
        fresh.hasNegative = !q.negativePoints.empty();
        break;
    case QuestionType::Single:
    case QuestionType::Multi:
        for (const auto& c : q.choices) {
            fresh.categories.push_back(c.id);
            fresh.categoryLabels.push_back(c.label);
            fresh.negative.push_back(findIndex(q.negativeChoices, c.id) >= 0);
            fresh.nonSubstantive.push_back(findIndex(q.nonSubstantiveChoices, c.id) >= 0);
        }
        fresh.hasNegative = q.type == QuestionType::Single && !q.negativeChoices.empty();
        break;
    case QuestionType::YesNo:
        fresh.categories = {"yes", "no"};
        fresh.categoryLabels = {{"Ja", "Yes"}, {"Nej", "No"}};
        fresh.hasNegative = q.negativeAnswer.has_value();
        fresh.negative = {q.negativeAnswer == true, q.negativeAnswer == false};
        break;
    default:
        break;
    }
    fresh.nonSubstantive.resize(fresh.categories.size(), false);
    if (q.type == QuestionType::Place)
        for (const auto& r : q.reasons)
            if (findIndex(m_reasons, r.id) < 0) {
                if (m_reasons.size() >= 64)
                    return bad("too_many_categories", "more than 64 place reasons", q.id);
                m_reasons.push_back(r.id);
            }

    auto it = m_questionIndex.find(q.id);
    if (it == m_questionIndex.end()) {
        if (fresh.categories.size() > kMaxCategories)
            return bad("too_many_categories", "more than 62 categories", q.id);
        const std::size_t n = respondentCount();
        switch (q.type) {
        case QuestionType::Scale:
        case QuestionType::Single:
        case QuestionType::YesNo:
            fresh.codes.assign(n, kMissingCode);
            break;
        case QuestionType::Multi:
            fresh.masks.assign(n, 0);
            break;
        case QuestionType::Number:
            fresh.numbers.assign(n, std::numeric_limits<float>::quiet_NaN());
            break;
        default:
            fresh.given.assign(n, 0);
        }
        m_questionIndex.emplace(q.id, m_questions.size());
        m_questions.push_back(std::move(fresh));
        return {};
    }
    QuestionColumn& col = m_questions[it->second];
    if (col.type != q.type)
        return bad("question_type_conflict", "question id reused with another type", q.id);
    for (std::size_t i = 0; i < fresh.categories.size(); ++i) {
        if (findIndex(col.categories, fresh.categories[i]) >= 0)
            continue;
        if (col.categories.size() >= kMaxCategories)
            return bad("too_many_categories", "more than 62 categories", q.id);
        col.categories.push_back(fresh.categories[i]);
        col.categoryLabels.push_back(fresh.categoryLabels[i]);
        col.negative.push_back(fresh.negative[i]);
        col.nonSubstantive.push_back(fresh.nonSubstantive[i]);
        if (!fresh.pointValues.empty())
            col.pointValues.push_back(fresh.pointValues[i]);
    }
    col.dontKnow = col.dontKnow || fresh.dontKnow;
    return {};
}

Status PictureData::addSurvey(const model::Survey& survey) {
    const auto key = std::make_pair(survey.id, survey.version);
    if (m_surveys.count(key))
        return bad("duplicate_survey", "survey version already added", survey.id);
    for (const model::Question* q : survey.questions())
        if (auto s = addQuestion(*q); !s.ok())
            return s;
    for (const model::Question* q : survey.questions())
        if (q->background == model::Background::Gender)
            for (const auto& c : q->choices)
                if (findIndex(m_genders, c.id) < 0 && m_genders.size() < kMaxGenders) {
                    m_genders.push_back(c.id);
                    m_genderLabels.push_back(c.label);
                }
    m_surveys.emplace(key, survey);
    return {};
}

Status PictureData::addCampaign(const model::Campaign& campaign) {
    auto it = m_surveys.find({campaign.surveyId, campaign.surveyVersion});
    if (it == m_surveys.end())
        return bad("unknown_survey", "campaign's survey version is not known", campaign.id);
    if (campaignIndex(campaign.id) >= 0)
        return bad("duplicate_campaign", "campaign already added", campaign.id);
    if (m_campaigns.size() >= 0xFFFF)
        return bad("too_many_campaigns", "at most 65535 campaigns", campaign.id);
    CampaignInfo info{campaign, {}, {}};
    for (const model::Question* q : it->second.questions()) {
        info.questionIds.push_back(q->id);
        if (q->type != model::QuestionType::Scale || q->negativePoints.empty() || q->background)
            continue;
        for (std::size_t a = 0; a < kRankedAreas.size(); ++a)
            if (kRankedAreas[a] == q->focusArea) {
                if (info.worryItems[a].size() >= kMaxWorryItems)
                    return bad("too_many_worry_items", "more than 7 worry items in a focus area",
                               campaign.id);
                info.worryItems[a].push_back(m_questionIndex.at(q->id));
            }
    }
    m_campaigns.push_back(std::move(info));
    m_aggregates.emplace_back();
    m_campaignStrata.emplace_back(strataCount(), 0);
    m_areaAggregates.emplace_back();
    m_campaignRows.push_back(0);
    m_aggregated.emplace_back();
    ++m_version;
    return {};
}

Status PictureData::addResponse(const model::Response& r) {
    using model::QuestionType;
    const int campaign = campaignIndex(r.campaignId);
    if (campaign < 0)
        return bad("unknown_campaign", "response to an unknown campaign", "campaign_id");
    if (isAggregated(campaign))
        return bad("campaign_aggregated", "the campaign's answers come from its aggregate",
                   "campaign_id");
    auto sit = m_surveys.find({r.surveyId, r.surveyVersion});
    if (sit == m_surveys.end())
        return bad("unknown_survey", "response to an unknown survey version", "survey_id");
    const auto day = swedishDay(r.submittedAt);
    if (!day)
        return bad("invalid_answer", "not a timestamp", "submitted_at");

    std::vector<Pending> pending;
    std::vector<PlaceMention> mentions;
    std::vector<std::string> newDescriptions;
    std::size_t age = m_population.ageBands.size();
    std::size_t locality = m_population.localities.size();
    std::size_t gender = kMaxGenders;
    const auto respondent = static_cast<std::uint32_t>(respondentCount());

    for (const auto& [qid, value] : r.answers) {
        const std::string path = "answers." + qid;
        const model::Question* q = sit->second.findQuestion(qid);
        if (!q)
            return bad("invalid_answer", "not a question of the survey", path);
        const std::size_t ci = m_questionIndex.at(qid);
        const QuestionColumn& col = m_questions[ci];
        Pending p{ci};
        auto categoryCode = [&](std::string_view id) -> int {
            const int i = findIndex(col.categories, id);
            return i < 0 ? -1 : i + 1;
        };
        switch (q->type) {
        case QuestionType::Scale: {
            if (const auto* s = std::get_if<std::string>(&value); s && *s == model::kDontKnow) {
                p.code = kDontKnowCode;
                break;
            }
            const auto* v = std::get_if<std::int64_t>(&value);
            int code = -1;
            for (std::size_t i = 0; v && i < col.pointValues.size(); ++i)
                if (col.pointValues[i] == *v)
                    code = static_cast<int>(i) + 1;
            if (code < 0)
                return bad("invalid_answer", "not a point of the scale", path);
            p.code = static_cast<std::uint8_t>(code);
            break;
        }
        case QuestionType::Single: {
            const auto* s = std::get_if<std::string>(&value);
            const int code = s ? categoryCode(*s) : -1;
            if (code < 0)
                return bad("invalid_answer", "not a choice of the question", path);
            p.code = static_cast<std::uint8_t>(code);
            if (q->background) {
                if (*q->background == model::Background::AgeBand) {
                    const int a = m_population.ageIndex(*s);
                    age = a < 0 ? m_population.ageBands.size() : static_cast<std::size_t>(a);
                } else if (*q->background == model::Background::Locality) {
                    const int l = m_population.localityIndex(*s);
                    locality = l < 0 ? m_population.localities.size() : static_cast<std::size_t>(l);
                } else {
                    const int g = findIndex(m_genders, *s);
                    gender = g < 0 ? kMaxGenders : static_cast<std::size_t>(g);
                }
            }
            break;
        }
        case QuestionType::YesNo: {
            const auto* b = std::get_if<bool>(&value);
            if (!b)
                return bad("invalid_answer", "expected true or false", path);
            p.code = *b ? 1 : 2;
            break;
        }
        case QuestionType::Multi: {
            const auto* list = std::get_if<std::vector<std::string>>(&value);
            if (!list)
                return bad("invalid_answer", "expected a list of choice ids", path);
            for (const auto& id : *list) {
                const int code = categoryCode(id);
                if (code < 0)
                    return bad("invalid_answer", "not a choice of the question: " + id, path);
                p.mask |= std::uint64_t{1} << (code - 1);
            }
            break;
        }
        case QuestionType::Number:
            if (const auto* i = std::get_if<std::int64_t>(&value))
                p.number = static_cast<float>(*i);
            else if (const auto* d = std::get_if<double>(&value))
                p.number = static_cast<float>(*d);
            else
                return bad("invalid_answer", "expected a number", path);
            break;
        case QuestionType::Text:
            if (!std::holds_alternative<std::string>(value))
                return bad("invalid_answer", "expected a text", path);
            break;
        case QuestionType::Place: {
            const auto* entries = std::get_if<std::vector<model::PlaceEntry>>(&value);
            if (!entries)
                return bad("invalid_answer", "expected place entries", path);
            for (std::size_t entry = 0; entry < entries->size(); ++entry) {
                const model::PlaceEntry& e = (*entries)[entry];
                PlaceMention m;
                m.respondent = respondent;
                for (auto t : e.timesOfDay)
                    m.timesMask |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(t));
                for (const auto& reason : e.reasons) {
                    const int ri = findIndex(m_reasons, reason);
                    if (ri < 0)
                        return bad("invalid_answer", "unknown reason: " + reason, path);
                    m.reasonsMask |= std::uint64_t{1} << ri;
                }
                if (e.placeId) {
                    m.registryIndex = placeIndex(*e.placeId);
                    if (m.registryIndex >= 0) {
                        m.lat = m_places[static_cast<std::size_t>(m.registryIndex)].lat;
                        m.lon = m_places[static_cast<std::size_t>(m.registryIndex)].lon;
                        m.located = true;
                    } else {
                        m.description = static_cast<std::int32_t>(m_descriptions.size() +
                                                                  newDescriptions.size());
                        newDescriptions.push_back(*e.placeId);
                    }
                } else if (e.position) {
                    m.lat = e.position->lat;
                    m.lon = e.position->lon;
                    m.located = true;
                } else if (e.description && !e.description->empty()) {
                    m.description =
                        static_cast<std::int32_t>(m_descriptions.size() + newDescriptions.size());
                    newDescriptions.push_back(*e.description);
                }
                // A coordinator's link puts the mention at its registry place.
                if (const int linked = linkedPlaceIndex(r.id, qid, entry); linked >= 0) {
                    m.registryIndex = linked;
                    m.lat = m_places[static_cast<std::size_t>(linked)].lat;
                    m.lon = m_places[static_cast<std::size_t>(linked)].lon;
                    m.located = true;
                }
                mentions.push_back(m);
            }
            break;
        }
        }
        pending.push_back(p);
    }

    // Commit: every column grows by one, then the answered ones are set.
    const auto stratum =
        static_cast<std::uint16_t>((age * localitySlots() + locality) * genderSlots() + gender);
    appendRow(campaign, *day, stratum);
    auto& aggregates = m_aggregates[static_cast<std::size_t>(campaign)];
    if (aggregates.size() < m_questions.size())
        aggregates.resize(m_questions.size());
    for (const Pending& p : pending) {
        QuestionColumn& col = m_questions[p.column];
        QuestionAggregate& agg = aggregates[p.column];
        if (agg.counts.empty())
            agg.counts.assign(strataCount() * kCodeSlots, 0);
        std::uint32_t* slots = agg.counts.data() + stratum * kCodeSlots;
        switch (col.type) {
        case QuestionType::Scale:
        case QuestionType::Single:
        case QuestionType::YesNo:
            col.codes.back() = p.code;
            ++slots[p.code];
            break;
        case QuestionType::Multi:
            col.masks.back() = p.mask;
            ++slots[0];
            for (std::uint64_t m = p.mask; m; m &= m - 1)
                ++slots[std::countr_zero(m) + 1];
            break;
        case QuestionType::Number:
            col.numbers.back() = p.number;
            ++slots[0];
            if (agg.sums.empty()) {
                agg.sums.assign(strataCount(), 0.0);
                agg.sumSquares.assign(strataCount(), 0.0);
            }
            agg.sums[stratum] += p.number;
            agg.sumSquares[stratum] += static_cast<double>(p.number) * p.number;
            break;
        default:
            col.given.back() = 1;
            ++slots[0];
        }
    }
    ++m_campaignStrata[static_cast<std::size_t>(campaign)][stratum];
    ++m_version;
    countWorry(campaign, stratum);
    m_mentions.insert(m_mentions.end(), mentions.begin(), mentions.end());
    for (auto& d : newDescriptions)
        addDescription(std::move(d));
    return {};
}

namespace {

// Lower case (ASCII), runs of white space as one space, trimmed.
std::string normalizeText(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

} // namespace

void PictureData::addDescription(std::string text) {
    std::string key = normalizeText(text);
    auto it = m_descriptionGroupIndex.find(key);
    if (it == m_descriptionGroupIndex.end()) {
        it = m_descriptionGroupIndex
                 .emplace(key, static_cast<std::int32_t>(m_descriptionGroups.size()))
                 .first;
        m_descriptionGroups.push_back(std::move(key));
    }
    m_descriptionGroupOf.push_back(it->second);
    m_descriptions.push_back(std::move(text));
}

std::size_t PictureData::worryPattern(std::size_t area, std::uint32_t row) const {
    const CampaignInfo& info = m_campaigns[m_campaign[row]];
    std::size_t answered = 0, worried = 0;
    for (std::size_t column : info.worryItems[area]) {
        const QuestionColumn& col = m_questions[column];
        const std::uint8_t code = col.codes[row];
        if (!col.inBase(code))
            continue;
        ++answered;
        worried += col.negative[code - 1] ? 1 : 0;
    }
    return answered == 0 ? 0 : areaPattern(answered, worried);
}

void PictureData::countWorry(int campaign, std::size_t stratum) {
    const auto row = static_cast<std::uint32_t>(m_campaign.size() - 1);
    for (std::size_t a = 0; a < kRankedAreas.size(); ++a) {
        const std::size_t pattern = worryPattern(a, row);
        if (pattern == 0)
            continue;
        AreaAggregate& agg = m_areaAggregates[static_cast<std::size_t>(campaign)][a];
        if (agg.counts.empty())
            agg.counts.assign(strataCount() * kCodeSlots, 0);
        ++agg.counts[stratum * kCodeSlots + pattern];
    }
}

void PictureData::appendRow(int campaign, std::int32_t day, std::uint16_t stratum) {
    using model::QuestionType;
    for (QuestionColumn& col : m_questions) {
        if (col.type == QuestionType::Scale || col.type == QuestionType::Single ||
            col.type == QuestionType::YesNo)
            col.codes.push_back(kMissingCode);
        else if (col.type == QuestionType::Multi)
            col.masks.push_back(0);
        else if (col.type == QuestionType::Number)
            col.numbers.push_back(std::numeric_limits<float>::quiet_NaN());
        else
            col.given.push_back(0);
    }
    m_campaign.push_back(static_cast<std::uint16_t>(campaign));
    m_day.push_back(day);
    m_stratum.push_back(stratum);
    ++m_campaignRows[static_cast<std::size_t>(campaign)];
}

void PictureData::setPlaces(std::vector<model::Place> places) {
    m_places = std::move(places);
    m_placeIndex.clear();
    ++m_version;
    for (std::size_t i = 0; i < m_places.size(); ++i)
        m_placeIndex.emplace(m_places[i].id, static_cast<int>(i));
}

namespace {

std::string mentionKey(std::string_view response, std::string_view question, std::size_t entry) {
    std::string key;
    key.reserve(response.size() + question.size() + 24);
    key.append(response).append(1, '\x1f').append(question).append(1, '\x1f');
    key += std::to_string(entry);
    return key;
}

} // namespace

void PictureData::setPlaceLinks(const std::vector<PlaceLinkRef>& links) {
    ++m_version;
    m_mentionLinks.clear();
    m_observationLinks.clear();
    for (const PlaceLinkRef& link : links) {
        if (!link.observationId.empty())
            m_observationLinks.emplace(link.observationId, link.placeId);
        else
            m_mentionLinks.emplace(mentionKey(link.responseId, link.questionId, link.index),
                                   link.placeId);
    }
}

int PictureData::linkedPlaceIndex(std::string_view responseId, std::string_view questionId,
                                  std::size_t entry) const {
    if (m_mentionLinks.empty())
        return -1;
    auto it = m_mentionLinks.find(mentionKey(responseId, questionId, entry));
    return it == m_mentionLinks.end() ? -1 : placeIndex(it->second);
}

int PictureData::observationPlaceIndex(const model::Observation& o) const {
    if (auto it = m_observationLinks.find(o.id); it != m_observationLinks.end())
        if (const int linked = placeIndex(it->second); linked >= 0)
            return linked;
    return o.placeId ? placeIndex(*o.placeId) : -1;
}

void PictureData::addDialogue(const model::Dialogue& dialogue) {
    ++m_version;
    m_dialogues.push_back(dialogue);
}

void PictureData::addSafetyWalk(const model::SafetyWalk& walk) {
    ++m_version;
    m_walks.push_back(walk);
}

void PictureData::addObservation(const model::Observation& observation) {
    ++m_version;
    m_observations.push_back(observation);
}

void PictureData::addIndicators(const std::vector<Indicator>& indicators) {
    ++m_version;
    m_indicators.insert(m_indicators.end(), indicators.begin(), indicators.end());
}

} // namespace td::picture
