// Property-style tests: responses generated at random from a survey definition always
// validate and round-trip; one targeted mutation always produces the named issue.

#include "fixtures.hpp"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

using namespace td::model;
using namespace td::model::test;

namespace {

using Rng = std::mt19937;

std::size_t pick(Rng& rng, std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}
bool coin(Rng& rng, double p = 0.5) {
    return std::bernoulli_distribution(p)(rng);
}

std::string randomText(Rng& rng, std::size_t maxChars) {
    static const char* const pieces[] = {"a", "b", "k", " ", "å", "ä", "ö", "É", "1", "?"};
    const std::size_t length = 1 + pick(rng, std::min<std::size_t>(maxChars, 60));
    std::string s = "x"; // never blank
    for (std::size_t i = 1; i < length; ++i)
        s += pieces[pick(rng, std::size(pieces))];
    return s;
}

template <class T> std::vector<T> randomSubset(Rng& rng, const std::vector<T>& items) {
    std::vector<T> out;
    for (const T& item : items) {
        if (coin(rng))
            out.push_back(item);
    }
    return out;
}

PlaceEntry randomPlaceEntry(Rng& rng, const Question& q) {
    PlaceEntry e;
    switch (pick(rng, 3)) {
    case 0:
        e.placeId = "plats_" + std::to_string(pick(rng, 100));
        break;
    case 1:
        e.position = Position{std::uniform_real_distribution<double>(-90, 90)(rng),
                              std::uniform_real_distribution<double>(-180, 180)(rng),
                              std::uniform_real_distribution<double>(0.5, 10000)(rng)};
        break;
    default:
        e.description = randomText(rng, 500);
        break;
    }
    e.timesOfDay = randomSubset(rng, q.timesOfDay);
    for (const Choice& reason : randomSubset(rng, q.reasons))
        e.reasons.push_back(reason.id);
    return e;
}

AnswerValue randomAnswer(Rng& rng, const Question& q) {
    switch (q.type) {
    case QuestionType::Scale:
        if (q.dontKnow && coin(rng, 0.15))
            return std::string(kDontKnow);
        return q.points[pick(rng, q.points.size())].value;
    case QuestionType::Single:
        return q.choices[pick(rng, q.choices.size())].id;
    case QuestionType::Multi: {
        std::vector<std::string> free;
        for (const Choice& c : q.choices) {
            if (std::find(q.exclusive.begin(), q.exclusive.end(), c.id) == q.exclusive.end())
                free.push_back(c.id);
        }
        if (!q.exclusive.empty() && (free.empty() || coin(rng, 0.2)))
            return std::vector<std::string>{q.exclusive[pick(rng, q.exclusive.size())]};
        std::shuffle(free.begin(), free.end(), rng);
        std::size_t limit = free.size();
        if (q.maxChoices)
            limit = std::min<std::size_t>(limit, static_cast<std::size_t>(*q.maxChoices));
        free.resize(1 + pick(rng, limit));
        return free;
    }
    case QuestionType::YesNo:
        return coin(rng);
    case QuestionType::Number:
        if (q.integer) {
            const auto lo = static_cast<std::int64_t>(std::ceil(q.min));
            const auto hi = static_cast<std::int64_t>(std::floor(q.max));
            return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
        }
        return std::uniform_real_distribution<double>(q.min, q.max)(rng);
    case QuestionType::Text:
        return randomText(rng, static_cast<std::size_t>(q.maxLength));
    case QuestionType::Place: {
        std::vector<PlaceEntry> entries(1 + pick(rng, static_cast<std::size_t>(q.maxPlaces)));
        for (PlaceEntry& e : entries)
            e = randomPlaceEntry(rng, q);
        return entries;
    }
    }
    return false;
}

/// A random response answering every visible required question and some optional ones.
Response randomResponse(Rng& rng, const Survey& survey) {
    Response r;
    r.id = "01890a5d-ac96-774b-bcce-b302099a8057";
    r.campaignId = "kampanj";
    r.surveyId = survey.id;
    r.surveyVersion = survey.version;
    r.channel = Channel::Web;
    r.submittedAt = "2025-03-14T18:30:00Z";
    r.locale = coin(rng) ? "sv" : "en";
    for (const Question* q : survey.questions()) {
        if (isVisible(*q, r.answers) && (q->required || coin(rng, 0.7)))
            r.answers[q->id] = randomAnswer(rng, *q);
    }
    return r;
}

std::string describe(const Issues& issues) {
    std::string s;
    for (const Issue& i : issues)
        s += i.path + " " + i.code + ": " + i.message + "\n";
    return s;
}

bool hasIssue(const Issues& issues, const std::string& path, const std::string& code) {
    return std::any_of(issues.begin(), issues.end(),
                       [&](const Issue& i) { return i.path == path && i.code == code; });
}

std::vector<Survey> surveysUnderTest() {
    std::vector<Survey> surveys{sampleSurvey()};
    for (const char* file : {"trygghetsenkat_vindeln.json", "medborgardialog.json"}) {
        auto s = loadSurveyFile(std::string(TD_SOURCE_DIR) + "/shared/content/" + file);
        REQUIRE(s.ok());
        surveys.push_back(std::move(s).value());
    }
    return surveys;
}

/// Applies one mutation meant to produce `code` at `path`; false if none applies here.
struct Mutation {
    const char* name;
    bool (*apply)(Rng&, const Survey&, Response&, std::string& path, std::string& code);
};

const Question* answeredOfType(Rng& rng, const Survey& s, const Response& r, QuestionType t) {
    std::vector<const Question*> candidates;
    for (const Question* q : s.questions()) {
        if (q->type == t && r.answers.count(q->id) != 0)
            candidates.push_back(q);
    }
    return candidates.empty() ? nullptr : candidates[pick(rng, candidates.size())];
}

const Mutation kMutations[] = {
    {"scale beyond its points",
     [](Rng& rng, const Survey& s, Response& r, std::string& path, std::string& code) {
         const Question* q = answeredOfType(rng, s, r, QuestionType::Scale);
         if (q == nullptr)
             return false;
         r.answers[q->id] = q->points.back().value + 1;
         path = "answers." + q->id;
         code = "invalid_scale_value";
         return true;
     }},
    {"unknown single choice",
     [](Rng& rng, const Survey& s, Response& r, std::string& path, std::string& code) {
         const Question* q = answeredOfType(rng, s, r, QuestionType::Single);
         if (q == nullptr)
             return false;
         r.answers[q->id] = std::string("no_such_choice");
         path = "answers." + q->id;
         code = "unknown_choice";
         return true;
     }},
    {"duplicated multi choice",
     [](Rng& rng, const Survey& s, Response& r, std::string& path, std::string& code) {
         const Question* q = answeredOfType(rng, s, r, QuestionType::Multi);
         if (q == nullptr)
             return false;
         auto& ids = std::get<std::vector<std::string>>(r.answers[q->id]);
         ids.push_back(ids.front());
         path = "answers." + q->id + "[" + std::to_string(ids.size() - 1) + "]";
         code = "duplicate_choice";
         return true;
     }},
    {"number above max",
     [](Rng& rng, const Survey& s, Response& r, std::string& path, std::string& code) {
         const Question* q = answeredOfType(rng, s, r, QuestionType::Number);
         if (q == nullptr)
             return false;
         r.answers[q->id] = q->max + 1;
         path = "answers." + q->id;
         code = "number_out_of_range";
         return true;
     }},
    {"over-long text",
     [](Rng& rng, const Survey& s, Response& r, std::string& path, std::string& code) {
         const Question* q = answeredOfType(rng, s, r, QuestionType::Text);
         if (q == nullptr)
             return false;
         r.answers[q->id] = std::string(static_cast<std::size_t>(q->maxLength) + 1, 'x');
         path = "answers." + q->id;
         code = "text_too_long";
         return true;
     }},
    {"yes/no answered with text",
     [](Rng& rng, const Survey& s, Response& r, std::string& path, std::string& code) {
         const Question* q = answeredOfType(rng, s, r, QuestionType::YesNo);
         if (q == nullptr)
             return false;
         r.answers[q->id] = std::string("ja");
         path = "answers." + q->id;
         code = "wrong_answer_type";
         return true;
     }},
    {"place entry with two sources",
     [](Rng& rng, const Survey& s, Response& r, std::string& path, std::string& code) {
         const Question* q = answeredOfType(rng, s, r, QuestionType::Place);
         if (q == nullptr)
             return false;
         auto& entries = std::get<std::vector<PlaceEntry>>(r.answers[q->id]);
         const std::size_t i = pick(rng, entries.size());
         if (entries[i].description)
             entries[i].placeId = "extra";
         else
             entries[i].description = "extra";
         path = "answers." + q->id + "[" + std::to_string(i) + "]";
         code = "place_entry_source";
         return true;
     }},
    {"required answer removed",
     [](Rng& rng, const Survey& s, Response& r, std::string& path, std::string& code) {
         std::vector<const Question*> required;
         for (const Question* q : s.questions()) {
             if (q->required && r.answers.count(q->id) != 0)
                 required.push_back(q);
         }
         if (required.empty())
             return false;
         const Question* q = required[pick(rng, required.size())];
         r.answers.erase(q->id);
         path = "answers." + q->id;
         code = "required_unanswered";
         return true;
     }},
    {"answer to a hidden question",
     [](Rng& rng, const Survey& s, Response& r, std::string& path, std::string& code) {
         std::vector<const Question*> hidden;
         Answers visible;
         for (const Question* q : s.questions()) {
             if (!isVisible(*q, visible))
                 hidden.push_back(q);
             else if (r.answers.count(q->id) != 0)
                 visible.insert(*r.answers.find(q->id));
         }
         if (hidden.empty())
             return false;
         const Question* q = hidden[pick(rng, hidden.size())];
         r.answers[q->id] = randomAnswer(rng, *q);
         path = "answers." + q->id;
         code = "answer_to_hidden_question";
         return true;
     }},
};

} // namespace

