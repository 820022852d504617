#pragma once
// Calibration weights by raking (iterative proportional fitting) to population margins, with
// the weights bounded (truncated raking), and the linearisation of estimators under them.
// Respondents are grouped into strata (a stratum is one combination of background answers), so
// everything here works on counts per stratum. Method: docs/lagesbild.md, "Weights".

#include <span>
#include <string>
#include <vector>

namespace td::picture {

struct CalibrationOptions {
    /// A margin category with fewer respondents is pooled with another (see calibrate()).
    double minGroupRespondents = 10.0;
    /// Every weight lies in [lowerBound, upperBound] × the mean weight N / n.
    double lowerBound = 0.2;
    double upperBound = 5.0;
    /// Converged when every margin is met to |achieved − target| ≤ tolerance · (1 + target).
    double tolerance = 1e-12;
    int maxSweeps = 5000;
};

/// One background dimension to rake to.
struct CalibrationMargin {
    std::string dimension;               ///< "age_band", "locality", "gender"
    std::vector<std::string> categories; ///< population categories
    std::vector<double> totals;          ///< population per category (adds up to the total)
    std::vector<int> ofStratum;          ///< category of each stratum, −1 when not answered
    bool ordered = false;                ///< sparse categories pool with a neighbour (age bands)
};

/// A group of respondents whose weighted count is fixed to a population figure: one category,
/// several pooled sparse categories, or (categories empty) those who did not answer.
struct CalibrationGroup {
    std::vector<std::string> categories;
    double population = 0.0; ///< the target
    double respondents = 0.0;
    double weighted = 0.0; ///< achieved Σ w
};

struct Calibration {
    bool available = false;      ///< false: no population or no respondent; every weight is 1
    std::vector<double> weights; ///< per stratum
    std::vector<std::string> dimensions;
    std::vector<std::vector<CalibrationGroup>> groups; ///< [margin][group]
    std::vector<std::vector<int>> groupOf;             ///< [margin][stratum]
    double population = 0.0;                           ///< N, the weights' sum
    double respondents = 0.0;                          ///< n
    double lowerWeight = 0.0;                          ///< the bounds in weight units
    double upperWeight = 0.0;
    double atBound = 0.0; ///< respondents whose weight sits at a bound
    bool converged = false;
    double maxMisfit = 0.0; ///< max |achieved − target| / (1 + target)
    int sweeps = 0;
};

/// Rakes `counts` (respondents per stratum, ≥ 0, multiplicities allowed) to the margins.
/// Per margin, those who did not answer form a group whose target keeps their sample share of
/// N; the categories' totals are scaled to the rest. A category with fewer than
/// minGroupRespondents is pooled: with the smaller adjacent group when `ordered`, else with the
/// smallest other group, until every group has enough or one group is left. Weights are
/// w = (N / n) · clip(Π factors, lowerBound, upperBound), the factors found by cyclic exact
/// updates per margin (IPF; with the bounds, the truncated raking of Deville, Särndal and
/// Sautory 1993). When the bounds make a margin unreachable, `converged` is false.
Calibration calibrate(std::span<const double> counts, const std::vector<CalibrationMargin>& margins,
                      const CalibrationOptions& options = {});

/// Residuals of the linearisation: projects a per-respondent variable onto the calibration
/// groups (ordinary least squares on the group indicators, as for any calibration estimator),
/// given per-stratum totals. Columns that depend on others are dropped.
class Projector {
public:
    Projector() = default;
    Projector(const Calibration& calibration, std::span<const double> counts);
    /// Fitted value per stratum of the variable whose per-stratum sums are `totals`.
    void fit(std::span<const double> totals, std::vector<double>& fitted) const;
    bool empty() const { return m_columns == 0; }

private:
    std::size_t m_columns = 0;
    std::vector<std::size_t> m_offset;       ///< first column of each margin
    std::vector<std::vector<int>> m_groupOf; ///< [margin][stratum]
    std::vector<std::size_t> m_kept;         ///< independent columns
    std::vector<double> m_chol;              ///< Cholesky factor over the kept columns
};

/// Per-stratum sums of a variable y over one domain (zero outside it): how many respondents
/// give it, Σ y and Σ y². For a share y is 0/1 so sumY == sumY2.
struct DomainSums {
    std::vector<double> count;
    std::vector<double> sumY;
    std::vector<double> sumY2;
    void reset(std::size_t strata);
};

/// The weighted mean of y over a domain with its linearised variance (the with-replacement
/// estimator over the n respondents of the design, on the calibration residuals).
struct LinearisedMean {
    double mean = 0.0;
    double variance = 0.0;
    double weightedCount = 0.0; ///< Σ w over the domain
    double count = 0.0;
};

LinearisedMean linearisedMean(const Calibration& calibration, const Projector& projector,
                              std::span<const double> counts, const DomainSums& domain);

} // namespace td::picture
