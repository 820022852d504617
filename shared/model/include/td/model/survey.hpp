#pragma once
// Enkät: a versioned survey definition (docs/survey-format.md). A flat Question carries the
// fields of every type; only those of its `type` are meaningful and encoded.

#include "td/model/common.hpp"
#include "td/model/condition.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace td::model {

enum class QuestionType { Scale, Single, Multi, YesNo, Number, Text, Place };
template <> struct EnumNames<QuestionType> {
    static constexpr std::array<std::string_view, 7> names{"scale",  "single", "multi", "yes_no",
                                                           "number", "text",   "place"};
};

/// Marks the coarse background questions used for weighting and breakdowns.
enum class Background { AgeBand, Gender, Locality };
template <> struct EnumNames<Background> {
    static constexpr std::array<std::string_view, 3> names{"age_band", "gender", "locality"};
};

enum class SurveyKind { Survey, Dialogue };
template <> struct EnumNames<SurveyKind> {
    static constexpr std::array<std::string_view, 2> names{"survey", "dialogue"};
};

struct ScalePoint {
    std::int64_t value = 0;
    Text label;
    bool operator==(const ScalePoint&) const = default;
};

/// A choice of a single/multi question, or a reason offered by a place question.
struct Choice {
    std::string id;
    Text label;
    bool operator==(const Choice&) const = default;
};

/// The answer value meaning "vet ej" (don't know) on a scale question with `dontKnow`.
inline constexpr std::string_view kDontKnow = "vet_ej";

struct Question {
    std::string id;
    QuestionType type = QuestionType::Single;
    Text text;
    std::optional<Text> help;
    FocusArea focusArea = FocusArea::General;
    bool required = false;
    std::optional<Condition> showIf;
    std::optional<Background> background;

    // scale
    std::vector<ScalePoint> points;
    bool dontKnow = false;
    std::vector<std::int64_t> negativePoints; // wire: "negative"
    // single, multi
    std::vector<Choice> choices;
    std::vector<std::string> negativeChoices; // single only; wire: "negative"
    /// single, multi: choices that are no opinion on the matter ("vet inte", "vill inte
    /// svara"); like a scale's "vet ej" they leave the base of shares. Wire: "non_substantive".
    std::vector<std::string> nonSubstantiveChoices;
    std::optional<std::int64_t> maxChoices; // multi
    std::vector<std::string> exclusive;     // multi
    // yes_no: which answer counts as negative; wire: "negative"
    std::optional<bool> negativeAnswer;
    // number
    double min = 0;
    double max = 0;
    bool integer = false;
    // text (<= 4000)
    std::int64_t maxLength = 0;
    // place
    std::int64_t maxPlaces = 1;
    std::vector<TimeOfDay> timesOfDay;
    std::vector<Choice> reasons;

    bool operator==(const Question&) const = default;
};

struct Section {
    std::string id;
    Text title;
    std::vector<Question> questions;
    bool operator==(const Section&) const = default;
};

struct Survey {
    std::string id;
    std::int64_t version = 1;
    SurveyKind kind = SurveyKind::Survey;
    Text title;
    std::optional<Text> intro;
    std::vector<Section> sections;
    bool operator==(const Survey&) const = default;

    /// The question with `id`, or nullptr.
    const Question* findQuestion(std::string_view id) const;
    /// All questions in survey order (sections flattened).
    std::vector<const Question*> questions() const;
};

} // namespace td::model
