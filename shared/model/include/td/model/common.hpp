#pragma once
// Vocabulary shared by every record: texts, focus areas, times of day, parties, and the
// string names of every enum as they appear on the wire.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace td::model {

/// Maps an enum to its wire names; specialised next to each enum. `names[i]` is the name of
/// the enumerator with value i.
template <class E> struct EnumNames;

/// The wire name of an enumerator.
template <class E> constexpr std::string_view toString(E value) {
    return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

/// The enumerator with wire name `name`, or nullopt.
template <class E> constexpr std::optional<E> enumFromString(std::string_view name) {
    const auto& names = EnumNames<E>::names;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name)
            return static_cast<E>(i);
    }
    return std::nullopt;
}

/// A user-visible text: Swedish required, English beside it.
struct Text {
    std::string sv;
    std::string en;
    bool operator==(const Text&) const = default;
};

/// Fokusområde: the themes the citizen promises are grouped by.
enum class FocusArea { Drugs, Traffic, CloseViolence, EconomicCrime, UnsafePlaces, General };
template <> struct EnumNames<FocusArea> {
    static constexpr std::array<std::string_view, 6> names{
        "drugs", "traffic", "close_violence", "economic_crime", "unsafe_places", "general"};
};

enum class TimeOfDay { Morning, Day, Evening, Night };
template <> struct EnumNames<TimeOfDay> {
    static constexpr std::array<std::string_view, 4> names{"morning", "day", "evening", "night"};
};

/// Who runs a dialogue or makes a promise.
enum class Organisation { Polis, Kommun };
template <> struct EnumNames<Organisation> {
    static constexpr std::array<std::string_view, 2> names{"polis", "kommun"};
};

/// Who is responsible for a measure (also the checklist's party list).
enum class ResponsibleParty { Kommun, Polis, Fastighetsagare, Trafikverket, Other };
template <> struct EnumNames<ResponsibleParty> {
    static constexpr std::array<std::string_view, 5> names{"kommun", "polis", "fastighetsagare",
                                                           "trafikverket", "other"};
};

/// A WGS84 position with its horizontal accuracy in metres (0 < accuracyM <= 10000).
struct Position {
    double lat = 0;
    double lon = 0;
    double accuracyM = 0;
    bool operator==(const Position&) const = default;
};

/// Ids are lowercase `[a-z0-9_]`, 1..64 characters (survey, question, choice, place ids…).
bool isValidId(std::string_view id);
/// A record id generated on a device: a lowercase canonical UUID string (36 characters).
bool isValidUuid(std::string_view id);
/// `YYYY-MM-DD`, a real calendar date.
bool isValidDate(std::string_view date);
/// ISO-8601 UTC timestamp `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
bool isValidTimestamp(std::string_view timestamp);

} // namespace td::model
