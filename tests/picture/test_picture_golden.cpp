#include "fixture.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/picture_json.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

using namespace td::picture;
using fixture::Row;

namespace {

PictureData makeData(const std::vector<Row>& now, const std::vector<Row>& then = {},
                     const char* population = fixture::kPopulation) {
    auto pop = loadPopulationTable(population);
    REQUIRE(pop.ok());
    PictureData data(*pop);
    REQUIRE(data.addSurvey(fixture::survey()).ok());
    REQUIRE(data.addCampaign(fixture::campaign("c2025", 2025)).ok());
    REQUIRE(data.addCampaign(fixture::campaign("c2022", 2022)).ok());
    int serial = 0;
    for (const Row& r : now)
        REQUIRE(data.addResponse(fixture::response(r, "c2025", ++serial)).ok());
    for (const Row& r : then)
        REQUIRE(data.addResponse(fixture::response(r, "c2022", ++serial)).ok());
    return data;
}

const QuestionResult& find(const SituationPicture& p, const std::string& id) {
    for (const auto& q : p.questions)
        if (q.id == id)
            return q;
    FAIL("no question " << id);
    throw;
}

double wilsonLow(double k, double n) {
    const double z = 1.959963984540054, p = k / n;
    return (p + z * z / (2 * n) - z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n))) /
           (1 + z * z / n);
}
double wilsonHigh(double k, double n) {
    const double z = 1.959963984540054, p = k / n;
    return (p + z * z / (2 * n) + z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n))) /
           (1 + z * z / n);
}

// Population cell sizes of kPopulation, written out: N(age) × size(locality) / 1000.
double populationCell(int age, int loc) {
    const double ages[] = {300, 500};
    const double locs[] = {300, 100, 600};
    return ages[age] * locs[loc] / 1000.0;
}

} // namespace

TEST_CASE("Golden: counts, Wilson and post-stratified shares computed by hand") {
    const std::vector<Row> rows = fixture::rows();
    PictureData data = makeData(rows);
    auto picture = computePicture(data, fixture::only("c2025"));
    REQUIRE(picture.ok());
    CHECK(picture->respondents == 60);
    const QuestionResult& q = find(*picture, "q_trygg");

    // Independent tallies.
    std::map<int, std::int64_t> dist;
    std::int64_t dk = 0, neg = 0, base = 0;
    double n[2][3] = {};
    for (const Row& r : rows) {
        n[r.age][r.locality] += 1;
        if (r.trygg < 0)
            ++dk;
        else {
            ++dist[r.trygg];
            ++base;
            neg += r.trygg >= 3;
        }
    }
    CHECK(q.answered == 60);
    CHECK(q.dontKnow == dk);
    REQUIRE(q.distribution.size() == 5);
    for (int v = 1; v <= 4; ++v) {
        CHECK(q.distribution[v - 1].id == std::to_string(v));
        CHECK(q.distribution[v - 1].count == dist[v]);
    }
    CHECK(q.distribution[4].id == "vet_ej");
    CHECK(q.distribution[4].count == dk);
    CHECK(q.negativeCount == neg);
    CHECK(q.negativeBase == base);
    CHECK(q.unweighted.share == Approx(double(neg) / base));
    CHECK(q.unweighted.ci.low == Approx(wilsonLow(neg, base)));
    CHECK(q.unweighted.ci.high == Approx(wilsonHigh(neg, base)));

    // Weights N(a,l)/n(a,l) (every cell has ≥ 3 respondents).
    double sw = 0, sw2 = 0, swy = 0;
    for (const Row& r : rows) {
        if (r.trygg < 0)
            continue;
        const double w = populationCell(r.age, r.locality) / n[r.age][r.locality];
        sw += w;
        sw2 += w * w;
        swy += r.trygg >= 3 ? w : 0.0;
    }
    const double neff = sw * sw / sw2;
    CHECK(q.weighted.share == Approx(swy / sw));
    CHECK(q.weighted.effectiveN == Approx(neff));
    CHECK(q.weighted.ci.low == Approx(wilsonLow(swy / sw * neff, neff)));
    CHECK(q.weighted.ci.high == Approx(wilsonHigh(swy / sw * neff, neff)));
    CHECK(picture->weighting.available);
    CHECK(picture->weighting.coveredPopulation == Approx(800));

    SECTION("yes/no negative share and breakdown by gender") {
        const QuestionResult& s = find(*picture, "q_sett");
        std::int64_t yes = 0, k = 0, kYes = 0, unknown = 0;
        for (const Row& r : rows) {
            yes += r.sett;
            k += r.gender == 0;
            kYes += r.gender == 0 && r.sett;
            unknown += r.gender < 0;
        }
        CHECK(s.negativeCount == yes);
        CHECK(s.negativeBase == 60);
        const Breakdown& g = s.breakdowns[2];
        CHECK(g.dimension == "gender");
        REQUIRE(g.cells.size() == 3);
        CHECK(g.cells[0].key == "k");
        CHECK(g.cells[0].base == k);
        CHECK(g.cells[0].negative == kYes);
        CHECK(g.cells[2].key == "unknown");
        CHECK(g.cells[2].base == unknown);
    }
    SECTION("breakdown by locality sums to the total") {
        const Breakdown& loc = q.breakdowns[0];
        CHECK(loc.dimension == "locality");
        std::int64_t sum = 0;
        for (const auto& c : loc.cells)
            sum += c.base;
        CHECK(sum == base);
    }
}

