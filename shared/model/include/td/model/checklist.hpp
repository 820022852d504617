#pragma once
// The safety-walk checklist (shared/content/walk_checklist.json).

#include "td/model/common.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace td::model {

struct ChecklistItem {
    std::string id;
    Text label;
    Text help;
    bool operator==(const ChecklistItem&) const = default;
};

struct RatingLabel {
    std::int64_t value = 0;
    Text label;
    bool operator==(const RatingLabel&) const = default;
};

struct TimeOfDayLabel {
    TimeOfDay id = TimeOfDay::Evening;
    Text label;
    bool operator==(const TimeOfDayLabel&) const = default;
};

struct PartyLabel {
    ResponsibleParty id = ResponsibleParty::Kommun;
    Text label;
    bool operator==(const PartyLabel&) const = default;
};

struct WalkChecklist {
    std::string id;
    std::int64_t version = 1;
    std::vector<ChecklistItem> items;
    std::vector<RatingLabel> ratings;        // values 0..3
    Text notApplicable;                      // wire: "not_applicable": {"label": Text}
    std::vector<RatingLabel> overallFeeling; // values 1..5
    std::vector<TimeOfDayLabel> timesOfDay;
    std::vector<PartyLabel> parties;
    bool operator==(const WalkChecklist&) const = default;
};

} // namespace td::model
