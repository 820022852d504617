#pragma once
// Plausible answers to any survey question, driven by a respondent's latent worry.

#include "random.hpp"
#include "td/model/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace td::demo::detail {

/// Who is answering: their latent worry (standard normal), age band and locality indices
/// into the population table, and how much safer the wave is than the first one (0..1).
struct Respondent {
    double worry = 0.0;
    std::size_t age = 0;
    std::size_t ageBands = 4;
    std::string locality;
    double improvement = 0.0;
};

/// An answer to `q` or nullopt to leave it out (never for required questions).
std::optional<model::AnswerValue> answerFor(const model::Question& q, const Respondent& who,
                                            const std::vector<model::Place>& places, Rng& rng);

/// Fills every visible question of `survey` in order; background answers come from `who`.
model::Answers answerSurvey(const model::Survey& survey, const Respondent& who,
                            const std::vector<model::Place>& places,
                            const std::vector<std::string>& ageBands, Rng& rng);

} // namespace td::demo::detail
