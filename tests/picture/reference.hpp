#pragma once
// Independent reference computations for the lägesbild tests, on one row per respondent (the
// library works on counts per stratum): classical raking and the linearised variance of a
// calibrated mean, written out from the textbook formulas.

#include <cmath>
#include <cstddef>
#include <vector>

namespace reference {

/// One respondent: a category per raking dimension and the variable (nullopt-like: `inDomain`).
struct Person {
    std::vector<int> category; ///< per dimension
    double y = 0.0;
    bool inDomain = false;
};

/// Classical iterative proportional fitting on the respondents (no bounds), starting from
/// weights N / n: scale each dimension's categories to their totals in turn until stable.
inline std::vector<double> rake(const std::vector<Person>& people,
                                const std::vector<std::vector<double>>& totals) {
    double N = 0.0;
    for (double t : totals.front())
        N += t;
    std::vector<double> w(people.size(), N / static_cast<double>(people.size()));
    for (int sweep = 0; sweep < 10000; ++sweep) {
        double change = 0.0;
        for (std::size_t d = 0; d < totals.size(); ++d) {
            std::vector<double> sum(totals[d].size(), 0.0);
            for (std::size_t i = 0; i < people.size(); ++i)
                sum[static_cast<std::size_t>(people[i].category[d])] += w[i];
            for (std::size_t i = 0; i < people.size(); ++i) {
                const auto c = static_cast<std::size_t>(people[i].category[d]);
                const double factor = totals[d][c] / sum[c];
                change = std::fmax(change, std::fabs(factor - 1.0));
                w[i] *= factor;
            }
        }
        if (change < 1e-15)
            break;
    }
    return w;
}

/// Solves A x = b (n×n, row-major) by Gaussian elimination with partial pivoting.
inline std::vector<double> solve(std::vector<double> A, std::vector<double> b) {
    const std::size_t n = b.size();
    for (std::size_t col = 0; col < n; ++col) {
        std::size_t pivot = col;
        for (std::size_t r = col + 1; r < n; ++r)
            if (std::fabs(A[r * n + col]) > std::fabs(A[pivot * n + col]))
                pivot = r;
        for (std::size_t c = 0; c < n; ++c)
            std::swap(A[col * n + c], A[pivot * n + c]);
        std::swap(b[col], b[pivot]);
        for (std::size_t r = col + 1; r < n; ++r) {
            const double f = A[r * n + col] / A[col * n + col];
            for (std::size_t c = col; c < n; ++c)
                A[r * n + c] -= f * A[col * n + c];
            b[r] -= f * b[col];
        }
    }
    std::vector<double> x(n);
    for (std::size_t r = n; r-- > 0;) {
        double v = b[r];
        for (std::size_t c = r + 1; c < n; ++c)
            v -= A[r * n + c] * x[c];
        x[r] = v / A[r * n + r];
    }
    return x;
}

/// The calibrated estimator of the domain mean of y and its linearised variance (Deville and
/// Särndal): influence z = (y − ȳ)/Ŵ in the domain, residual e of z on the calibration
/// variables (intercept and a dummy for every category but the first of each dimension, by
/// ordinary least squares), variance n/(n−1) Σ (w e − mean(w e))². Every category must occur.
struct Estimate {
    double mean = 0.0;
    double variance = 0.0;
};

inline Estimate calibratedMean(const std::vector<Person>& people, const std::vector<double>& w,
                               const std::vector<std::size_t>& categories) {
    const std::size_t n = people.size();
    double W = 0.0, Wy = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        if (people[i].inDomain) {
            W += w[i];
            Wy += w[i] * people[i].y;
        }
    Estimate e;
    e.mean = Wy / W;
    std::size_t p = 1;
    for (std::size_t k : categories)
        p += k - 1;
    std::vector<double> X(n * p, 0.0), z(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        X[i * p] = 1.0;
        std::size_t offset = 1;
        for (std::size_t d = 0; d < categories.size(); ++d) {
            const int c = people[i].category[d];
            if (c > 0)
                X[i * p + offset + static_cast<std::size_t>(c) - 1] = 1.0;
            offset += categories[d] - 1;
        }
        if (people[i].inDomain)
            z[i] = (people[i].y - e.mean) / W;
    }
    std::vector<double> XtX(p * p, 0.0), Xtz(p, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t a = 0; a < p; ++a) {
            Xtz[a] += X[i * p + a] * z[i];
            for (std::size_t b = 0; b < p; ++b)
                XtX[a * p + b] += X[i * p + a] * X[i * p + b];
        }
    const std::vector<double> beta = solve(XtX, Xtz);
    std::vector<double> u(n);
    double mean = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        double fit = 0.0;
        for (std::size_t a = 0; a < p; ++a)
            fit += X[i * p + a] * beta[a];
        u[i] = w[i] * (z[i] - fit);
        mean += u[i] / static_cast<double>(n);
    }
    for (std::size_t i = 0; i < n; ++i)
        e.variance += (u[i] - mean) * (u[i] - mean);
    e.variance *= static_cast<double>(n) / static_cast<double>(n - 1);
    return e;
}

} // namespace reference
