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

std::string withMargins(const std::string& margins) {
    return R"({"weighting_margins": {"min_age": 16,
      "age_band": {"year": 2023, "source": "SCB", "counts": {"0-15": 200, "16-39": 300, "40+": 500}},
      )" + margins +
           "}}";
}

} // namespace

TEST_CASE("Population margins from vindeln.json, with their sources and years") {
    auto table =
        loadPopulationTable(readFile(std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json"));
    REQUIRE(table.ok());
    REQUIRE(table->ageBands.size() == 4); // 0-15 is below min_age
    REQUIRE(table->localities.size() == 6);
    CHECK(table->total() == Approx(465 + 1162 + 1288 + 1531));
    CHECK(table->ageTotals[3] == Approx(1531));
    // Locality sizes are shares of the 4 446 adults; rural is 5461 − 3398 = 2063 of 5461.
    CHECK(table->localityTotals[5] == Approx(4446.0 * 2063.0 / 5461.0));
    CHECK(table->localityTotals[0] == Approx(4446.0 * 2356.0 / 5461.0));
    double localities = 0.0;
    for (double t : table->localityTotals)
        localities += t;
    CHECK(localities == Approx(4446));
    CHECK(table->ageSource.year == 2023);
    CHECK(table->localitySource.year == 2005);
    CHECK(table->ageSource.source.find("SCB") != std::string::npos);
    CHECK_FALSE(table->localitySource.note.empty());
    CHECK(table->genders.empty());
    CHECK(table->ageIndex("65_plus") == 3);
    CHECK(table->ageIndex("16_24") == 0);
    CHECK(table->ageIndex("0_15") == -1);
    CHECK(table->localityIndex("amsele") == 4);
}

TEST_CASE("A gender margin is read as shares of the adults") {
    auto table = loadPopulationTable(withMargins(R"(
      "locality": {"year": 2023, "source": "SCB", "counts": {"a": 1, "b": 3}},
      "gender": {"year": 2024, "source": "SCB", "counts": {"kvinna": 490, "man": 510}})"));
    REQUIRE(table.ok());
    REQUIRE(table->genders.size() == 2);
    CHECK(table->genderTotals[0] == Approx(800 * 0.49));
    CHECK(table->genderTotals[1] == Approx(800 * 0.51));
    CHECK(table->genderSource.year == 2024);
    CHECK(table->localityTotals[1] == Approx(600));
    CHECK(table->independentCell(1, 1) == Approx(500.0 * 600.0 / 800.0));
}

TEST_CASE("Bad population JSON is rejected precisely") {
    CHECK(loadPopulationTable("{").error().code == "invalid_population");
    CHECK(loadPopulationTable(R"({"municipality": {}})").error().path == "weighting_margins");
    auto noYear =
        loadPopulationTable(withMargins(R"("locality": {"source": "SCB", "counts": {"a": 1}})"));
    REQUIRE_FALSE(noYear.ok());
    CHECK(noYear.error().path == "weighting_margins.locality.year");
    auto noSource =
        loadPopulationTable(withMargins(R"("locality": {"year": 2020, "counts": {"a": 1}})"));
    REQUIRE_FALSE(noSource.ok());
    CHECK(noSource.error().path == "weighting_margins.locality.source");
    auto two = loadPopulationTable(withMargins(
        R"("locality": {"year": 2020, "source": "x", "counts": {"x": null, "y": null},
            "remainder_total": 10})"));
    REQUIRE_FALSE(two.ok());
    CHECK(two.error().path == "weighting_margins.locality.counts.y");
    auto empty = loadPopulationTable(withMargins(
        R"("locality": {"year": 2020, "source": "x", "counts": {"x": 12, "y": null},
            "remainder_total": 10})"));
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().path == "weighting_margins.locality.remainder_total");
    auto negative = loadPopulationTable(
        withMargins(R"("locality": {"year": 2020, "source": "x", "counts": {"x": -3}})"));
    REQUIRE_FALSE(negative.ok());
    CHECK(negative.error().path == "weighting_margins.locality.counts.x");
    auto noLocality = loadPopulationTable(withMargins(R"("other": 1)"));
    REQUIRE_FALSE(noLocality.ok());
    CHECK(noLocality.error().path == "weighting_margins.locality");
}
