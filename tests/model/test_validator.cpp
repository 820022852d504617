#include "fixtures.hpp"
#include "td/model/validator.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace td::model;
using namespace td::model::test;

namespace {

std::string describe(const Issues& issues) {
    std::ostringstream out;
    for (const Issue& i : issues)
        out << i.path << " " << i.code << ": " << i.message << "\n";
    return out.str();
}

/// Exactly one issue, with this path and code.
void requireSingle(const Issues& issues, const std::string& path, const std::string& code) {
    INFO(describe(issues));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].path == path);
    CHECK(issues[0].code == code);
    CHECK_FALSE(issues[0].message.empty());
}

Issues withAnswer(const std::string& question, AnswerValue value) {
    Response r = sampleResponse();
    r.answers[question] = std::move(value);
    return validateResponse(r, sampleSurvey());
}

Question& question(Survey& s, const std::string& id) {
    for (Section& section : s.sections) {
        for (Question& q : section.questions) {
            if (q.id == id)
                return q;
        }
    }
    throw std::logic_error("no question " + id);
}

} // namespace

TEST_CASE("the sample records are valid", "[validator]") {
    CHECK(describe(validateSurvey(sampleSurvey())).empty());
    CHECK(describe(validateResponse(sampleResponse(), sampleSurvey())).empty());
    CHECK(describe(validateCampaign(sampleCampaign())).empty());
    CHECK(describe(validateDialogue(sampleDialogue())).empty());
    CHECK(describe(validateSafetyWalk(sampleWalk())).empty());
    CHECK(describe(validateObservation(sampleObservation(), sampleChecklist())).empty());
    CHECK(describe(validateChecklist(sampleChecklist())).empty());
    CHECK(describe(validatePlace(samplePlace())).empty());
    CHECK(describe(validateMeasure(sampleMeasure())).empty());
    CHECK(describe(validatePromise(samplePromise())).empty());
}

TEST_CASE("response header fields are checked", "[validator]") {
    Response r = sampleResponse();
    r.surveyId = "annan_enkat";
    requireSingle(validateResponse(r, sampleSurvey()), "survey_id", "survey_mismatch");

    r = sampleResponse();
    r.surveyVersion = 1;
    requireSingle(validateResponse(r, sampleSurvey()), "survey_version", "survey_version_mismatch");

    r = sampleResponse();
    r.id = "123";
    requireSingle(validateResponse(r, sampleSurvey()), "id", "invalid_id");

    r = sampleResponse();
    r.submittedAt = "2025-03-14T25:00:00Z";
    requireSingle(validateResponse(r, sampleSurvey()), "submitted_at", "invalid_timestamp");

    r = sampleResponse();
    r.locale = "fi";
    requireSingle(validateResponse(r, sampleSurvey()), "locale", "invalid_locale");
}

TEST_CASE("answers must belong to questions of the survey", "[validator]") {
    requireSingle(withAnswer("q_finns_inte", true), "answers.q_finns_inte", "unknown_question");
}

TEST_CASE("required questions must be answered when visible", "[validator]") {
    Response r = sampleResponse();
    r.answers.erase("q_trygg_kvall");
    r.answers.erase("q_platser"); // hidden now that q_trygg_kvall is unanswered
    requireSingle(validateResponse(r, sampleSurvey()), "answers.q_trygg_kvall",
                  "required_unanswered");

    // q_utsatt_typ is required but hidden unless q_utsatt is true.
    r = sampleResponse();
    r.answers["q_utsatt"] = true;
    requireSingle(validateResponse(r, sampleSurvey()), "answers.q_utsatt_typ",
                  "required_unanswered");
    r.answers["q_utsatt_typ"] = std::string("telefon");
    CHECK(validateResponse(r, sampleSurvey()).empty());
}

