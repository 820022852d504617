#pragma once
// Trygghetsvandring: a safety walk with its GPS track, and the observations made on it.

#include "td/model/common.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace td::model {

struct Participants {
    std::int64_t residents = 0;
    std::int64_t police = 0;
    std::int64_t municipality = 0;
    std::int64_t propertyOwner = 0;
    std::int64_t other = 0;
    bool operator==(const Participants&) const = default;
};

struct TrackPoint {
    double lat = 0;
    double lon = 0;
    double accuracyM = 0;
    std::string t; // ISO-8601 UTC
    bool operator==(const TrackPoint&) const = default;
};

struct SafetyWalk {
    std::string id; // UUIDv7
    std::string areaName;
    std::string locality;
    std::string date; // YYYY-MM-DD
    std::string startedAt;
    std::optional<std::string> endedAt;
    Participants participants;
    std::vector<TrackPoint> track;
    bool operator==(const SafetyWalk&) const = default;
};

/// A checklist rating 0..3; nullopt means "not applicable" (wire: "not_applicable").
using ChecklistRating = std::optional<std::int64_t>;

/// Iakttagelse: one stop on a walk.
struct Observation {
    std::string id; // UUIDv7
    std::string walkId;
    std::string recordedAt;
    Position position;
    std::optional<std::string> placeId;
    std::map<std::string, ChecklistRating> ratings; // checklist item id -> rating
    std::int64_t overallFeeling = 3;                // 1..5
    TimeOfDay timeOfDay = TimeOfDay::Evening;
    std::optional<std::string> note;
    std::optional<std::string> proposedMeasure;
    std::optional<ResponsibleParty> responsibleParty;
    bool operator==(const Observation&) const = default;
};

} // namespace td::model
