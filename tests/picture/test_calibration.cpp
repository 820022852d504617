#include "reference.hpp"
#include "td/picture/calibration.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

using namespace td::picture;

namespace {

// Strata of three dimensions (4 age bands, 3 localities, 2 genders, each with "not answered"
// as the last slot): stratum = (a · 4 + l) · 3 + g.
constexpr std::size_t kA = 4, kL = 3, kG = 2;
constexpr std::size_t kStrata = (kA + 1) * (kL + 1) * (kG + 1);

std::size_t stratum(std::size_t a, std::size_t l, std::size_t g) {
    return (a * (kL + 1) + l) * (kG + 1) + g;
}

std::vector<CalibrationMargin> margins(const std::vector<double>& ages,
                                       const std::vector<double>& localities,
                                       const std::vector<double>& genders) {
    CalibrationMargin age{"age_band", {"a0", "a1", "a2", "a3"}, ages, {}, true};
    CalibrationMargin loc{"locality", {"l0", "l1", "l2"}, localities, {}, false};
    CalibrationMargin gen{"gender", {"g0", "g1"}, genders, {}, false};
    for (std::size_t a = 0; a <= kA; ++a)
        for (std::size_t l = 0; l <= kL; ++l)
            for (std::size_t g = 0; g <= kG; ++g) {
                age.ofStratum.push_back(a < kA ? static_cast<int>(a) : -1);
                loc.ofStratum.push_back(l < kL ? static_cast<int>(l) : -1);
                gen.ofStratum.push_back(g < kG ? static_cast<int>(g) : -1);
            }
    return {age, loc, gen};
}

// Achieved Σ count·w per group of margin m.
std::vector<double> achieved(const Calibration& c, const std::vector<double>& counts,
                             std::size_t m) {
    std::vector<double> sum(c.groups[m].size(), 0.0);
    for (std::size_t s = 0; s < counts.size(); ++s)
        sum[static_cast<std::size_t>(c.groupOf[m][s])] += counts[s] * c.weights[s];
    return sum;
}

struct Problem {
    std::vector<double> counts;
    std::vector<CalibrationMargin> margins;
};

// A random sample whose composition differs from the population's: counts per stratum drawn
// with a bias by age, some background unanswered.
Problem randomProblem(std::mt19937_64& rng) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<double> ages(kA), locs(kL), gens(kG);
    double N = 0.0;
    for (double& a : ages)
        N += (a = 200 + 800 * u(rng));
    double locShare = 0.0;
    std::vector<double> raw(kL);
    for (double& r : raw)
        locShare += (r = 0.2 + u(rng));
    for (std::size_t l = 0; l < kL; ++l)
        locs[l] = N * raw[l] / locShare;
    const double female = 0.4 + 0.2 * u(rng);
    gens = {N * female, N * (1 - female)};
    Problem p{std::vector<double>(kStrata, 0.0), margins(ages, locs, gens)};
    for (std::size_t a = 0; a <= kA; ++a)
        for (std::size_t l = 0; l <= kL; ++l)
            for (std::size_t g = 0; g <= kG; ++g) {
                const bool unknown = a == kA || l == kL || g == kG;
                const double mean = unknown ? 0.6 : 6.0 + 2.0 * static_cast<double>(a);
                p.counts[stratum(a, l, g)] = std::floor(mean * (0.3 + 1.4 * u(rng)));
            }
    return p;
}

// Leaves out the respondents who did not give all their background.
void everyoneAnswered(Problem& p) {
    for (std::size_t a = 0; a <= kA; ++a)
        for (std::size_t l = 0; l <= kL; ++l)
            for (std::size_t g = 0; g <= kG; ++g)
                if (a == kA || l == kL || g == kG)
                    p.counts[stratum(a, l, g)] = 0;
}

} // namespace

