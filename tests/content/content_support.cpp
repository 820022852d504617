#include "content_support.hpp"

#include "td/core/json.hpp"
#include "td/model/validator.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace td::content_test {

using namespace td::model;

std::string contentPath(const std::string& name) {
    return std::string(TD_SOURCE_DIR) + "/shared/content/" + name;
}

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Reference loadReference() {
    const std::string path = std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json";
    auto parsed = json::parse(readFile(path));
    if (!parsed.ok())
        throw std::runtime_error(path + ": " + parsed.error().describe());
    Reference ref;
    ref.document = std::move(parsed).value();
    const auto& root = ref.document.as_object();
    for (const auto& locality : root.at("localities").as_array())
        ref.localityIds.emplace_back(locality.as_object().at("id").as_string());
    const auto& bands =
        root.at("municipality").as_object().at("population_by_age_2023").as_object();
    for (const auto& band : bands) {
        const std::string key(band.key());
        if (std::stoi(key) >= 16) // keys start with their lower bound: "16-24", "65+"
            ref.adultAgeBandIds.push_back(ageBandChoiceId(key));
    }
    return ref;
}

void addTexts(std::vector<std::pair<std::string, Text>>& out, const std::string& path,
              const std::vector<Choice>& choices) {
    for (std::size_t i = 0; i < choices.size(); ++i)
        out.emplace_back(json::indexPath(path, i) + ".label", choices[i].label);
}

} // namespace

const Reference& reference() {
    static const Reference ref = loadReference();
    return ref;
}

std::string ageBandChoiceId(const std::string& band) {
    std::string id;
    for (char c : band) {
        if (c == '-')
            id += '_';
        else if (c == '+')
            id += "_plus";
        else
            id += c;
    }
    return id;
}

std::vector<std::pair<std::string, Text>> allTexts(const Survey& survey) {
    std::vector<std::pair<std::string, Text>> out{{"title", survey.title}};
    if (survey.intro)
        out.emplace_back("intro", *survey.intro);
    for (std::size_t s = 0; s < survey.sections.size(); ++s) {
        const Section& section = survey.sections[s];
        const std::string sectionPath = json::indexPath("sections", s);
        out.emplace_back(sectionPath + ".title", section.title);
        for (std::size_t i = 0; i < section.questions.size(); ++i) {
            const Question& q = section.questions[i];
            const std::string path = json::indexPath(sectionPath + ".questions", i);
            out.emplace_back(path + ".text", q.text);
            if (q.help)
                out.emplace_back(path + ".help", *q.help);
            for (std::size_t p = 0; p < q.points.size(); ++p)
                out.emplace_back(json::indexPath(path + ".points", p) + ".label",
                                 q.points[p].label);
            addTexts(out, path + ".choices", q.choices);
            addTexts(out, path + ".reasons", q.reasons);
        }
    }
    return out;
}

std::vector<std::pair<std::string, Text>> allTexts(const WalkChecklist& checklist) {
    std::vector<std::pair<std::string, Text>> out{
        {"not_applicable.label", checklist.notApplicable}};
    for (std::size_t i = 0; i < checklist.items.size(); ++i) {
        out.emplace_back(json::indexPath("items", i) + ".label", checklist.items[i].label);
        out.emplace_back(json::indexPath("items", i) + ".help", checklist.items[i].help);
    }
    for (std::size_t i = 0; i < checklist.ratings.size(); ++i)
        out.emplace_back(json::indexPath("ratings", i) + ".label", checklist.ratings[i].label);
    for (std::size_t i = 0; i < checklist.overallFeeling.size(); ++i)
        out.emplace_back(json::indexPath("overall_feeling", i) + ".label",
                         checklist.overallFeeling[i].label);
    for (std::size_t i = 0; i < checklist.timesOfDay.size(); ++i)
        out.emplace_back(json::indexPath("times_of_day", i) + ".label",
                         checklist.timesOfDay[i].label);
    for (std::size_t i = 0; i < checklist.parties.size(); ++i)
        out.emplace_back(json::indexPath("parties", i) + ".label", checklist.parties[i].label);
    return out;
}

