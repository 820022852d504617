#pragma once
// PictureData: everything the lägesbild is computed from, with survey responses decoded once
// into a compact columnar form (one small-int code per respondent and question, one stratum
// index per respondent) so that a picture is a few passes of counting over arrays.

#include "td/core/result.hpp"
#include "td/model/model.hpp"
#include "td/picture/campaign_aggregate.hpp"
#include "td/picture/indicators.hpp"
#include "td/picture/population.hpp"
#include "td/picture/ranking.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace td::picture {

/// Categories per question are limited so codes fit a fixed-width counting array.
inline constexpr std::size_t kMaxCategories = 62;
/// Code of "no answer" and of "vet ej" in a categorical column.
inline constexpr std::uint8_t kMissingCode = 0;
inline constexpr std::uint8_t kDontKnowCode = 63;
inline constexpr std::size_t kCodeSlots = 64;
/// Gender categories beyond this many count as "not answered".
inline constexpr std::size_t kMaxGenders = 7;

/// One question across all registered surveys (matched by question id).
struct QuestionColumn {
    std::string id;
    model::QuestionType type = model::QuestionType::Single;
    model::FocusArea focusArea = model::FocusArea::General;
    std::optional<model::Background> background;
    model::Text text;
    /// Code c (1-based) is categories[c − 1]: a scale point's value ("3"), a choice id, or
    /// "yes"/"no" for yes_no.
    std::vector<std::string> categories;
    std::vector<model::Text> categoryLabels;
    std::vector<std::int64_t> pointValues; ///< scale: the value of each category
    std::vector<bool> negative;            ///< per category
    std::vector<bool> nonSubstantive;      ///< per category: a choice that leaves the base
    bool hasNegative = false;
    bool dontKnow = false;

    /// Whether an answer with `code` is substantive: a category not marked non-substantive
    /// ("vet ej" and no answer are not).
    bool inBase(std::size_t code) const {
        return code >= 1 && code <= categories.size() && !nonSubstantive[code - 1];
    }

    std::vector<std::uint8_t> codes;  ///< scale, single, yes_no
    std::vector<std::uint64_t> masks; ///< multi: bit c−1 set when category c chosen
    std::vector<float> numbers;       ///< number; NaN when not answered
    std::vector<std::uint8_t> given;  ///< text, place: 1 when answered
};

/// A coordinator's link of one place mention (response, question, index of the entry in the
/// answer) or of one walk observation (`observationId` set) to registry place `placeId`.
struct PlaceLinkRef {
    std::string responseId;
    std::string questionId;
    std::size_t index = 0;
    std::string observationId;
    std::string placeId;
};

/// A place mentioned in a survey answer.
struct PlaceMention {
    std::uint32_t respondent = 0;
    std::int32_t registryIndex = -1; ///< into places(), or −1
    double lat = 0.0;                ///< valid when located
    double lon = 0.0;
    bool located = false;
    std::uint8_t timesMask = 0;    ///< bit per model::TimeOfDay
    std::uint64_t reasonsMask = 0; ///< bit per reasons() index
    std::int32_t description = -1; ///< into descriptions(): free text, never public
};

/// Answers to one question counted per stratum: `counts[stratum · kCodeSlots + slot]` where
/// slot is the code (scale, single, yes_no), 0 = answered and c = chose category c (multi), or
/// 0 = answered (number, text, place); `sums[stratum]` and `sumSquares[stratum]` add up number
/// answers and their squares.
struct QuestionAggregate {
    std::vector<std::uint32_t> counts;
    std::vector<double> sums;
    std::vector<double> sumSquares;
};

/// Worry items answered per respondent and focus area, counted per stratum:
/// `counts[stratum · kCodeSlots + areaPattern(answered, worried)]`, answered substantively.
struct AreaAggregate {
    std::vector<std::uint32_t> counts;
};
/// At most this many worry items per focus area (a pattern fits a code slot).
inline constexpr std::size_t kMaxWorryItems = 7;
inline constexpr std::size_t areaPattern(std::size_t answered, std::size_t worried) {
    return answered * 8 + worried;
}

struct CampaignInfo {
    model::Campaign campaign;
    std::vector<std::string> questionIds; ///< of its survey, in survey order
    /// Per ranked area (kRankedAreas order): its worry items, the survey's scale questions of
    /// the area with a negative definition (columns into questions()).
    std::array<std::vector<std::size_t>, kRankedAreas.size()> worryItems;
};

/// Ingestion errors: unknown_campaign, unknown_survey, too_many_categories, invalid_answer
/// (with `path`), duplicate_survey. A failed add leaves the data unchanged.
class PictureData {
public:
    explicit PictureData(PopulationTable population);

