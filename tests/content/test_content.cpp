// The survey content files load through the shared decoder and follow the content rules.

#include "content_support.hpp"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

using namespace td::model;
using namespace td::content_test;

namespace {

const char* const kSurveyFile = "trygghetsenkat_vindeln.json";
const char* const kDialogueFile = "medborgardialog.json";

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

bool isBlank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

const Question& backgroundQuestion(const Survey& survey, Background kind) {
    const Question* found = nullptr;
    for (const Question* q : survey.questions()) {
        if (q->background == kind) {
            REQUIRE(found == nullptr); // one question per background kind
            found = q;
        }
    }
    REQUIRE(found != nullptr);
    return *found;
}

std::vector<std::string> choiceIds(const Question& q) {
    std::vector<std::string> ids;
    for (const Choice& c : q.choices)
        ids.push_back(c.id);
    return ids;
}

double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    constexpr double kEarthRadiusKm = 6371.0;
    constexpr double kRad = 3.14159265358979323846 / 180.0;
    const double dLat = (lat2 - lat1) * kRad;
    const double dLon = (lon2 - lon1) * kRad;
    const double a =
        std::sin(dLat / 2) * std::sin(dLat / 2) +
        std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * kEarthRadiusKm * std::asin(std::sqrt(a));
}

} // namespace

TEST_CASE("both surveys load through the shared decoder and pass validateSurvey", "[content]") {
    for (const char* name : {kSurveyFile, kDialogueFile}) {
        const Survey survey = loadSurvey(name);
        const Issues issues = validateSurvey(survey);
        INFO(name << "\n" << describe(issues));
        CHECK(issues.empty());
        CHECK(survey.version == 1);
    }
}

TEST_CASE("the main survey is a survey of 28 to 34 questions using every type", "[content]") {
    const Survey survey = loadSurvey(kSurveyFile);
    CHECK(survey.id == "trygghetsenkat_vindeln");
    CHECK(survey.kind == SurveyKind::Survey);
    const auto questions = survey.questions();
    CHECK(questions.size() >= 28);
    CHECK(questions.size() <= 34);

    std::set<QuestionType> types;
    for (const Question* q : questions)
        types.insert(q->type);
    CHECK(types.size() == EnumNames<QuestionType>::names.size());

    std::set<FocusArea> focusAreas;
    for (const Question* q : questions)
        focusAreas.insert(q->focusArea);
    CHECK(focusAreas.size() == EnumNames<FocusArea>::names.size()); // five areas plus general
}

TEST_CASE("the kiosk dialogue is a dialogue of at most 8 questions", "[content]") {
    const Survey survey = loadSurvey(kDialogueFile);
    CHECK(survey.id == "medborgardialog");
    CHECK(survey.kind == SurveyKind::Dialogue);
    CHECK(!survey.questions().empty());
    CHECK(survey.questions().size() <= 8);
}

TEST_CASE("every text has Swedish and English", "[content]") {
    for (const char* name : {kSurveyFile, kDialogueFile}) {
        const auto texts = allTexts(loadSurvey(name));
        CHECK(texts.size() > 10);
        for (const auto& [path, text] : texts) {
            INFO(name << " " << path);
            CHECK(!isBlank(text.sv));
            CHECK(!isBlank(text.en));
        }
    }
    auto checklist = loadChecklistFile(contentPath("walk_checklist.json"));
    REQUIRE(checklist.ok());
    for (const auto& [path, text] : allTexts(checklist.value())) {
        INFO("walk_checklist " << path);
        CHECK(!isBlank(text.sv));
        CHECK(!isBlank(text.en));
    }
}

TEST_CASE("ids are unique and show-if refers only to earlier questions", "[content]") {
    for (const char* name : {kSurveyFile, kDialogueFile}) {
        const Survey survey = loadSurvey(name);
        std::set<std::string> sections;
        for (const Section& s : survey.sections) {
            INFO(name << " section " << s.id);
            CHECK(sections.insert(s.id).second);
        }
        std::set<std::string> earlier;
        int conditions = 0;
        for (const Question* q : survey.questions()) {
            INFO(name << " " << q->id);
            CHECK(isValidId(q->id));
            if (q->showIf) {
                ++conditions;
                for (const std::string& ref : referencedQuestions(*q->showIf))
                    CHECK(earlier.count(ref) == 1);
            }
            CHECK(earlier.insert(q->id).second);
            std::set<std::string> choices;
            for (const Choice& c : q->choices)
                CHECK(choices.insert(c.id).second);
            std::set<std::string> reasons;
            for (const Choice& r : q->reasons)
                CHECK(reasons.insert(r.id).second);
        }
        if (survey.kind == SurveyKind::Survey)
            CHECK(conditions >= 5);
    }
}

