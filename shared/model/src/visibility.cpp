// Show-if evaluation and pruning of answers to hidden questions.

#include "visibility.hpp"

#include "td/model/validator.hpp"

#include <algorithm>
#include <set>

namespace td::model {

namespace {

bool matches(const AnswerValue& answer, const ConditionValue& value) {
    if (const bool* b = std::get_if<bool>(&answer)) {
        const bool* v = std::get_if<bool>(&value);
        return v != nullptr && *v == *b;
    }
    if (std::holds_alternative<std::int64_t>(answer) || std::holds_alternative<double>(answer)) {
        const double a = std::holds_alternative<std::int64_t>(answer)
                             ? static_cast<double>(std::get<std::int64_t>(answer))
                             : std::get<double>(answer);
        if (const std::int64_t* i = std::get_if<std::int64_t>(&value))
            return a == static_cast<double>(*i);
        if (const double* d = std::get_if<double>(&value))
            return a == *d;
        return false;
    }
    if (const std::string* s = std::get_if<std::string>(&answer)) {
        const std::string* v = std::get_if<std::string>(&value);
        return v != nullptr && *v == *s;
    }
    return false;
}

} // namespace

namespace {

bool evaluateWith(const Condition& c, const detail::AnswerLookup& find) {
    using Op = Condition::Op;
    switch (c.op) {
    case Op::All:
        return std::all_of(c.children.begin(), c.children.end(),
                           [&](const Condition& child) { return evaluateWith(child, find); });
    case Op::Any:
        return std::any_of(c.children.begin(), c.children.end(),
                           [&](const Condition& child) { return evaluateWith(child, find); });
    case Op::Not:
        return !c.children.empty() && !evaluateWith(c.children.front(), find);
    default:
        break;
    }
    const AnswerValue* found = find(c.question);
    if (c.op == Op::Answered)
        return (found != nullptr) == c.answered;
    if (found == nullptr)
        return false;
    const AnswerValue& answer = *found;
    switch (c.op) {
    case Op::Equals:
        return matches(answer, c.equals);
    case Op::In:
        return std::any_of(c.in.begin(), c.in.end(),
                           [&](const ConditionValue& v) { return matches(answer, v); });
    case Op::Includes:
        if (const auto* ids = std::get_if<std::vector<std::string>>(&answer))
            return std::find(ids->begin(), ids->end(), c.includes) != ids->end();
        if (const auto* id = std::get_if<std::string>(&answer))
            return *id == c.includes;
        return false;
    default:
        return false;
    }
}

} // namespace

bool evaluate(const Condition& c, const Answers& answers) {
    return evaluateWith(c, [&](const std::string& id) -> const AnswerValue* {
        const auto it = answers.find(id);
        return it == answers.end() ? nullptr : &it->second;
    });
}

bool detail::isVisibleWith(const Question& question, const AnswerLookup& find) {
    return !question.showIf || evaluateWith(*question.showIf, find);
}

bool isVisible(const Question& question, const Answers& answers) {
    return !question.showIf || evaluate(*question.showIf, answers);
}

std::size_t pruneHiddenAnswers(Answers& answers, const Survey& survey) {
    Answers kept;
    for (const Question* q : survey.questions()) {
        auto it = answers.find(q->id);
        if (it != answers.end() && isVisible(*q, kept))
            kept.insert(*it);
    }
    const std::size_t removed = answers.size() - kept.size();
    answers = std::move(kept);
    return removed;
}

std::size_t pruneHiddenAnswers(Response& response, const Survey& survey) {
    return pruneHiddenAnswers(response.answers, survey);
}

} // namespace td::model