TEST_CASE("One more response changes exactly the right counts by one") {
    std::vector<Row> rows = fixture::rows();
    PictureData before = makeData(rows);
    Row extra;
    extra.age = 1;
    extra.locality = 1;
    extra.gender = 0;
    extra.trygg = 4;
    extra.sett = 0;
    rows.push_back(extra);
    PictureData after = makeData(rows);
    auto p0 = computePicture(before, fixture::only("c2025"));
    auto p1 = computePicture(after, fixture::only("c2025"));
    REQUIRE(p0.ok());
    REQUIRE(p1.ok());
    CHECK(p1->respondents == p0->respondents + 1);
    const QuestionResult& a = find(*p0, "q_trygg");
    const QuestionResult& b = find(*p1, "q_trygg");
    CHECK(b.answered == a.answered + 1);
    CHECK(b.negativeCount == a.negativeCount + 1);
    CHECK(b.negativeBase == a.negativeBase + 1);
    CHECK(b.dontKnow == a.dontKnow);
    for (std::size_t i = 0; i < a.distribution.size(); ++i)
        CHECK(b.distribution[i].count == a.distribution[i].count + (i == 3 ? 1 : 0));
    for (std::size_t d = 0; d < 3; ++d)
        for (std::size_t c = 0; c < a.breakdowns[d].cells.size(); ++c) {
            const std::string& key = a.breakdowns[d].cells[c].key;
            const bool hit = key == "b" || key == "40+" || key == "k";
            CHECK(b.breakdowns[d].cells[c].base == a.breakdowns[d].cells[c].base + (hit ? 1 : 0));
        }
    const QuestionResult& droger0 = find(*p0, "q_droger");
    const QuestionResult& droger1 = find(*p1, "q_droger");
    CHECK(droger1.answered == droger0.answered);
    CHECK(droger1.missing == droger0.missing + 1);
    const QuestionResult& sett1 = find(*p1, "q_sett");
    CHECK(sett1.negativeCount == find(*p0, "q_sett").negativeCount);
    CHECK(sett1.negativeBase == find(*p0, "q_sett").negativeBase + 1);
}

TEST_CASE("A population proportional to the sample gives the unweighted figures") {
    // Sample cells 9, 3, 18 / 15, 5, 30: exactly a tenth of the population cells.
    std::vector<Row> rows;
    const int cells[2][3] = {{9, 3, 18}, {15, 5, 30}};
    int i = 0;
    for (int a = 0; a < 2; ++a)
        for (int l = 0; l < 3; ++l)
            for (int k = 0; k < cells[a][l]; ++k, ++i) {
                Row r;
                r.age = a;
                r.locality = l;
                r.gender = i % 2;
                r.trygg = 1 + (i * 3 + a) % 4;
                rows.push_back(r);
            }
    PictureData data = makeData(rows);
    auto p = computePicture(data, fixture::only("c2025"));
    REQUIRE(p.ok());
    const QuestionResult& q = find(*p, "q_trygg");
    CHECK(q.weighted.share == Approx(q.unweighted.share));
    CHECK(q.weighted.effectiveN == Approx(q.unweighted.effectiveN));
    CHECK(q.weighted.ci.low == Approx(q.unweighted.ci.low));
    CHECK(q.weighted.ci.high == Approx(q.unweighted.ci.high));
    CHECK(p->weighting.designEffect == Approx(1.0));
}