TEST_CASE("Raking reproduces the margins (random problems)") {
    std::mt19937_64 rng(42);
    for (int trial = 0; trial < 200; ++trial) {
        Problem p = randomProblem(rng);
        CalibrationOptions o;
        o.minGroupRespondents = 0.0;
        o.lowerBound = 0.0;
        o.upperBound = 1e9;
        const Calibration c = calibrate(p.counts, p.margins, o);
        REQUIRE(c.available);
        REQUIRE(c.converged);
        for (std::size_t m = 0; m < 3; ++m) {
            const std::vector<double> got = achieved(c, p.counts, m);
            for (std::size_t g = 0; g < got.size(); ++g)
                CHECK(got[g] == Approx(c.groups[m][g].population).epsilon(1e-10));
        }
        double total = 0.0;
        for (std::size_t s = 0; s < kStrata; ++s)
            total += p.counts[s] * c.weights[s];
        CHECK(total == Approx(c.population).epsilon(1e-10));
    }
}

TEST_CASE("Unbounded raking equals classical IPF on the respondents") {
    std::mt19937_64 rng(7);
    Problem p = randomProblem(rng);
    // Everyone answered: only known strata.
    everyoneAnswered(p);
    CalibrationOptions o;
    o.minGroupRespondents = 0.0;
    o.lowerBound = 0.0;
    o.upperBound = 1e9;
    const Calibration c = calibrate(p.counts, p.margins, o);
    std::vector<reference::Person> people;
    std::vector<std::size_t> strataOf;
    for (std::size_t a = 0; a < kA; ++a)
        for (std::size_t l = 0; l < kL; ++l)
            for (std::size_t g = 0; g < kG; ++g)
                for (int i = 0; i < static_cast<int>(p.counts[stratum(a, l, g)]); ++i) {
                    people.push_back({{int(a), int(l), int(g)}, 0.0, false});
                    strataOf.push_back(stratum(a, l, g));
                }
    const std::vector<double> w =
        reference::rake(people, {p.margins[0].totals, p.margins[1].totals, p.margins[2].totals});
    for (std::size_t i = 0; i < people.size(); ++i)
        CHECK(c.weights[strataOf[i]] == Approx(w[i]).epsilon(1e-9));
}

TEST_CASE("Trimming holds its cap, and the margins where the cap allows them") {
    std::mt19937_64 rng(99);
    int binding = 0, converged = 0;
    for (int trial = 0; trial < 200; ++trial) {
        Problem p = randomProblem(rng);
        CalibrationOptions o;
        o.lowerBound = 0.4;
        o.upperBound = 2.5;
        const Calibration c = calibrate(p.counts, p.margins, o);
        REQUIRE(c.available);
        const double mean = c.population / c.respondents;
        for (std::size_t s = 0; s < kStrata; ++s) {
            if (p.counts[s] == 0)
                continue;
            CHECK(c.weights[s] >= 0.4 * mean * (1 - 1e-12));
            CHECK(c.weights[s] <= 2.5 * mean * (1 + 1e-12));
        }
        binding += c.atBound > 0 ? 1 : 0;
        if (!c.converged)
            continue;
        ++converged;
        for (std::size_t m = 0; m < 3; ++m) {
            const std::vector<double> got = achieved(c, p.counts, m);
            for (std::size_t g = 0; g < got.size(); ++g)
                CHECK(got[g] == Approx(c.groups[m][g].population).epsilon(1e-9));
        }
    }
    // The test means something: the cap binds in many problems, and most still converge.
    INFO(binding << " binding, " << converged << " converged");
    CHECK(binding > 40);
    CHECK(converged > 100);
}

TEST_CASE("The default cap of 5 × the mean weight holds for a sample far from the population") {
    // One locality has a twentieth of its population's share in the sample.
    std::vector<double> counts(kStrata, 0.0);
    for (std::size_t a = 0; a < kA; ++a)
        for (std::size_t g = 0; g < kG; ++g) {
            counts[stratum(a, 0, g)] = 40;
            counts[stratum(a, 1, g)] = 40;
            counts[stratum(a, 2, g)] = 2;
        }
    const Calibration c = calibrate(
        counts, margins({250, 250, 250, 250}, {333, 333, 334}, {500, 500}), CalibrationOptions{});
    const double mean = c.population / c.respondents;
    for (std::size_t s = 0; s < kStrata; ++s)
        if (counts[s] > 0)
            CHECK(c.weights[s] <= 5.0 * mean * (1 + 1e-12));
    CHECK(c.atBound > 0);
    CHECK_FALSE(c.converged); // 5 × is not enough to give l2 its third: reported, not hidden
    CHECK(c.maxMisfit > 0.01);
}

