// Ranking with uncertainty: bootstrap rank intervals cover the true order in simulated surveys
// of a population whose ranking is known; a campaign kept as its aggregate (its responses
// deleted) carries its intervals and gives the same picture as while its responses were held.
#include "fixture.hpp"
#include "td/picture/bootstrap.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/picture_json.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <random>

using namespace td;
using namespace td::picture;

namespace {

// A survey with one worry item per ranked area and the two background questions.
model::Survey worrySurvey() {
    model::Survey s;
    s.id = "oro";
    s.version = 1;
    s.title = {"Oro", "Worry"};
    model::Section sec;
    sec.id = "main";
    sec.title = {"Oro", "Worry"};
    for (model::FocusArea area : kRankedAreas)
        sec.questions.push_back(fixture::scale("q_" + std::string(model::toString(area)), area));
    sec.questions.push_back(
        fixture::single("q_alder", {"16_39", "40_plus"}, model::Background::AgeBand));
    sec.questions.push_back(
        fixture::single("q_ort", {"a", "b", "rest"}, model::Background::Locality));
    s.sections.push_back(sec);
    return s;
}

model::Campaign worryCampaign() {
    model::Campaign c = fixture::campaign("oro_2025", 2025);
    c.surveyId = "oro";
    return c;
}

// True worry per area and age band; the population (ages 300 : 500) share worried is the
// weighted mean: drugs .50, traffic .40, close violence .38, economic crime .20, places .10.
// The young worry more about the first three, so an unweighted sample (the young answer a
// third as often) would understate them.
constexpr double kWorry[5][2] = {
    {0.60, 0.44}, {0.50, 0.34}, {0.46, 0.332}, {0.15, 0.23}, {0.06, 0.124}};

double trueScore(std::size_t area) {
    return (300 * kWorry[area][0] + 500 * kWorry[area][1]) / 800;
}

// Simulated respondents of `campaign`, ids from `serial` on.
void addRespondents(PictureData& data, const std::string& campaign, std::mt19937_64& rng,
                    int respondents, int serial = 0) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const char* ages[] = {"16_39", "40_plus"};
    const char* localities[] = {"a", "b", "rest"};
    for (int i = 0; i < respondents; ++i) {
        // Population 300 : 500, the young answering a third as often: 100 : 500.
        const int age = u(rng) < 100.0 / 600.0 ? 0 : 1;
        const double l = u(rng);
        model::Response r;
        char id[40];
        std::snprintf(id, sizeof id, "01890000-0000-7000-8000-%012d", serial + i + 1);
        r.id = id;
        r.campaignId = campaign;
        r.surveyId = "oro";
        r.submittedAt = "2025-03-10T12:00:00Z";
        r.answers["q_alder"] = std::string(ages[age]);
        r.answers["q_ort"] = std::string(localities[l < 0.3 ? 0 : l < 0.4 ? 1 : 2]);
        for (std::size_t a = 0; a < kRankedAreas.size(); ++a) {
            const bool worried = u(rng) < kWorry[a][age];
            r.answers["q_" + std::string(model::toString(kRankedAreas[a]))] =
                std::int64_t{worried ? 3 + (u(rng) < 0.5) : 1 + (u(rng) < 0.5)};
        }
        REQUIRE(data.addResponse(r).ok());
    }
}

PictureData simulatedSurvey(std::mt19937_64& rng, int respondents) {
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    PictureData data(*pop);
    REQUIRE(data.addSurvey(worrySurvey()).ok());
    REQUIRE(data.addCampaign(worryCampaign()).ok());
    addRespondents(data, "oro_2025", rng, respondents);
    return data;
}

} // namespace

TEST_CASE("Rank intervals cover the true order in simulated surveys with a known ranking") {
    std::vector<double> truth(kRankedAreas.size());
    for (std::size_t a = 0; a < truth.size(); ++a)
        truth[a] = trueScore(a);
    const std::vector<int> trueRank = ranksOf(truth);
    REQUIRE(trueRank == std::vector<int>{1, 2, 3, 4, 5});

    std::mt19937_64 rng(2025);
    PictureOptions options;
    options.ranking.replicates = 200;
    int covered = 0, intervals = 0, width = 0, closeTied = 0, farTied = 0;
    const int surveys = 40;
    for (int s = 0; s < surveys; ++s) {
        PictureData data = simulatedSurvey(rng, 400);
        options.ranking.seed = 1000 + static_cast<std::uint64_t>(s);
        auto p = computePicture(data, fixture::only("oro_2025"), options);
        REQUIRE(p.ok());
        REQUIRE(p->ranking.available);
        for (const FocusAreaResult& a : p->focusAreas) {
            REQUIRE(a.rankInterval);
            const std::size_t index = static_cast<std::size_t>(
                std::find(kRankedAreas.begin(), kRankedAreas.end(), a.area) - kRankedAreas.begin());
            CHECK(a.rankInterval->low <= a.rank);
            CHECK(a.rank <= a.rankInterval->high);
            ++intervals;
            width += a.rankInterval->high - a.rankInterval->low;
            covered +=
                a.rankInterval->low <= trueRank[index] && trueRank[index] <= a.rankInterval->high
                    ? 1
                    : 0;
            auto tied = [&](model::FocusArea other) {
                return std::find(a.indistinguishable.begin(), a.indistinguishable.end(), other) !=
                       a.indistinguishable.end();
            };
            if (a.area == model::FocusArea::Traffic)
                closeTied += tied(model::FocusArea::CloseViolence) ? 1 : 0;
            if (a.area == model::FocusArea::Drugs)
                farTied += tied(model::FocusArea::UnsafePlaces) ? 1 : 0;
        }
    }
    INFO(covered << " of " << intervals << " intervals cover the true rank; total width " << width);
    // 95 % intervals: at least 90 % cover the truth over 200 intervals.
    CHECK(covered >= intervals * 9 / 10);
    // Not vacuous: the intervals are narrow where the areas are far apart (a whole-range
    // interval would cover trivially), traffic and close violence (.40 against .38) are mostly
    // not distinguishable, drugs and unsafe places (.50 against .10) never.
    CHECK(width < intervals);
    CHECK(closeTied >= surveys * 3 / 4);
    CHECK(farTied == 0);
}

