#include "td/picture/population.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace td::picture;

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const char* kSmallPopulation = R"({
  "municipality": {"population_2023": 1000,
                   "population_by_age_2023": {"0-15": 200, "16-39": 300, "40+": 500}},
  "localities": [{"id": "a", "population_2005": 300}, {"id": "b", "population_2005": 100},
                 {"id": "rest", "population_2005": null}]
})";

} // namespace

TEST_CASE("Population table from vindeln.json") {
    auto table =
        loadPopulationTable(readFile(std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json"));
    REQUIRE(table.ok());
    REQUIRE(table->ageBands.size() == 4); // 0-15 dropped
    REQUIRE(table->localities.size() == 6);
    CHECK(table->total() == Approx(465 + 1162 + 1288 + 1531));
    // Rural remainder: 5461 − (2356 + 309 + 271 + 261 + 201) = 2063 of 5461.
    CHECK(table->localityTotal(5) == Approx(4446.0 * 2063.0 / 5461.0));
    CHECK(table->cell(3, 0) == Approx(1531.0 * 2356.0 / 5461.0));
    CHECK(table->ageIndex("65_plus") == 3);
    CHECK(table->ageIndex("16_24") == 0);
    CHECK(table->ageIndex("0_15") == -1);
    CHECK(table->localityIndex("amsele") == 4);
}

TEST_CASE("Bad population JSON is rejected precisely") {
    CHECK(loadPopulationTable("{").error().code == "invalid_population");
    CHECK(loadPopulationTable(R"({"municipality": {}})").error().path ==
          "municipality.population_by_age_2023");
    auto two = loadPopulationTable(R"({"municipality": {"population_2023": 10,
        "population_by_age_2023": {"16-99": 10}},
        "localities": [{"id": "x"}, {"id": "y"}]})");
    REQUIRE_FALSE(two.ok());
    CHECK(two.error().path == "localities[1].population_2005");
}

TEST_CASE("Post-stratification weights by hand") {
    auto table = loadPopulationTable(kSmallPopulation);
    REQUIRE(table.ok());
    // Cells: 16-39 → 300 × {0.3, 0.1, 0.6} = {90, 30, 180}; 40+ → 500 × … = {150, 50, 300}.
    CHECK(table->cell(0, 2) == Approx(180));
    const std::size_t stride = 4; // 3 localities + unknown
    std::vector<double> counts(3 * stride, 0.0);
    auto at = [&](std::size_t a, std::size_t l) -> double& {
        return counts[a * stride + l];
    };
    at(0, 0) = 3;
    at(0, 1) = 3;
    at(0, 2) = 6; // 16-39: all cells ≥ 3
    at(1, 0) = 10;
    at(1, 1) = 1;
    at(1, 2) = 9; // 40+: cell b has only 1 → age-band-only
    at(2, 0) = 2; // age unknown
    std::vector<bool> scope{true, true, true};
    const PostStratification ps = postStratify(*table, counts, scope);
    REQUIRE(ps.available);
    CHECK(ps.schemes[0] == StratumScheme::Cell);
    CHECK(ps.schemes[1] == StratumScheme::AgeBandOnly);
    CHECK(ps.weights[0 * stride + 0] == Approx(90.0 / 3));
    CHECK(ps.weights[0 * stride + 2] == Approx(180.0 / 6));
    CHECK(ps.weights[1 * stride + 1] == Approx(500.0 / 20));
    CHECK(ps.coveredPopulation == Approx(800));
    CHECK(ps.weights[2 * stride + 0] == Approx(800.0 / 32)); // unknown: mean weight

    SECTION("a population proportional to the sample gives equal weights") {
        std::vector<double> prop(3 * stride, 0.0);
        prop[0 * stride + 0] = 9;
        prop[0 * stride + 1] = 3;
        prop[0 * stride + 2] = 18;
        prop[1 * stride + 0] = 15;
        prop[1 * stride + 1] = 5;
        prop[1 * stride + 2] = 30;
        const PostStratification eq = postStratify(*table, prop, scope);
        for (std::size_t a = 0; a < 2; ++a)
            for (std::size_t l = 0; l < 3; ++l)
                CHECK(eq.weights[a * stride + l] == Approx(10.0));
    }
    SECTION("a locality out of scope is neither population nor sample") {
        std::vector<bool> onlyA{true, false, false};
        const PostStratification pa = postStratify(*table, counts, onlyA);
        CHECK(pa.coveredPopulation == Approx(240));
        CHECK(pa.weights[0 * stride + 0] == Approx(30));
        CHECK(pa.weights[1 * stride + 0] == Approx(15));
    }
    SECTION("an age band without respondents is uncovered") {
        std::vector<double> none(3 * stride, 0.0);
        none[0 * stride + 0] = 4;
        const PostStratification pu = postStratify(*table, none, scope);
        CHECK(pu.schemes[1] == StratumScheme::Uncovered);
        CHECK(pu.schemes[0] == StratumScheme::AgeBandOnly);
        CHECK(pu.coveredPopulation == Approx(300));
    }
}
