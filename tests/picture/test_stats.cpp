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

TEST_CASE("Kish effective n and the weighted share") {
    std::vector<double> w{1, 1, 2, 4};
    std::vector<std::uint8_t> y{1, 0, 1, 0};
    const WeightedShare ws = weightedShare(w, y);
    CHECK(ws.share == Approx(3.0 / 8.0));
    CHECK(ws.effectiveN == Approx(64.0 / 22.0));
    const auto [lo, hi] = wilsonByHand(3.0 / 8.0 * (64.0 / 22.0), 64.0 / 22.0);
    CHECK(ws.ci.low == Approx(lo));
    CHECK(ws.ci.high == Approx(hi));

    SECTION("equal weights give the unweighted Wilson interval") {
        std::vector<double> ones(20, 2.5);
        std::vector<std::uint8_t> ys(20, 0);
        for (int i = 0; i < 7; ++i)
            ys[i] = 1;
        const WeightedShare e = weightedShare(ones, ys);
        CHECK(e.effectiveN == Approx(20));
        CHECK(e.ci.low == Approx(wilson(7, 20).low));
        CHECK(e.ci.high == Approx(wilson(7, 20).high));
    }
}

TEST_CASE("Pooled two-proportion z-test") {
    // 45/100 against 30/100: pooled 0.375, se = sqrt(.375*.625*.02) ≈ 0.0684653.
    const TwoProportionTest t = twoProportionTest(45, 100, 30, 100);
    REQUIRE(t.valid);
    const double se = std::sqrt(0.375 * 0.625 * 0.02);
    CHECK(t.z == Approx(0.15 / se));
    CHECK(t.pValue == Approx(std::erfc((0.15 / se) / std::sqrt(2.0))));
    CHECK(t.pValue == Approx(0.02846).margin(1e-4));
    CHECK(twoProportionTest(0, 10, 0, 10).valid == false);
    CHECK(twoProportionTest(1, 0, 0, 10).valid == false);
    CHECK(twoProportionTest(5, 10, 5, 10).pValue == Approx(1.0));
}