TEST_CASE("The bootstrap is seeded: the same data and seed give the same intervals") {
    std::mt19937_64 rng(7);
    PictureData data = simulatedSurvey(rng, 300);
    BootstrapOptions o;
    o.replicates = 300;
    auto first = bootstrapRanks(data, "oro_2025", std::nullopt, o);
    auto again = bootstrapRanks(data, "oro_2025", std::nullopt, o);
    REQUIRE(first.ok());
    REQUIRE(again.ok());
    CHECK(*first == *again);
    CHECK(first->replicates == 300);
    CHECK(first->areas.size() == 5);
    CHECK(bootstrapRanks(data, "nope").error().code == "unknown_campaign");
    CHECK(bootstrapRanks(data, "oro_2025", std::string("mars")).error().code == "unknown_locality");
}

TEST_CASE("Poisson variates have the right mean and variance") {
    for (double mean : {0.7, 4.0, 25.0, 300.0}) {
        PoissonSampler rng(11);
        double sum = 0.0, sum2 = 0.0;
        const int n = 20000;
        for (int i = 0; i < n; ++i) {
            const double k = rng.poisson(mean);
            sum += k;
            sum2 += k * k;
        }
        const double m = sum / n, v = sum2 / n - m * m;
        INFO("mean " << mean);
        CHECK(m == Approx(mean).epsilon(0.03));
        CHECK(v == Approx(mean).epsilon(0.08));
    }
}

TEST_CASE("A campaign kept as its aggregate carries its rank intervals; the picture is the same") {
    auto pop = loadPopulationTable(fixture::kPopulation);
    REQUIRE(pop.ok());
    model::Campaign earlier = worryCampaign();
    earlier.id = "oro_2022";
    earlier.year = 2022;
    // The same responses for both: the newer campaign's from rows, or from its aggregate.
    auto build = [&](const std::optional<CampaignAggregate>& aggregate) {
        PictureData data(*pop);
        REQUIRE(data.addSurvey(worrySurvey()).ok());
        REQUIRE(data.addCampaign(worryCampaign()).ok());
        REQUIRE(data.addCampaign(earlier).ok());
        std::mt19937_64 rng(3);
        if (aggregate)
            REQUIRE(data.addCampaignAggregate(*aggregate).ok());
        PictureData scratch(*pop);
        REQUIRE(scratch.addSurvey(worrySurvey()).ok());
        REQUIRE(scratch.addCampaign(worryCampaign()).ok());
        addRespondents(aggregate ? scratch : data, "oro_2025", rng, 250);
        addRespondents(data, "oro_2022", rng, 200, 1000);
        return data;
    };
    const PictureData rows = build(std::nullopt);
    auto aggregate = rows.campaignAggregate("oro_2025");
    REQUIRE(aggregate.ok());
    // The intervals of the whole campaign and of each locality travel with it, as JSON.
    const auto& ranks = aggregate->extras.at("rank_intervals").as_object();
    CHECK(ranks.size() == 4);
    CHECK(ranks.at("").at("replicates").as_int64() == 1000);
    auto decoded = decodeCampaignAggregate(
        boost::json::parse(boost::json::serialize(encode(*aggregate))));
    REQUIRE(decoded.ok());
    CHECK(*decoded == *aggregate);
    const PictureData kept = build(*decoded);
    const int campaign = kept.campaignIndex("oro_2025");
    REQUIRE(kept.isAggregated(campaign));
    REQUIRE(kept.rankIntervals(campaign, "a"));
    CHECK(*kept.rankIntervals(campaign, "") == *bootstrapRanks(rows, "oro_2025"));
    CHECK(bootstrapRanks(kept, "oro_2025").error().code == "no_rows");

    for (const char* locality : {"", "a", "b", "rest"}) {
        PictureFilter f = fixture::only("oro_2025");
        f.compareToCampaignId = "oro_2022";
        if (*locality)
            f.locality = locality;
        auto fromRows = computePicture(rows, f);
        auto fromAggregate = computePicture(kept, f);
        REQUIRE(fromRows.ok());
        REQUIRE(fromAggregate.ok());
        INFO("locality '" << locality << "'");
        CHECK_FALSE(fromRows->ranking.precomputed);
        CHECK(fromAggregate->ranking.precomputed);
        CHECK(fromRows->focusAreas[0].trend);
        CHECK(fromRows->focusAreas[0].rankInterval);
        CHECK(boost::json::serialize(toJson(*fromRows)) ==
              boost::json::serialize(toJson(*fromAggregate)));
    }

    SECTION("a malformed worry pattern or rank interval is refused") {
        CampaignAggregate bad = *aggregate;
        bad.areas.front().counts.front().answer = "2/3";
        PictureData empty(*pop);
        REQUIRE(empty.addSurvey(worrySurvey()).ok());
        REQUIRE(empty.addCampaign(worryCampaign()).ok());
        CHECK(empty.addCampaignAggregate(bad).error().code == "invalid_aggregate");
        bad = *aggregate;
        bad.extras["rank_intervals"] = boost::json::object{{"", 3}};
        CHECK(empty.addCampaignAggregate(bad).error().code == "invalid_aggregate");
        CHECK_FALSE(empty.isAggregated(empty.campaignIndex("oro_2025")));
    }
}
