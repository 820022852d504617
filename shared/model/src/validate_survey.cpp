// validateSurvey: a survey definition is coherent.

#include "issues.hpp"
#include "td/core/json.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace td::model {

using detail::IssueSink;

namespace {

bool hasChoice(const std::vector<Choice>& choices, std::string_view id) {
    return std::any_of(choices.begin(), choices.end(), [&](const Choice& c) { return c.id == id; });
}

bool hasPoint(const Question& q, std::int64_t value) {
    return std::any_of(q.points.begin(), q.points.end(),
                       [&](const ScalePoint& p) { return p.value == value; });
}

/// Whether `value` can ever equal an answer to `q`.
bool canMatch(const Question& q, const ConditionValue& value) {
    switch (q.type) {
    case QuestionType::YesNo:
        return std::holds_alternative<bool>(value);
    case QuestionType::Scale:
        if (const auto* i = std::get_if<std::int64_t>(&value))
            return hasPoint(q, *i);
        if (const auto* s = std::get_if<std::string>(&value))
            return q.dontKnow && *s == kDontKnow;
        return false;
    case QuestionType::Single:
        if (const auto* s = std::get_if<std::string>(&value))
            return hasChoice(q.choices, *s);
        return false;
    case QuestionType::Number:
        return std::holds_alternative<std::int64_t>(value) || std::holds_alternative<double>(value);
    default:
        return false;
    }
}

/// Checks a condition tree; `earlier` maps ids of questions before this one to them.
void checkCondition(IssueSink& sink, const std::string& path, const Condition& c,
                    const std::map<std::string, const Question*>& earlier,
                    const std::set<std::string>& all) {
    using Op = Condition::Op;
    if (c.op == Op::All || c.op == Op::Any || c.op == Op::Not) {
        const std::string key = c.op == Op::All ? "all" : c.op == Op::Any ? "any" : "not";
        if (c.children.empty() || (c.op == Op::Not && c.children.size() != 1))
            sink.add(path, "invalid_condition", "\"" + key + "\" needs conditions");
        for (std::size_t i = 0; i < c.children.size(); ++i) {
            const std::string childPath = c.op == Op::Not
                                              ? json::childPath(path, key)
                                              : json::indexPath(json::childPath(path, key), i);
            checkCondition(sink, childPath, c.children[i], earlier, all);
        }
        return;
    }
    const std::string questionPath = json::childPath(path, "question");
    const auto it = earlier.find(c.question);
    if (it == earlier.end()) {
        if (all.count(c.question) != 0) {
            sink.add(questionPath, "condition_forward_reference",
                     "\"" + c.question + "\" does not come before this question");
        } else {
            sink.add(questionPath, "condition_unknown_question",
                     "the survey has no question \"" + c.question + "\"");
        }
        return;
    }
    const Question& target = *it->second;
    switch (c.op) {
    case Op::Equals:
        if (!canMatch(target, c.equals)) {
            sink.add(json::childPath(path, "equals"), "condition_invalid_value",
                     "the value can never be an answer to \"" + c.question + "\"");
        }
        break;
    case Op::In:
        if (c.in.empty())
            sink.add(json::childPath(path, "in"), "invalid_condition", "\"in\" needs values");
        for (std::size_t i = 0; i < c.in.size(); ++i) {
            if (!canMatch(target, c.in[i])) {
                sink.add(json::indexPath(json::childPath(path, "in"), i), "condition_invalid_value",
                         "the value can never be an answer to \"" + c.question + "\"");
            }
        }
        break;
    case Op::Includes:
        if (target.type != QuestionType::Multi || !hasChoice(target.choices, c.includes)) {
            sink.add(json::childPath(path, "includes"), "condition_invalid_value",
                     "\"includes\" needs a choice of a multi question");
        }
        break;
    default:
        break;
    }
}

void checkChoices(IssueSink& sink, const std::string& path, const std::vector<Choice>& choices,
                  std::size_t minimum) {
    if (choices.size() < minimum) {
        sink.add(path, "too_few_choices", "needs at least " + std::to_string(minimum) + " entries");
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        const std::string itemPath = json::indexPath(path, i);
        sink.id(json::childPath(itemPath, "id"), choices[i].id);
        if (!ids.insert(choices[i].id).second)
            sink.add(json::childPath(itemPath, "id"), "duplicate_id",
                     "\"" + choices[i].id + "\" is used twice");
        sink.localText(json::childPath(itemPath, "label"), choices[i].label);
    }
}

void checkIdsIn(IssueSink& sink, const std::string& path, const std::vector<std::string>& ids,
                const std::vector<Choice>& choices) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!hasChoice(choices, ids[i])) {
            sink.add(json::indexPath(path, i), "unknown_choice",
                     "\"" + ids[i] + "\" is not a choice of this question");
        }
    }
}

// Non-substantive choices ("vet inte", "vill inte svara") are choices of the question, never
// negative, not all of them, and in a multi question exclusive (no opinion besides opinions).
void checkNonSubstantive(IssueSink& sink, const std::string& path, const Question& q) {
    const std::string at = json::childPath(path, "non_substantive");
    checkIdsIn(sink, at, q.nonSubstantiveChoices, q.choices);
    auto listed = [](const std::vector<std::string>& ids, const std::string& id) {
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    };
    for (std::size_t i = 0; i < q.nonSubstantiveChoices.size(); ++i) {
        const std::string& id = q.nonSubstantiveChoices[i];
        if (listed(q.negativeChoices, id))
            sink.add(json::indexPath(at, i), "non_substantive_negative",
                     "a non-substantive choice cannot count as negative");
        if (q.type == QuestionType::Multi && !listed(q.exclusive, id))
            sink.add(json::indexPath(at, i), "non_substantive_not_exclusive",
                     "a non-substantive choice of a multi question must be exclusive");
    }
    if (!q.choices.empty() && q.nonSubstantiveChoices.size() >= q.choices.size())
        sink.add(at, "no_substantive_choice", "at least one choice must be substantive");
}