TEST_CASE("random valid responses validate, round-trip and lose nothing to pruning", "[property]") {
    for (const Survey& survey : surveysUnderTest()) {
        INFO("survey " << survey.id);
        REQUIRE(validateSurvey(survey).empty());
        for (unsigned seed = 0; seed < 300; ++seed) {
            Rng rng(seed);
            Response r = randomResponse(rng, survey);
            INFO("seed " << seed << ": " << toJsonText(r));
            const Issues issues = validateResponse(r, survey);
            INFO(describe(issues));
            REQUIRE(issues.empty());

            auto decoded = fromJsonText<Response>(toJsonText(r));
            REQUIRE(decoded.ok());
            CHECK(decoded.value() == r);

            Response pruned = r;
            CHECK(pruneHiddenAnswers(pruned, survey) == 0);
            CHECK(pruned == r);
        }
    }
}

TEST_CASE("one mutation of a valid response yields the named issue", "[property]") {
    std::size_t applied = 0;
    for (const Survey& survey : surveysUnderTest()) {
        for (const Mutation& mutation : kMutations) {
            for (unsigned seed = 0; seed < 60; ++seed) {
                Rng rng(seed * 7919 + 1);
                Response r = randomResponse(rng, survey);
                std::string path;
                std::string code;
                if (!mutation.apply(rng, survey, r, path, code))
                    continue;
                ++applied;
                const Issues issues = validateResponse(r, survey);
                INFO(survey.id << " / " << mutation.name << " / seed " << seed << "\n"
                               << describe(issues));
                CHECK(hasIssue(issues, path, code));
            }
        }
    }
    CHECK(applied > 500);
}

