#include "td/picture/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace td::picture {

namespace {

// The groups of one margin: pooled categories (and those who did not answer), each with its
// target and the group of every stratum.
struct Grouping {
    std::vector<CalibrationGroup> groups;
    std::vector<int> ofStratum;
};

Grouping groupMargin(const CalibrationMargin& margin, std::span<const double> counts, double n,
                     double N, double minRespondents) {
    const std::size_t K = margin.categories.size();
    std::vector<double> sample(K, 0.0);
    double unknown = 0.0;
    for (std::size_t s = 0; s < counts.size(); ++s) {
        const int k = margin.ofStratum[s];
        (k < 0 ? unknown : sample[static_cast<std::size_t>(k)]) += counts[s];
    }
    // Pool sparse categories. Each group is a list of categories (contiguous when ordered).
    std::vector<std::vector<std::size_t>> members(K);
    std::vector<double> size = sample;
    for (std::size_t k = 0; k < K; ++k)
        members[k] = {k};
    while (members.size() > 1) {
        std::size_t smallest = 0;
        for (std::size_t g = 1; g < members.size(); ++g)
            if (size[g] < size[smallest])
                smallest = g;
        if (size[smallest] >= minRespondents)
            break;
        std::size_t other = 0;
        if (margin.ordered) {
            if (smallest == 0)
                other = 1;
            else if (smallest + 1 == members.size())
                other = smallest - 1;
            else
                other = size[smallest + 1] < size[smallest - 1] ? smallest + 1 : smallest - 1;
        } else {
            other = smallest == 0 ? 1 : 0;
            for (std::size_t g = 0; g < members.size(); ++g)
                if (g != smallest && size[g] < size[other])
                    other = g;
        }
        const std::size_t keep = std::min(smallest, other), drop = std::max(smallest, other);
        members[keep].insert(members[keep].end(), members[drop].begin(), members[drop].end());
        std::sort(members[keep].begin(), members[keep].end());
        size[keep] += size[drop];
        members.erase(members.begin() + static_cast<std::ptrdiff_t>(drop));
        size.erase(size.begin() + static_cast<std::ptrdiff_t>(drop));
    }
    Grouping out;
    std::vector<int> groupOfCategory(K, 0);
    const double knownShare = (n - unknown) / n;
    const double marginTotal = std::accumulate(margin.totals.begin(), margin.totals.end(), 0.0);
    for (std::size_t g = 0; g < members.size(); ++g) {
        CalibrationGroup group;
        for (std::size_t k : members[g]) {
            group.categories.push_back(margin.categories[k]);
            group.population += margin.totals[k];
            groupOfCategory[k] = static_cast<int>(g);
        }
        group.population *= knownShare * N / marginTotal;
        group.respondents = size[g];
        out.groups.push_back(std::move(group));
    }
    // Strata of the unanswered belong to their group; without respondents there is none, and
    // any group does (they weigh nothing).
    const int unknownGroup = unknown > 0.0 ? static_cast<int>(out.groups.size()) : 0;
    if (unknown > 0.0)
        out.groups.push_back({{}, N * unknown / n, unknown, 0.0});
    out.ofStratum.resize(counts.size());
    for (std::size_t s = 0; s < counts.size(); ++s) {
        const int k = margin.ofStratum[s];
        out.ofStratum[s] = k < 0 ? unknownGroup : groupOfCategory[static_cast<std::size_t>(k)];
    }
    return out;
}

// The factor F with Σ n·clip(F·r, lo, hi) = target over one group's strata (n, r). When the
// bounds cannot reach the target, the F that comes closest; `reached` tells.
double solveFactor(std::vector<std::pair<double, double>>& members, double target, double lo,
                   double hi, bool& reached) {
    double n = 0.0, nr = 0.0;
    for (const auto& [count, r] : members) {
        n += count;
        nr += count * r;
    }
    reached = true;
    const double plain = target / nr;
    bool inside = true;
    for (const auto& m : members)
        inside = inside && plain * m.second >= lo && plain * m.second <= hi;
    if (inside)
        return plain;
    double lowest = INFINITY, highest = 0.0;
    for (const auto& m : members) {
        lowest = std::min(lowest, lo / m.second);
        highest = std::max(highest, hi / m.second);
    }
    if (target <= lo * n) {
        reached = target >= lo * n * (1.0 - 1e-12);
        return lowest;
    }
    if (target >= hi * n) {
        reached = target <= hi * n * (1.0 + 1e-12);
        return highest;
    }
    // h(F) is continuous, piecewise linear and increasing between its breakpoints lo/r, hi/r.
    std::vector<double> breaks;
    for (const auto& m : members) {
        breaks.push_back(lo / m.second);
        breaks.push_back(hi / m.second);
    }
    std::sort(breaks.begin(), breaks.end());
    auto h = [&](double F) {
        double sum = 0.0;
        for (const auto& [count, r] : members)
            sum += count * std::clamp(F * r, lo, hi);
        return sum;
    };
    double left = breaks.front(), hLeft = h(left);
    for (double right : breaks) {
        const double hRight = h(right);
        if (hRight >= target) {
            if (hRight == hLeft)
                return right;
            return left + (right - left) * (target - hLeft) / (hRight - hLeft);
        }
        left = right;
        hLeft = hRight;
    }
    return highest;
}

} // namespace