TEST_CASE("answers to hidden questions are rejected and pruned", "[validator]") {
    Response r = sampleResponse();
    r.answers["q_utsatt_typ"] = std::string("telefon"); // q_utsatt is false
    requireSingle(validateResponse(r, sampleSurvey()), "answers.q_utsatt_typ",
                  "answer_to_hidden_question");

    CHECK(pruneHiddenAnswers(r, sampleSurvey()) == 1);
    CHECK(r.answers.count("q_utsatt_typ") == 0);
    CHECK(validateResponse(r, sampleSurvey()).empty());

    // Changing an earlier answer hides a later one: the stale place answer goes.
    r.answers["q_trygg_kvall"] = std::int64_t{1};
    requireSingle(validateResponse(r, sampleSurvey()), "answers.q_platser",
                  "answer_to_hidden_question");
    CHECK(pruneHiddenAnswers(r, sampleSurvey()) == 1);
    CHECK(validateResponse(r, sampleSurvey()).empty());
}

TEST_CASE("hidden-ness follows chains of conditions in survey order", "[validator]") {
    Survey s = sampleSurvey();
    // q_tankar shown only when q_platser is answered, which needs q_trygg_kvall in [3, 4].
    Condition answered;
    answered.op = Condition::Op::Answered;
    answered.question = "q_platser";
    question(s, "q_tankar").showIf = answered;

    Response r = sampleResponse();
    CHECK(validateResponse(r, s).empty());
    r.answers["q_trygg_kvall"] = std::int64_t{2};
    const Issues issues = validateResponse(r, s);
    INFO(describe(issues));
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].path == "answers.q_platser");
    CHECK(issues[1].path == "answers.q_tankar");
    CHECK(issues[1].code == "answer_to_hidden_question");
    CHECK(pruneHiddenAnswers(r, s) == 2);
    CHECK(validateResponse(r, s).empty());
}

TEST_CASE("scale answers", "[validator]") {
    // Without the place question, which a scale answer outside [3, 4] hides.
    const auto scaleAnswer = [](AnswerValue value) {
        Response r = sampleResponse();
        r.answers.erase("q_platser");
        r.answers["q_trygg_kvall"] = std::move(value);
        return validateResponse(r, sampleSurvey());
    };
    const Issues five = scaleAnswer(std::int64_t{5});
    requireSingle(five, "answers.q_trygg_kvall", "invalid_scale_value");
    CHECK(five[0].message == R"(expected one of 1..4 or "vet_ej")");
    CHECK(scaleAnswer(std::int64_t{1}).empty());
    CHECK(scaleAnswer(std::string("vet_ej")).empty());
    requireSingle(scaleAnswer(std::string("kanske")), "answers.q_trygg_kvall",
                  "invalid_scale_value");
    requireSingle(scaleAnswer(2.0), "answers.q_trygg_kvall", "invalid_scale_value");

    Response r = sampleResponse();
    r.answers["q_trygg_kvall"] = std::string("vet_ej");
    r.answers.erase("q_platser");

    Survey noDontKnow = sampleSurvey();
    question(noDontKnow, "q_trygg_kvall").dontKnow = false;
    const Issues issues = validateResponse(r, noDontKnow);
    requireSingle(issues, "answers.q_trygg_kvall", "dont_know_not_allowed");
    CHECK(issues[0].message == "expected one of 1..4");
}

TEST_CASE("single and multi choice answers", "[validator]") {
    requireSingle(withAnswer("q_alder", std::string("90_plus")), "answers.q_alder",
                  "unknown_choice");
    requireSingle(withAnswer("q_alder", std::int64_t{2}), "answers.q_alder", "wrong_answer_type");

    using Ids = std::vector<std::string>;
    requireSingle(withAnswer("q_problem", Ids{"nedskrapning", "graffiti"}), "answers.q_problem[1]",
                  "unknown_choice");
    requireSingle(withAnswer("q_problem", Ids{"narkotika", "narkotika"}), "answers.q_problem[1]",
                  "duplicate_choice");
    requireSingle(withAnswer("q_problem", Ids{}), "answers.q_problem", "empty_answer");
    Survey two = sampleSurvey();
    question(two, "q_problem").maxChoices = 2;
    Response r = sampleResponse();
    r.answers["q_problem"] = Ids{"nedskrapning", "narkotika", "fortkorning"};
    requireSingle(validateResponse(r, two), "answers.q_problem", "too_many_choices");
    requireSingle(withAnswer("q_problem", Ids{"inga", "narkotika"}), "answers.q_problem",
                  "exclusive_choice_combined");
    CHECK(withAnswer("q_problem", Ids{"inga"}).empty());
    requireSingle(withAnswer("q_problem", std::string("inga")), "answers.q_problem",
                  "wrong_answer_type");
}

