#pragma once
// Åtgärd: a proposed or planned action.

#include "td/model/common.hpp"

#include <optional>
#include <string>

namespace td::model {

enum class Priority { Low, Medium, High };
template <> struct EnumNames<Priority> {
    static constexpr std::array<std::string_view, 3> names{"low", "medium", "high"};
};

enum class MeasureStatus { Proposed, Decided, InProgress, Done, Rejected };
template <> struct EnumNames<MeasureStatus> {
    static constexpr std::array<std::string_view, 5> names{"proposed", "decided", "in_progress",
                                                           "done", "rejected"};
};

struct Measure {
    std::string id; // UUIDv7
    std::optional<std::string> observationId;
    std::optional<std::string> walkId;
    std::string title;
    std::string description;
    FocusArea focusArea = FocusArea::UnsafePlaces;
    ResponsibleParty responsibleParty = ResponsibleParty::Kommun;
    Priority priority = Priority::Medium;
    std::optional<std::string> deadline; // YYYY-MM-DD
    MeasureStatus status = MeasureStatus::Proposed;
    std::optional<std::string> rejectionReason; // required when status is rejected
    std::optional<std::string> promiseId;
    bool operator==(const Measure&) const = default;
};

} // namespace td::model