Calibration calibrate(std::span<const double> counts, const std::vector<CalibrationMargin>& margins,
                      const CalibrationOptions& options) {
    Calibration c;
    const std::size_t S = counts.size();
    c.weights.assign(S, 1.0);
    c.respondents = std::accumulate(counts.begin(), counts.end(), 0.0);
    if (margins.empty() || !(c.respondents > 0.0))
        return c;
    c.population =
        std::accumulate(margins.front().totals.begin(), margins.front().totals.end(), 0.0);
    if (!(c.population > 0.0))
        return c;
    c.available = true;
    const double d = c.population / c.respondents;
    const double lo = options.lowerBound, hi = options.upperBound;
    c.lowerWeight = lo * d;
    c.upperWeight = hi * d;
    for (const CalibrationMargin& m : margins) {
        Grouping g =
            groupMargin(m, counts, c.respondents, c.population, options.minGroupRespondents);
        c.dimensions.push_back(m.dimension);
        c.groups.push_back(std::move(g.groups));
        c.groupOf.push_back(std::move(g.ofStratum));
    }
    const std::size_t M = margins.size();
    std::vector<std::size_t> active;
    for (std::size_t s = 0; s < S; ++s)
        if (counts[s] > 0.0)
            active.push_back(s);
    // Factors per margin group (the unclipped product gives a stratum's g-weight).
    std::vector<std::vector<double>> factor(M);
    for (std::size_t m = 0; m < M; ++m)
        factor[m].assign(c.groups[m].size(), 1.0);
    auto product = [&](std::size_t s, std::size_t skip) {
        double p = 1.0;
        for (std::size_t m = 0; m < M; ++m)
            if (m != skip)
                p *= factor[m][static_cast<std::size_t>(c.groupOf[m][s])];
        return p;
    };
    std::vector<std::vector<std::pair<double, double>>> members;
    bool reachable = true;
    for (c.sweeps = 1; c.sweeps <= options.maxSweeps; ++c.sweeps) {
        reachable = true;
        for (std::size_t m = 0; m < M; ++m) {
            members.assign(c.groups[m].size(), {});
            for (std::size_t s : active)
                members[static_cast<std::size_t>(c.groupOf[m][s])].emplace_back(counts[s],
                                                                                product(s, m));
            for (std::size_t g = 0; g < members.size(); ++g) {
                if (members[g].empty())
                    continue;
                bool reached = true;
                // Bounded away from 0 and ∞: an unreachable margin must not drive the others'
                // factors to overflow.
                factor[m][g] = std::clamp(
                    solveFactor(members[g], c.groups[m][g].population / d, lo, hi, reached), 1e-9,
                    1e9);
                reachable = reachable && reached;
            }
        }
        c.maxMisfit = 0.0;
        for (std::size_t m = 0; m < M; ++m) {
            std::vector<double> achieved(c.groups[m].size(), 0.0);
            for (std::size_t s : active)
                achieved[static_cast<std::size_t>(c.groupOf[m][s])] +=
                    counts[s] * d * std::clamp(product(s, M), lo, hi);
            for (std::size_t g = 0; g < achieved.size(); ++g) {
                CalibrationGroup& group = c.groups[m][g];
                group.weighted = achieved[g];
                if (group.respondents > 0.0)
                    c.maxMisfit = std::max(c.maxMisfit, std::fabs(achieved[g] - group.population) /
                                                            (1.0 + group.population));
            }
        }
        if (c.maxMisfit <= options.tolerance) {
            c.converged = true;
            break;
        }
        if (!reachable && c.sweeps >= 50)
            break;
    }
    c.sweeps = std::min(c.sweeps, options.maxSweeps);
    for (std::size_t s = 0; s < S; ++s) {
        const double g = std::clamp(product(s, M), lo, hi);
        c.weights[s] = d * g;
        if (counts[s] > 0.0 && (g <= lo * (1.0 + 1e-12) || g >= hi * (1.0 - 1e-12)))
            c.atBound += counts[s];
    }
    return c;
}