TEST_CASE("Sparse categories are pooled as documented; the unanswered keep their share") {
    std::vector<double> counts(kStrata, 0.0);
    // Age bands: 30, 4, 6, 40 respondents (gender g0, locality l0; 5 without an age band).
    const double ages[] = {30, 4, 6, 40};
    for (std::size_t a = 0; a < kA; ++a)
        counts[stratum(a, 0, 0)] = ages[a];
    counts[stratum(kA, 0, 0)] = 5;
    // Localities: l1 and l2 get 3 and 2 of the band-0 respondents.
    counts[stratum(0, 0, 0)] -= 5;
    counts[stratum(0, 1, 0)] = 3;
    counts[stratum(0, 2, 0)] = 2;
    CalibrationOptions o;
    o.minGroupRespondents = 10;
    const Calibration c =
        calibrate(counts, margins({100, 100, 100, 100}, {200, 100, 100}, {200, 200}), o);
    REQUIRE(c.available);
    // Ages: a1 (4) joins its smaller neighbour a2 (6): 10 respondents, enough.
    REQUIRE(c.groups[0].size() == 4); // a0, a1+a2, a3, not answered
    CHECK(c.groups[0][1].categories == std::vector<std::string>{"a1", "a2"});
    CHECK(c.groups[0][1].respondents == 10);
    CHECK(c.groups[0][3].categories.empty());
    CHECK(c.groups[0][3].population == Approx(400.0 * 5 / 85));
    CHECK(c.groups[0][0].population == Approx(100.0 * 80 / 85));
    // Localities: l2 (2) joins the smallest other group, l1 (3): 5, still sparse, then l0.
    REQUIRE(c.groups[1].size() == 1);
    CHECK(c.groups[1][0].categories == std::vector<std::string>{"l0", "l1", "l2"});
    // Genders: nobody answered g1; g1 joins g0.
    REQUIRE(c.groups[2].size() == 1);
    CHECK(c.converged);
}

TEST_CASE("Linearised variance matches the respondent-level formula") {
    std::mt19937_64 rng(5);
    Problem p = randomProblem(rng);
    everyoneAnswered(p);
    CalibrationOptions o;
    o.minGroupRespondents = 0.0;
    const Calibration c = calibrate(p.counts, p.margins, o);
    const Projector projector(c, p.counts);
    // y: 1 for every third respondent of a stratum; the domain: locality l1, and those who
    // answered (every respondent but each stratum's first).
    std::vector<reference::Person> people;
    std::vector<double> w;
    DomainSums sums;
    sums.reset(kStrata);
    for (std::size_t a = 0; a < kA; ++a)
        for (std::size_t l = 0; l < kL; ++l)
            for (std::size_t g = 0; g < kG; ++g) {
                const std::size_t s = stratum(a, l, g);
                for (int i = 0; i < static_cast<int>(p.counts[s]); ++i) {
                    const bool in = l == 1 && i > 0;
                    const double y = i % 3 == 0 ? 1.0 : 0.0;
                    people.push_back({{int(a), int(l), int(g)}, y, in});
                    w.push_back(c.weights[s]);
                    if (in) {
                        sums.count[s] += 1;
                        sums.sumY[s] += y;
                        sums.sumY2[s] += y * y;
                    }
                }
            }
    const LinearisedMean got = linearisedMean(c, projector, p.counts, sums);
    const reference::Estimate want = reference::calibratedMean(people, w, {kA, kL, kG});
    CHECK(got.mean == Approx(want.mean).epsilon(1e-12));
    CHECK(got.variance == Approx(want.variance).epsilon(1e-9));
    CHECK(got.variance > 0);
}

TEST_CASE("Without a population the design is unweighted: the variance is s²/n") {
    std::vector<double> counts{10, 0, 20};
    const Calibration c = calibrate(counts, {}, CalibrationOptions{});
    CHECK_FALSE(c.available);
    const Projector projector(c, counts);
    DomainSums sums;
    sums.reset(3);
    sums.count = {10, 0, 20};
    sums.sumY = {4, 0, 5};
    sums.sumY2 = {4, 0, 5};
    const LinearisedMean m = linearisedMean(c, projector, counts, sums);
    const double p = 9.0 / 30.0;
    CHECK(m.mean == Approx(p));
    CHECK(m.variance == Approx(p * (1 - p) / 29.0));
}
