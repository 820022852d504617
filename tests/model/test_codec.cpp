#include "fixtures.hpp"
#include "td/model/codec.hpp"
#include "td/model/record.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fstream>

using namespace td::model;
using namespace td::model::test;
namespace bj = boost::json;

namespace {

template <class T> void checkRoundTrip(const T& original) {
    const std::string text = toJsonText(original);
    auto decoded = fromJsonText<T>(text);
    INFO(text);
    if (!decoded.ok())
        FAIL(decoded.error().code << " " << decoded.error().describe());
    CHECK(decoded.value() == original);
    CHECK(toJsonText(decoded.value()) == text);
}

/// Decodes `value` as T and returns the error (failing the test when it decodes).
template <class T> td::Error decodeError(const bj::value& value) {
    auto r = decode<T>(value);
    if (r.ok())
        FAIL("decoded although invalid: " << bj::serialize(value));
    return r.error();
}

/// `base` with `pointer` replaced (or removed when `replacement` is null and `remove`).
bj::value with(bj::value base, std::string_view pointer, bj::value replacement) {
    base.at_pointer(pointer) = std::move(replacement);
    return base;
}

bj::value without(bj::value base, std::string_view parentPointer, std::string_view key) {
    bj::value& parent = parentPointer.empty() ? base : base.at_pointer(parentPointer);
    parent.as_object().erase(key);
    return base;
}

} // namespace

TEST_CASE("every record round-trips through JSON text", "[codec]") {
    checkRoundTrip(sampleSurvey());
    checkRoundTrip(sampleResponse());
    checkRoundTrip(sampleCampaign());
    checkRoundTrip(sampleDialogue());
    checkRoundTrip(sampleWalk());
    checkRoundTrip(sampleObservation());
    checkRoundTrip(sampleChecklist());
    checkRoundTrip(samplePlace());
    checkRoundTrip(PlaceRegistry{"Demo data", {samplePlace()}});
    checkRoundTrip(sampleMeasure());
    checkRoundTrip(samplePromise());
    checkRoundTrip(txt("Trygg", "Safe"));
    checkRoundTrip(registryPlace());
    Place retired = samplePlace();
    retired.retiredAt = "2026-03-01T09:30:00Z";
    checkRoundTrip(retired);
}

TEST_CASE("a place's retired_at is a timestamp, absent while in service", "[codec]") {
    Place retired = samplePlace();
    retired.retiredAt = "2026-03-01T09:30:00Z";
    const bj::value encoded = encode(retired);
    CHECK(encoded.as_object().at("retired_at") == "2026-03-01T09:30:00Z");
    CHECK_FALSE(encode(samplePlace()).as_object().contains("retired_at"));
    bj::value bad = encoded;
    bad.as_object()["retired_at"] = "yesterday";
    CHECK(decodeError<Place>(bad).path == "retired_at");
}

TEST_CASE("records with only required fields round-trip", "[codec]") {
    Response r = sampleResponse();
    r.dialogueId.reset();
    r.answers.clear();
    checkRoundTrip(r);

    Dialogue d = sampleDialogue();
    d.campaignId.reset();
    d.description.reset();
    d.placeId = "vindeln_torget";
    d.endedAt.reset();
    d.topics.clear();
    checkRoundTrip(d);

    Observation o = sampleObservation();
    o.placeId.reset();
    o.note.reset();
    o.proposedMeasure.reset();
    o.responsibleParty.reset();
    o.ratings.clear();
    checkRoundTrip(o);

    Measure m = sampleMeasure();
    m.observationId.reset();
    m.walkId.reset();
    m.deadline.reset();
    m.promiseId.reset();
    m.status = MeasureStatus::Rejected;
    m.rejectionReason = "Inte kommunens mark";
    checkRoundTrip(m);

    SafetyWalk w = sampleWalk();
    w.endedAt.reset();
    w.track.clear();
    checkRoundTrip(w);
}

