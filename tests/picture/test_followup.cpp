// Follow-up of promise indicators across two campaigns on a small data set whose figures the
// test counts itself: shares, logit intervals, the difference test, suppression, on-track, counts.
#include "fixture.hpp"
#include "td/picture/followup.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace td;
using namespace td::picture;

namespace {

// Without a population table the design is the respondents unweighted: the share's
// with-replacement variance over the design's n respondents, of whom `answered` are in its base,
// is n/(n − 1) · p(1 − p)/answered. The interval is the logit interval.
double variance(double p, double answered, double n) {
    return n / (n - 1) * p * (1 - p) / answered;
}

std::pair<double, double> logitByHand(double p, double se) {
    const double z = 1.959963984540054, l = std::log(p / (1 - p)), h = z * se / (p * (1 - p));
    return {1 / (1 + std::exp(-(l - h))), 1 / (1 + std::exp(-(l + h)))};
}

struct Counts {
    double negative = 0;
    double base = 0;
};

// Negative answers (3 or 4) and answers excluding "vet ej" of a scale field of the rows.
Counts countScale(const std::vector<fixture::Row>& rows, int fixture::Row::*field) {
    Counts c;
    for (const auto& r : rows) {
        const int v = r.*field;
        if (v > 0) {
            ++c.base;
            if (v >= 3)
                ++c.negative;
        }
    }
    return c;
}

// Baseline 2022: 40 answers to q_trygg, half negative, plus 5 "vet ej"; q_droger likewise;
// q_sett answered by 20. 2025: q_trygg mostly safe, q_droger with only 2 negative answers of
// 30, q_sett answered by 3 only.
std::vector<fixture::Row> baselineRows() {
    std::vector<fixture::Row> out;
    for (int i = 0; i < 45; ++i) {
        fixture::Row r;
        r.trygg = i < 40 ? 1 + i % 4 : -1;
        r.droger = i < 40 ? 1 + (i / 2) % 4 : 0;
        r.sett = i < 20 ? i % 2 : -1;
        r.date = "2022-03-10";
        out.push_back(r);
    }
    return out;
}

std::vector<fixture::Row> currentRows() {
    std::vector<fixture::Row> out;
    for (int i = 0; i < 50; ++i) {
        fixture::Row r;
        r.trygg = i % 5 == 0 ? 4 : 1 + i % 2;
        r.droger = i < 30 ? (i < 2 ? 3 : 1) : 0;
        r.sett = i < 3 ? 1 : -1;
        out.push_back(r);
    }
    return out;
}

struct Data {
    PictureData data{PopulationTable{}};
    std::vector<fixture::Row> before = baselineRows();
    std::vector<fixture::Row> after = currentRows();

    Data() {
        REQUIRE(data.addSurvey(fixture::survey()));
        REQUIRE(data.addCampaign(fixture::campaign("enkat_2022", 2022)));
        REQUIRE(data.addCampaign(fixture::campaign("enkat_2025", 2025)));
        int serial = 1;
        for (const auto& r : before)
            REQUIRE(data.addResponse(fixture::response(r, "enkat_2022", serial++)));
        for (const auto& r : after)
            REQUIRE(data.addResponse(fixture::response(r, "enkat_2025", serial++)));
    }
};

model::Indicator share(std::string id, std::string question,
                       model::TargetDirection direction = model::TargetDirection::Decrease) {
    model::Indicator i;
    i.id = std::move(id);
    i.kind = model::IndicatorKind::SurveyShare;
    i.questionId = std::move(question);
    i.baselineCampaignId = "enkat_2022";
    i.targetDirection = direction;
    return i;
}

model::Promise promise() {
    model::Promise p;
    p.id = "lofte_droger";
    p.period = {2023, 2025};
    p.focusArea = model::FocusArea::Drugs;
    p.text = {"Löfte", "Promise"};
    p.organisations = {model::Organisation::Polis};
    return p;
}

} // namespace

