// Generated responses to the content surveys, and observations against the walk checklist,
// go through the shared validator: complete ones pass, each broken one names its path.

#include "content_support.hpp"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"

#include <catch2/catch.hpp>

using namespace td::model;
using namespace td::content_test;

namespace {

constexpr int kVariants = 12;

Survey loadSurvey(const std::string& name) {
    auto survey = loadSurveyFile(contentPath(name));
    INFO(name << ": " << (survey.ok() ? std::string() : survey.error().describe()));
    REQUIRE(survey.ok());
    return std::move(survey).value();
}

std::string describe(const Issues& issues) {
    std::string out;
    for (const Issue& issue : issues)
        out += issue.path + " [" + issue.code + "] " + issue.message + "\n";
    return out;
}

/// The single issue of `issues`, which must be exactly one.
Issue onlyIssue(const Issues& issues) {
    INFO(describe(issues));
    REQUIRE(issues.size() == 1);
    return issues.front();
}

} // namespace

TEST_CASE("fully answered responses to both surveys validate and survive the wire",
          "[content][response]") {
    for (const char* name : {"trygghetsenkat_vindeln.json", "medborgardialog.json"}) {
        const Survey survey = loadSurvey(name);
        for (int variant = 0; variant < kVariants; ++variant) {
            INFO(name << " variant " << variant);
            const Response response = fullResponse(survey, variant);
            CHECK(response.answers.size() >= 4);
            CHECK(describe(validateResponse(response, survey)).empty());

            auto decoded = fromJsonText<Response>(toJsonText(response));
            INFO((decoded.ok() ? std::string() : decoded.error().describe()));
            REQUIRE(decoded.ok());
            CHECK(decoded.value() == response);
            CHECK(describe(validateResponse(decoded.value(), survey)).empty());
        }
    }
}

TEST_CASE("yes answers open every follow-up of the main survey; no answers close them",
          "[content][response]") {
    const Survey survey = loadSurvey("trygghetsenkat_vindeln.json");
    const auto questions = survey.questions();

    const Response allOpen = fullResponse(survey, 0); // yes, first choices ("ja")
    CHECK(allOpen.answers.size() == questions.size());

    const Response closed = fullResponse(survey, 1); // no, second choices ("nej")
    for (const char* followUp : {"q_avstar_hur", "q_vet_vart_vanda", "q_bedrageri_foljd",
                                 "q_utsatt_anmalt", "q_otrygga_platser", "q_loften_kalla"}) {
        INFO(followUp);
        REQUIRE(survey.findQuestion(followUp) != nullptr);
        CHECK(allOpen.answers.count(followUp) == 1);
        CHECK(closed.answers.count(followUp) == 0);
    }
}

TEST_CASE("a response missing a required answer fails at that answer's path",
          "[content][response]") {
    const Survey survey = loadSurvey("trygghetsenkat_vindeln.json");
    for (const char* required : {"q_trygg_dag", "q_trygg_kvall"}) {
        INFO(required);
        REQUIRE(survey.findQuestion(required)->required);
        Response response = fullResponse(survey, 3);
        REQUIRE(response.answers.erase(required) == 1);
        const Issue issue = onlyIssue(validateResponse(response, survey));
        CHECK(issue.path == std::string("answers.") + required);
        CHECK(issue.code == "required_unanswered");
    }

    const Survey dialogue = loadSurvey("medborgardialog.json");
    Response kiosk = fullResponse(dialogue, 2);
    REQUIRE(kiosk.answers.erase("q_viktigast") == 1);
    const Issue issue = onlyIssue(validateResponse(kiosk, dialogue));
    CHECK(issue.path == "answers.q_viktigast");
    CHECK(issue.code == "required_unanswered");
}

TEST_CASE("background and other optional answers may be left out", "[content][response]") {
    const Survey survey = loadSurvey("trygghetsenkat_vindeln.json");
    Response response = fullResponse(survey, 0);
    for (const Question* q : survey.questions()) {
        if (!q->required)
            response.answers.erase(q->id);
    }
    CHECK(response.answers.size() == 2);
    CHECK(describe(validateResponse(response, survey)).empty());
}