TEST_CASE("every answer value form round-trips", "[codec]") {
    const AnswerValue values[] = {
        AnswerValue(true),
        AnswerValue(std::int64_t{4}),
        AnswerValue(2.5),
        AnswerValue(std::string(kDontKnow)),
        AnswerValue(std::string("Fri text med åäö")),
        AnswerValue(std::vector<std::string>{"a", "b"}),
        AnswerValue(std::vector<PlaceEntry>{registryPlace(), positionPlace()}),
    };
    for (const AnswerValue& v : values)
        checkRoundTrip(v);
    auto descr = PlaceEntry{};
    descr.description = "Gångtunneln under järnvägen";
    descr.timesOfDay = {TimeOfDay::Night};
    descr.reasons = {"deserted"};
    checkRoundTrip(descr);
}

TEST_CASE("every condition form round-trips", "[codec]") {
    Condition includes;
    includes.op = Condition::Op::Includes;
    includes.question = "q_problem";
    includes.includes = "narkotika";
    Condition answered;
    answered.op = Condition::Op::Answered;
    answered.question = "q_alder";
    answered.answered = false;
    Condition notC;
    notC.op = Condition::Op::Not;
    notC.children = {includes};
    Condition any;
    any.op = Condition::Op::Any;
    any.children = {answered, equalsCondition("q_x", std::string("ja"))};
    Condition all;
    all.op = Condition::Op::All;
    all.children = {notC, any, equalsCondition("q_y", std::int64_t{2}),
                    equalsCondition("q_z", 1.5)};
    checkRoundTrip(all);

    auto parsed = fromJsonText<Condition>(R"({"question": "q_alder", "answered": true})");
    REQUIRE(parsed.ok());
    CHECK(parsed->op == Condition::Op::Answered);
    CHECK(parsed->answered);
}

TEST_CASE("the survey format example decodes", "[codec]") {
    auto s = fromJsonText<Survey>(R"({
      "id": "trygghetsenkat_vindeln", "version": 1, "kind": "survey",
      "title": {"sv": "Trygghetsenkät", "en": "Safety survey"},
      "sections": [{"id": "allmant", "title": {"sv": "Allmänt", "en": "General"}, "questions": [
        {"id": "q_trygg_kvall", "type": "scale", "text": {"sv": "Trygg?", "en": "Safe?"},
         "focus_area": "unsafe_places", "required": true,
         "points": [{"value": 1, "label": {"sv": "Mycket trygg", "en": "Very safe"}},
                    {"value": 2, "label": {"sv": "Ganska trygg", "en": "Fairly safe"}}],
         "dont_know": true, "negative": [2]},
        {"id": "q_ut", "type": "yes_no", "text": {"sv": "Ja?", "en": "Yes?"}, "negative": true,
         "show_if": {"any": [{"question": "q_trygg_kvall", "in": [2]},
                             {"not": {"question": "q_trygg_kvall", "answered": true}}]}}
      ]}]})");
    REQUIRE(s.ok());
    const Question* q = s->findQuestion("q_ut");
    REQUIRE(q != nullptr);
    CHECK(q->focusArea == FocusArea::General); // default when absent
    CHECK(q->negativeAnswer == true);
    REQUIRE(q->showIf);
    CHECK(q->showIf->op == Condition::Op::Any);
    CHECK(s->questions().size() == 2);
}

TEST_CASE("non-substantive choices decode, encode and round-trip", "[codec]") {
    const std::string text = R"({"id": "q_kanner", "type": "single",
      "text": {"sv": "Känner du någon?", "en": "Do you know someone?"},
      "choices": [{"id": "ja", "label": {"sv": "Ja", "en": "Yes"}},
                  {"id": "vill_inte_svara", "label": {"sv": "Vill inte svara", "en": "No answer"}}],
      "negative": ["ja"], "non_substantive": ["vill_inte_svara"]})";
    auto q = decode<Question>(boost::json::parse(text));
    REQUIRE(q.ok());
    CHECK(q->nonSubstantiveChoices == std::vector<std::string>{"vill_inte_svara"});
    const auto encoded = encode(*q);
    CHECK(encoded.at("non_substantive").at(0).as_string() == "vill_inte_svara");
    CHECK(decode<Question>(encoded).value() == *q);
    // Absent: none, and nothing written.
    Question plain = *q;
    plain.nonSubstantiveChoices.clear();
    CHECK_FALSE(encode(plain).as_object().contains("non_substantive"));
    // Only single and multi questions have it.
    auto scale =
        fromJsonText<Question>(R"({"id": "q", "type": "scale", "text": {"sv": "S", "en": "S"},
      "points": [{"value": 1, "label": {"sv": "a", "en": "a"}}, {"value": 2, "label": {"sv": "b", "en": "b"}}],
      "non_substantive": ["x"]})");
    REQUIRE_FALSE(scale.ok());
    CHECK(scale.error().path == "non_substantive");
}

