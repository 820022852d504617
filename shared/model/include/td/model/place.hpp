#pragma once
// Plats: a named place in the place registry.

#include <optional>
#include <string>
#include <vector>

namespace td::model {

struct Place {
    std::string id; // lowercase [a-z0-9_]
    std::string name;
    std::string locality;
    double lat = 0;
    double lon = 0;
    std::string kind; // id-like, e.g. "school", "bus_stop", "park"
    std::vector<std::string> aliases;
    /// When the place was retired (UTC timestamp): it stays in the registry, so that what
    /// already names it keeps counting, but is no longer offered for new answers or walks.
    /// Absent while the place is in service.
    std::optional<std::string> retiredAt{};
    bool retired() const { return retiredAt.has_value(); }
    bool operator==(const Place&) const = default;
};

/// A place registry file: `{"about": "...", "places": [Place, ...]}`.
struct PlaceRegistry {
    std::string about;
    std::vector<Place> places;
    bool operator==(const PlaceRegistry&) const = default;
};

} // namespace td::model
