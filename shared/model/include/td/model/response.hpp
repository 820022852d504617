#pragma once
// Svar: one person's answers to one campaign; immutable once submitted.

#include "td/model/campaign.hpp"
#include "td/model/common.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace td::model {

/// One place in a `place` answer: exactly one of placeId, position, description.
struct PlaceEntry {
    std::optional<std::string> placeId;
    std::optional<Position> position;
    std::optional<std::string> description; // <= 500 characters
    std::vector<TimeOfDay> timesOfDay;
    std::vector<std::string> reasons; // reason ids offered by the question
    bool operator==(const PlaceEntry&) const = default;
};

/// An answer as it is on the wire; its meaning depends on the question's type:
/// - bool: yes_no;
/// - std::int64_t: a scale point, or an integral number answer;
/// - double: a non-integral number answer;
/// - std::string: a single choice id, a text, or kDontKnow ("vet_ej") on a scale;
/// - std::vector<std::string>: multi choice ids;
/// - std::vector<PlaceEntry>: place entries.
using AnswerValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>,
                                 std::vector<PlaceEntry>>;

using Answers = std::map<std::string, AnswerValue>;

struct Response {
    std::string id; // UUIDv7
    std::string campaignId;
    std::string surveyId;
    std::int64_t surveyVersion = 1;
    Channel channel = Channel::Survey;
    std::optional<std::string> dialogueId;
    std::string submittedAt;   // ISO-8601 UTC
    std::string locale = "sv"; // "sv" | "en"
    /// Set by the server's retention purge (YYYY-MM-DD), never by a device: text answers and
    /// place descriptions were emptied that day; the answers still count as given.
    std::optional<std::string> freeTextRemovedAt;
    Answers answers;
    bool operator==(const Response&) const = default;
};

} // namespace td::model
