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
    bool operator==(const Place&) const = default;
};

/// A place registry file: `{"about": "...", "places": [Place, ...]}`.
struct PlaceRegistry {
    std::string about;
    std::vector<Place> places;
    bool operator==(const PlaceRegistry&) const = default;
};

} // namespace td::model
