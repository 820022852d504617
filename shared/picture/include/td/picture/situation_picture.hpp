#pragma once
// SituationPicture (lägesbild): the merged picture for one campaign and filter. It holds every
// figure with its suppression flag (for coordinators); publicSummary() keeps only what may be
// published.

#include "td/model/common.hpp"
#include "td/model/survey.hpp"
#include "td/picture/calibration.hpp"
#include "td/picture/indicators.hpp"
#include "td/picture/population.hpp"
#include "td/picture/ranking.hpp"
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
    std::optional<std::string> from;     ///< YYYY-MM-DD (Swedish local date), inclusive
    std::optional<std::string> to;       ///< YYYY-MM-DD (Swedish local date), inclusive
};

struct PictureOptions {
    std::int64_t minCell = kDefaultMinCell; ///< k of the small-cell rule
    double clusterRadiusM = 150.0;          ///< DBSCAN ε
    std::int64_t clusterMinPoints = 3;      ///< DBSCAN minPts (mentions incl. observations)
    double snapM = 20.0;             ///< positions binned to this grid (metres) before DBSCAN
    double significanceLevel = 0.05; ///< false discovery rate of the trend verdicts
    CalibrationOptions weighting;
    BootstrapOptions ranking; ///< its `weighting` is taken from `weighting`
};

/// A proportion or mean with its 95 % interval. Weighted: calibrated estimate, linearised
/// standard error, logit interval, `base` = Σw, `effectiveN` = p(1−p)/se² (the number of simple
/// random answers it is worth). Unweighted: Wilson interval, `base` = `effectiveN` = the count.
struct ShareEstimate {
    double share = 0.0;
    Interval ci;
    double se = 0.0;
    double base = 0.0;
    double effectiveN = 0.0;
};

struct CategoryCount {
    std::string id; ///< category id; "vet_ej" for don't know
    model::Text label;
    std::int64_t count = 0;
    double weightedShare = 0.0; ///< of all answers incl. vet ej
    bool suppressed = false;
    bool negative = false;       ///< counts towards the question's negative share
    bool nonSubstantive = false; ///< "vet ej" or a choice marked non-substantive: not in the base
};

struct BreakdownCell {
    std::string key;       ///< locality id, age band, gender id, or "unknown"
    std::int64_t base = 0; ///< substantive answers
    std::int64_t negative = 0;
    std::optional<ShareEstimate> unweighted; ///< absent when the base is 0
    std::optional<ShareEstimate> weighted;
    bool suppressed = false;
};

struct Breakdown {
    std::string dimension; ///< "locality", "age_band", "gender"
    std::vector<BreakdownCell> cells;
    bool totalSuppressed = false;
};

/// A weighted estimate now against the comparison campaign: the difference (now − then) with
/// its interval and Wald test, and the Benjamini–Hochberg adjusted p-value over the picture's
/// tests; `significant` is the adjusted verdict.
struct Trend {
    std::string compareToCampaignId;
    ShareEstimate previous;
    std::int64_t previousBase = 0;
    DifferenceTest test;
    double pAdjusted = 1.0;
    bool significant = false;
    bool suppressed = false;
};

struct MeanEstimate {
    double mean = 0.0;
    double se = 0.0;
    Interval ci;
};

struct QuestionResult {
    std::string id;
    model::QuestionType type = model::QuestionType::Single;
    model::FocusArea focusArea = model::FocusArea::General;
    bool background = false;
    model::Text text;
    std::int64_t answered = 0; ///< incl. vet ej
    std::int64_t dontKnow = 0;
    std::int64_t nonSubstantive = 0;         ///< answers outside the base: vet ej + marked choices
    std::int64_t missing = 0;                ///< selected respondents without an answer
    std::vector<CategoryCount> distribution; ///< categories, then vet ej when offered
    bool distributionTotalSuppressed = false;
    bool hasNegative = false;
    std::int64_t negativeCount = 0;
    std::int64_t negativeBase = 0; ///< substantive answers
    ShareEstimate unweighted;      ///< Wilson
    ShareEstimate weighted;        ///< calibrated, linearised, logit interval
    bool suppressed = false;       ///< negativeBase below k
    std::vector<Breakdown> breakdowns;
    std::optional<Trend> trend;
    std::optional<double> mean; ///< number questions
    std::optional<MeanEstimate> weightedMean;
};

struct FocusAreaResult {
    model::FocusArea area = model::FocusArea::General;
    bool hasScore = false;
    /// The concern score: the weighted mean over residents of the share of the area's worry
    /// items (scale questions with a negative definition) they answer with worry.
    ShareEstimate score;
    std::int64_t scoreBase = 0; ///< respondents who answered a worry item substantively
    std::optional<Trend> trend; ///< the score against the comparison campaign
    int rank = 0;               ///< 1 = highest concern; 0 when no score
    std::optional<AreaRank> rankInterval;
    std::vector<model::FocusArea> indistinguishable; ///< areas whose rank intervals overlap
    std::vector<std::string> questionIds;            ///< the worry items in the score
    std::vector<std::string> experienceIds;          ///< experience items, reported beside it
    std::int64_t dialogueTopics = 0;
    bool dialogueTopicsSuppressed = false;
    std::vector<Indicator> indicators;
    bool suppressed = false; ///< a worry item or the score base is below k
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
    std::int64_t respondents = 0; ///< distinct respondents among the survey mentions
    std::int64_t walks = 0;       ///< distinct walks among the observations
    bool suppressed = false;      ///< fewer than k distinct respondents plus walks
};

struct UnlocatedMention {
    std::string text; ///< free text: never public
    std::int64_t count = 0;
};

/// One raked margin as used: its source and the groups (pooled categories) with their targets.
struct WeightingMargin {
    std::string dimension;
    MarginSource source;
    std::vector<CalibrationGroup> groups;
};

struct WeightingInfo {
    bool available = false;
    std::vector<WeightingMargin> margins;
    double coveredPopulation = 0.0; ///< N, what the weights add up to
    double lowerBound = 0.0;        ///< the weight bounds relative to the mean weight
    double upperBound = 0.0;
    double atBound = 0.0; ///< respondents whose weight sits at a bound
    bool converged = false;
    double maxMisfit = 0.0;
    double effectiveN = 0.0;   ///< Kish n_eff of the design's respondents
    double designEffect = 1.0; ///< n / n_eff (Kish): the weighting's loss of precision
};

struct RankingInfo {
    bool available = false;
    /// Taken from the campaign's aggregate (its responses deleted). Not in the JSON: the
    /// picture is the same either way.
    bool precomputed = false;
    int replicates = 0;
    std::uint64_t seed = 0;
    /// The selection's respondents when the intervals were bootstrapped (for an aggregate's,
    /// all it stands for): cached intervals serve while it grows by at most 1 %.
    std::int64_t respondents = 0;
};

struct SituationPicture {
    PictureFilter filter;
    model::Text campaignName;
    std::int64_t campaignYear = 0;
    std::int64_t compareYear = 0;
    std::int64_t minCell = kDefaultMinCell;
    std::int64_t respondents = 0;
    std::int64_t compareRespondents = 0;
    WeightingInfo weighting;
    RankingInfo ranking;
    double significanceLevel = 0.05;
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

} // namespace td::picture
