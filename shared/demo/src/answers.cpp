#include "answers.hpp"

#include "td/model/validator.hpp"
#include "td/picture/population.hpp"

#include <algorithm>
#include <cmath>

namespace td::demo::detail {

namespace {

double logistic(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}

// Baseline log-odds of a negative answer per focus area, and how much safer a later wave is.
double areaBase(model::FocusArea area) {
    switch (area) {
    case model::FocusArea::Drugs:
        return -0.4;
    case model::FocusArea::Traffic:
        return 0.1;
    case model::FocusArea::CloseViolence:
        return -1.3;
    case model::FocusArea::EconomicCrime:
        return -0.2;
    case model::FocusArea::UnsafePlaces:
        return -0.6;
    default:
        return -1.0;
    }
}

double waveEffect(model::FocusArea area) {
    switch (area) {
    case model::FocusArea::Drugs:
        return -0.45;
    case model::FocusArea::UnsafePlaces:
        return -0.5;
    case model::FocusArea::General:
        return -0.2;
    default:
        return 0.0;
    }
}

// Probability that this respondent answers `q` negatively.
double negativeChance(const model::Question& q, const Respondent& who) {
    double x = areaBase(q.focusArea) + 0.8 * who.worry + who.improvement * waveEffect(q.focusArea);
    const double ageRank = who.ageBands > 1 ? static_cast<double>(who.age) / (who.ageBands - 1) : 0;
    if (q.id.find("kvall") != std::string::npos)
        x += 0.6 + 0.5 * ageRank; // evenings feel less safe, more so for older people
    if (q.id.find("dag") != std::string::npos)
        x -= 1.6;
    if (q.focusArea == model::FocusArea::Drugs)
        x += 0.4 * (1.0 - ageRank); // young people see more of it
    if (q.focusArea == model::FocusArea::EconomicCrime)
        x += 0.5 * ageRank; // fraud targets the old
    if (q.type == model::QuestionType::YesNo)
        x -= 0.5;
    if (who.locality == "vindeln")
        x += 0.2;
    return logistic(x);
}

const char* kTexts[] = {"Bättre belysning på gång- och cykelvägarna",
                        "Fler vuxna ute på kvällarna",
                        "Synligare polis i byarna",
                        "Röj sly längs vägen till skolan",
                        "Sänkt hastighet genom byn",
                        "Mer information om bedrägerier till äldre"};
const char* kDescriptions[] = {"Gångtunneln under järnvägen", "Vägen bakom affären",
                               "Parkeringen vid badplatsen", "Stigen till elljusspåret",
                               "Busskuren vid kyrkan"};

model::PlaceEntry placeEntry(const model::Question& q, const Respondent& who,
                             const std::vector<model::Place>& places, Rng& rng) {
    model::PlaceEntry e;
    const double u = rng.uniform();
    if (u < 0.75 && !places.empty()) {
        // Mostly a registry place, preferably in the respondent's own locality.
        std::vector<double> w;
        for (const auto& p : places)
            w.push_back(
                (p.locality == who.locality ? 6.0 : 0.3) *
                (p.kind == "underpass" || p.kind == "bus_stop" || p.kind == "park" ? 2.0 : 1.0));
        e.placeId = places[rng.pick(w)].id;
    } else if (u < 0.9 && !places.empty()) {
        const model::Place& p = places[rng.below(places.size())];
        const double north = rng.normal() * 40.0, east = rng.normal() * 40.0;
        e.position =
            model::Position{p.lat + north / 111195.0,
                            p.lon + east / (111195.0 * std::cos(p.lat * std::numbers::pi / 180.0)),
                            std::round((4.0 + rng.uniform() * 26.0) * 10.0) / 10.0};
    } else {
        e.description = kDescriptions[rng.below(std::size(kDescriptions))];
    }
    for (auto t : q.timesOfDay) {
        const double p = t == model::TimeOfDay::Evening ? 0.7
                         : t == model::TimeOfDay::Night ? 0.5
                                                        : 0.1;
        if (rng.chance(p))
            e.timesOfDay.push_back(t);
    }
    if (e.timesOfDay.empty() && !q.timesOfDay.empty())
        e.timesOfDay.push_back(q.timesOfDay[rng.below(q.timesOfDay.size())]);
    for (const auto& r : q.reasons)
        if (rng.chance(r.id == "poor_lighting" || r.id == "deserted" ? 0.45 : 0.15))
            e.reasons.push_back(r.id);
    return e;
}

} // namespace

std::optional<model::AnswerValue> answerFor(const model::Question& q, const Respondent& who,
                                            const std::vector<model::Place>& places, Rng& rng) {
    using model::QuestionType;
    if (!q.required && rng.chance(q.type == QuestionType::Text ? 0.85 : 0.03))
        return std::nullopt;
    switch (q.type) {
    case QuestionType::Scale: {
        if (q.dontKnow && rng.chance(0.05))
            return std::string(model::kDontKnow);
        std::vector<std::int64_t> neg, pos;
        for (const auto& p : q.points)
            (std::find(q.negativePoints.begin(), q.negativePoints.end(), p.value) !=
                     q.negativePoints.end()
                 ? neg
                 : pos)
                .push_back(p.value);
        const bool negative = !neg.empty() && rng.chance(negativeChance(q, who));
        const auto& from = negative || pos.empty() ? neg : pos;
        // The milder point of each side is the more common one.
        const std::size_t i =
            rng.chance(0.65) ? (negative ? 0 : from.size() - 1) : rng.below(from.size());
        return from[i];
    }
    case QuestionType::YesNo: {
        const double p = q.negativeAnswer ? negativeChance(q, who) : 0.5;
        const bool negative = rng.chance(p);
        return q.negativeAnswer ? (negative ? *q.negativeAnswer : !*q.negativeAnswer) : negative;
    }
    case QuestionType::Single: {
        std::vector<const model::Choice*> neg, other;
        for (const auto& c : q.choices)
            (std::find(q.negativeChoices.begin(), q.negativeChoices.end(), c.id) !=
                     q.negativeChoices.end()
                 ? neg
                 : other)
                .push_back(&c);
        if (!neg.empty() && (other.empty() || rng.chance(negativeChance(q, who))))
            return neg[rng.below(neg.size())]->id;
        return other[rng.below(other.size())]->id;
    }
    case QuestionType::Multi: {
        std::vector<std::string> chosen;
        std::vector<const model::Choice*> open;
        for (const auto& c : q.choices)
            if (std::find(q.exclusive.begin(), q.exclusive.end(), c.id) == q.exclusive.end())
                open.push_back(&c);
        if (!q.exclusive.empty() && (open.empty() || rng.chance(0.15)))
            return std::vector<std::string>{q.exclusive[rng.below(q.exclusive.size())]};
        const std::size_t limit = std::min<std::size_t>(
            open.size(), q.maxChoices ? static_cast<std::size_t>(*q.maxChoices) : 3);
        const std::size_t count =
            1 + rng.below(std::max<std::size_t>(1, std::min<std::size_t>(limit, 3)));
        for (std::size_t k = 0; k < count * 3 && chosen.size() < count; ++k) {
            const std::string& id = open[rng.below(open.size())]->id;
            if (std::find(chosen.begin(), chosen.end(), id) == chosen.end())
                chosen.push_back(id);
        }
        return chosen;
    }
    case QuestionType::Number: {
        const double hi = std::min(q.max, q.min + 7.0);
        const double v = q.min + rng.uniform() * (hi - q.min);
        if (q.integer)
            return static_cast<std::int64_t>(std::floor(v));
        return std::round(v * 10.0) / 10.0;
    }
    case QuestionType::Text: {
        std::string t = kTexts[rng.below(std::size(kTexts))];
        if (static_cast<std::int64_t>(t.size()) > q.maxLength)
            t = "Ja";
        return t;
    }
    case QuestionType::Place: {
        std::vector<model::PlaceEntry> entries;
        const std::size_t count = 1 + (q.maxPlaces > 1 && rng.chance(0.3)
                                           ? rng.below(static_cast<std::size_t>(q.maxPlaces))
                                           : 0);
        for (std::size_t i = 0; i < count; ++i)
            entries.push_back(placeEntry(q, who, places, rng));
        return entries;
    }
    }
    return std::nullopt;
}

model::Answers answerSurvey(const model::Survey& survey, const Respondent& who,
                            const std::vector<model::Place>& places,
                            const std::vector<std::string>& ageBands, Rng& rng) {
    model::Answers answers;
    for (const model::Question* q : survey.questions()) {
        if (!model::isVisible(*q, answers))
            continue;
        if (q->background) {
            if (rng.chance(0.03))
                continue;
            if (*q->background == model::Background::AgeBand) {
                const std::string key = picture::ageBandKey(ageBands[who.age]);
                for (const auto& c : q->choices)
                    if (picture::ageBandKey(c.id) == key)
                        answers[q->id] = c.id;
            } else if (*q->background == model::Background::Locality) {
                for (const auto& c : q->choices)
                    if (c.id == who.locality)
                        answers[q->id] = c.id;
            } else if (!q->choices.empty()) {
                const double u = rng.uniform();
                const std::size_t i = u < 0.54 ? 0 : u < 0.98 ? 1 : 2;
                answers[q->id] = q->choices[std::min(i, q->choices.size() - 1)].id;
            }
            continue;
        }
        if (auto a = answerFor(*q, who, places, rng))
            answers[q->id] = std::move(*a);
    }
    return answers;
}

} // namespace td::demo::detail
