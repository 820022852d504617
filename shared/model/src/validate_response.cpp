// validateResponse: answers against their survey definition.

#include "issues.hpp"
#include "td/core/json.hpp"
#include "visibility.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace td::model {

using detail::IssueSink;

namespace {

inline constexpr std::size_t kMaxPlaceDescription = 500;

std::string typeName(QuestionType t) {
    return std::string(toString(t));
}

bool hasChoice(const std::vector<Choice>& choices, std::string_view id) {
    return std::any_of(choices.begin(), choices.end(), [&](const Choice& c) { return c.id == id; });
}

std::string scaleExpectation(const Question& q) {
    std::string s = "expected one of ";
    if (q.points.empty())
        s += "no points";
    else
        s += std::to_string(q.points.front().value) + ".." + std::to_string(q.points.back().value);
    if (q.dontKnow)
        s += " or \"" + std::string(kDontKnow) + "\"";
    return s;
}

void wrongType(IssueSink& sink, const std::string& path, const Question& q, const char* what) {
    sink.add(path, "wrong_answer_type",
             "a " + typeName(q.type) + " question takes " + std::string(what));
}

void checkScale(IssueSink& sink, const std::string& path, const Question& q, const AnswerValue& a) {
    if (const auto* s = std::get_if<std::string>(&a)) {
        if (*s != kDontKnow)
            sink.add(path, "invalid_scale_value", scaleExpectation(q));
        else if (!q.dontKnow)
            sink.add(path, "dont_know_not_allowed", scaleExpectation(q));
        return;
    }
    const auto* v = std::get_if<std::int64_t>(&a);
    if (v == nullptr) {
        sink.add(path, "invalid_scale_value", scaleExpectation(q));
        return;
    }
    const bool known = std::any_of(q.points.begin(), q.points.end(),
                                   [&](const ScalePoint& p) { return p.value == *v; });
    if (!known)
        sink.add(path, "invalid_scale_value", scaleExpectation(q));
}

void checkSingle(IssueSink& sink, const std::string& path, const Question& q,
                 const AnswerValue& a) {
    const auto* id = std::get_if<std::string>(&a);
    if (id == nullptr)
        return wrongType(sink, path, q, "a choice id");
    if (!hasChoice(q.choices, *id))
        sink.add(path, "unknown_choice", "\"" + *id + "\" is not a choice of this question");
}

void checkMulti(IssueSink& sink, const std::string& path, const Question& q, const AnswerValue& a) {
    const auto* ids = std::get_if<std::vector<std::string>>(&a);
    if (ids == nullptr)
        return wrongType(sink, path, q, "an array of choice ids");
    if (ids->empty())
        return sink.add(path, "empty_answer", "choose at least one");
    // Lists are short (at most 200 ids): a scan of the earlier items finds repeats without a set,
    // and an item's path is only built when it has an issue.
    std::size_t distinct = 0;
    bool exclusive = false;
    for (std::size_t i = 0; i < ids->size(); ++i) {
        const std::string& id = (*ids)[i];
        const auto earlier = ids->begin() + static_cast<std::ptrdiff_t>(i);
        const bool known = hasChoice(q.choices, id);
        const bool repeated = std::find(ids->begin(), earlier, id) != earlier;
        if (!known || repeated) {
            const std::string itemPath = json::indexPath(path, i);
            if (!known)
                sink.add(itemPath, "unknown_choice",
                         "\"" + id + "\" is not a choice of this question");
            if (repeated)
                sink.add(itemPath, "duplicate_choice", "\"" + id + "\" is chosen twice");
        }
        if (!repeated)
            ++distinct;
        exclusive =
            exclusive || std::find(q.exclusive.begin(), q.exclusive.end(), id) != q.exclusive.end();
    }
    if (q.maxChoices && static_cast<std::int64_t>(distinct) > *q.maxChoices) {
        sink.add(path, "too_many_choices",
                 "at most " + std::to_string(*q.maxChoices) + " choices allowed");
    }
    if (exclusive && distinct > 1)
        sink.add(path, "exclusive_choice_combined", "an exclusive choice cannot be combined");
}

void checkNumber(IssueSink& sink, const std::string& path, const Question& q,
                 const AnswerValue& a) {
    double value = 0;
    if (const auto* i = std::get_if<std::int64_t>(&a))
        value = static_cast<double>(*i);
    else if (const auto* d = std::get_if<double>(&a))
        value = *d;
    else
        return wrongType(sink, path, q, "a number");
    if (!std::isfinite(value) || value < q.min || value > q.max) {
        return sink.add(path, "number_out_of_range",
                        "expected a number in [" + json::formatNumber(q.min) + ", " +
                            json::formatNumber(q.max) + "]");
    }
    if (q.integer && std::trunc(value) != value)
        sink.add(path, "number_not_integer", "expected a whole number");
}

void checkText(IssueSink& sink, const std::string& path, const Question& q, const AnswerValue& a) {
    const auto* s = std::get_if<std::string>(&a);
    if (s == nullptr)
        return wrongType(sink, path, q, "a string");
    sink.text(path, *s, static_cast<std::size_t>(q.maxLength));
}

void checkPlaceEntry(IssueSink& sink, const std::string& path, const Question& q,
                     const PlaceEntry& e) {
    const int sources =
        int(e.placeId.has_value()) + int(e.position.has_value()) + int(e.description.has_value());
    if (sources != 1) {
        sink.add(path, "place_entry_source",
                 "give exactly one of place_id, position and description");
    }
    if (e.placeId)
        sink.id(json::childPath(path, "place_id"), *e.placeId);
    if (e.position)
        sink.position(json::childPath(path, "position"), *e.position);
    if (e.description)
        sink.text(json::childPath(path, "description"), *e.description, kMaxPlaceDescription);
    std::set<TimeOfDay> times;
    for (std::size_t i = 0; i < e.timesOfDay.size(); ++i) {
        const TimeOfDay t = e.timesOfDay[i];
        const std::string itemPath = json::indexPath(json::childPath(path, "times_of_day"), i);
        if (std::find(q.timesOfDay.begin(), q.timesOfDay.end(), t) == q.timesOfDay.end()) {
            sink.add(itemPath, "unknown_time_of_day",
                     "\"" + std::string(toString(t)) + "\" is not offered by this question");
        }
        if (!times.insert(t).second)
            sink.add(itemPath, "duplicate_choice", "a time of day is given twice");
    }
    std::set<std::string> reasons;
    for (std::size_t i = 0; i < e.reasons.size(); ++i) {
        const std::string& r = e.reasons[i];
        const std::string itemPath = json::indexPath(json::childPath(path, "reasons"), i);
        if (!hasChoice(q.reasons, r))
            sink.add(itemPath, "unknown_reason", "\"" + r + "\" is not offered by this question");
        if (!reasons.insert(r).second)
            sink.add(itemPath, "duplicate_choice", "\"" + r + "\" is given twice");
    }
}

void checkPlace(IssueSink& sink, const std::string& path, const Question& q, const AnswerValue& a) {
    const auto* entries = std::get_if<std::vector<PlaceEntry>>(&a);
    if (entries == nullptr) {
        // An empty array decodes as an empty id list.
        const auto* ids = std::get_if<std::vector<std::string>>(&a);
        if (ids != nullptr && ids->empty())
            return sink.add(path, "empty_answer", "give at least one place");
        return wrongType(sink, path, q, "an array of places");
    }
    if (entries->empty())
        return sink.add(path, "empty_answer", "give at least one place");
    if (static_cast<std::int64_t>(entries->size()) > q.maxPlaces) {
        sink.add(path, "too_many_places",
                 "at most " + std::to_string(q.maxPlaces) + " places allowed");
    }
    for (std::size_t i = 0; i < entries->size(); ++i)
        checkPlaceEntry(sink, json::indexPath(path, i), q, (*entries)[i]);
}

void checkAnswer(IssueSink& sink, const std::string& path, const Question& q,
                 const AnswerValue& a) {
    switch (q.type) {
    case QuestionType::Scale:
        return checkScale(sink, path, q, a);
    case QuestionType::Single:
        return checkSingle(sink, path, q, a);
    case QuestionType::Multi:
        return checkMulti(sink, path, q, a);
    case QuestionType::YesNo:
        if (!std::holds_alternative<bool>(a))
            wrongType(sink, path, q, "true or false");
        return;
    case QuestionType::Number:
        return checkNumber(sink, path, q, a);
    case QuestionType::Text:
        return checkText(sink, path, q, a);
    case QuestionType::Place:
        return checkPlace(sink, path, q, a);
    }
}

} // namespace