TEST_CASE("an unknown question type names its path", "[codec]") {
    bj::value survey = encode(sampleSurvey());
    auto e = decodeError<Survey>(with(survey, "/sections/0/questions/2/type", "slider"));
    CHECK(e.code == "invalid_value");
    CHECK(e.path == "sections[0].questions[2].type");
    CHECK(e.message.find("\"slider\"") != std::string::npos);
}

TEST_CASE("unknown fields are rejected at their path", "[codec]") {
    bj::value survey = encode(sampleSurvey());
    survey.at_pointer("/sections/1/questions/0").as_object()["colour"] = "red";
    auto e = decodeError<Survey>(survey);
    CHECK(e.code == "unknown_field");
    CHECK(e.path == "sections[1].questions[0].colour");

    // A field of another question type is unknown too.
    bj::value q = encode(sampleSurvey().sections[0].questions[0]);
    q.as_object()["max_length"] = 10;
    auto typeField = decodeError<Question>(q);
    CHECK(typeField.code == "unknown_field");
    CHECK(typeField.path == "max_length");

    bj::value resp = encode(sampleResponse());
    resp.as_object()["device_id"] = "abc";
    CHECK(decodeError<Response>(resp).path == "device_id");

    bj::value entry = encode(registryPlace());
    entry.as_object()["name"] = "x";
    auto nested =
        decodeError<Response>(with(encode(sampleResponse()), "/answers/q_platser/0", entry));
    CHECK(nested.code == "unknown_field");
    CHECK(nested.path == "answers.q_platser[0].name");

    bj::value checklist = encode(sampleChecklist());
    checklist.at_pointer("/not_applicable").as_object()["value"] = -1;
    CHECK(decodeError<WalkChecklist>(checklist).path == "not_applicable.value");
}

TEST_CASE("missing required fields are named", "[codec]") {
    auto submitted = decodeError<Response>(without(encode(sampleResponse()), "", "submitted_at"));
    CHECK(submitted.code == "missing_field");
    CHECK(submitted.path == "submitted_at");
    auto points =
        decodeError<Survey>(without(encode(sampleSurvey()), "/sections/0/questions/0", "points"));
    CHECK(points.code == "missing_field");
    CHECK(points.path == "sections[0].questions[0].points");
    auto sv = decodeError<Survey>(without(encode(sampleSurvey()), "/title", "sv"));
    CHECK(sv.code == "missing_field");
    CHECK(sv.path == "title.sv");
    auto obs = decodeError<Observation>(without(encode(sampleObservation()), "/position", "lat"));
    CHECK(obs.code == "missing_field");
    CHECK(obs.path == "position.lat");
    auto walk = decodeError<SafetyWalk>(without(encode(sampleWalk()), "/track/1", "t"));
    CHECK(walk.path == "track[1].t");
    auto promise =
        decodeError<Promise>(without(encode(samplePromise()), "/activities/1", "status"));
    CHECK(promise.path == "activities[1].status");
}

TEST_CASE("wrong types are named", "[codec]") {
    auto version = decodeError<Survey>(with(encode(sampleSurvey()), "/version", "2"));
    CHECK(version.code == "wrong_type");
    CHECK(version.path == "version");

    auto fractional = decodeError<Campaign>(with(encode(sampleCampaign()), "/year", 2025.5));
    CHECK(fractional.code == "wrong_type");
    CHECK(fractional.path == "year");

    auto answer =
        decodeError<Response>(with(encode(sampleResponse()), "/answers/q_utsatt", nullptr));
    CHECK(answer.code == "wrong_type");
    CHECK(answer.path == "answers.q_utsatt");

    auto mixed = decodeError<Response>(
        with(encode(sampleResponse()), "/answers/q_problem", bj::array{1, 2}));
    CHECK(mixed.code == "wrong_type");
    CHECK(mixed.path == "answers.q_problem[0]");

    auto notObject = decodeError<Response>(bj::array{});
    CHECK(notObject.code == "wrong_type");
    CHECK(notObject.path.empty());

    auto rating =
        decodeError<Observation>(with(encode(sampleObservation()), "/ratings/lighting", "bad"));
    CHECK(rating.code == "wrong_type");
    CHECK(rating.path == "ratings.lighting");
}