    Status addSurvey(const model::Survey& survey);
    /// The campaign's survey (id and version) must have been added.
    Status addCampaign(const model::Campaign& campaign);
    /// Decodes one response (already validated against its survey) into the columns.
    Status addResponse(const model::Response& response);
    /// The place registry; set it before adding responses that mention registry places.
    void setPlaces(std::vector<model::Place> places);
    /// Coordinators' links of mentions and observations to registry places; set them after
    /// the registry and before adding responses. A linked mention counts at its place.
    void setPlaceLinks(const std::vector<PlaceLinkRef>& links);
    void addDialogue(const model::Dialogue& dialogue);
    void addSafetyWalk(const model::SafetyWalk& walk);
    void addObservation(const model::Observation& observation);
    void addIndicators(const std::vector<Indicator>& indicators);

    const PopulationTable& population() const { return m_population; }
    std::size_t respondentCount() const { return m_campaign.size(); }
    std::size_t ageSlots() const { return m_population.ageBands.size() + 1; }
    std::size_t localitySlots() const { return m_population.localities.size() + 1; }
    std::size_t genderSlots() const { return kMaxGenders + 1; }
    std::size_t strataCount() const { return ageSlots() * localitySlots() * genderSlots(); }
    /// Stratum index = (age · localitySlots + locality) · genderSlots + gender; the last
    /// slot of each dimension is "not answered".
    std::size_t stratumAge(std::size_t s) const { return s / (localitySlots() * genderSlots()); }
    std::size_t stratumLocality(std::size_t s) const {
        return (s / genderSlots()) % localitySlots();
    }
    std::size_t stratumGender(std::size_t s) const { return s % genderSlots(); }

    const std::vector<std::uint16_t>& campaignColumn() const { return m_campaign; }
    const std::vector<std::int32_t>& dayColumn() const { return m_day; }
    const std::vector<std::uint16_t>& stratumColumn() const { return m_stratum; }
    const std::vector<QuestionColumn>& questions() const { return m_questions; }
    const QuestionColumn* question(std::string_view id) const;
    const std::vector<CampaignInfo>& campaigns() const { return m_campaigns; }
    /// Index into campaigns(), or −1.
    int campaignIndex(std::string_view id) const;
    /// Kept up to date on every addResponse: the whole campaign's answers to question
    /// `column` (index into questions()), or nullptr when nobody in it answered.
    const QuestionAggregate* aggregate(int campaign, std::size_t column) const;
    /// Respondents of a campaign per stratum (kept up to date like aggregate()).
    const std::vector<std::uint32_t>& campaignStrata(int campaign) const;
    /// A campaign's worry items per stratum for ranked area `area` (index into kRankedAreas),
    /// or nullptr when nobody answered one.
    const AreaAggregate* areaAggregate(int campaign, std::size_t area) const;
    /// areaPattern(answered, worried) of respondent `row` on the worry items of ranked area
    /// `area` of its campaign; 0 when it answered none of them substantively.
    std::size_t worryPattern(std::size_t area, std::uint32_t row) const;
    /// Rank intervals computed while a campaign's responses existed (bootstrapRanks), for the
    /// whole campaign (`locality` empty) or one locality. Used when the campaign is aggregated
    /// (addCampaignAggregate sets them from the aggregate's extras).
    void setRankIntervals(std::string_view campaignId, std::string_view locality,
                          RankIntervals intervals);
    const RankIntervals* rankIntervals(int campaign, std::string_view locality) const;
    /// Bootstrap results cached for this data, keyed by filter and options, each with the
    /// selection's respondents it was computed from. A copy of the data keeps them (the
    /// picture cache appends new responses to a copy; compute_areas.cpp decides when they are
    /// stale).
    struct CachedRanks {
        RankIntervals intervals;
        std::int64_t respondents = 0;
    };
    std::optional<CachedRanks> cachedRanks(const std::string& key) const;
    void cacheRanks(const std::string& key, const CachedRanks& ranks) const;
    /// Changes on every add: part of cache keys.
    std::uint64_t version() const { return m_version; }
    const std::vector<std::string>& genders() const { return m_genders; }
    const std::vector<model::Text>& genderLabels() const { return m_genderLabels; }
    const std::vector<PlaceMention>& placeMentions() const { return m_mentions; }
    const std::vector<std::string>& reasons() const { return m_reasons; }
    const std::vector<std::string>& descriptions() const { return m_descriptions; }
    /// The group of each description (index into descriptionGroups()): descriptions that read
    /// the same once case and runs of white space are ignored share one. Kept up to date on
    /// every add, so a picture counts unlocated mentions without looking at their text.
    const std::vector<std::int32_t>& descriptionGroupOf() const { return m_descriptionGroupOf; }
    /// Each group's text: lower case (ASCII), white space runs as one space, trimmed.
    const std::vector<std::string>& descriptionGroups() const { return m_descriptionGroups; }
    const std::vector<model::Place>& places() const { return m_places; }
    const std::vector<model::Dialogue>& dialogues() const { return m_dialogues; }
    const std::vector<model::SafetyWalk>& walks() const { return m_walks; }
    const std::vector<model::Observation>& observations() const { return m_observations; }
    const std::vector<Indicator>& indicators() const { return m_indicators; }
    /// Index into places() of a registry id, or −1.
    int placeIndex(std::string_view id) const;
    /// Index into places() of where an observation counts: the place it is linked to, else
    /// the place it names, else −1.
    int observationPlaceIndex(const model::Observation& observation) const;

