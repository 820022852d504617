#include "fixture.hpp"
#include "reference.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/picture_json.hpp"

#include <algorithm>
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

// The logit interval written out.
std::pair<double, double> logitCi(double p, double se) {
    const double z = 1.959963984540054, l = std::log(p / (1 - p)), h = z * se / (p * (1 - p));
    return {1 / (1 + std::exp(-(l - h))), 1 / (1 + std::exp(-(l + h)))};
}

// The fixture's population margins: ages 300, 500; localities 240, 80, 480.
const std::vector<std::vector<double>> kMargins{{300, 500}, {240, 80, 480}};

// Every respondent with its age and locality (the fixture's rows all give both), y the
// negative answer, in the domain when the answer is substantive and `in` holds.
template <class Y, class In>
std::vector<reference::Person> people(const std::vector<Row>& rows, Y y, In in) {
    std::vector<reference::Person> out;
    for (const Row& r : rows)
        out.push_back({{r.age, r.locality}, y(r), in(r)});
    return out;
}

} // namespace

TEST_CASE("Golden: counts, Wilson, raked shares and linearised errors computed independently") {
    const std::vector<Row> rows = fixture::rows();
    PictureData data = makeData(rows);
    auto picture = computePicture(data, fixture::only("c2025"));
    REQUIRE(picture.ok());
    CHECK(picture->respondents == 60);
    const QuestionResult& q = find(*picture, "q_trygg");

    // Independent tallies.
    std::map<int, std::int64_t> dist;
    std::int64_t dk = 0, neg = 0, base = 0;
    for (const Row& r : rows) {
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
    CHECK(q.nonSubstantive == dk);
    REQUIRE(q.distribution.size() == 5);
    for (int v = 1; v <= 4; ++v) {
        CHECK(q.distribution[v - 1].id == std::to_string(v));
        CHECK(q.distribution[v - 1].count == dist[v]);
        CHECK_FALSE(q.distribution[v - 1].nonSubstantive);
    }
    CHECK(q.distribution[4].id == "vet_ej");
    CHECK(q.distribution[4].count == dk);
    CHECK(q.distribution[4].nonSubstantive);
    CHECK(q.negativeCount == neg);
    CHECK(q.negativeBase == base);
    CHECK(q.unweighted.share == Approx(double(neg) / base));
    CHECK(q.unweighted.ci.low == Approx(wilsonLow(neg, base)));
    CHECK(q.unweighted.ci.high == Approx(wilsonHigh(neg, base)));

    // Raked weights and the calibrated estimator with its linearised variance, on rows.
    const auto everyone = people(
        rows, [](const Row& r) { return r.trygg >= 3 ? 1.0 : 0.0; },
        [](const Row& r) { return r.trygg > 0; });
    const std::vector<double> w = reference::rake(everyone, kMargins);
    const reference::Estimate want = reference::calibratedMean(everyone, w, {2, 3});
    CHECK(q.weighted.share == Approx(want.mean).epsilon(1e-12));
    CHECK(q.weighted.se == Approx(std::sqrt(want.variance)).epsilon(1e-9));
    const auto [low, high] = logitCi(want.mean, std::sqrt(want.variance));
    CHECK(q.weighted.ci.low == Approx(low).epsilon(1e-9));
    CHECK(q.weighted.ci.high == Approx(high).epsilon(1e-9));
    CHECK(q.weighted.effectiveN ==
          Approx(want.mean * (1 - want.mean) / want.variance).epsilon(1e-9));
    double sumW = 0.0;
    for (double x : w)
        sumW += x;
    CHECK(sumW == Approx(800));
    CHECK(picture->weighting.available);
    CHECK(picture->weighting.converged);
    CHECK(picture->weighting.coveredPopulation == Approx(800));
    REQUIRE(picture->weighting.margins.size() == 2);
    CHECK(picture->weighting.margins[0].dimension == "age_band");
    CHECK(picture->weighting.margins[0].source.year == 2023);

    SECTION("a breakdown cell is a domain of the same design") {
        const auto inB = people(
            rows, [](const Row& r) { return r.trygg >= 3 ? 1.0 : 0.0; },
            [](const Row& r) { return r.trygg > 0 && r.locality == 1; });
        const reference::Estimate cell = reference::calibratedMean(inB, w, {2, 3});
        const Breakdown& loc = q.breakdowns[0];
        REQUIRE(loc.cells[1].key == "b");
        REQUIRE(loc.cells[1].weighted);
        CHECK(loc.cells[1].weighted->share == Approx(cell.mean).epsilon(1e-12));
        CHECK(loc.cells[1].weighted->se == Approx(std::sqrt(cell.variance)).epsilon(1e-9));
        std::int64_t sum = 0;
        for (const auto& c : loc.cells)
            sum += c.base;
        CHECK(sum == base);
    }
    SECTION("a breakdown cell without a base has no share at all") {
        const Breakdown& loc = q.breakdowns[0];
        REQUIRE(loc.cells.back().key == "unknown");
        CHECK(loc.cells.back().base == 0);
        CHECK_FALSE(loc.cells.back().weighted);
        CHECK_FALSE(loc.cells.back().unweighted);
        const auto json = toJson(*picture);
        const auto& cells = json.at("questions").at(0).at("breakdowns").at(0).at("cells");
        CHECK(cells.as_array().back().at("weighted").is_null());
    }
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
}

TEST_CASE("Non-substantive choices leave the base and are counted") {
    const std::vector<Row> rows = fixture::rows();
    PictureData data = makeData(rows);
    auto picture = computePicture(data, fixture::only("c2025"));
    REQUIRE(picture.ok());
    const QuestionResult& q = find(*picture, "q_kanner");
    std::int64_t yes = 0, no = 0, refused = 0;
    for (const Row& r : rows) {
        yes += r.kanner == 0;
        no += r.kanner == 1;
        refused += r.kanner == 2;
    }
    REQUIRE(refused > 0);
    CHECK(q.answered == yes + no + refused);
    CHECK(q.nonSubstantive == refused);
    CHECK(q.negativeBase == yes + no);
    CHECK(q.negativeCount == yes);
    CHECK(q.unweighted.share == Approx(double(yes) / double(yes + no)));
    CHECK(q.distribution[2].nonSubstantive);
    CHECK_FALSE(q.distribution[0].nonSubstantive);
    const auto everyone = people(
        rows, [](const Row& r) { return r.kanner == 0 ? 1.0 : 0.0; },
        [](const Row& r) { return r.kanner == 0 || r.kanner == 1; });
    const std::vector<double> w = reference::rake(everyone, kMargins);
    CHECK(q.weighted.share ==
          Approx(reference::calibratedMean(everyone, w, {2, 3}).mean).epsilon(1e-12));
    const auto json = toJson(*picture);
    for (const auto& question : json.at("questions").as_array())
        if (question.at("id").as_string() == "q_kanner") {
            CHECK(question.at("non_substantive").as_int64() == refused);
            CHECK(question.at("distribution").at(2).at("non_substantive").as_bool());
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

TEST_CASE("A sample proportional to the population has equal weights") {
    // Sample cells 9, 3, 18 / 15, 5, 30: margins 30 : 50 and 24 : 8 : 48, a tenth of the
    // population's.
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
    CHECK(p->weighting.designEffect == Approx(1.0));
    CHECK(p->weighting.effectiveN == Approx(80));
}

TEST_CASE("Filters: a locality is a domain of the design, a date range a design of its own") {
    const std::vector<Row> rows = fixture::rows();
    PictureData data = makeData(rows);
    PictureFilter f = fixture::only("c2025");
    f.locality = "b";
    auto p = computePicture(data, f);
    REQUIRE(p.ok());
    CHECK(p->respondents == 20);
    CHECK(p->weighting.coveredPopulation == Approx(800));
    // The domain estimate: the whole sample's raked weights, the domain's answers.
    const auto inB = people(
        rows, [](const Row& r) { return r.trygg >= 3 ? 1.0 : 0.0; },
        [](const Row& r) { return r.trygg > 0 && r.locality == 1; });
    const std::vector<double> w = reference::rake(inB, kMargins);
    const reference::Estimate want = reference::calibratedMean(inB, w, {2, 3});
    CHECK(find(*p, "q_trygg").weighted.share == Approx(want.mean).epsilon(1e-12));
    CHECK(find(*p, "q_trygg").weighted.se == Approx(std::sqrt(want.variance)).epsilon(1e-9));

    f = fixture::only("c2025");
    f.from = "2025-04-01";
    f.to = "2025-04-30";
    p = computePicture(data, f);
    REQUIRE(p.ok());
    CHECK(p->respondents == 30);
    std::vector<Row> april(rows.begin() + 30, rows.end());
    const auto inApril = people(
        april, [](const Row& r) { return r.trygg >= 3 ? 1.0 : 0.0; },
        [](const Row& r) { return r.trygg > 0; });
    const std::vector<double> wa = reference::rake(inApril, kMargins);
    CHECK(find(*p, "q_trygg").weighted.share ==
          Approx(reference::calibratedMean(inApril, wa, {2, 3}).mean).epsilon(1e-12));

    f.to = "2025-4-30";
    CHECK(computePicture(data, f).error().code == "invalid_date");
    CHECK(computePicture(data, fixture::only("nope")).error().code == "unknown_campaign");
    f = fixture::only("c2025");
    f.locality = "mars";
    CHECK(computePicture(data, f).error().code == "unknown_locality");
}

TEST_CASE("Dates are Swedish local dates") {
    // CET in winter, CEST from 01:00 UTC on the last Sunday of March (2025-03-30) to 01:00 UTC
    // on the last Sunday of October (2025-10-26).
    CHECK(swedishDay("2025-01-15T22:59:59Z") == dayNumber("2025-01-15"));
    CHECK(swedishDay("2025-01-15T23:00:00Z") == dayNumber("2025-01-16"));
    CHECK(swedishDay("2025-03-30T00:59:00Z") == dayNumber("2025-03-30"));
    CHECK(swedishDay("2025-03-31T21:59:00Z") == dayNumber("2025-03-31"));
    CHECK(swedishDay("2025-03-31T22:00:00Z") == dayNumber("2025-04-01"));
    CHECK(swedishDay("2025-10-25T22:30:00Z") == dayNumber("2025-10-26"));
    CHECK(swedishDay("2025-10-26T22:30:00Z") == dayNumber("2025-10-26"));
    CHECK(swedishDay("2025-12-31T23:30:00.250Z") == dayNumber("2026-01-01"));
    CHECK(swedishDay("2025-06-01") == dayNumber("2025-06-01"));
    CHECK_FALSE(swedishDay("2025-06-01T25:00:00Z"));
    CHECK_FALSE(swedishDay("yesterday"));

    std::vector<Row> rows = fixture::rows();
    rows[0].date = "2025-03-31T22:30:00Z"; // 00:30 on 1 April in Vindeln
    rows[1].date = "2025-04-30T22:30:00Z"; // 00:30 on 1 May
    PictureData data = makeData(rows);
    PictureFilter f = fixture::only("c2025");
    f.from = "2025-04-01";
    f.to = "2025-04-30";
    auto p = computePicture(data, f);
    REQUIRE(p.ok());
    CHECK(p->respondents == 31); // the 30 of 20 April, the first row, not the second
}

TEST_CASE("Trend: the difference with its interval, tested and adjusted over the picture") {
    // The sample is proportional to the population, so the weights are equal.
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
                r.droger = 1 + i % 4;
                r.date = "2025-03-10";
                now.push_back(r);
                r.trygg = i % 2 == 0 ? 3 : 2; // 40 of 80 negative then
                r.droger = 1 + (i + 1) % 4;
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
    REQUIRE(p->weighting.margins[1].groups.size() == 2);
    CHECK(p->weighting.margins[1].groups[0].categories == std::vector<std::string>{"a", "b"});
    // Locality b has 8 respondents, fewer than 10: it is pooled with a, the smaller other.
    auto estimate = [](const std::vector<Row>& rows) {
        std::vector<reference::Person> all;
        for (const Row& r : rows)
            all.push_back({{r.age, r.locality == 2 ? 1 : 0}, r.trygg >= 3 ? 1.0 : 0.0, true});
        return reference::calibratedMean(all, reference::rake(all, {{300, 500}, {320, 480}}),
                                         {2, 2});
    };
    const reference::Estimate e1 = estimate(now), e0 = estimate(then);
    const double se = std::sqrt(e1.variance + e0.variance);
    CHECK(q.trend->previous.share == Approx(0.5));
    CHECK(q.trend->test.difference == Approx(-0.25));
    CHECK(q.trend->test.se == Approx(se).epsilon(1e-9));
    CHECK(q.trend->test.ci.low == Approx(-0.25 - 1.959963984540054 * se).epsilon(1e-9));
    CHECK(q.trend->test.ci.high == Approx(-0.25 + 1.959963984540054 * se).epsilon(1e-9));
    CHECK(q.trend->test.pValue == Approx(std::erfc(0.25 / se / std::sqrt(2.0))).epsilon(1e-9));
    // Adjusted over every test of the picture (question and focus-area trends).
    std::vector<double> raw;
    for (const QuestionResult& x : p->questions)
        if (x.trend && x.trend->test.valid)
            raw.push_back(x.trend->test.pValue);
    for (const FocusAreaResult& a : p->focusAreas)
        if (a.trend && a.trend->test.valid)
            raw.push_back(a.trend->test.pValue);
    REQUIRE(raw.size() >= 3);
    std::vector<double> sorted = raw;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t rank = static_cast<std::size_t>(
        std::find(sorted.begin(), sorted.end(), q.trend->test.pValue) - sorted.begin());
    double adjusted = 1.0;
    for (std::size_t j = rank; j < sorted.size(); ++j)
        adjusted = std::min(adjusted, sorted[j] * sorted.size() / (j + 1.0));
    CHECK(q.trend->pAdjusted == Approx(adjusted));
    CHECK(q.trend->pAdjusted >= q.trend->test.pValue);
    CHECK(q.trend->significant == (q.trend->pAdjusted < 0.05));
    CHECK(q.trend->significant);
    // The drug worry trend is a focus-area trend too.
    for (const FocusAreaResult& a : p->focusAreas)
        if (a.area == td::model::FocusArea::Drugs) {
            REQUIRE(a.trend);
            CHECK(a.trend->test.difference == Approx(a.score.share - a.trend->previous.share));
        }
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
    CHECK(full.at("campaign_year").as_int64() == 2025);
    CHECK(full.at("compare_year").as_int64() == 2022);
    CHECK(full.at("filter").at("compare_to").as_string() == "c2022");
    const auto& q = full.at("questions").as_array().at(0).as_object();
    CHECK(q.at("id").as_string() == "q_trygg");
    const auto& weighted = q.at("negative").at("weighted").as_object();
    CHECK(weighted.at("share").as_double() == Approx(p->questions[0].weighted.share));
    CHECK(weighted.at("ci_low").as_double() == Approx(p->questions[0].weighted.ci.low));
    CHECK(weighted.at("se").as_double() == Approx(p->questions[0].weighted.se));
    CHECK(q.at("trend").at("p_value").as_double() == Approx(p->questions[0].trend->test.pValue));
    CHECK(q.at("trend").at("p_adjusted").as_double() == Approx(p->questions[0].trend->pAdjusted));
    CHECK(q.at("trend").at("ci_low").as_double() == Approx(p->questions[0].trend->test.ci.low));
    CHECK(q.at("breakdowns").as_array().size() == 3);
    CHECK(full.at("focus_areas").as_array().size() == 5);
    const auto& weighting = full.at("weighting").as_object();
    CHECK(weighting.at("method").as_string() == "raking");
    CHECK(weighting.at("bounds").at("upper").as_double() == 5.0);
    CHECK(weighting.at("margins").at(1).at("dimension").as_string() == "locality");
    CHECK(weighting.at("margins").at(1).at("year").as_int64() == 2005);
    const boost::json::object pub = publicSummary(*p).as_object();
    CHECK_FALSE(pub.contains("unlocated"));
    CHECK_FALSE(pub.at("weighting")
                    .at("margins")
                    .at(0)
                    .at("groups")
                    .at(0)
                    .as_object()
                    .contains("respondents"));
    CHECK(pub.at("questions")
              .as_array()
              .at(0)
              .at("negative")
              .at("unweighted")
              .at("share")
              .as_double() == Approx(p->questions[0].unweighted.share));
}