TEST_CASE("a survey share against its baseline: shares, intervals, test, on-track", "[followup]") {
    Data d;
    const Counts then = countScale(d.before, &fixture::Row::trygg);
    const Counts now = countScale(d.after, &fixture::Row::trygg);
    REQUIRE(then.base == 40);
    REQUIRE(now.base == 50);

    const auto f = followUpIndicator(d.data, promise(), share("trygg", "q_trygg"), 2025, {});
    CHECK(f.label.sv == "Fråga q_trygg");
    REQUIRE(f.baseline);
    REQUIRE(f.current);
    CHECK(f.baseline->campaignId == "enkat_2022");
    CHECK(f.baseline->label.en == "Survey 2022");
    CHECK(f.current->campaignId == "enkat_2025");
    CHECK_FALSE(f.baseline->suppressed);
    CHECK_FALSE(f.current->suppressed);
    CHECK(f.baseline->value == Approx(then.negative / then.base));
    CHECK(f.current->value == Approx(now.negative / now.base));
    CHECK(f.baseline->n == 40);
    CHECK(f.current->n == 50);
    const double pNow = now.negative / now.base, pThen = then.negative / then.base;
    const double vNow = variance(pNow, now.base, 50), vThen = variance(pThen, then.base, 45);
    const auto [lo, hi] = logitByHand(pNow, std::sqrt(vNow));
    REQUIRE(f.current->ci);
    CHECK(f.current->ci->low == Approx(lo).margin(1e-12));
    CHECK(f.current->ci->high == Approx(hi).margin(1e-12));
    CHECK(*f.current->se == Approx(std::sqrt(vNow)).margin(1e-12));
    REQUIRE(f.difference);
    CHECK(*f.difference == Approx(pNow - pThen));
    REQUIRE(f.differenceCi);
    const double se = std::sqrt(vNow + vThen);
    CHECK(f.differenceCi->low == Approx(pNow - pThen - 1.959963984540054 * se));
    REQUIRE(f.pValue);
    const double p = std::erfc(std::fabs(pNow - pThen) / se / std::sqrt(2.0));
    CHECK(*f.pValue == Approx(p).margin(1e-12));
    CHECK(f.significant == (p < 0.05));
    CHECK(f.significant == true); // 0.2 against 0.5 on 50 and 40 answers
    CHECK(f.onTrack == true);     // the negative share fell, as a decrease target wants

    const auto up = followUpIndicator(
        d.data, promise(), share("trygg", "q_trygg", model::TargetDirection::Increase), 2025, {});
    CHECK(up.onTrack == false);
    CHECK(up.difference == f.difference);
}

TEST_CASE("a share resting on fewer than k answers is suppressed, never a number", "[followup]") {
    Data d;
    const auto f = followUpIndicator(d.data, promise(), share("sett", "q_sett"), 2025, {});
    REQUIRE(f.baseline);
    REQUIRE(f.current);
    CHECK_FALSE(f.baseline->suppressed);
    CHECK(f.baseline->n == 20);
    CHECK(f.current->suppressed);
    CHECK(f.current->campaignId == "enkat_2025");
    CHECK_FALSE(f.current->n);
    CHECK_FALSE(f.current->ci);
    CHECK(f.current->value == 0.0);
    CHECK_FALSE(f.difference);
    CHECK_FALSE(f.pValue);
    CHECK_FALSE(f.significant);
    CHECK_FALSE(f.onTrack);
}

TEST_CASE("complementary suppression: enough answers but a small negative cell", "[followup]") {
    Data d;
    const Counts now = countScale(d.after, &fixture::Row::droger);
    REQUIRE(now.base == 30);
    REQUIRE(now.negative == 2);
    const auto f = followUpIndicator(d.data, promise(), share("droger", "q_droger"), 2025, {});
    REQUIRE(f.current);
    CHECK(f.current->suppressed);
    CHECK_FALSE(f.current->n);
    CHECK_FALSE(f.difference);
    REQUIRE(f.baseline);
    CHECK_FALSE(f.baseline->suppressed);
}

TEST_CASE("the year's campaign: the newest after the baseline, not after the year", "[followup]") {
    Data d;
    const CampaignInfo& base = d.data.campaigns()[0];
    CHECK(yearCampaign(d.data, base, "q_trygg", 2023) == nullptr);
    CHECK(yearCampaign(d.data, base, "q_trygg", 2022) == nullptr);
    REQUIRE(yearCampaign(d.data, base, "q_trygg", 2025) != nullptr);
    CHECK(yearCampaign(d.data, base, "q_trygg", 2030)->campaign.id == "enkat_2025");
    CHECK(yearCampaign(d.data, base, "no_such_question", 2025) == nullptr);

    const auto early = followUpIndicator(d.data, promise(), share("trygg", "q_trygg"), 2023, {});
    CHECK(early.baseline);
    CHECK_FALSE(early.current);
    CHECK_FALSE(early.difference);
    CHECK_FALSE(early.onTrack);

    model::Indicator unknown = share("x", "q_trygg");
    unknown.baselineCampaignId = "no_such_campaign";
    const auto none = followUpIndicator(d.data, promise(), unknown, 2025, {});
    CHECK_FALSE(none.baseline);
    CHECK_FALSE(none.current);
}