TEST_CASE("out-of-range numbers are named", "[codec]") {
    auto lat = decodeError<Response>(
        with(encode(sampleResponse()), "/answers/q_platser/1/position/lat", 91.0));
    CHECK(lat.code == "out_of_range");
    CHECK(lat.path == "answers.q_platser[1].position.lat");

    auto accuracy =
        decodeError<Observation>(with(encode(sampleObservation()), "/position/accuracy_m", 0));
    CHECK(accuracy.code == "out_of_range");
    CHECK(accuracy.path == "position.accuracy_m");

    auto feeling =
        decodeError<Observation>(with(encode(sampleObservation()), "/overall_feeling", 6));
    CHECK(feeling.code == "out_of_range");
    CHECK(feeling.path == "overall_feeling");

    auto rating =
        decodeError<Observation>(with(encode(sampleObservation()), "/ratings/lighting", 4));
    CHECK(rating.code == "out_of_range");

    auto huge = decodeError<Response>(
        with(encode(sampleResponse()), "/answers/q_kvallar", std::uint64_t(1) << 63));
    CHECK(huge.code == "out_of_range");
    CHECK(huge.path == "answers.q_kvallar");

    auto maxLength = decodeError<Survey>(
        with(encode(sampleSurvey()), "/sections/0/questions/6/max_length", 4001));
    CHECK(maxLength.code == "out_of_range");
    CHECK(maxLength.path == "sections[0].questions[6].max_length");
}

TEST_CASE("over-long strings are named", "[codec]") {
    auto note =
        decodeError<Observation>(with(encode(sampleObservation()), "/note", bj::string(501, 'x')));
    CHECK(note.code == "too_long");
    CHECK(note.path == "note");

    // Limits count characters, not bytes: 500 'å' (1000 bytes) fit.
    std::string aring;
    for (int i = 0; i < 500; ++i)
        aring += "\xc3\xa5";
    CHECK(decode<Observation>(with(encode(sampleObservation()), "/note", bj::string(aring))).ok());

    auto title =
        decodeError<Survey>(with(encode(sampleSurvey()), "/title/en", bj::string(2001, 'x')));
    CHECK(title.code == "too_long");
    CHECK(title.path == "title.en");

    auto text = decodeError<Response>(
        with(encode(sampleResponse()), "/answers/q_tankar", bj::string(4001, 'x')));
    CHECK(text.code == "too_long");
    CHECK(text.path == "answers.q_tankar");
}

TEST_CASE("malformed ids, dates, timestamps and enums are named", "[codec]") {
    auto id = decodeError<Response>(with(encode(sampleResponse()), "/id", "not-a-uuid"));
    CHECK(id.code == "invalid_format");
    CHECK(id.path == "id");

    auto questionId =
        decodeError<Survey>(with(encode(sampleSurvey()), "/sections/0/questions/0/id", "Q-Trygg"));
    CHECK(questionId.code == "invalid_format");
    CHECK(questionId.path == "sections[0].questions[0].id");

    auto answerKey = encode(sampleResponse());
    answerKey.at_pointer("/answers").as_object()["Bad Key"] = 1;
    auto key = decodeError<Response>(answerKey);
    CHECK(key.code == "invalid_format");
    CHECK(key.path == "answers.Bad Key");

    auto date = decodeError<Campaign>(with(encode(sampleCampaign()), "/period_end", "2025-02-30"));
    CHECK(date.code == "invalid_format");
    CHECK(date.path == "period_end");

    auto stamp = decodeError<Response>(
        with(encode(sampleResponse()), "/submitted_at", "2025-03-14 18:30:00"));
    CHECK(stamp.code == "invalid_format");
    CHECK(stamp.path == "submitted_at");

    auto locale = decodeError<Response>(with(encode(sampleResponse()), "/locale", "de"));
    CHECK(locale.code == "invalid_value");
    CHECK(locale.path == "locale");

    auto channel = decodeError<Campaign>(with(encode(sampleCampaign()), "/channels/1", "telefon"));
    CHECK(channel.code == "invalid_value");
    CHECK(channel.path == "channels[1]");

    auto time = decodeError<Response>(
        with(encode(sampleResponse()), "/answers/q_platser/0/times_of_day/0", "dusk"));
    CHECK(time.code == "invalid_value");
    CHECK(time.path == "answers.q_platser[0].times_of_day[0]");
}

