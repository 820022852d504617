#pragma once
// Show-if evaluation over answers that are looked up rather than copied into a map.

#include "td/model/response.hpp"
#include "td/model/survey.hpp"

#include <functional>
#include <string>

namespace td::model::detail {

/// The answer to a question id, or nullptr when it counts as unanswered.
using AnswerLookup = std::function<const AnswerValue*(const std::string&)>;

/// Same result as isVisible(question, answers) where `find` looks up in those answers.
bool isVisibleWith(const Question& question, const AnswerLookup& find);

} // namespace td::model::detail
