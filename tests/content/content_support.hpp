#pragma once
// Shared helpers of the content tests: file locations, the reference facts of vindeln.json and
// a generator of fully answered responses.

#include "td/model/model.hpp"

#include <boost/json/value.hpp>
#include <string>
#include <vector>

namespace td::content_test {

/// `shared/content/<name>` in the source tree.
std::string contentPath(const std::string& name);

/// Reference facts read from `TD_REFERENCE_DATA_DIR/vindeln.json` with the strict parser.
struct Reference {
    std::vector<std::string> localityIds;
    /// Age bands of people 16 and older as choice ids: "16-24" -> "16_24", "65+" -> "65_plus".
    std::vector<std::string> adultAgeBandIds;
    boost::json::value document;
};
const Reference& reference();

/// The choice id an age band key of vindeln.json is offered as ("65+" -> "65_plus").
std::string ageBandChoiceId(const std::string& band);

/// Every Text of a survey (title, intro, sections, questions, help, labels), with its path.
std::vector<std::pair<std::string, model::Text>> allTexts(const model::Survey& survey);
std::vector<std::pair<std::string, model::Text>> allTexts(const model::WalkChecklist& checklist);

/// Question ids a condition refers to, in any nesting.
std::vector<std::string> referencedQuestions(const model::Condition& condition);

/// A valid answer to `question`. `variant` picks among the valid shapes (points, "vet_ej",
/// choices, exclusive choices, yes or no, bounds, maximum-length texts, each place form), so
/// that different variants walk different show-if paths.
model::AnswerValue validAnswer(const model::Question& question, int variant);

/// A response answering every question that is visible, in survey order, with
/// `validAnswer(question, variant)`.
model::Response fullResponse(const model::Survey& survey, int variant);

} // namespace td::content_test