void checkTypeFields(IssueSink& sink, const std::string& path, const Question& q) {
    switch (q.type) {
    case QuestionType::Scale: {
        const std::string points = json::childPath(path, "points");
        if (q.points.size() < 2)
            sink.add(points, "too_few_choices", "a scale needs at least 2 points");
        for (std::size_t i = 0; i < q.points.size(); ++i) {
            const std::string pointPath = json::indexPath(points, i);
            if (q.points[i].value != static_cast<std::int64_t>(i) + 1) {
                sink.add(json::childPath(pointPath, "value"), "scale_not_ascending",
                         "scale values must be 1..n in ascending order");
            }
            sink.localText(json::childPath(pointPath, "label"), q.points[i].label);
        }
        for (std::size_t i = 0; i < q.negativePoints.size(); ++i) {
            if (!hasPoint(q, q.negativePoints[i])) {
                sink.add(json::indexPath(json::childPath(path, "negative"), i),
                         "unknown_negative_value", "not a point of this scale");
            }
        }
        break;
    }
    case QuestionType::Single:
        checkChoices(sink, json::childPath(path, "choices"), q.choices, 2);
        checkIdsIn(sink, json::childPath(path, "negative"), q.negativeChoices, q.choices);
        checkNonSubstantive(sink, path, q);
        break;
    case QuestionType::Multi:
        checkChoices(sink, json::childPath(path, "choices"), q.choices, 2);
        checkIdsIn(sink, json::childPath(path, "exclusive"), q.exclusive, q.choices);
        checkNonSubstantive(sink, path, q);
        if (q.maxChoices &&
            (*q.maxChoices < 1 || *q.maxChoices > static_cast<std::int64_t>(q.choices.size()))) {
            sink.add(json::childPath(path, "max_choices"), "invalid_max_choices",
                     "must be between 1 and the number of choices");
        }
        break;
    case QuestionType::YesNo:
        break;
    case QuestionType::Number:
        if (!(q.min < q.max))
            sink.add(json::childPath(path, "max"), "invalid_bounds", "max must be above min");
        break;
    case QuestionType::Text:
        if (q.maxLength < 1 || q.maxLength > 4000) {
            sink.add(json::childPath(path, "max_length"), "invalid_max_length",
                     "must be in 1..4000");
        }
        break;
    case QuestionType::Place: {
        if (q.maxPlaces < 1)
            sink.add(json::childPath(path, "max_places"), "invalid_max_places", "must be >= 1");
        if (q.timesOfDay.empty())
            sink.add(json::childPath(path, "times_of_day"), "too_few_choices",
                     "offer at least one time of day");
        std::set<TimeOfDay> times(q.timesOfDay.begin(), q.timesOfDay.end());
        if (times.size() != q.timesOfDay.size())
            sink.add(json::childPath(path, "times_of_day"), "duplicate_id",
                     "a time of day is offered twice");
        checkChoices(sink, json::childPath(path, "reasons"), q.reasons, 0);
        break;
    }
    }
}

} // namespace

Issues validateSurvey(const Survey& survey) {
    IssueSink sink;
    sink.id("id", survey.id);
    if (survey.version < 1)
        sink.add("version", "invalid_version", "versions start at 1");
    sink.localText("title", survey.title);
    if (survey.sections.empty())
        sink.add("sections", "empty_survey", "a survey needs at least one section");

    std::set<std::string> allIds;
    for (const Question* q : survey.questions())
        allIds.insert(q->id);

    std::set<std::string> sectionIds;
    std::map<std::string, const Question*> earlier;
    for (std::size_t s = 0; s < survey.sections.size(); ++s) {
        const Section& section = survey.sections[s];
        const std::string sectionPath = json::indexPath("sections", s);
        sink.id(json::childPath(sectionPath, "id"), section.id);
        if (!sectionIds.insert(section.id).second) {
            sink.add(json::childPath(sectionPath, "id"), "duplicate_id",
                     "section \"" + section.id + "\" appears twice");
        }
        sink.localText(json::childPath(sectionPath, "title"), section.title);
        if (section.questions.empty())
            sink.add(json::childPath(sectionPath, "questions"), "empty_section",
                     "a section needs at least one question");
        for (std::size_t i = 0; i < section.questions.size(); ++i) {
            const Question& q = section.questions[i];
            const std::string path = json::indexPath(json::childPath(sectionPath, "questions"), i);
            sink.id(json::childPath(path, "id"), q.id);
            if (earlier.count(q.id) != 0) {
                sink.add(json::childPath(path, "id"), "duplicate_id",
                         "question \"" + q.id + "\" appears twice");
            }
            sink.localText(json::childPath(path, "text"), q.text);
            if (q.showIf)
                checkCondition(sink, json::childPath(path, "show_if"), *q.showIf, earlier, allIds);
            if (q.background) {
                if (q.type != QuestionType::Single) {
                    sink.add(json::childPath(path, "type"), "background_not_single",
                             "background questions are single choice");
                }
                if (q.required) {
                    sink.add(json::childPath(path, "required"), "background_required",
                             "background questions are never required");
                }
            }
            checkTypeFields(sink, path, q);
            earlier.emplace(q.id, &q);
        }
    }
    return sink.take();
}

} // namespace td::model