std::vector<std::string> referencedQuestions(const Condition& condition) {
    std::vector<std::string> out;
    if (!condition.question.empty())
        out.push_back(condition.question);
    for (const Condition& child : condition.children) {
        auto nested = referencedQuestions(child);
        out.insert(out.end(), nested.begin(), nested.end());
    }
    return out;
}

namespace {

std::vector<std::string> multiAnswer(const Question& q, int variant) {
    if (!q.exclusive.empty() && variant % 4 == 3)
        return {q.exclusive.front()};
    std::vector<std::string> combinable;
    for (const Choice& c : q.choices) {
        if (std::find(q.exclusive.begin(), q.exclusive.end(), c.id) == q.exclusive.end())
            combinable.push_back(c.id);
    }
    std::size_t count = 1 + static_cast<std::size_t>(variant) % combinable.size();
    if (q.maxChoices)
        count = std::min(count, static_cast<std::size_t>(*q.maxChoices));
    std::vector<std::string> picked;
    for (std::size_t i = 0; i < count; ++i)
        picked.push_back(combinable[(static_cast<std::size_t>(variant) + i) % combinable.size()]);
    return picked;
}

std::vector<PlaceEntry> placeAnswer(const Question& q, int variant) {
    const auto v = static_cast<std::size_t>(variant);
    const std::size_t count = 1 + v % static_cast<std::size_t>(q.maxPlaces);
    std::vector<PlaceEntry> entries;
    for (std::size_t i = 0; i < count; ++i) {
        PlaceEntry e;
        switch ((v + i) % 3) {
        case 0:
            e.placeId = "vindeln_stationen";
            break;
        case 1:
            e.position = Position{64.2012, 19.7151, 8.5};
            break;
        default:
            e.description = "Gångvägen bakom idrottsplatsen";
            break;
        }
        if (v % 2 == 0)
            e.timesOfDay = q.timesOfDay;
        else
            e.timesOfDay = {q.timesOfDay[(v + i) % q.timesOfDay.size()]};
        e.reasons = {q.reasons[(v + i) % q.reasons.size()].id};
        entries.push_back(std::move(e));
    }
    return entries;
}

} // namespace

AnswerValue validAnswer(const Question& q, int variant) {
    const auto v = static_cast<std::size_t>(variant);
    switch (q.type) {
    case QuestionType::Scale:
        if (q.dontKnow && v % 3 == 2)
            return std::string(kDontKnow);
        return q.points[v % q.points.size()].value;
    case QuestionType::Single:
        return q.choices[v % q.choices.size()].id;
    case QuestionType::Multi:
        return multiAnswer(q, variant);
    case QuestionType::YesNo:
        return v % 2 == 0;
    case QuestionType::Number:
        if (q.integer) {
            const auto span = static_cast<std::size_t>(q.max - q.min) + 1;
            return static_cast<std::int64_t>(q.min) + static_cast<std::int64_t>(v % span);
        }
        return q.min + (q.max - q.min) / 2;
    case QuestionType::Text:
        if (v % 2 == 1) { // exactly max_length characters, two bytes each in UTF-8
            std::string text;
            for (std::int64_t i = 0; i < q.maxLength; ++i)
                text += "å";
            return text;
        }
        return std::string("Bättre belysning vid stationen och fler vuxna ute på kvällarna.");
    case QuestionType::Place:
        return placeAnswer(q, variant);
    }
    throw std::logic_error("unknown question type");
}

Response fullResponse(const Survey& survey, int variant) {
    Response r;
    r.id = "01932c4e-8f3a-7b21-9c4d-5e6f70819a2b";
    r.campaignId = survey.id + "_2025";
    r.surveyId = survey.id;
    r.surveyVersion = survey.version;
    r.channel = survey.kind == SurveyKind::Dialogue ? Channel::Kiosk : Channel::Survey;
    r.submittedAt = "2025-10-01T18:30:00Z";
    r.locale = "sv";
    for (const Question* q : survey.questions()) {
        if (isVisible(*q, r.answers))
            r.answers[q->id] = validAnswer(*q, variant);
    }
    return r;
}

} // namespace td::content_test