TEST_CASE("yes/no, number and text answers", "[validator]") {
    requireSingle(withAnswer("q_utsatt", std::string("ja")), "answers.q_utsatt",
                  "wrong_answer_type");

    requireSingle(withAnswer("q_kvallar", std::int64_t{8}), "answers.q_kvallar",
                  "number_out_of_range");
    requireSingle(withAnswer("q_kvallar", -1.0), "answers.q_kvallar", "number_out_of_range");
    requireSingle(withAnswer("q_kvallar", 2.5), "answers.q_kvallar", "number_not_integer");
    CHECK(withAnswer("q_kvallar", 7.0).empty());
    Survey decimals = sampleSurvey();
    question(decimals, "q_kvallar").integer = false;
    Response r = sampleResponse();
    r.answers["q_kvallar"] = 2.5;
    CHECK(validateResponse(r, decimals).empty());

    requireSingle(withAnswer("q_tankar", std::string(" \n\t ")), "answers.q_tankar", "blank_text");
    requireSingle(withAnswer("q_tankar", std::string(21, 'x')), "answers.q_tankar",
                  "text_too_long");
    CHECK(withAnswer("q_tankar", std::string("åäöåäöåäöåäöåäöåäöåä")).empty()); // 20 chars
    requireSingle(withAnswer("q_tankar", true), "answers.q_tankar", "wrong_answer_type");
}

TEST_CASE("place answers", "[validator]") {
    using Entries = std::vector<PlaceEntry>;
    requireSingle(withAnswer("q_platser", Entries{}), "answers.q_platser", "empty_answer");
    requireSingle(withAnswer("q_platser", std::vector<std::string>{}), "answers.q_platser",
                  "empty_answer");
    requireSingle(withAnswer("q_platser", Entries(3, registryPlace())), "answers.q_platser",
                  "too_many_places");

    PlaceEntry two = registryPlace();
    two.description = "Vid kyrkan";
    requireSingle(withAnswer("q_platser", Entries{two}), "answers.q_platser[0]",
                  "place_entry_source");
    PlaceEntry none = registryPlace();
    none.placeId.reset();
    requireSingle(withAnswer("q_platser", Entries{none}), "answers.q_platser[0]",
                  "place_entry_source");

    PlaceEntry far = positionPlace();
    far.position->lat = 95;
    requireSingle(withAnswer("q_platser", Entries{far}), "answers.q_platser[0].position.lat",
                  "position_out_of_range");
    PlaceEntry vague = positionPlace();
    vague.position->accuracyM = 0;
    requireSingle(withAnswer("q_platser", Entries{vague}),
                  "answers.q_platser[0].position.accuracy_m", "position_out_of_range");

    PlaceEntry morning = registryPlace();
    morning.timesOfDay = {TimeOfDay::Night, TimeOfDay::Morning};
    requireSingle(withAnswer("q_platser", Entries{morning}), "answers.q_platser[0].times_of_day[1]",
                  "unknown_time_of_day");

    PlaceEntry reason = registryPlace();
    reason.reasons = {"deserted", "noise"};
    requireSingle(withAnswer("q_platser", Entries{reason}), "answers.q_platser[0].reasons[1]",
                  "unknown_reason");

    PlaceEntry blank;
    blank.description = "   ";
    requireSingle(withAnswer("q_platser", Entries{blank}), "answers.q_platser[0].description",
                  "blank_text");

    PlaceEntry badId = registryPlace();
    badId.placeId = "Stationen";
    requireSingle(withAnswer("q_platser", Entries{badId}), "answers.q_platser[0].place_id",
                  "invalid_id");

    requireSingle(withAnswer("q_platser", std::string("stationen")), "answers.q_platser",
                  "wrong_answer_type");
}