TEST_CASE("malformed conditions are named", "[codec]") {
    auto two =
        decodeError<Condition>(bj::parse(R"({"question": "q", "equals": true, "answered": true})"));
    CHECK(two.code == "invalid_value");
    auto none = decodeError<Condition>(bj::parse(R"({"question": "q"})"));
    CHECK(none.code == "invalid_value");
    auto emptyAll = decodeError<Condition>(bj::parse(R"({"all": []})"));
    CHECK(emptyAll.code == "invalid_value");
    CHECK(emptyAll.path == "all");
    auto nested = decodeError<Condition>(bj::parse(R"({"not": {"any": [{"foo": 1}]}})"));
    CHECK(nested.code == "invalid_value");
    CHECK(nested.path == "not.any[0]");
    auto extra = decodeError<Condition>(bj::parse(R"({"all": [{"question": "q", "in": [1]}],
                                                      "any": []})"));
    CHECK(extra.code == "unknown_field");
    CHECK(extra.path == "any");
}

TEST_CASE("fromJsonText passes strict parse errors through", "[codec]") {
    CHECK(fromJsonText<Place>(R"({"id": "a", "id": "b"})").error().code == "json_duplicate_key");
    CHECK(fromJsonText<Place>("{").error().code == "json_syntax");
    CHECK(fromJsonText<Place>(R"({"lat": NaN})").error().code == "json_syntax");
    td::json::ParseLimits small;
    small.maxBytes = 16;
    CHECK(fromJsonText<Place>(toJsonText(samplePlace()), small).error().code == "json_too_large");
}

TEST_CASE("load helpers read files and report io errors", "[codec]") {
    const std::string path = std::string(TD_BINARY_DIR) + "/test_codec_survey.json";
    {
        std::ofstream out(path, std::ios::binary);
        out << toJsonText(sampleSurvey());
    }
    auto loaded = loadSurveyFile(path);
    REQUIRE(loaded.ok());
    CHECK(loaded.value() == sampleSurvey());

    auto notChecklist = loadChecklistFile(path);
    CHECK(notChecklist.error().code == "missing_field");
    CHECK(notChecklist.error().path == "items");
    auto missing = loadPlacesFile(path + ".missing");
    CHECK(missing.error().code == "io_error");
    std::remove(path.c_str());
}

TEST_CASE("records decode generically by kind", "[codec]") {
    const AnyRecord records[] = {sampleResponse(),    sampleDialogue(), sampleWalk(),
                                 sampleObservation(), samplePlace(),    sampleMeasure(),
                                 sampleSurvey(),      sampleCampaign(), samplePromise()};
    for (const AnyRecord& record : records) {
        const std::string_view kind = toString(kindOf(record));
        auto decoded = decodeRecord(kind, encodeRecord(record));
        INFO(kind);
        REQUIRE(decoded.ok());
        CHECK(decoded.value() == record);
        CHECK(idOf(decoded.value()) == idOf(record));
    }
    CHECK(kindOf(records[2]) == RecordKind::SafetyWalk);
    CHECK(idOf(records[0]) == sampleResponse().id);

    auto unknown = decodeRecord("incident", encode(samplePlace()));
    CHECK(unknown.error().code == "unknown_kind");
    auto wrongKind = decodeRecord(RecordKind::Measure, encode(samplePlace()));
    CHECK(wrongKind.error().code == "missing_field");
}
