#pragma once
// Survey statistics for the lägesbild: the Wilson interval for unweighted proportions, the logit
// interval for design-based (weighted) proportions, the Wald test of a difference between two
// independent estimates, and the Benjamini–Hochberg adjustment. The formulas are written out in
// docs/lagesbild.md.

#include <cstdint>
#include <span>
#include <vector>

namespace td::picture {

/// z for a two-sided 95 % interval: Φ⁻¹(0.975) to double precision.
inline constexpr double kZ95 = 1.959963984540054;

/// A closed interval [low, high].
struct Interval {
    double low = 0.0;
    double high = 0.0;
};

/// Wilson score interval for `successes` out of `n`; {0, 0} when n == 0.
Interval wilson(double successes, double n, double z = kZ95);

/// Interval for a proportion `p` estimated with standard error `se` from `n` answers: the logit
/// interval expit(logit p ± z·se / (p(1−p))) when 0 < p < 1 and se > 0; at p = 0 (or 1), where
/// the linearised variance is 0, the exact binomial bound [0, 1 − (α/2)^(1/n)] (or its mirror).
Interval logitInterval(double p, double se, double n, double z = kZ95);

/// Kish effective sample size (Σw)² / Σw²; 0 when Σw² == 0.
double kishEffectiveN(double sumW, double sumW2);

/// Standard normal upper tail P(Z > z).
double normalUpperTail(double z);

/// Wald comparison of two independent estimates: difference a − b, its standard error
/// √(se_a² + se_b²), 95 % interval, z and two-sided p. Not valid (p = 1) when the standard
/// error is 0.
struct DifferenceTest {
    double difference = 0.0;
    double se = 0.0;
    Interval ci;
    double z = 0.0;
    double pValue = 1.0;
    bool valid = false;
};
DifferenceTest differenceTest(double a, double seA, double b, double seB, double z95 = kZ95);

/// Benjamini–Hochberg adjusted p-values (step-up, monotone, capped at 1), in the input order.
std::vector<double> benjaminiHochberg(std::span<const double> pValues);

} // namespace td::picture