TEST_CASE("answers the content forbids are rejected at their path", "[content][response]") {
    const Survey survey = loadSurvey("trygghetsenkat_vindeln.json");

    SECTION("an answer to a follow-up hidden by an earlier answer") {
        Response response = fullResponse(survey, 1);
        response.answers["q_vet_vart_vanda"] = true;
        const Issue issue = onlyIssue(validateResponse(response, survey));
        CHECK(issue.path == "answers.q_vet_vart_vanda");
        CHECK(issue.code == "answer_to_hidden_question");
        CHECK(pruneHiddenAnswers(response, survey) == 1);
        CHECK(describe(validateResponse(response, survey)).empty());
    }
    SECTION("\"none\" combined with a problem") {
        Response response = fullResponse(survey, 0);
        response.answers["q_problem"] = std::vector<std::string>{"fortkorning", "inga_problem"};
        const Issue issue = onlyIssue(validateResponse(response, survey));
        CHECK(issue.path == "answers.q_problem");
        CHECK(issue.code == "exclusive_choice_combined");
    }
    SECTION("more evenings than a week has") {
        Response response = fullResponse(survey, 0);
        response.answers["q_kvallar_ute"] = std::int64_t{8};
        const Issue issue = onlyIssue(validateResponse(response, survey));
        CHECK(issue.path == "answers.q_kvallar_ute");
        CHECK(issue.code == "number_out_of_range");
    }
    SECTION("a suggestion one character over 1000") {
        Response response = fullResponse(survey, 0);
        response.answers["q_tryggare"] = std::string(1001, 'a');
        const Issue issue = onlyIssue(validateResponse(response, survey));
        CHECK(issue.path == "answers.q_tryggare");
        CHECK(issue.code == "text_too_long");
    }
    SECTION("a fourth unsafe place") {
        Response response = fullResponse(survey, 2); // three places
        auto& places = std::get<std::vector<PlaceEntry>>(response.answers.at("q_otrygga_platser"));
        REQUIRE(places.size() == 3);
        places.push_back(places.front());
        const Issue issue = onlyIssue(validateResponse(response, survey));
        CHECK(issue.path == "answers.q_otrygga_platser");
        CHECK(issue.code == "too_many_places");
    }
    SECTION("\"vet ej\" on a yes/no question") {
        Response response = fullResponse(survey, 0);
        response.answers["q_sett_droger"] = std::string(kDontKnow);
        const Issue issue = onlyIssue(validateResponse(response, survey));
        CHECK(issue.path == "answers.q_sett_droger");
        CHECK(issue.code == "wrong_answer_type");
    }
}

TEST_CASE("observations at the demo walk stops validate against the checklist", "[content][walk]") {
    auto checklist = loadChecklistFile(contentPath("walk_checklist.json"));
    auto registry = loadPlacesFile(contentPath("places_vindeln.json"));
    REQUIRE(checklist.ok());
    REQUIRE(registry.ok());

    int stop = 0;
    for (const Place& place : registry.value().places) {
        if (place.locality != "vindeln" || stop == 5)
            continue;
        INFO(place.id);
        Observation obs;
        obs.id = "01932c4e-8f3a-7b21-9c4d-5e6f7081" + std::to_string(9000 + stop);
        obs.walkId = "01932c4e-8f3a-7b21-9c4d-5e6f70810000";
        obs.recordedAt = "2025-09-18T18:3" + std::to_string(stop) + ":00Z";
        obs.position = Position{place.lat, place.lon, 4.0};
        obs.placeId = place.id;
        for (std::size_t i = 0; i < checklist.value().items.size(); ++i) {
            const auto& item = checklist.value().items[i];
            obs.ratings[item.id] = i == 2
                                       ? ChecklistRating{} // vegetation: not applicable
                                       : ChecklistRating{static_cast<std::int64_t>((i + stop) % 4)};
        }
        obs.overallFeeling = 1 + stop % 5;
        obs.responsibleParty = checklist.value().parties[static_cast<std::size_t>(stop)].id;
        CHECK(describe(validateObservation(obs, checklist.value())).empty());

        obs.ratings["lighting"] = std::int64_t{4};
        const Issue issue = onlyIssue(validateObservation(obs, checklist.value()));
        CHECK(issue.path == "ratings.lighting");
        CHECK(issue.code == "rating_out_of_range");
        ++stop;
    }
    CHECK(stop == 5);
}
