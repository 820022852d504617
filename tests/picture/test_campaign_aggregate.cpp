// A campaign kept as its aggregate (docs/retention.md) gives the same pictures as its
// responses: whole campaign, each locality, and trends in both directions, on the demo data.
// The aggregate holds no free text, survives its JSON form, and refuses what it cannot serve.
#include "fixture.hpp"
#include "td/demo/generator.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/picture_json.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace td;
using namespace td::picture;

namespace {

// What the free-text purge leaves of a response, written here without the server's code:
// text answers and place descriptions emptied.
model::Response withoutText(model::Response r, const model::Survey& survey) {
    for (auto& [qid, answer] : r.answers) {
        if (survey.findQuestion(qid)->type == model::QuestionType::Text)
            std::get<std::string>(answer) = "";
        if (auto* entries = std::get_if<std::vector<model::PlaceEntry>>(&answer))
            for (auto& e : *entries)
                if (e.description)
                    e.description = "";
    }
    return r;
}

struct Demo {
    demo::DemoData data;
    Demo() {
        auto options = demo::loadDemoOptions(std::string(TD_SOURCE_DIR) + "/shared/content",
                                             std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json");
        REQUIRE(options);
        options->responsesPerWave = 250;
        data = demo::generate(11, *options);
    }
    const model::Survey& surveyOf(const model::Response& r) const {
        for (const auto& s : data.surveys)
            if (s.id == r.surveyId && s.version == r.surveyVersion)
                return s;
        FAIL("no survey");
        return data.surveys.front();
    }
    // Everything, the responses of `textless` without free text and, when `aggregated` is
    // given, that campaign's answers from `aggregated` instead of its responses.
    PictureData build(const std::string& textless,
                      const std::optional<CampaignAggregate>& aggregated = {}) const {
        PictureData d(fixture::vindelnPopulation());
        d.setPlaces(data.places);
        for (const auto& s : data.surveys)
            REQUIRE(d.addSurvey(s).ok());
        for (const auto& c : data.campaigns)
            REQUIRE(d.addCampaign(c).ok());
        if (aggregated)
            REQUIRE(d.addCampaignAggregate(*aggregated).ok());
        for (const auto& r : data.responses) {
            if (aggregated && r.campaignId == aggregated->campaignId)
                continue;
            (void)d.addResponse(r.campaignId == textless ? withoutText(r, surveyOf(r)) : r);
        }
        for (const auto& x : data.dialogues)
            d.addDialogue(x);
        for (const auto& w : data.walks)
            d.addSafetyWalk(w);
        for (const auto& o : data.observations)
            d.addObservation(o);
        d.addIndicators(data.indicators);
        return d;
    }
};

std::string pictureText(const PictureData& data, const PictureFilter& filter) {
    auto p = computePicture(data, filter);
    if (!p)
        return "error " + p.error().code;
    return boost::json::serialize(toJson(*p));
}

} // namespace

TEST_CASE("every campaign's pictures and trends are the same from its aggregate") {
    Demo demo;
    std::size_t compared = 0;
    for (const auto& c : demo.data.campaigns) {
        INFO(c.id);
        const PictureData original = demo.build(c.id);
        auto aggregate = original.campaignAggregate(c.id);
        REQUIRE(aggregate);
        // Through its stored form, as the server keeps it.
        auto decoded =
            decodeCampaignAggregate(boost::json::parse(boost::json::serialize(encode(*aggregate))));
        REQUIRE(decoded);
        CHECK(*decoded == *aggregate);
        const PictureData kept = demo.build(c.id, *decoded);
        CHECK(kept.isAggregated(kept.campaignIndex(c.id)));

        std::vector<PictureFilter> filters{fixture::only(c.id)};
        for (const auto& locality : original.population().localities) {
            filters.push_back(fixture::only(c.id));
            filters.back().locality = locality;
        }
        for (const auto& other : demo.data.campaigns) {
            if (other.id == c.id)
                continue;
            auto there = fixture::only(other.id);
            there.compareToCampaignId = c.id;
            filters.push_back(there);
            auto here = fixture::only(c.id);
            here.compareToCampaignId = other.id;
            filters.push_back(here);
        }
        for (const auto& f : filters) {
            INFO((f.locality ? *f.locality : "")
                 << " " << f.campaignId << " vs " << f.compareToCampaignId.value_or(""));
            const std::string before = pictureText(original, f);
            CHECK(before.rfind("error", 0) != 0);
            CHECK(pictureText(kept, f) == before);
            ++compared;
        }
    }
    CHECK(compared > 40);
}

TEST_CASE("an aggregate holds counts, never an answer's text") {
    Demo demo;
    const std::string campaign = demo.data.campaigns.front().id;
    // Built from responses that still have their text: nothing of it may reach the aggregate.
    PictureData withText = demo.build("");
    auto aggregate = withText.campaignAggregate(campaign);
    REQUIRE(aggregate);
    const std::string text = boost::json::serialize(encode(*aggregate));
    std::size_t texts = 0;
    for (const auto& r : demo.data.responses) {
        if (r.campaignId != campaign)
            continue;
        for (const auto& [qid, answer] : r.answers) {
            if (const auto* s = std::get_if<std::string>(&answer);
                s && demo.surveyOf(r).findQuestion(qid)->type == model::QuestionType::Text) {
                CHECK(text.find(*s) == std::string::npos);
                ++texts;
            }
        }
        CHECK(text.find(r.id) == std::string::npos);
    }
    CHECK(texts > 0);
}

TEST_CASE("an aggregated campaign refuses date filters, responses and a second aggregate") {
    Demo demo;
    const std::string campaign = demo.data.campaigns.front().id;
    const PictureData original = demo.build(campaign);
    auto aggregate = original.campaignAggregate(campaign);
    REQUIRE(aggregate);
    PictureData kept = demo.build(campaign, *aggregate);
    auto filter = fixture::only(campaign);
    filter.from = "2020-01-01";
    auto dated = computePicture(kept, filter);
    REQUIRE_FALSE(dated);
    CHECK(dated.error().code == "campaign_aggregated");
    CHECK(kept.addCampaignAggregate(*aggregate).error().code == "campaign_has_responses");
    model::Response late;
    for (const auto& r : demo.data.responses)
        if (r.campaignId == campaign)
            late = r;
    CHECK(kept.addResponse(late).error().code == "campaign_aggregated");

    CampaignAggregate broken = *aggregate;
    broken.questions.front().counts.push_back({99'999, "1", 1});
    PictureData fresh(fixture::vindelnPopulation());
    for (const auto& s : demo.data.surveys)
        REQUIRE(fresh.addSurvey(s).ok());
    for (const auto& c : demo.data.campaigns)
        REQUIRE(fresh.addCampaign(c).ok());
    CHECK(fresh.addCampaignAggregate(broken).error().code == "invalid_aggregate");
    CHECK_FALSE(fresh.isAggregated(fresh.campaignIndex(campaign))); // nothing half-added
    CHECK(decodeCampaignAggregate(boost::json::parse(R"({"format":2})")).error().code ==
          "invalid_aggregate");
    CHECK(decodeCampaignAggregate(boost::json::parse(R"({"format":1,"campaign_id":3})"))
              .error()
              .code == "invalid_aggregate");
}
