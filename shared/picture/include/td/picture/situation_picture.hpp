#pragma once
// SituationPicture (lägesbild): the merged picture for one campaign and filter. It holds every
// figure with its suppression flag (for coordinators); publicSummary() keeps only what may be
// published.

#include "td/model/common.hpp"
#include "td/model/survey.hpp"
#include "td/picture/indicators.hpp"
#include "td/picture/population.hpp"
#include "td/picture/stats.hpp"
#include "td/picture/suppression.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace td::picture {

struct PictureFilter {
    std::string campaignId;
    std::optional<std::string> compareToCampaignId;
    std::optional<std::string> locality; ///< a locality id of the population table
    std::optional<std::string> from;     ///< YYYY-MM-DD, inclusive
    std::optional<std::string> to;       ///< YYYY-MM-DD, inclusive
};

struct PictureOptions {
    std::int64_t minCell = kDefaultMinCell; ///< k of the small-cell rule
    double clusterRadiusM = 150.0;          ///< DBSCAN ε
    std::int64_t clusterMinPoints = 3;      ///< DBSCAN minPts (mentions incl. observations)
    double snapM = 20.0;             ///< positions binned to this grid (metres) before DBSCAN
    double significanceLevel = 0.05; ///< trend flag threshold on the p-value
    PostStratificationOptions weighting;
};

/// A share with its 95 % interval; `base` is the number of answers it is computed from
/// (weighted: Σw), `effectiveN` Kish's n_eff (unweighted: the count).
struct ShareEstimate {
    double share = 0.0;
    Interval ci;
    double base = 0.0;
    double effectiveN = 0.0;
};

struct CategoryCount {
    std::string id; ///< category id; "vet_ej" for don't know
    model::Text label;
    std::int64_t count = 0;
    double weightedShare = 0.0; ///< of all answers incl. vet ej
    bool suppressed = false;
    bool negative = false; ///< counts towards the question's negative share
};

struct BreakdownCell {
    std::string key;       ///< locality id, age band, gender id, or "unknown"
    std::int64_t base = 0; ///< answers excluding vet ej
    std::int64_t negative = 0;
    ShareEstimate unweighted;
    ShareEstimate weighted;
    bool suppressed = false;
};

struct Breakdown {
    std::string dimension; ///< "locality", "age_band", "gender"
    std::vector<BreakdownCell> cells;
    bool totalSuppressed = false;
};

/// Negative share now against the comparison campaign (weighted shares, n = n_eff).
struct Trend {
    std::string compareToCampaignId;
    ShareEstimate previous;
    std::int64_t previousBase = 0;
    double difference = 0.0; ///< now − then
    TwoProportionTest test;
    bool significant = false;
    bool suppressed = false;
};

struct QuestionResult {
    std::string id;
    model::QuestionType type = model::QuestionType::Single;
    model::FocusArea focusArea = model::FocusArea::General;
    bool background = false;
    model::Text text;
    std::int64_t answered = 0; ///< incl. vet ej
    std::int64_t dontKnow = 0;
    std::int64_t missing = 0;                ///< selected respondents without an answer
    std::vector<CategoryCount> distribution; ///< categories, then vet ej when offered
    bool distributionTotalSuppressed = false;
    bool hasNegative = false;
    std::int64_t negativeCount = 0;
    std::int64_t negativeBase = 0; ///< answers excluding vet ej
    ShareEstimate unweighted;      ///< Wilson
    ShareEstimate weighted;        ///< post-stratified, Wilson on Kish n_eff
    bool suppressed = false;       ///< negativeBase below k
    std::vector<Breakdown> breakdowns;
    std::optional<Trend> trend;
    std::optional<double> mean; ///< number questions
    std::optional<double> weightedMean;
};

struct FocusAreaResult {
    model::FocusArea area = model::FocusArea::General;
    bool hasScore = false;
    double concernScore = 0.0;           ///< mean weighted negative share of its questions
    std::optional<double> previousScore; ///< same questions in the comparison campaign
    int rank = 0;                        ///< 1 = highest concern; 0 when no score
    std::vector<std::string> questionIds;
    std::int64_t dialogueTopics = 0;
    bool dialogueTopicsSuppressed = false;
    std::vector<Indicator> indicators;
    bool suppressed = false; ///< a contributing question is below k
};

struct PlaceCluster {
    int rank = 0;
    double lat = 0.0; ///< mention-weighted centroid
    double lon = 0.0;
    std::optional<std::string> placeId; ///< nearest registry place within the radius
    std::optional<std::string> placeName;
    std::int64_t surveyMentions = 0;
    std::int64_t observations = 0;
    std::optional<double> severity;                            ///< 0..1 from walk observations
    std::array<std::int64_t, 4> timesOfDay{};                  ///< morning, day, evening, night
    std::vector<std::pair<std::string, std::int64_t>> reasons; ///< most frequent first
    bool suppressed = false; ///< fewer than k survey mentions plus observations
};

struct UnlocatedMention {
    std::string text; ///< free text: never public
    std::int64_t count = 0;
};

struct WeightingInfo {
    bool available = false;
    std::vector<std::pair<std::string, StratumScheme>> ageBands;
    double coveredPopulation = 0.0;
    double effectiveN = 0.0;   ///< Kish n_eff of all selected respondents
    double designEffect = 1.0; ///< n / n_eff
};

struct SituationPicture {
    PictureFilter filter;
    model::Text campaignName;
    std::int64_t minCell = kDefaultMinCell;
    std::int64_t respondents = 0;
    std::int64_t compareRespondents = 0;
    WeightingInfo weighting;
    std::vector<QuestionResult> questions;
    std::vector<FocusAreaResult> focusAreas; ///< ranked; the five areas (not "general")
    std::vector<PlaceCluster> places;        ///< ranked
    std::int64_t unclusteredMentions = 0;
    std::vector<UnlocatedMention> unlocated;
    std::int64_t dialogues = 0;
    std::int64_t peopleMet = 0;
    std::int64_t walks = 0;
    std::int64_t observations = 0;
};

/// The five focus areas the concern score ranks (every FocusArea but General).
inline constexpr std::array<model::FocusArea, 5> kRankedAreas{
    model::FocusArea::Drugs, model::FocusArea::Traffic, model::FocusArea::CloseViolence,
    model::FocusArea::EconomicCrime, model::FocusArea::UnsafePlaces};

} // namespace td::picture