TEST_CASE("measure and walk counts by year, imported figures, activity progress", "[followup]") {
    Data d;
    model::Promise p = promise();
    auto measure = [](std::string id, model::FocusArea area, model::MeasureStatus status,
                      std::optional<std::string> deadline, std::optional<std::string> promiseId) {
        model::Measure m;
        m.id = std::move(id);
        m.title = m.id;
        m.focusArea = area;
        m.status = status;
        m.deadline = std::move(deadline);
        m.promiseId = std::move(promiseId);
        return m;
    };
    using S = model::MeasureStatus;
    using A = model::FocusArea;
    const std::vector<model::Measure> measures{
        measure("m1", A::Drugs, S::Done, "2021-06-01", std::nullopt),
        measure("m2", A::Drugs, S::Done, "2024-06-01", std::nullopt),
        measure("m3", A::Drugs, S::Done, std::nullopt, std::nullopt),
        measure("m4", A::Drugs, S::InProgress, "2024-06-01", std::nullopt),
        measure("m5", A::Traffic, S::Done, "2024-06-01", std::nullopt),
        measure("m6", A::Traffic, S::Done, "2025-01-01", "lofte_droger"),
        measure("m7", A::Drugs, S::Done, "2024-01-01", "another_promise")};
    CHECK(belongsTo(measures[0], p));
    CHECK_FALSE(belongsTo(measures[4], p));
    CHECK(belongsTo(measures[5], p));
    CHECK_FALSE(belongsTo(measures[6], p));

    model::Indicator count;
    count.id = "klara";
    count.kind = model::IndicatorKind::MeasureCount;
    count.targetDirection = model::TargetDirection::Increase;
    // Baseline year: the year before the period (2022): m1. In 2025: m1, m2, m3 (no deadline)
    // and m6.
    const auto c = followUpIndicator(d.data, p, count, 2025, measures);
    REQUIRE(c.baseline);
    REQUIRE(c.current);
    CHECK(c.baseline->value == 1);
    CHECK(c.current->value == 4);
    CHECK(c.difference == 3);
    CHECK(c.onTrack == true);
    CHECK_FALSE(c.pValue);
    CHECK_FALSE(c.significant);
    CHECK(followUpIndicator(d.data, p, count, 2024, measures).current->value == 3);

    model::SafetyWalk w;
    w.date = "2025-09-18";
    d.data.addSafetyWalk(w);
    d.data.addSafetyWalk(w);
    w.date = "2022-09-16";
    d.data.addSafetyWalk(w);
    model::Indicator walks;
    walks.id = "vandringar";
    walks.kind = model::IndicatorKind::WalkCount;
    walks.baselineCampaignId = "enkat_2022";
    walks.targetDirection = model::TargetDirection::Decrease;
    const auto wc = followUpIndicator(d.data, p, walks, 2025, {});
    CHECK(wc.baseline->value == 1);
    CHECK(wc.baseline->campaignId == "enkat_2022");
    CHECK(wc.current->value == 2);
    CHECK(wc.onTrack == false);

    d.data.addIndicators({{"anmalda_narkotikabrott", A::Drugs, "2022", 37, "Polisen", "", ""},
                          {"anmalda_narkotikabrott", A::Traffic, "2025", 99, "Polisen", "", ""},
                          {"anmalda_narkotikabrott", A::Drugs, "2025", 21, "Polisen", "", ""},
                          {"anmalda_narkotikabrott", A::Drugs, "2024-Q1", 5, "Polisen", "", ""}});
    model::Indicator imported;
    imported.id = "anmalda";
    imported.kind = model::IndicatorKind::Imported;
    imported.indicatorName = "anmalda_narkotikabrott";
    const auto im = followUpIndicator(d.data, p, imported, 2025, {});
    CHECK(im.label.sv == "anmalda_narkotikabrott");
    CHECK(im.baseline->value == 37);
    CHECK(im.current->value == 21);
    CHECK(im.difference == -16);
    CHECK(im.onTrack == true);
    CHECK_FALSE(followUpIndicator(d.data, p, imported, 2024, {}).current);

    p.activities.resize(5);
    p.activities[0].status = model::ActivityStatus::Done;
    p.activities[1].status = model::ActivityStatus::Done;
    p.activities[2].status = model::ActivityStatus::Ongoing;
    p.activities[3].status = model::ActivityStatus::Cancelled;
    const ActivityProgress progress = activityProgress(p);
    CHECK(progress.planned == 1);
    CHECK(progress.ongoing == 1);
    CHECK(progress.done == 2);
    CHECK(progress.cancelled == 1);
}
