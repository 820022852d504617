#include "fixture.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/picture_json.hpp"
#include "td/picture/suppression.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <random>

using namespace td::picture;

namespace {

// A hidden cell is recoverable when the total is visible and it is the only hidden cell, or
// when the hidden cells together are fewer than k (their sum is total minus the others).
void requireNotRecoverable(const std::vector<std::int64_t>& cells, const RowSuppression& s,
                           std::int64_t k) {
    std::int64_t total = 0, visible = 0, hiddenCount = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        total += cells[i];
        if (s.hidden[i])
            ++hiddenCount;
        else
            visible += cells[i];
        // Primary rule: every small non-zero cell is hidden.
        if (cells[i] > 0 && cells[i] < k)
            REQUIRE(s.hidden[i]);
    }
    if (s.hideTotal)
        return;
    REQUIRE(hiddenCount != 1);
    if (hiddenCount > 0) {
        const std::int64_t hiddenSum = total - visible;
        REQUIRE((hiddenSum == 0 || hiddenSum >= k));
    }
}

} // namespace

TEST_CASE("Suppression: primary and complementary by hand") {
    // 3 is small; 0 stays; the next smallest non-zero (6) is hidden too.
    std::vector<std::int64_t> row{3, 10, 0, 6, 20};
    RowSuppression s = suppressRow(row, 5);
    CHECK(s.hidden == std::vector<bool>{true, false, false, true, false});
    CHECK_FALSE(s.hideTotal);
    // Two small cells summing to less than k need a third.
    row = {1, 2, 30, 8};
    s = suppressRow(row, 5);
    CHECK(s.hidden == std::vector<bool>{true, true, false, true});
    // A total below k hides the whole row.
    row = {1, 2};
    s = suppressRow(row, 5);
    CHECK(s.hideTotal);
    // Nothing small: nothing hidden.
    row = {5, 7, 0};
    s = suppressRow(row, 5);
    CHECK(s.hidden == std::vector<bool>{false, false, false});
    // One small cell and nothing else non-zero: the total goes.
    row = {4, 0, 0, 9};
    s = suppressRow(row, 5);
    CHECK(s.hidden[0]);
    CHECK(s.hidden[3]);
}

TEST_CASE("Suppression property: no hidden cell is recoverable") {
    std::mt19937 rng(20251125);
    for (int trial = 0; trial < 5000; ++trial) {
        const std::size_t n = 1 + rng() % 8;
        std::vector<std::int64_t> row(n);
        for (auto& c : row)
            c = rng() % 3 == 0 ? static_cast<std::int64_t>(rng() % 5) : rng() % 40;
        const std::int64_t k = 2 + rng() % 9;
        requireNotRecoverable(row, suppressRow(row, k), k);
    }
}

TEST_CASE("Public summary: breakdowns suppressed, nothing recoverable, no free text") {
    using fixture::Row;
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    PictureData data(*pop);
    REQUIRE(data.addSurvey(fixture::survey()).ok());
    REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
    int serial = 0;
    // Locality b gets only 3 respondents: it and the next smallest must be hidden.
    for (int i = 0; i < 40; ++i) {
        Row r;
        r.age = i % 2;
        r.locality = i < 3 ? 1 : (i % 2 == 0 ? 0 : 2);
        r.gender = i % 2;
        r.trygg = 1 + i % 4;
        auto resp = fixture::response(r, "c2025", ++serial);
        resp.answers["q_fritext"] = std::string("SECRET free text");
        td::model::PlaceEntry e;
        e.description = "SECRET place";
        resp.answers["q_plats"] = std::vector<td::model::PlaceEntry>{e};
        REQUIRE(data.addResponse(resp).ok());
    }
    auto p = computePicture(data, fixture::only("c2025"));
    REQUIRE(p.ok());
    for (const auto& q : p->questions) {
        for (const auto& b : q.breakdowns) {
            std::vector<std::int64_t> bases;
            RowSuppression s;
            for (const auto& c : b.cells) {
                bases.push_back(c.base);
                s.hidden.push_back(c.suppressed);
            }
            s.hideTotal = b.totalSuppressed;
            requireNotRecoverable(bases, s, p->minCell);
        }
    }
    const auto& loc = p->questions[0].breakdowns[0];
    REQUIRE(loc.cells[1].key == "b");
    CHECK(loc.cells[1].suppressed);
    REQUIRE(p->unlocated.size() == 1);
    CHECK(p->unlocated[0].count == 40);

    const std::string full = boost::json::serialize(toJson(*p));
    const std::string pub = boost::json::serialize(publicSummary(*p));
    CHECK(full.find("secret place") != std::string::npos);
    CHECK(pub.find("SECRET") == std::string::npos);
    CHECK(pub.find("secret") == std::string::npos);
    CHECK(pub.find("\"key\":\"b\"") == std::string::npos);
    CHECK(pub.find("q_fritext") == std::string::npos);
    CHECK(full.find("\"key\":\"b\"") != std::string::npos);
}
