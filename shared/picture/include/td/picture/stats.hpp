#pragma once
// Survey statistics for the lägesbild: proportions with 95 % intervals (Wilson), weighted
// shares with Kish's effective sample size, and the pooled two-proportion z-test.
// The formulas are written out in docs/lagesbild.md.

#include <cstdint>
#include <span>

namespace td::picture {

/// z for a two-sided 95 % interval.
inline constexpr double kZ95 = 1.959963984540054;

/// A closed interval [low, high] on the proportion scale.
struct Interval {
    double low = 0.0;
    double high = 0.0;
};

/// Wilson score interval for `successes` out of `n`; {0, 0} when n == 0.
Interval wilson(double successes, double n, double z = kZ95);

/// Wilson interval for a proportion `p` observed on an effective sample size `nEff`.
Interval wilsonFromShare(double p, double nEff, double z = kZ95);

/// Kish effective sample size (Σw)² / Σw²; 0 when Σw² == 0.
double kishEffectiveN(double sumW, double sumW2);

/// A weighted share Σw·y / Σw with its Kish n_eff and the Wilson interval on n_eff.
struct WeightedShare {
    double share = 0.0;
    double sumWeights = 0.0;
    double effectiveN = 0.0;
    Interval ci;
};

/// Accumulates (weight, indicator) pairs; weights must be ≥ 0.
class WeightedShareAccumulator {
public:
    void add(double weight, bool positive, double times = 1.0);
    WeightedShare result() const;

private:
    double m_sumW = 0.0;
    double m_sumW2 = 0.0;
    double m_sumWY = 0.0;
};

/// Weighted share of `indicators` (same length as `weights`).
WeightedShare weightedShare(std::span<const double> weights,
                            std::span<const std::uint8_t> indicators);

/// Result of the pooled two-proportion z-test of H0: p1 == p2.
struct TwoProportionTest {
    double p1 = 0.0;
    double p2 = 0.0;
    double difference = 0.0; ///< p1 − p2
    double z = 0.0;
    double pValue = 1.0; ///< two-sided; 1 when the test is undefined (n == 0 or pooled p ∈ {0,1})
    bool valid = false;
};

/// Pooled z-test on x1/n1 against x2/n2 (x and n may be effective, i.e. non-integral).
TwoProportionTest twoProportionTest(double x1, double n1, double x2, double n2);

/// Standard normal upper tail P(Z > z).
double normalUpperTail(double z);

} // namespace td::picture
