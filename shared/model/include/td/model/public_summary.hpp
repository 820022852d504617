#pragma once
// The published public summary of a campaign's lägesbild (record kind `public_summary`): what
// a coordinator releases to every device and to the public page. Its `summary` mirrors
// td::picture::publicSummary() (docs/lagesbild.md); every figure in it rests on at least k
// respondents and it carries no free text.

#include "td/model/codec.hpp"
#include "td/model/common.hpp"
#include "td/model/survey.hpp"
#include "td/model/validator.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace td::model {

/// A share with its 95 % interval (wire: share, ci_low, ci_high, base, effective_n).
struct SummaryShare {
    double share = 0.0;
    double ciLow = 0.0;
    double ciHigh = 0.0;
    double base = 0.0;
    double effectiveN = 0.0;
    bool operator==(const SummaryShare&) const = default;
};

struct SummaryCategory {
    std::string id;
    Text label;
    std::int64_t count = 0;
    double weightedShare = 0.0;
    bool operator==(const SummaryCategory&) const = default;
};

struct SummaryNegative {
    SummaryShare unweighted;
    SummaryShare weighted;
    bool operator==(const SummaryNegative&) const = default;
};

struct SummaryBreakdownCell {
    std::string key;
    std::int64_t base = 0;
    SummaryShare unweighted;
    SummaryShare weighted;
    bool operator==(const SummaryBreakdownCell&) const = default;
};

struct SummaryBreakdown {
    std::string dimension; ///< "locality", "age_band", "gender"
    std::vector<SummaryBreakdownCell> cells;
    bool operator==(const SummaryBreakdown&) const = default;
};

struct SummaryTrend {
    std::string compareTo;
    SummaryShare previous;
    double difference = 0.0;
    double z = 0.0;
    double pValue = 1.0;
    bool testValid = false;
    bool significant = false;
    bool operator==(const SummaryTrend&) const = default;
};

/// One question. Absent optionals are figures withheld because they rest on fewer than k.
struct SummaryQuestion {
    std::string id;
    QuestionType type = QuestionType::Single;
    FocusArea focusArea = FocusArea::General;
    bool background = false;
    Text text;
    std::optional<std::int64_t> answered;
    std::optional<std::int64_t> dontKnow;
    std::optional<std::vector<SummaryCategory>> distribution;
    std::optional<double> mean;
    std::optional<double> weightedMean;
    std::optional<SummaryNegative> negative;
    std::optional<std::vector<SummaryBreakdown>> breakdowns;
    std::optional<SummaryTrend> trend;
    bool operator==(const SummaryQuestion&) const = default;
};

struct SummaryIndicator {
    std::string indicator;
    std::string period;
    double value = 0.0;
    std::string source;
    bool operator==(const SummaryIndicator&) const = default;
};

struct SummaryFocusArea {
    FocusArea area = FocusArea::General;
    std::int64_t rank = 0; ///< 1 = highest concern; 0 when no score
    std::optional<double> concernScore;
    std::optional<double> previousScore;
    std::vector<std::string> questions;
    std::optional<std::int64_t> dialogueTopics;
    std::vector<SummaryIndicator> indicators;
    bool operator==(const SummaryFocusArea&) const = default;
};

/// An unsafe-place cluster. Times of day and reasons counted by fewer than k are withheld
/// (null time of day, reason left out); so are survey mentions or observations counted by
/// fewer than k, and then the other of the two as well (null).
struct SummaryPlace {
    std::int64_t rank = 0;
    double lat = 0.0;
    double lon = 0.0;
    std::optional<std::string> placeId;
    std::optional<std::string> placeName;
    std::optional<std::int64_t> surveyMentions;
    std::optional<std::int64_t> observations;
    std::optional<double> severity;
    std::array<std::optional<std::int64_t>, 4> timesOfDay{}; ///< morning, day, evening, night
    std::vector<std::pair<std::string, std::int64_t>> reasons;
    bool operator==(const SummaryPlace&) const = default;
};

struct SummaryFilter {
    std::string campaign;
    std::optional<std::string> compareTo;
    std::optional<std::string> locality;
    std::optional<std::string> from;
    std::optional<std::string> to;
    bool operator==(const SummaryFilter&) const = default;
};

struct SummaryAgeBand {
    std::string ageBand;
    std::string scheme; ///< "cell", "age_band_only", "uncovered"
    bool operator==(const SummaryAgeBand&) const = default;
};

struct SummaryWeighting {
    bool available = false;
    double coveredPopulation = 0.0;
    double effectiveN = 0.0;
    double designEffect = 1.0;
    std::vector<SummaryAgeBand> ageBands;
    bool operator==(const SummaryWeighting&) const = default;
};

/// The public summary itself (the `summary` field).
struct PictureSummary {
    SummaryFilter filter;
    Text campaignName;
    std::int64_t minCell = 5;
    std::optional<std::int64_t> respondents; ///< absent when fewer than k
    SummaryWeighting weighting;
    std::vector<SummaryQuestion> questions;
    std::vector<SummaryFocusArea> focusAreas;
    std::vector<SummaryPlace> places;
    std::optional<std::int64_t> dialogues; ///< the totals: absent (null) when withheld
    std::optional<std::int64_t> peopleMet;
    std::optional<std::int64_t> walks;
    std::optional<std::int64_t> observations;
    bool operator==(const PictureSummary&) const = default;
};

/// The record body: {"campaign_id", "title" {sv,en}, "published_at", "k", "summary"}.
struct PublicSummary {
    std::string id; ///< the campaign id (wire: campaign_id)
    Text title;
    std::string publishedAt; ///< RFC 3339 UTC
    std::int64_t k = 5;
    PictureSummary summary;
    bool operator==(const PublicSummary&) const = default;
};

/// The sync record id of a campaign's public summary. Record ids are unique across kinds and
/// the campaign record already holds the campaign id, so the summary lives at
/// "public_summary@<campaign id>".
std::string publicSummaryRecordId(std::string_view campaignId);

/// Withholds what publicSummary() leaves in below k: a don't-know count whose distribution
/// cell is hidden or below k, place times of day and reasons counted by fewer than k, a place
/// component below k (and then its partner), totals below k.
void withholdSmallCounts(PictureSummary& summary, std::int64_t k);

boost::json::value encode(const PictureSummary& summary);
boost::json::value encode(const PublicSummary& summary);
template <>
Result<PictureSummary> decode<PictureSummary>(const boost::json::value&, const std::string&);
template <>
Result<PublicSummary> decode<PublicSummary>(const boost::json::value&, const std::string&);

/// What the codec cannot see: the summary is for `campaign_id` with the record's k, has no
/// free-text question, no published count rests on fewer than k (`below_min_cell`), and no
/// place shows one component with the other withheld (`recoverable`).
Issues validatePublicSummary(const PublicSummary& summary);

} // namespace td::model
