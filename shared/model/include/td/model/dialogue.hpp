#pragma once
// Medborgardialog: a session at a stand, with the topics raised per focus area.

#include "td/model/common.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace td::model {

struct DialogueTopic {
    FocusArea focusArea = FocusArea::General;
    std::int64_t count = 0;
    std::optional<std::string> note; // short, <= 500 characters
    bool operator==(const DialogueTopic&) const = default;
};

/// Where: exactly one of placeId and description.
struct Dialogue {
    std::string id; // UUIDv7
    std::optional<std::string> campaignId;
    std::optional<std::string> placeId;
    std::optional<std::string> description;
    std::string locality;
    std::string startedAt;
    std::optional<std::string> endedAt;
    std::int64_t peopleMet = 0;
    std::vector<DialogueTopic> topics; // at most one per focus area
    Organisation organisation = Organisation::Polis;
    bool operator==(const Dialogue&) const = default;
};

} // namespace td::model
