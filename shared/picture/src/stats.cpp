#include "td/picture/stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace td::picture {

Interval wilson(double successes, double n, double z) {
    if (!(n > 0.0))
        return {};
    const double p = std::clamp(successes / n, 0.0, 1.0);
    const double z2 = z * z;
    const double denom = 1.0 + z2 / n;
    const double centre = (p + z2 / (2.0 * n)) / denom;
    const double half = z / denom * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval logitInterval(double p, double se, double n, double z) {
    if (!(n > 0.0))
        return {};
    const double alpha = 2.0 * normalUpperTail(z);
    if (p <= 0.0)
        return {0.0, 1.0 - std::pow(alpha / 2.0, 1.0 / n)};
    if (p >= 1.0)
        return {std::pow(alpha / 2.0, 1.0 / n), 1.0};
    if (!(se > 0.0))
        return {p, p};
    const double logit = std::log(p / (1.0 - p));
    const double half = z * se / (p * (1.0 - p));
    auto expit = [](double x) {
        return 1.0 / (1.0 + std::exp(-x));
    };
    return {expit(logit - half), expit(logit + half)};
}

double kishEffectiveN(double sumW, double sumW2) {
    if (!(sumW2 > 0.0))
        return 0.0;
    return sumW * sumW / sumW2;
}

double normalUpperTail(double z) {
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

DifferenceTest differenceTest(double a, double seA, double b, double seB, double z95) {
    DifferenceTest t;
    t.difference = a - b;
    t.se = std::sqrt(seA * seA + seB * seB);
    t.ci = {t.difference - z95 * t.se, t.difference + z95 * t.se};
    if (!(t.se > 0.0))
        return t;
    t.z = t.difference / t.se;
    t.pValue = std::min(1.0, 2.0 * normalUpperTail(std::fabs(t.z)));
    t.valid = true;
    return t;
}

std::vector<double> benjaminiHochberg(std::span<const double> pValues) {
    const std::size_t m = pValues.size();
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return pValues[a] < pValues[b]; });
    std::vector<double> adjusted(m, 1.0);
    double running = 1.0;
    for (std::size_t rank = m; rank-- > 0;) {
        const std::size_t i = order[rank];
        running = std::min(running, pValues[i] * static_cast<double>(m) / (rank + 1.0));
        adjusted[i] = std::min(1.0, running);
    }
    return adjusted;
}

} // namespace td::picture
