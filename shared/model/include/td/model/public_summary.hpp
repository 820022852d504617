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

/// A share with its 95 % interval (wire: share, ci_low, ci_high, se, base, effective_n; `se`
/// is absent in summaries published before it was added).
struct SummaryShare {
    double share = 0.0;
    double ciLow = 0.0;
    double ciHigh = 0.0;
    std::optional<double> se;
    double base = 0.0;
    double effectiveN = 0.0;
    bool operator==(const SummaryShare&) const = default;
};

struct SummaryCategory {
    std::string id;
    Text label;
    std::int64_t count = 0;
    double weightedShare = 0.0;
    bool nonSubstantive = false; ///< "vet ej" or a choice outside the base
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

/// A trend: the difference with its interval, the raw and the Benjamini–Hochberg adjusted
/// p-value; `significant` is the adjusted verdict (the newer fields are absent in summaries
/// published before them).
struct SummaryTrend {
    std::string compareTo;
    SummaryShare previous;
    double difference = 0.0;
    std::optional<double> ciLow;
    std::optional<double> ciHigh;
    std::optional<double> se;
    double z = 0.0;
    double pValue = 1.0;
    std::optional<double> pAdjusted;
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
    std::optional<std::int64_t> nonSubstantive; ///< answers outside the base
    std::optional<std::vector<SummaryCategory>> distribution;
    std::optional<double> mean;
    std::optional<double> weightedMean;
    std::optional<double> weightedMeanSe;
    std::optional<double> weightedMeanCiLow;
    std::optional<double> weightedMeanCiHigh;
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

struct SummaryRankInterval {
    std::int64_t low = 0;
    std::int64_t high = 0;
    bool operator==(const SummaryRankInterval&) const = default;
};

struct SummaryFocusArea {
    FocusArea area = FocusArea::General;
    std::int64_t rank = 0; ///< 1 = highest concern; 0 when no score
    std::optional<double> concernScore;
    std::optional<double> previousScore;
    std::optional<SummaryShare> score; ///< the concern score with its interval
    std::optional<SummaryTrend> trend;
    std::optional<SummaryRankInterval> rankInterval;
    std::vector<FocusArea> indistinguishableFrom; ///< areas whose rank intervals overlap
    std::vector<std::string> questions;           ///< the worry items in the score
    std::vector<std::string> experienceQuestions; ///< reported beside the score
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

/// A raked margin: its source and year, and the groups it was raked to (categories pooled when
/// sparse, empty categories for those who did not answer) with their population.
struct SummaryMarginGroup {
    std::vector<std::string> categories;
    double population = 0.0;
    bool operator==(const SummaryMarginGroup&) const = default;
};

struct SummaryMargin {
    std::string dimension;
    std::int64_t year = 0;
    std::string source;
    std::string note;
    std::vector<SummaryMarginGroup> groups;
    bool operator==(const SummaryMargin&) const = default;
};

struct SummaryWeighting {
    bool available = false;
    double coveredPopulation = 0.0;
    double effectiveN = 0.0;
    double designEffect = 1.0;
    std::vector<SummaryAgeBand> ageBands; ///< the post-stratification of older summaries
    std::optional<std::string> method;    ///< "raking"
    std::optional<double> lowerBound;     ///< weight bounds relative to the mean weight
    std::optional<double> upperBound;
    std::optional<bool> converged;
    std::vector<SummaryMargin> margins;
    bool operator==(const SummaryWeighting&) const = default;
};

struct SummaryRanking {
    bool available = false;
    std::string method; ///< "poisson_bootstrap"
    std::int64_t replicates = 0;
    std::uint64_t seed = 0;
    bool operator==(const SummaryRanking&) const = default;
};

/// The public summary itself (the `summary` field).
struct PictureSummary {
    SummaryFilter filter;
    Text campaignName;
    std::int64_t minCell = 5;
    std::optional<std::int64_t> respondents; ///< absent when fewer than k
    std::optional<std::int64_t> campaignYear;
    std::optional<std::int64_t> compareYear;
    std::optional<double> significanceLevel; ///< false discovery rate of the trend verdicts
    SummaryWeighting weighting;
    std::optional<SummaryRanking> ranking;
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
/// component below k (and then its partner), totals below k; then withholdDependents.
void withholdSmallCounts(PictureSummary& summary, std::int64_t k);

/// Withholds what is tallied over a withheld place component: the severity beside withheld
/// observations, times of day and reasons beside either component withheld. Summaries
/// published before this rule showed them; readers (the device, /public) apply it on read.
void withholdDependents(PictureSummary& summary);

boost::json::value encode(const PictureSummary& summary);
boost::json::value encode(const PublicSummary& summary);
template <>
Result<PictureSummary> decode<PictureSummary>(const boost::json::value&, const std::string&);
template <>
Result<PublicSummary> decode<PublicSummary>(const boost::json::value&, const std::string&);

/// What the codec cannot see: the summary is for `campaign_id` with the record's k, has no
/// free-text question, no published count rests on fewer than k (`below_min_cell`), and no
/// place shows one component with the other withheld, or what is tallied over a withheld one
/// (`recoverable`).
Issues validatePublicSummary(const PublicSummary& summary);

} // namespace td::model
