#include "td/picture/stats.hpp"

#include <algorithm>
#include <cmath>

namespace td::picture {

Interval wilsonFromShare(double p, double nEff, double z) {
    if (!(nEff > 0.0))
        return {};
    p = std::clamp(p, 0.0, 1.0);
    const double z2 = z * z;
    const double denom = 1.0 + z2 / nEff;
    const double centre = (p + z2 / (2.0 * nEff)) / denom;
    const double half = z / denom * std::sqrt(p * (1.0 - p) / nEff + z2 / (4.0 * nEff * nEff));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval wilson(double successes, double n, double z) {
    if (!(n > 0.0))
        return {};
    return wilsonFromShare(successes / n, n, z);
}

double kishEffectiveN(double sumW, double sumW2) {
    if (!(sumW2 > 0.0))
        return 0.0;
    return sumW * sumW / sumW2;
}

void WeightedShareAccumulator::add(double weight, bool positive, double times) {
    m_sumW += weight * times;
    m_sumW2 += weight * weight * times;
    if (positive)
        m_sumWY += weight * times;
}

WeightedShare WeightedShareAccumulator::result() const {
    WeightedShare r;
    r.sumWeights = m_sumW;
    if (!(m_sumW > 0.0))
        return r;
    r.share = m_sumWY / m_sumW;
    r.effectiveN = kishEffectiveN(m_sumW, m_sumW2);
    r.ci = wilsonFromShare(r.share, r.effectiveN);
    return r;
}

WeightedShare weightedShare(std::span<const double> weights,
                            std::span<const std::uint8_t> indicators) {
    WeightedShareAccumulator acc;
    const std::size_t n = std::min(weights.size(), indicators.size());
    for (std::size_t i = 0; i < n; ++i)
        acc.add(weights[i], indicators[i] != 0);
    return acc.result();
}

double normalUpperTail(double z) {
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

TwoProportionTest twoProportionTest(double x1, double n1, double x2, double n2) {
    TwoProportionTest t;
    if (!(n1 > 0.0) || !(n2 > 0.0))
        return t;
    t.p1 = x1 / n1;
    t.p2 = x2 / n2;
    t.difference = t.p1 - t.p2;
    const double pooled = (x1 + x2) / (n1 + n2);
    const double variance = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
    if (!(variance > 0.0))
        return t;
    t.z = t.difference / std::sqrt(variance);
    t.pValue = std::min(1.0, 2.0 * normalUpperTail(std::fabs(t.z)));
    t.valid = true;
    return t;
}

} // namespace td::picture