TEST_CASE("isVisible and evaluate", "[validator]") {
    const Survey s = sampleSurvey();
    const Question& typ = *s.findQuestion("q_utsatt_typ");
    CHECK_FALSE(isVisible(typ, {}));
    CHECK_FALSE(isVisible(typ, {{"q_utsatt", false}}));
    CHECK(isVisible(typ, {{"q_utsatt", true}}));
    CHECK(isVisible(*s.findQuestion("q_utsatt"), {}));

    Condition includes;
    includes.op = Condition::Op::Includes;
    includes.question = "q_problem";
    includes.includes = "narkotika";
    CHECK(evaluate(includes, {{"q_problem", std::vector<std::string>{"inga", "narkotika"}}}));
    CHECK_FALSE(evaluate(includes, {{"q_problem", std::vector<std::string>{"inga"}}}));
    CHECK_FALSE(evaluate(includes, {}));

    Condition notAnswered;
    notAnswered.op = Condition::Op::Answered;
    notAnswered.question = "q_alder";
    notAnswered.answered = false;
    CHECK(evaluate(notAnswered, {}));
    CHECK_FALSE(evaluate(notAnswered, {{"q_alder", std::string("16_24")}}));

    Condition in;
    in.op = Condition::Op::In;
    in.question = "q_kvallar";
    in.in = {std::int64_t{2}, 3.5};
    CHECK(evaluate(in, {{"q_kvallar", 2.0}}));
    CHECK(evaluate(in, {{"q_kvallar", 3.5}}));
    CHECK_FALSE(evaluate(in, {{"q_kvallar", std::int64_t{3}}}));
    CHECK_FALSE(evaluate(in, {{"q_kvallar", true}}));

    Condition notC;
    notC.op = Condition::Op::Not;
    notC.children = {in};
    CHECK(evaluate(notC, {{"q_kvallar", std::int64_t{3}}}));

    Condition all;
    all.op = Condition::Op::All;
    all.children = {in, equalsCondition("q_utsatt", true)};
    CHECK(evaluate(all, {{"q_kvallar", std::int64_t{2}}, {"q_utsatt", true}}));
    CHECK_FALSE(evaluate(all, {{"q_kvallar", std::int64_t{2}}, {"q_utsatt", false}}));
    Condition any = all;
    any.op = Condition::Op::Any;
    CHECK(evaluate(any, {{"q_kvallar", std::int64_t{2}}, {"q_utsatt", false}}));
    CHECK_FALSE(evaluate(any, {}));

    CHECK(
        evaluate(equalsCondition("q_s", std::string("vet_ej")), {{"q_s", std::string("vet_ej")}}));
    CHECK_FALSE(evaluate(equalsCondition("q_s", std::int64_t{1}), {{"q_s", true}}));
}

