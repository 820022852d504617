#include "td/demo/generator.hpp"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/ingest.hpp"
#include "td/picture/picture_json.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace td;

namespace {

const demo::DemoOptions& options() {
    static const demo::DemoOptions o = [] {
        auto loaded = demo::loadDemoOptions(std::string(TD_SOURCE_DIR) + "/shared/content",
                                            std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json");
        if (!loaded.ok())
            FAIL(loaded.error().describe());
        return std::move(loaded).value();
    }();
    return o;
}

std::string serialize(const std::vector<demo::DemoRecord>& records) {
    std::string out;
    for (const auto& r : records)
        out += std::string(model::toString(r.kind)) + " " + r.id + " " +
               boost::json::serialize(r.body) + "\n";
    return out;
}

} // namespace

TEST_CASE("Demo data is deterministic per seed") {
    const auto a = serialize(demo::generate(7, options()).records());
    const auto b = serialize(demo::generate(7, options()).records());
    const auto c = serialize(demo::generate(8, options()).records());
    CHECK(a == b);
    CHECK(a != c);
    CHECK(a.size() > 100000);
}

TEST_CASE("Every demo record validates with the shared validator and round-trips") {
    const demo::DemoData data = demo::generate(42, options());
    std::map<std::string, const model::Survey*> surveys;
    for (const auto& s : data.surveys) {
        CHECK(model::validateSurvey(s).empty());
        surveys[s.id] = &s;
    }
    REQUIRE(data.campaigns.size() == 5); // two waves, two dialogue rounds, the youth kiosk
    for (const auto& c : data.campaigns)
        CHECK(model::validateCampaign(c).empty());
    REQUIRE(data.responses.size() > 1200);
    std::set<std::string> ids;
    for (const auto& r : data.responses) {
        const auto issues = model::validateResponse(r, *surveys.at(r.surveyId));
        if (!issues.empty())
            FAIL(r.id << ": " << issues.front().path << " " << issues.front().message);
        CHECK(ids.insert(r.id).second);
    }
    for (const auto& d : data.dialogues)
        CHECK(model::validateDialogue(d).empty());
    REQUIRE(data.walks.size() == 2);
    for (const auto& w : data.walks)
        CHECK(model::validateSafetyWalk(w).empty());
    REQUIRE(data.observations.size() == 10);
    for (const auto& o : data.observations)
        CHECK(model::validateObservation(o, *options().checklist).empty());
    REQUIRE_FALSE(data.measures.empty());
    for (const auto& m : data.measures)
        CHECK(model::validateMeasure(m).empty());
    for (const auto& rec : data.records())
        if (rec.kind == model::RecordKind::Response) {
            auto back = model::decode<model::Response>(rec.body);
            REQUIRE(back.ok());
            CHECK(back->id == rec.id);
        }
}

TEST_CASE("Demo responses follow the population with an older-skewed response") {
    demo::DemoOptions o = options();
    o.responsesPerWave = 4000;
    o.dialoguesPerYear = 0;
    o.walks = 0;
    const demo::DemoData data = demo::generate(3, o);
    picture::PictureData pd(o.population);
    pd.setPlaces(o.places);
    REQUIRE(pd.addSurvey(o.survey).ok());
    for (const auto& c : data.campaigns)
        if (c.surveyId == o.survey.id)
            REQUIRE(pd.addCampaign(c).ok());
    for (const auto& r : data.responses)
        REQUIRE(pd.addResponse(r).ok());
    picture::PictureFilter f;
    f.campaignId = demo::surveyCampaignId(2025);
    f.compareToCampaignId = demo::surveyCampaignId(2022);
    auto p = picture::computePicture(pd, f);
    REQUIRE(p.ok());
    CHECK(p->respondents == 4000);
    const auto* age = [&]() -> const picture::QuestionResult* {
        for (const auto& q : p->questions)
            if (q.id == "q_alder")
                return &q;
        return nullptr;
    }();
    REQUIRE(age);
    // 65+ is 1531 / 4446 = 34 % of adults but answers more; 16-24 (10 %) answers less.
    const double answered = static_cast<double>(age->answered);
    CHECK(age->distribution[3].count / answered > 0.40);
    CHECK(age->distribution[0].count / answered < 0.08);
    CHECK(p->weighting.designEffect > 1.05);
    // The later wave is safer on drugs.
    for (const auto& q : p->questions)
        if (q.id == "q_oro_droger") {
            REQUIRE(q.trend);
            CHECK(q.trend->test.difference < 0);
            CHECK(q.trend->significant);
        }
    CHECK_FALSE(p->places.empty());
}

TEST_CASE("Demo records fed as {kind, body} give the same picture as typed ingestion") {
    demo::DemoOptions o = options();
    o.responsesPerWave = 300;
    const demo::DemoData data = demo::generate(5, o);
    picture::PictureData typed(o.population);
    typed.setPlaces(data.places);
    for (const auto& s : data.surveys)
        REQUIRE(typed.addSurvey(s).ok());
    for (const auto& c : data.campaigns)
        REQUIRE(typed.addCampaign(c).ok());
    for (const auto& r : data.responses)
        REQUIRE(typed.addResponse(r).ok());
    for (const auto& d : data.dialogues)
        typed.addDialogue(d);
    for (const auto& w : data.walks)
        typed.addSafetyWalk(w);
    for (const auto& ob : data.observations)
        typed.addObservation(ob);

    picture::PictureData fromRecords(o.population);
    for (const auto& rec : data.records()) {
        const auto s = picture::addRecord(fromRecords, rec.kind, rec.body);
        if (!s.ok())
            FAIL(rec.id << ": " << s.error().describe());
    }
    picture::PictureFilter f;
    f.campaignId = demo::surveyCampaignId(2025);
    f.compareToCampaignId = demo::surveyCampaignId(2022);
    auto a = picture::computePicture(typed, f);
    auto b = picture::computePicture(fromRecords, f);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(boost::json::serialize(picture::toJson(*a)) ==
          boost::json::serialize(picture::toJson(*b)));
    CHECK(a->walks == 1);
    CHECK(a->observations == 5);
    CHECK(a->dialogues == 6);
}

TEST_CASE("Incremental aggregates and the row pass give identical pictures") {
    demo::DemoOptions o = options();
    o.responsesPerWave = 800;
    const demo::DemoData data = demo::generate(11, o);
    picture::PictureData pd(o.population);
    for (const auto& rec : data.records())
        REQUIRE(picture::addRecord(pd, rec.kind, rec.body).ok());
    for (const char* locality : {"", "hallnas"}) {
        picture::PictureFilter whole;
        whole.campaignId = demo::surveyCampaignId(2025);
        whole.compareToCampaignId = demo::surveyCampaignId(2022);
        if (*locality)
            whole.locality = locality;
        picture::PictureFilter rows = whole; // a date window forces the row pass
        rows.from = "2025-01-01";
        rows.to = "2025-12-31";
        auto a = picture::computePicture(pd, whole);
        auto b = picture::computePicture(pd, rows);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        CHECK(a->respondents == b->respondents);
        auto ja = picture::toJson(*a).as_object();
        auto jb = picture::toJson(*b).as_object();
        ja.erase("filter");
        jb.erase("filter");
        CHECK(boost::json::serialize(ja) == boost::json::serialize(jb));
    }
}

TEST_CASE("Demo police and municipality figures and the youth kiosk round") {
    const demo::DemoData a = demo::generate(42, options());
    const demo::DemoData b = demo::generate(42, options());
    CHECK(a.indicators == b.indicators);
    // Five series, yearly from two years before the first wave to the last.
    REQUIRE(a.indicators.size() == 5 * 6);
    std::set<std::string> names;
    for (const auto& f : a.indicators) {
        names.insert(f.indicator);
        CHECK(f.value > 0);
        CHECK(f.value == std::round(f.value));
        CHECK((f.source == "Polisen" || f.source == "Vindelns kommun"));
        CHECK(f.period.size() == 4);
    }
    CHECK(names.size() == 5);
    CHECK(a.indicators.front().period == "2020");
    CHECK(a.indicators.back().period == "2025");
    // The youth kiosk: a dialogue-survey campaign after the year's dialogue round, fewer
    // answers than k = 5.
    const auto kiosk = std::find_if(a.campaigns.begin(), a.campaigns.end(), [](const auto& c) {
        return c.id == demo::youthKioskCampaignId(2025);
    });
    REQUIRE(kiosk != a.campaigns.end());
    CHECK(kiosk->surveyId == options().dialogueSurvey->id);
    CHECK(kiosk->periodStart > "2025-10-31");
    const auto answers = std::count_if(a.responses.begin(), a.responses.end(),
                                       [&](const auto& r) { return r.campaignId == kiosk->id; });
    CHECK(answers > 0);
    CHECK(answers < 5);
}