Projector::Projector(const Calibration& calibration, std::span<const double> counts) {
    if (!calibration.available)
        return;
    for (std::size_t m = 0; m < calibration.groups.size(); ++m) {
        m_offset.push_back(m_columns);
        m_columns += calibration.groups[m].size();
        m_groupOf.push_back(calibration.groupOf[m]);
    }
    const std::size_t p = m_columns;
    std::vector<double> gram(p * p, 0.0);
    std::vector<std::size_t> cols(m_groupOf.size());
    for (std::size_t s = 0; s < counts.size(); ++s) {
        if (!(counts[s] > 0.0))
            continue;
        for (std::size_t m = 0; m < cols.size(); ++m)
            cols[m] = m_offset[m] + static_cast<std::size_t>(m_groupOf[m][s]);
        for (std::size_t a : cols)
            for (std::size_t b : cols)
                gram[a * p + b] += counts[s];
    }
    // Cholesky over the columns that are independent of the earlier ones.
    std::vector<double> L(p * p, 0.0);
    for (std::size_t j = 0; j < p; ++j) {
        double diag = gram[j * p + j];
        for (std::size_t k : m_kept)
            diag -= L[j * p + k] * L[j * p + k];
        if (!(diag > 1e-9 * std::max(1.0, gram[j * p + j])))
            continue;
        const double root = std::sqrt(diag);
        for (std::size_t i = j + 1; i < p; ++i) {
            double v = gram[i * p + j];
            for (std::size_t k : m_kept)
                v -= L[i * p + k] * L[j * p + k];
            L[i * p + j] = v / root;
        }
        L[j * p + j] = root;
        m_kept.push_back(j);
    }
    const std::size_t q = m_kept.size();
    m_chol.assign(q * q, 0.0);
    for (std::size_t a = 0; a < q; ++a)
        for (std::size_t b = 0; b <= a; ++b)
            m_chol[a * q + b] = L[m_kept[a] * p + m_kept[b]];
}

void Projector::fit(std::span<const double> totals, std::vector<double>& fitted) const {
    fitted.assign(totals.size(), 0.0);
    if (m_columns == 0)
        return;
    std::vector<double> rhs(m_columns, 0.0);
    for (std::size_t s = 0; s < totals.size(); ++s) {
        if (totals[s] == 0.0)
            continue;
        for (std::size_t m = 0; m < m_groupOf.size(); ++m)
            rhs[m_offset[m] + static_cast<std::size_t>(m_groupOf[m][s])] += totals[s];
    }
    const std::size_t q = m_kept.size();
    std::vector<double> beta(q);
    for (std::size_t a = 0; a < q; ++a) { // L y = b
        double v = rhs[m_kept[a]];
        for (std::size_t b = 0; b < a; ++b)
            v -= m_chol[a * q + b] * beta[b];
        beta[a] = v / m_chol[a * q + a];
    }
    for (std::size_t a = q; a-- > 0;) { // Lᵀ β = y
        double v = beta[a];
        for (std::size_t b = a + 1; b < q; ++b)
            v -= m_chol[b * q + a] * beta[b];
        beta[a] = v / m_chol[a * q + a];
    }
    std::vector<double> coefficient(m_columns, 0.0);
    for (std::size_t a = 0; a < q; ++a)
        coefficient[m_kept[a]] = beta[a];
    for (std::size_t s = 0; s < totals.size(); ++s)
        for (std::size_t m = 0; m < m_groupOf.size(); ++m)
            fitted[s] += coefficient[m_offset[m] + static_cast<std::size_t>(m_groupOf[m][s])];
}

void DomainSums::reset(std::size_t strata) {
    count.assign(strata, 0.0);
    sumY.assign(strata, 0.0);
    sumY2.assign(strata, 0.0);
}

LinearisedMean linearisedMean(const Calibration& calibration, const Projector& projector,
                              std::span<const double> counts, const DomainSums& domain) {
    LinearisedMean out;
    const std::vector<double>& w = calibration.weights;
    double weightedY = 0.0;
    for (std::size_t s = 0; s < counts.size(); ++s) {
        out.count += domain.count[s];
        out.weightedCount += w[s] * domain.count[s];
        weightedY += w[s] * domain.sumY[s];
    }
    if (!(out.weightedCount > 0.0))
        return out;
    out.mean = weightedY / out.weightedCount;
    // Influence of respondent i: u = (y − mean) / W in the domain, 0 elsewhere; its residual
    // on the calibration groups, times the weight, is the linearised variable.
    const double W = out.weightedCount, ybar = out.mean;
    std::vector<double> u(counts.size(), 0.0);
    for (std::size_t s = 0; s < counts.size(); ++s)
        u[s] = (domain.sumY[s] - ybar * domain.count[s]) / W;
    std::vector<double> fitted;
    projector.fit(u, fitted);
    double n = 0.0, sumX = 0.0, sumX2 = 0.0;
    for (std::size_t s = 0; s < counts.size(); ++s) {
        if (!(counts[s] > 0.0))
            continue;
        n += counts[s];
        const double mu = fitted[s];
        const double u2 =
            (domain.sumY2[s] - 2.0 * ybar * domain.sumY[s] + ybar * ybar * domain.count[s]) /
            (W * W);
        sumX += w[s] * (u[s] - counts[s] * mu);
        sumX2 += w[s] * w[s] * (u2 - 2.0 * mu * u[s] + counts[s] * mu * mu);
    }
    if (n > 1.0)
        out.variance = std::max(0.0, n / (n - 1.0) * (sumX2 - sumX * sumX / n));
    return out;
}

} // namespace td::picture