TEST_CASE("background choices match the reference localities and age bands", "[content]") {
    const Reference& ref = reference();
    REQUIRE(ref.localityIds.size() == 6);
    REQUIRE(ref.adultAgeBandIds == std::vector<std::string>{"16_24", "25_44", "45_64", "65_plus"});
    for (const char* name : {kSurveyFile, kDialogueFile}) {
        INFO(name);
        const Survey survey = loadSurvey(name);
        const Question& locality = backgroundQuestion(survey, Background::Locality);
        const Question& age = backgroundQuestion(survey, Background::AgeBand);
        CHECK(choiceIds(locality) == ref.localityIds);
        CHECK(choiceIds(age) == ref.adultAgeBandIds);
        for (const Question* q : survey.questions()) {
            if (!q->background)
                continue;
            INFO(q->id);
            CHECK(q->type == QuestionType::Single);
            CHECK_FALSE(q->required);
        }
    }
    const Survey survey = loadSurvey(kSurveyFile);
    const Question& gender = backgroundQuestion(survey, Background::Gender);
    CHECK(choiceIds(gender) == std::vector<std::string>{"kvinna", "man", "annat"});
}

TEST_CASE("the walk checklist has the items, ratings and parties of the design", "[content]") {
    auto loaded = loadChecklistFile(contentPath("walk_checklist.json"));
    INFO((loaded.ok() ? std::string() : loaded.error().describe()));
    REQUIRE(loaded.ok());
    const WalkChecklist& checklist = loaded.value();
    CHECK(describe(validateChecklist(checklist)).empty());

    std::vector<std::string> items;
    for (const ChecklistItem& item : checklist.items)
        items.push_back(item.id);
    CHECK(items == std::vector<std::string>{"lighting", "sightlines", "vegetation", "maintenance",
                                            "people_activity", "escape_routes", "orientation",
                                            "traffic_safety"});
    REQUIRE(checklist.ratings.size() == 4);
    for (std::size_t i = 0; i < checklist.ratings.size(); ++i)
        CHECK(checklist.ratings[i].value == static_cast<std::int64_t>(i));
    REQUIRE(checklist.overallFeeling.size() == 5);
    for (std::size_t i = 0; i < checklist.overallFeeling.size(); ++i)
        CHECK(checklist.overallFeeling[i].value == static_cast<std::int64_t>(i + 1));
    CHECK(checklist.timesOfDay.size() == EnumNames<TimeOfDay>::names.size());
    std::set<ResponsibleParty> parties;
    for (const PartyLabel& p : checklist.parties)
        parties.insert(p.id);
    CHECK(parties.size() == EnumNames<ResponsibleParty>::names.size());
    CHECK(checklist.parties.size() == parties.size());
}

TEST_CASE("the demo place registry holds the walk stops and places near their localities",
          "[content]") {
    auto loaded = loadPlacesFile(contentPath("places_vindeln.json"));
    INFO((loaded.ok() ? std::string() : loaded.error().describe()));
    REQUIRE(loaded.ok());
    const PlaceRegistry& registry = loaded.value();
    CHECK(registry.about.find("demo") != std::string::npos);
    CHECK(registry.places.size() >= 12);

    const auto& root = reference().document.as_object();
    std::set<std::string> ids;
    std::set<std::string> localitiesUsed;
    for (const Place& place : registry.places) {
        INFO(place.id);
        CHECK(describe(validatePlace(place)).empty());
        CHECK(ids.insert(place.id).second);
        const boost::json::object* locality = nullptr;
        for (const auto& l : root.at("localities").as_array()) {
            if (l.as_object().at("id").as_string() == place.locality)
                locality = &l.as_object();
        }
        REQUIRE(locality != nullptr);
        REQUIRE(locality->at("lat").is_number()); // a named locality, not "rural"
        const double km = distanceKm(place.lat, place.lon, locality->at("lat").to_number<double>(),
                                     locality->at("lon").to_number<double>());
        CHECK(km < 2.0);
        localitiesUsed.insert(place.locality);
    }
    CHECK(localitiesUsed.size() == 5);

    for (const auto& stop : root.at("walk_track").as_object().at("stops").as_array()) {
        const auto& s = stop.as_object();
        const std::string name(s.at("name").as_string());
        INFO(name);
        const auto match = std::find_if(registry.places.begin(), registry.places.end(),
                                        [&](const Place& p) { return p.name == name; });
        REQUIRE(match != registry.places.end());
        CHECK(match->locality == "vindeln");
        CHECK(match->lat == s.at("lat").to_number<double>());
        CHECK(match->lon == s.at("lon").to_number<double>());
    }
}

TEST_CASE("the content files survive an encode and decode round trip unchanged", "[content]") {
    for (const char* name : {kSurveyFile, kDialogueFile}) {
        INFO(name);
        const Survey survey = loadSurvey(name);
        auto again = fromJsonText<Survey>(toJsonText(survey));
        REQUIRE(again.ok());
        CHECK(again.value() == survey);
    }
    auto checklist = loadChecklistFile(contentPath("walk_checklist.json"));
    REQUIRE(checklist.ok());
    auto checklistAgain = fromJsonText<WalkChecklist>(toJsonText(checklist.value()));
    REQUIRE(checklistAgain.ok());
    CHECK(checklistAgain.value() == checklist.value());

    auto places = loadPlacesFile(contentPath("places_vindeln.json"));
    REQUIRE(places.ok());
    auto placesAgain = fromJsonText<PlaceRegistry>(toJsonText(places.value()));
    REQUIRE(placesAgain.ok());
    CHECK(placesAgain.value() == places.value());
}