TEST_CASE("survey definitions: ids and conditions", "[validator]") {
    Survey s = sampleSurvey();
    question(s, "q_tankar").id = "q_problem";
    requireSingle(validateSurvey(s), "sections[0].questions[6].id", "duplicate_id");

    s = sampleSurvey();
    s.sections[1].id = "allmant";
    requireSingle(validateSurvey(s), "sections[1].id", "duplicate_id");

    s = sampleSurvey();
    question(s, "q_problem").showIf = equalsCondition("q_tankar", std::string("x"));
    requireSingle(validateSurvey(s), "sections[0].questions[1].show_if.question",
                  "condition_forward_reference");

    s = sampleSurvey();
    question(s, "q_problem").showIf = equalsCondition("q_problem", std::string("inga"));
    requireSingle(validateSurvey(s), "sections[0].questions[1].show_if.question",
                  "condition_forward_reference");

    s = sampleSurvey();
    question(s, "q_tankar").showIf = equalsCondition("q_saknas", true);
    requireSingle(validateSurvey(s), "sections[0].questions[6].show_if.question",
                  "condition_unknown_question");

    s = sampleSurvey();
    question(s, "q_platser").showIf->in.push_back(std::int64_t{7});
    requireSingle(validateSurvey(s), "sections[0].questions[5].show_if.in[2]",
                  "condition_invalid_value");

    s = sampleSurvey();
    question(s, "q_utsatt_typ").showIf = equalsCondition("q_utsatt", std::string("ja"));
    requireSingle(validateSurvey(s), "sections[0].questions[3].show_if.equals",
                  "condition_invalid_value");

    s = sampleSurvey();
    Condition includes;
    includes.op = Condition::Op::Includes;
    includes.question = "q_problem";
    includes.includes = "okand";
    Condition nested;
    nested.op = Condition::Op::Not;
    nested.children = {includes};
    question(s, "q_tankar").showIf = nested;
    requireSingle(validateSurvey(s), "sections[0].questions[6].show_if.not.includes",
                  "condition_invalid_value");
}

TEST_CASE("survey definitions: per-type rules", "[validator]") {
    Survey s = sampleSurvey();
    question(s, "q_trygg_kvall").points[1].value = 5;
    requireSingle(validateSurvey(s), "sections[0].questions[0].points[1].value",
                  "scale_not_ascending");

    s = sampleSurvey();
    question(s, "q_trygg_kvall").negativePoints = {4, 5};
    requireSingle(validateSurvey(s), "sections[0].questions[0].negative[1]",
                  "unknown_negative_value");

    s = sampleSurvey();
    question(s, "q_problem").exclusive = {"ingenting"};
    requireSingle(validateSurvey(s), "sections[0].questions[1].exclusive[0]", "unknown_choice");

    s = sampleSurvey();
    question(s, "q_problem").maxChoices = 5;
    requireSingle(validateSurvey(s), "sections[0].questions[1].max_choices", "invalid_max_choices");

    s = sampleSurvey();
    question(s, "q_problem").choices[3].id = "narkotika";
    question(s, "q_problem").exclusive.clear();
    requireSingle(validateSurvey(s), "sections[0].questions[1].choices[3].id", "duplicate_id");

    s = sampleSurvey();
    question(s, "q_utsatt_typ").choices.resize(1);
    requireSingle(validateSurvey(s), "sections[0].questions[3].choices", "too_few_choices");

    // Non-substantive choices: real choices, never negative, exclusive in a multi question,
    // and not every choice.
    s = sampleSurvey();
    question(s, "q_problem").nonSubstantiveChoices = {"inga"};
    CHECK(validateSurvey(s).empty());
    question(s, "q_problem").nonSubstantiveChoices = {"narkotika"};
    requireSingle(validateSurvey(s), "sections[0].questions[1].non_substantive[0]",
                  "non_substantive_not_exclusive");
    s = sampleSurvey();
    question(s, "q_utsatt_typ").nonSubstantiveChoices = {"vet_inte"};
    requireSingle(validateSurvey(s), "sections[0].questions[3].non_substantive[0]",
                  "unknown_choice");
    question(s, "q_utsatt_typ").nonSubstantiveChoices = {"internet"};
    question(s, "q_utsatt_typ").negativeChoices = {"internet"};
    requireSingle(validateSurvey(s), "sections[0].questions[3].non_substantive[0]",
                  "non_substantive_negative");
    question(s, "q_utsatt_typ").negativeChoices.clear();
    question(s, "q_utsatt_typ").nonSubstantiveChoices = {"internet", "telefon"};
    requireSingle(validateSurvey(s), "sections[0].questions[3].non_substantive",
                  "no_substantive_choice");

    s = sampleSurvey();
    question(s, "q_kvallar").min = 7;
    requireSingle(validateSurvey(s), "sections[0].questions[4].max", "invalid_bounds");

    s = sampleSurvey();
    question(s, "q_tankar").maxLength = 5000;
    requireSingle(validateSurvey(s), "sections[0].questions[6].max_length", "invalid_max_length");

    s = sampleSurvey();
    question(s, "q_platser").timesOfDay.clear();
    requireSingle(validateSurvey(s), "sections[0].questions[5].times_of_day", "too_few_choices");

    s = sampleSurvey();
    question(s, "q_alder").required = true;
    requireSingle(validateSurvey(s), "sections[1].questions[0].required", "background_required");

    s = sampleSurvey();
    question(s, "q_kvallar").background = Background::AgeBand;
    requireSingle(validateSurvey(s), "sections[0].questions[4].type", "background_not_single");

    s = sampleSurvey();
    question(s, "q_alder").text.sv = "";
    requireSingle(validateSurvey(s), "sections[1].questions[0].text.sv", "blank_text");

    s = sampleSurvey();
    s.sections[1].questions.clear();
    requireSingle(validateSurvey(s), "sections[1].questions", "empty_section");
}