TEST_CASE("Filters: locality, date range, unknown values") {
    PictureData data = makeData(fixture::rows());
    PictureFilter f = fixture::only("c2025");
    f.locality = "b";
    auto p = computePicture(data, f);
    REQUIRE(p.ok());
    CHECK(p->respondents == 20);
    CHECK(p->weighting.coveredPopulation == Approx(80));
    f = fixture::only("c2025");
    f.from = "2025-04-01";
    f.to = "2025-04-30";
    p = computePicture(data, f);
    REQUIRE(p.ok());
    CHECK(p->respondents == 30);
    f.to = "2025-4-30";
    CHECK(computePicture(data, f).error().code == "invalid_date");
    CHECK(computePicture(data, fixture::only("nope")).error().code == "unknown_campaign");
    f = fixture::only("c2025");
    f.locality = "mars";
    CHECK(computePicture(data, f).error().code == "unknown_locality");
}

TEST_CASE("Trend against an earlier campaign with the pooled z-test") {
    // Population proportional to each sample, so weighted = unweighted and n_eff = n.
    std::vector<Row> now, then;
    const int cells[2][3] = {{9, 3, 18}, {15, 5, 30}};
    int i = 0;
    for (int a = 0; a < 2; ++a)
        for (int l = 0; l < 3; ++l)
            for (int k = 0; k < cells[a][l]; ++k, ++i) {
                Row r;
                r.age = a;
                r.locality = l;
                r.trygg = i % 4 == 0 ? 4 : 1; // 20 of 80 negative now
                r.date = "2025-03-10";
                now.push_back(r);
                r.trygg = i % 2 == 0 ? 3 : 2; // 40 of 80 negative then
                r.date = "2022-03-10";
                then.push_back(r);
            }
    PictureData data = makeData(now, then);
    PictureFilter f = fixture::only("c2025");
    f.compareToCampaignId = "c2022";
    auto p = computePicture(data, f);
    REQUIRE(p.ok());
    const QuestionResult& q = find(*p, "q_trygg");
    REQUIRE(q.trend);
    const double pooled = 60.0 / 160.0;
    const double z = (20.0 / 80 - 40.0 / 80) / std::sqrt(pooled * (1 - pooled) * (2.0 / 80));
    CHECK(q.trend->previous.share == Approx(0.5));
    CHECK(q.trend->difference == Approx(-0.25));
    CHECK(q.trend->test.z == Approx(z));
    CHECK(q.trend->test.pValue == Approx(std::erfc(std::fabs(z) / std::sqrt(2.0))));
    CHECK(q.trend->significant);
    // The focus area "general" is not ranked; drugs has no answers here.
    for (const auto& a : p->focusAreas)
        CHECK(a.area != td::model::FocusArea::General);
}

TEST_CASE("JSON encoding carries the figures under stable keys") {
    PictureData data = makeData(fixture::rows(), fixture::rows());
    PictureFilter f = fixture::only("c2025");
    f.compareToCampaignId = "c2022";
    auto p = computePicture(data, f);
    REQUIRE(p.ok());
    const boost::json::object full = toJson(*p).as_object();
    CHECK(full.at("respondents").as_int64() == 60);
    CHECK(full.at("filter").at("compare_to").as_string() == "c2022");
    const auto& q = full.at("questions").as_array().at(0).as_object();
    CHECK(q.at("id").as_string() == "q_trygg");
    const auto& weighted = q.at("negative").at("weighted").as_object();
    CHECK(weighted.at("share").as_double() == Approx(p->questions[0].weighted.share));
    CHECK(weighted.at("ci_low").as_double() == Approx(p->questions[0].weighted.ci.low));
    CHECK(q.at("trend").at("p_value").as_double() == Approx(p->questions[0].trend->test.pValue));
    CHECK(q.at("breakdowns").as_array().size() == 3);
    CHECK(full.at("focus_areas").as_array().size() == 5);
    CHECK(full.at("weighting").at("age_bands").as_array().at(0).at("scheme").as_string() == "cell");
    const boost::json::object pub = publicSummary(*p).as_object();
    CHECK_FALSE(pub.contains("unlocated"));
    CHECK(pub.at("questions")
              .as_array()
              .at(0)
              .at("negative")
              .at("unweighted")
              .at("share")
              .as_double() == Approx(p->questions[0].unweighted.share));
}