TEST_CASE("pruning then validating leaves only hidden-free valid answers", "[property]") {
    for (const Survey& survey : surveysUnderTest()) {
        for (unsigned seed = 0; seed < 200; ++seed) {
            Rng rng(seed + 100'000);
            Response r = randomResponse(rng, survey);
            // Re-answer a random earlier question, which may hide later ones.
            const auto questions = survey.questions();
            const Question* q = questions[pick(rng, questions.size())];
            r.answers[q->id] = randomAnswer(rng, *q);
            pruneHiddenAnswers(r, survey);
            const Issues issues = validateResponse(r, survey);
            INFO(survey.id << " seed " << seed << "\n" << describe(issues));
            for (const Issue& issue : issues)
                CHECK(issue.code == "required_unanswered");
        }
    }
}

TEST_CASE("corrupted response text never decodes silently wrong", "[property]") {
    const std::string original = toJsonText(sampleResponse());
    Rng rng(4242);
    std::size_t rejected = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string text = original;
        const int edits = 1 + static_cast<int>(pick(rng, 3));
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = pick(rng, text.size());
            switch (pick(rng, 3)) {
            case 0:
                text[at] = static_cast<char>(pick(rng, 256));
                break;
            case 1:
                text.erase(at, 1);
                break;
            default:
                text.insert(at, 1, "{}[],:\"0e-"[pick(rng, 10)]);
                break;
            }
        }
        auto r = fromJsonText<Response>(text);
        if (!r.ok()) {
            ++rejected;
            CHECK_FALSE(r.error().code.empty());
            continue;
        }
        // Whatever still decodes must encode back to a document that decodes the same.
        auto again = fromJsonText<Response>(toJsonText(r.value()));
        REQUIRE(again.ok());
        CHECK(again.value() == r.value());
    }
    CHECK(rejected > 2000);
}