TEST_CASE("observations against the checklist", "[validator]") {
    const WalkChecklist checklist = sampleChecklist();
    Observation o = sampleObservation();
    o.ratings["graffiti"] = 1;
    requireSingle(validateObservation(o, checklist), "ratings.graffiti", "unknown_checklist_item");

    o = sampleObservation();
    o.ratings["lighting"] = 4;
    requireSingle(validateObservation(o, checklist), "ratings.lighting", "rating_out_of_range");

    o = sampleObservation();
    o.overallFeeling = 0;
    requireSingle(validateObservation(o, checklist), "overall_feeling", "rating_out_of_range");

    o = sampleObservation();
    o.timeOfDay = TimeOfDay::Morning;
    requireSingle(validateObservation(o, checklist), "time_of_day", "unknown_time_of_day");

    o = sampleObservation();
    o.responsibleParty = ResponsibleParty::Trafikverket;
    requireSingle(validateObservation(o, checklist), "responsible_party", "unknown_party");

    o = sampleObservation();
    o.position.accuracyM = -1;
    requireSingle(validateObservation(o, checklist), "position.accuracy_m",
                  "position_out_of_range");

    o = sampleObservation();
    o.walkId = "walk1";
    requireSingle(validateObservation(o, checklist), "walk_id", "invalid_id");

    o = sampleObservation();
    o.note = std::string(501, 'x');
    requireSingle(validateObservation(o, checklist), "note", "text_too_long");
}

TEST_CASE("checklist definitions", "[validator]") {
    WalkChecklist c = sampleChecklist();
    c.ratings.pop_back();
    requireSingle(validateChecklist(c), "ratings", "invalid_rating_scale");
    c = sampleChecklist();
    c.overallFeeling[0].value = 0;
    requireSingle(validateChecklist(c), "overall_feeling", "invalid_rating_scale");
    c = sampleChecklist();
    c.items[2].id = "lighting";
    requireSingle(validateChecklist(c), "items[2].id", "duplicate_id");
}

TEST_CASE("dialogues", "[validator]") {
    Dialogue d = sampleDialogue();
    d.placeId = "ica_vindeln";
    requireSingle(validateDialogue(d), "place_id", "place_entry_source");
    d = sampleDialogue();
    d.description.reset();
    requireSingle(validateDialogue(d), "place_id", "place_entry_source");
    d = sampleDialogue();
    d.endedAt = "2025-03-14T14:59:59.900Z";
    requireSingle(validateDialogue(d), "ended_at", "ended_before_started");
    d = sampleDialogue();
    d.topics.push_back({FocusArea::Traffic, 1, std::nullopt});
    requireSingle(validateDialogue(d), "topics[2].focus_area", "duplicate_focus_area");
    d = sampleDialogue();
    d.peopleMet = -2;
    requireSingle(validateDialogue(d), "people_met", "negative_count");
    d = sampleDialogue();
    d.locality = "Vindeln";
    requireSingle(validateDialogue(d), "locality", "invalid_id");
}