Issues validateResponse(const Response& response, const Survey& survey) {
    IssueSink sink;
    sink.uuid("id", response.id);
    sink.recordId("campaign_id", response.campaignId);
    if (response.surveyId != survey.id) {
        sink.add("survey_id", "survey_mismatch",
                 "the response is for survey \"" + response.surveyId + "\", not \"" + survey.id +
                     "\"");
    }
    if (response.surveyVersion != survey.version) {
        sink.add("survey_version", "survey_version_mismatch",
                 "the response is for version " + std::to_string(response.surveyVersion) +
                     ", the survey is version " + std::to_string(survey.version));
    }
    if (response.dialogueId)
        sink.uuid("dialogue_id", *response.dialogueId);
    sink.timestamp("submitted_at", response.submittedAt);
    if (response.locale != "sv" && response.locale != "en")
        sink.add("locale", "invalid_locale", "expected \"sv\" or \"en\"");
    if (response.freeTextRemovedAt)
        sink.add("free_text_removed_at", "server_only_field",
                 "set by the server's retention purge, never by a device");

    // Each question's answer, looked up once. When every answer belongs to a question, no
    // answer needs the search for an unknown question.
    const std::vector<const Question*> questions = survey.questions();
    std::vector<Answers::const_iterator> answerOf;
    answerOf.reserve(questions.size());
    std::size_t answered = 0;
    for (const Question* q : questions) {
        const auto it = response.answers.find(q->id);
        if (it != response.answers.end() &&
            std::find(answerOf.begin(), answerOf.end(), it) == answerOf.end())
            ++answered;
        answerOf.push_back(it);
    }
    if (answered != response.answers.size()) {
        for (const auto& [id, answer] : response.answers) {
            if (survey.findQuestion(id) == nullptr) {
                sink.add(json::childPath("answers", id), "unknown_question",
                         "the survey has no question \"" + id + "\"");
            }
        }
    }
    // Answers to the questions found visible so far, by address in response.answers.
    std::vector<const AnswerValue*> visibleAnswers;
    visibleAnswers.reserve(response.answers.size());
    const auto findVisible = [&](const std::string& id) -> const AnswerValue* {
        const auto it = response.answers.find(id);
        if (it == response.answers.end())
            return nullptr;
        const bool visible = std::find(visibleAnswers.begin(), visibleAnswers.end(), &it->second) !=
                             visibleAnswers.end();
        return visible ? &it->second : nullptr;
    };
    const detail::AnswerLookup lookup = findVisible;
    std::string path;
    for (std::size_t k = 0; k < questions.size(); ++k) {
        const Question* q = questions[k];
        path.assign("answers.").append(q->id);
        const bool visible = detail::isVisibleWith(*q, lookup);
        const auto it = answerOf[k];
        if (it == response.answers.end()) {
            if (visible && q->required && !q->background)
                sink.add(path, "required_unanswered", "this question must be answered");
            continue;
        }
        if (!visible) {
            sink.add(path, "answer_to_hidden_question",
                     "the question is hidden by earlier answers; remove the answer");
            continue;
        }
        checkAnswer(sink, path, *q, it->second);
        visibleAnswers.push_back(&it->second);
    }
    return sink.take();
}

} // namespace td::model
