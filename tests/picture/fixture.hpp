#pragma once
// A small hand-made survey, population and response builder for the lägesbild tests.

#include "td/model/model.hpp"
#include "td/picture/dataset.hpp"
#include "td/picture/situation_picture.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fixture {

using namespace td;

// Adults 16-39: 300, 40+: 500; localities a: 300, b: 100, rest: 1000 − 400 = 600 of all ages,
// as shares of the 800 adults: a 240, b 80, rest 480.
inline const char* kPopulation = R"({"weighting_margins": {"min_age": 16,
  "age_band": {"year": 2023, "source": "test", "counts": {"0-15": 200, "16-39": 300, "40+": 500}},
  "locality": {"year": 2005, "source": "test", "counts": {"a": 300, "b": 100, "rest": null},
               "remainder_total": 1000}}})";

/// The repository's population table for Vindeln (data/vindeln.json).
inline picture::PopulationTable vindelnPopulation() {
    std::ifstream in(std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json");
    std::stringstream text;
    text << in.rdbuf();
    auto pop = picture::loadPopulationTable(text.str());
    REQUIRE(pop.ok());
    return std::move(*pop);
}

inline picture::PictureFilter only(std::string campaign) {
    picture::PictureFilter f;
    f.campaignId = std::move(campaign);
    return f;
}

inline model::Question scale(std::string id, model::FocusArea area) {
    model::Question q;
    q.id = std::move(id);
    q.type = model::QuestionType::Scale;
    q.text = {"Fråga " + q.id, "Question " + q.id};
    q.focusArea = area;
    for (int v = 1; v <= 4; ++v)
        q.points.push_back({v, {"p" + std::to_string(v), "p" + std::to_string(v)}});
    q.dontKnow = true;
    q.negativePoints = {3, 4};
    return q;
}

inline model::Question single(std::string id, std::vector<std::string> choices,
                              std::optional<model::Background> bg = {}) {
    model::Question q;
    q.id = std::move(id);
    q.type = model::QuestionType::Single;
    q.text = {q.id, q.id};
    q.background = bg;
    for (auto& c : choices)
        q.choices.push_back({c, {c, c}});
    return q;
}

inline model::Survey survey() {
    model::Survey s;
    s.id = "enkat";
    s.version = 1;
    s.title = {"Enkät", "Survey"};
    model::Section sec;
    sec.id = "main";
    sec.title = {"Allmänt", "General"};
    sec.questions.push_back(scale("q_trygg", model::FocusArea::General));
    sec.questions.push_back(scale("q_droger", model::FocusArea::Drugs));
    model::Question sett;
    sett.id = "q_sett";
    sett.type = model::QuestionType::YesNo;
    sett.text = {"Sett", "Seen"};
    sett.focusArea = model::FocusArea::Traffic;
    sett.negativeAnswer = true;
    sec.questions.push_back(sett);
    model::Question knows = single("q_kanner", {"ja", "nej", "vill_inte_svara"});
    knows.focusArea = model::FocusArea::CloseViolence;
    knows.negativeChoices = {"ja"};
    knows.nonSubstantiveChoices = {"vill_inte_svara"};
    sec.questions.push_back(knows);
    model::Question multi = single("q_problem", {"x", "y", "z"});
    multi.type = model::QuestionType::Multi;
    sec.questions.push_back(multi);
    model::Question place;
    place.id = "q_plats";
    place.type = model::QuestionType::Place;
    place.text = {"Plats", "Place"};
    place.focusArea = model::FocusArea::UnsafePlaces;
    place.maxPlaces = 3;
    place.timesOfDay = {model::TimeOfDay::Evening, model::TimeOfDay::Night};
    place.reasons = {{"dark", {"Mörkt", "Dark"}}, {"deserted", {"Öde", "Deserted"}}};
    sec.questions.push_back(place);
    model::Question text;
    text.id = "q_fritext";
    text.type = model::QuestionType::Text;
    text.text = {"Fritext", "Free text"};
    text.maxLength = 500;
    sec.questions.push_back(text);
    sec.questions.push_back(single("q_alder", {"16_39", "40_plus"}, model::Background::AgeBand));
    sec.questions.push_back(single("q_ort", {"a", "b", "rest"}, model::Background::Locality));
    sec.questions.push_back(single("q_kon", {"k", "m"}, model::Background::Gender));
    s.sections.push_back(sec);
    return s;
}

inline model::Campaign campaign(std::string id, std::int64_t year) {
    model::Campaign c;
    c.id = std::move(id);
    c.name = {"Enkät " + std::to_string(year), "Survey " + std::to_string(year)};
    c.surveyId = "enkat";
    c.surveyVersion = 1;
    c.year = year;
    c.periodStart = std::to_string(year) + "-03-01";
    c.periodEnd = std::to_string(year) + "-04-30";
    c.channels = {model::Channel::Survey};
    c.publicCode = "ABC" + std::to_string(year);
    return c;
}

/// One respondent; empty / 0 fields are left unanswered; trygg −1 is "vet ej".
struct Row {
    int age = -1;      // 0: 16_39, 1: 40_plus
    int locality = -1; // 0: a, 1: b, 2: rest
    int gender = -1;   // 0: k, 1: m
    int trygg = 0;
    int droger = 0;
    int sett = -1;                   // 1 yes, 0 no
    int kanner = -1;                 // 0 ja, 1 nej, 2 vill inte svara
    std::string date = "2025-03-10"; ///< a date (noon UTC) or a whole timestamp
};

inline model::Response response(const Row& row, const std::string& campaignId, int serial) {
    static const char* ages[] = {"16_39", "40_plus"};
    static const char* locs[] = {"a", "b", "rest"};
    static const char* genders[] = {"k", "m"};
    model::Response r;
    char id[40];
    std::snprintf(id, sizeof id, "01890000-0000-7000-8000-%012d", serial);
    r.id = id;
    r.campaignId = campaignId;
    r.surveyId = "enkat";
    r.submittedAt = row.date.size() == 10 ? row.date + "T12:00:00Z" : row.date;
    if (row.age >= 0)
        r.answers["q_alder"] = std::string(ages[row.age]);
    if (row.locality >= 0)
        r.answers["q_ort"] = std::string(locs[row.locality]);
    if (row.gender >= 0)
        r.answers["q_kon"] = std::string(genders[row.gender]);
    if (row.trygg > 0)
        r.answers["q_trygg"] = std::int64_t{row.trygg};
    if (row.trygg < 0)
        r.answers["q_trygg"] = std::string(model::kDontKnow);
    if (row.droger > 0)
        r.answers["q_droger"] = std::int64_t{row.droger};
    if (row.sett >= 0)
        r.answers["q_sett"] = row.sett == 1;
    static const char* knows[] = {"ja", "nej", "vill_inte_svara"};
    if (row.kanner >= 0)
        r.answers["q_kanner"] = std::string(knows[row.kanner]);
    return r;
}

/// 60 respondents, every (age, locality) cell with at least 5.
inline std::vector<Row> rows() {
    std::vector<Row> out;
    for (int i = 0; i < 60; ++i) {
        Row r;
        r.age = i % 2;
        r.locality = (i / 2) % 3;
        r.gender = (i % 7 == 0) ? -1 : (i % 5 < 2 ? 0 : 1);
        r.trygg = (i % 11 == 0) ? -1 : 1 + (i * 7 + i / 3) % 4;
        r.droger = 1 + (i * 5 + i / 4) % 4;
        r.sett = i % 3 == 0 ? 1 : 0;
        r.kanner = i % 5 == 0 ? 2 : (i % 4 == 0 ? 0 : 1);
        r.date = i < 30 ? "2025-03-10" : "2025-04-20";
        out.push_back(r);
    }
    return out;
}

} // namespace fixture