TEST_CASE("safety walks", "[validator]") {
    SafetyWalk w = sampleWalk();
    w.participants = Participants{};
    requireSingle(validateSafetyWalk(w), "participants", "no_participants");
    w = sampleWalk();
    w.participants.police = -1;
    requireSingle(validateSafetyWalk(w), "participants", "negative_count");
    w = sampleWalk();
    std::swap(w.track[0], w.track[1]);
    requireSingle(validateSafetyWalk(w), "track[1].t", "track_not_in_order");
    w = sampleWalk();
    w.track[0].lon = 181;
    requireSingle(validateSafetyWalk(w), "track[0].lon", "position_out_of_range");
    w = sampleWalk();
    w.date = "2025-13-01";
    requireSingle(validateSafetyWalk(w), "date", "invalid_date");
    w = sampleWalk();
    w.areaName = "";
    requireSingle(validateSafetyWalk(w), "area_name", "blank_text");
    w = sampleWalk();
    w.endedAt = "2025-10-02T16:00:00Z";
    requireSingle(validateSafetyWalk(w), "ended_at", "ended_before_started");
}

TEST_CASE("places, measures, campaigns and promises", "[validator]") {
    Place p = samplePlace();
    p.lat = -91;
    requireSingle(validatePlace(p), "lat", "position_out_of_range");
    p = samplePlace();
    p.aliases.push_back("Stationen");
    requireSingle(validatePlace(p), "aliases[2]", "duplicate_id");
    p = samplePlace();
    p.name = " ";
    requireSingle(validatePlace(p), "name", "blank_text");

    Measure m = sampleMeasure();
    m.status = MeasureStatus::Rejected;
    requireSingle(validateMeasure(m), "rejection_reason", "rejection_reason_required");
    m.rejectionReason = "Privat mark";
    CHECK(validateMeasure(m).empty());
    m.status = MeasureStatus::Done;
    requireSingle(validateMeasure(m), "rejection_reason", "rejection_reason_unexpected");
    m = sampleMeasure();
    m.deadline = "2025-02-29";
    requireSingle(validateMeasure(m), "deadline", "invalid_date");

    Campaign c = sampleCampaign();
    c.periodEnd = "2025-02-01";
    requireSingle(validateCampaign(c), "period_end", "period_reversed");
    c = sampleCampaign();
    c.year = 2024;
    requireSingle(validateCampaign(c), "year", "year_mismatch");
    c = sampleCampaign();
    c.channels.push_back(Channel::Kiosk);
    requireSingle(validateCampaign(c), "channels", "duplicate_id");
    c = sampleCampaign();
    c.publicCode = "AB C";
    requireSingle(validateCampaign(c), "public_code", "invalid_public_code");
    c = sampleCampaign();
    c.channels.clear();
    requireSingle(validateCampaign(c), "channels", "too_few_choices");

    Promise pr = samplePromise();
    pr.period = Period{2025, 2023};
    requireSingle(validatePromise(pr), "period", "period_reversed");
    pr = samplePromise();
    pr.activities[1].partnerName.reset();
    requireSingle(validatePromise(pr), "activities[1].partner_name", "partner_name_required");
    pr = samplePromise();
    pr.indicators[0].questionId.reset();
    requireSingle(validatePromise(pr), "indicators[0].question_id", "incomplete_reference");
    pr = samplePromise();
    pr.motivation[0].questionId.reset();
    requireSingle(validatePromise(pr), "motivation[0]", "incomplete_reference");
    pr = samplePromise();
    pr.organisations = {Organisation::Polis, Organisation::Polis};
    requireSingle(validatePromise(pr), "organisations", "duplicate_id");
}