    // --- campaigns kept as aggregates (campaign_aggregate.cpp; docs/retention.md) ------------

    /// The campaign's answers reduced to counts: what its whole-campaign picture needs.
    /// Fails with unknown_campaign.
    Result<CampaignAggregate> campaignAggregate(std::string_view campaignId) const;
    /// Gives an added campaign its answers from `aggregate` instead of responses (it must
    /// have no responses yet; fails with unknown_campaign, campaign_has_responses or
    /// invalid_aggregate). Its mentions get rows without answers; its picture can then only be
    /// computed for the whole campaign.
    Status addCampaignAggregate(const CampaignAggregate& aggregate);
    /// Whether the campaign's answers came from an aggregate rather than responses.
    bool isAggregated(int campaign) const;
    /// The precomputed extras of an aggregated campaign (empty otherwise).
    const boost::json::object& aggregateExtras(int campaign) const;

private:
    Status addQuestion(const model::Question& q);
    /// Adds the newest row's worry patterns to its campaign's area aggregates.
    void countWorry(int campaign, std::size_t stratum);
    /// Appends one respondent row (every column grows by one, answers missing).
    void appendRow(int campaign, std::int32_t day, std::uint16_t stratum);
    /// The registry index a link gives entry `entry` of the answer, or −1.
    int linkedPlaceIndex(std::string_view responseId, std::string_view questionId,
                         std::size_t entry) const;
    /// Appends a description and its group.
    void addDescription(std::string text);

    // Bootstrap results: a copy takes the entries (under the source's lock), not the lock.
    struct RankCache {
        RankCache() = default;
        RankCache(const RankCache& other) {
            std::lock_guard lock(other.mutex);
            entries = other.entries;
        }
        RankCache& operator=(const RankCache& other) {
            if (this != &other) {
                std::scoped_lock lock(mutex, other.mutex);
                entries = other.entries;
            }
            return *this;
        }
        mutable std::mutex mutex;
        std::map<std::string, CachedRanks> entries;
    };

    PopulationTable m_population;
    std::map<std::pair<std::string, std::int64_t>, model::Survey> m_surveys;
    std::vector<CampaignInfo> m_campaigns;
    std::vector<QuestionColumn> m_questions;
    std::map<std::string, std::size_t, std::less<>> m_questionIndex;
    std::vector<std::string> m_genders;
    std::vector<model::Text> m_genderLabels;

    std::vector<std::vector<QuestionAggregate>> m_aggregates;     ///< [campaign][column]
    std::vector<std::vector<std::uint32_t>> m_campaignStrata;     ///< [campaign][stratum]
    std::vector<std::uint32_t> m_campaignRows;                    ///< respondent rows per campaign
    std::vector<std::optional<boost::json::object>> m_aggregated; ///< set: from an aggregate
    std::vector<std::array<AreaAggregate, kRankedAreas.size()>> m_areaAggregates;
    std::map<std::pair<int, std::string>, RankIntervals> m_rankIntervals;
    mutable RankCache m_rankCache;
    std::uint64_t m_version = 0;

    std::vector<std::uint16_t> m_campaign;
    std::vector<std::int32_t> m_day;
    std::vector<std::uint16_t> m_stratum;

    std::vector<PlaceMention> m_mentions;
    std::vector<std::string> m_reasons;
    std::vector<std::string> m_descriptions;
    std::vector<std::int32_t> m_descriptionGroupOf;
    std::vector<std::string> m_descriptionGroups;
    std::map<std::string, std::int32_t, std::less<>> m_descriptionGroupIndex;
    std::vector<model::Place> m_places;
    std::map<std::string, int, std::less<>> m_placeIndex;
    std::unordered_map<std::string, std::string> m_mentionLinks;        ///< mentionKey → place id
    std::map<std::string, std::string, std::less<>> m_observationLinks; ///< observation → place
    std::vector<model::Dialogue> m_dialogues;
    std::vector<model::SafetyWalk> m_walks;
    std::vector<model::Observation> m_observations;
    std::vector<Indicator> m_indicators;
};

/// Days since 1970-01-01 of a `YYYY-MM-DD` prefix (also of a timestamp); nullopt if invalid.
std::optional<std::int32_t> dayNumber(std::string_view dateOrTimestamp);

/// Days since 1970-01-01 of the Swedish local date (Europe/Stockholm: CET, CEST from the last
/// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC) of a UTC timestamp
/// `YYYY-MM-DDTHH:MM:SS…Z`; a bare date is taken as it is. Nullopt if invalid.
std::optional<std::int32_t> swedishDay(std::string_view timestampOrDate);

} // namespace td::picture
