#include "td/picture/stats.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace td::picture;

namespace {

// Wilson's closed formula written out independently of the library.
std::pair<double, double> wilsonByHand(double k, double n) {
    const double z = 1.959963984540054;
    const double p = k / n;
    const double a = p + z * z / (2 * n);
    const double b = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    const double c = 1 + z * z / n;
    return {(a - b) / c, (a + b) / c};
}

} // namespace

TEST_CASE("z is the 97.5 % normal quantile to double precision") {
    CHECK(normalUpperTail(kZ95) == Approx(0.025).epsilon(1e-14));
}

TEST_CASE("Wilson interval matches the closed formula and known values") {
    for (auto [k, n] :
         std::vector<std::pair<double, double>>{{0, 10}, {3, 10}, {10, 10}, {57, 312}}) {
        const Interval ci = wilson(k, n);
        const auto [lo, hi] = wilsonByHand(k, n);
        CHECK(ci.low == Approx(lo).margin(1e-12));
        CHECK(ci.high == Approx(hi).margin(1e-12));
    }
    // Published value (Newcombe 1998, 81/263): 0.2553 .. 0.3662.
    const Interval ci = wilson(81, 263);
    CHECK(ci.low == Approx(0.2553).margin(5e-5));
    CHECK(ci.high == Approx(0.3662).margin(5e-5));
    CHECK(wilson(0, 0).high == 0.0);
}

TEST_CASE("Logit interval: symmetric on the logit scale, inside (0, 1), exact bound at 0 and 1") {
    // p = 0.2, se = 0.05: logit ± 1.959964 · 0.05 / 0.16, back-transformed by hand.
    const Interval ci = logitInterval(0.2, 0.05, 100);
    const double l = std::log(0.25), h = 1.959963984540054 * 0.05 / 0.16;
    CHECK(ci.low == Approx(1 / (1 + std::exp(-(l - h)))).epsilon(1e-12));
    CHECK(ci.high == Approx(1 / (1 + std::exp(-(l + h)))).epsilon(1e-12));
    CHECK(std::log(ci.low / (1 - ci.low)) + std::log(ci.high / (1 - ci.high)) ==
          Approx(2 * l).epsilon(1e-12));
    // Close to 0 the interval stays positive, where p ± z·se would not.
    const Interval small = logitInterval(0.01, 0.01, 100);
    CHECK(small.low > 0.0);
    CHECK(0.01 - 1.96 * 0.01 < 0.0);
    // No variance at p = 0: the one-sided exact bound 1 − 0.025^(1/n).
    CHECK(logitInterval(0.0, 0.0, 40).low == 0.0);
    CHECK(logitInterval(0.0, 0.0, 40).high == Approx(1 - std::pow(0.025, 1.0 / 40)));
    CHECK(logitInterval(1.0, 0.0, 40).low == Approx(std::pow(0.025, 1.0 / 40)));
    CHECK(logitInterval(1.0, 0.0, 40).high == 1.0);
}

TEST_CASE("Difference of independent estimates: interval and Wald test") {
    const DifferenceTest t = differenceTest(0.45, 0.03, 0.30, 0.04);
    REQUIRE(t.valid);
    CHECK(t.difference == Approx(0.15));
    CHECK(t.se == Approx(0.05));
    CHECK(t.ci.low == Approx(0.15 - 1.959963984540054 * 0.05));
    CHECK(t.ci.high == Approx(0.15 + 1.959963984540054 * 0.05));
    CHECK(t.z == Approx(3.0));
    CHECK(t.pValue == Approx(std::erfc(3.0 / std::sqrt(2.0))));
    CHECK(t.pValue == Approx(0.0026998).margin(1e-6));
    CHECK_FALSE(differenceTest(0.5, 0.0, 0.5, 0.0).valid);
}

TEST_CASE("Benjamini–Hochberg on known p-values") {
    // Benjamini & Hochberg (1995), table 1: 15 p-values; at q = 0.05 the four smallest are
    // rejected (the largest i with p(i) ≤ i/15 · 0.05 is i = 4).
    const std::vector<double> p{0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
                                0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000};
    const std::vector<double> adjusted = benjaminiHochberg(p);
    int rejected = 0;
    for (double a : adjusted)
        rejected += a < 0.05 ? 1 : 0;
    CHECK(rejected == 4);
    // By hand: min over j ≥ i of 15 p(j) / j.
    CHECK(adjusted[0] == Approx(0.0015));
    CHECK(adjusted[1] == Approx(0.003));
    CHECK(adjusted[2] == Approx(0.0095));
    CHECK(adjusted[3] == Approx(0.035625));
    CHECK(adjusted[4] == Approx(0.0603)); // min(15·0.0201/5, 15·0.0298/7, …) = 0.0603
    CHECK(adjusted[14] == Approx(1.0));
    SECTION("input order is kept and ties share a value") {
        const std::vector<double> q{0.04, 0.01, 0.04, 0.5};
        const std::vector<double> a = benjaminiHochberg(q);
        CHECK(a[1] == Approx(0.04));
        CHECK(a[0] == Approx(0.04 * 4 / 3));
        CHECK(a[2] == Approx(a[0]));
        CHECK(a[3] == Approx(0.5));
    }
    CHECK(benjaminiHochberg(std::vector<double>{}).empty());
}
