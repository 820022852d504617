#pragma once
// Semantic validation shared by app and server: what the codec cannot see from one record
// alone (answers against their survey, observations against the checklist, cross-field rules).

#include "td/model/model.hpp"

#include <string>
#include <vector>

namespace td::model {

/// One problem: `path` into the record (`answers.q_trygg_kvall`), a stable snake_case `code`
/// (translated by the app, returned by the server) and an English message.
struct Issue {
    std::string path;
    std::string code;
    std::string message;
    bool operator==(const Issue&) const = default;
};
using Issues = std::vector<Issue>;

/// Evaluates a show-if condition against `answers` (an absent answer matches nothing).
bool evaluate(const Condition& condition, const Answers& answers);
/// Whether `question` is shown given the answers so far (true when it has no show_if).
bool isVisible(const Question& question, const Answers& answers);
/// Removes answers to questions hidden by earlier answers (in survey order, so a chain of
/// conditions collapses) and answers to unknown questions. Returns how many were removed.
std::size_t pruneHiddenAnswers(Answers& answers, const Survey& survey);
std::size_t pruneHiddenAnswers(Response& response, const Survey& survey);

/// Empty when valid. Answers to hidden questions are rejected (`answer_to_hidden_question`).
Issues validateResponse(const Response& response, const Survey& survey);
Issues validateSurvey(const Survey& survey);
Issues validateObservation(const Observation& observation, const WalkChecklist& checklist);
Issues validateChecklist(const WalkChecklist& checklist);
Issues validateDialogue(const Dialogue& dialogue);
Issues validateSafetyWalk(const SafetyWalk& walk);
Issues validatePlace(const Place& place);
Issues validateMeasure(const Measure& measure);
Issues validateCampaign(const Campaign& campaign);
Issues validatePromise(const Promise& promise);
Issues validateAgreement(const Agreement& agreement);

} // namespace td::model
