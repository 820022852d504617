#include "issues.hpp"

#include "td/core/json.hpp"

namespace td::model::detail {

namespace {

std::string quoted(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

/// Timestamp as (seconds part, fraction digits padded to 9).
std::pair<std::string_view, std::string> splitTimestamp(std::string_view t) {
    std::string fraction;
    if (t.size() > 20)
        fraction = std::string(t.substr(20, t.size() - 21));
    fraction.resize(9, '0');
    return {t.substr(0, 19), fraction};
}

} // namespace

bool isBlank(std::string_view s) {
    for (char c : s) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return false;
    }
    return true;
}

int compareTimestamps(std::string_view a, std::string_view b) {
    const auto [aSeconds, aFraction] = splitTimestamp(a);
    const auto [bSeconds, bFraction] = splitTimestamp(b);
    if (const int c = aSeconds.compare(bSeconds); c != 0)
        return c;
    return aFraction.compare(bFraction);
}

void IssueSink::id(const std::string& path, std::string_view value) {
    if (!isValidId(value))
        add(path, "invalid_id",
            "expected an id of 1-64 characters [a-z0-9_], got " + quoted(value));
}

void IssueSink::uuid(const std::string& path, std::string_view value) {
    if (!isValidUuid(value))
        add(path, "invalid_id", "expected a lowercase UUID, got " + quoted(value));
}

void IssueSink::recordId(const std::string& path, std::string_view value) {
    if (!isValidUuid(value) && !isValidId(value))
        add(path, "invalid_id", "expected a UUID or an id of [a-z0-9_], got " + quoted(value));
}

void IssueSink::date(const std::string& path, std::string_view value) {
    if (!isValidDate(value))
        add(path, "invalid_date", "expected a date YYYY-MM-DD, got " + quoted(value));
}

void IssueSink::timestamp(const std::string& path, std::string_view value) {
    if (!isValidTimestamp(value)) {
        add(path, "invalid_timestamp",
            "expected a UTC timestamp YYYY-MM-DDTHH:MM:SSZ, got " + quoted(value));
    }
}

void IssueSink::text(const std::string& path, std::string_view value, std::size_t maxChars) {
    if (isBlank(value))
        add(path, "blank_text", "must not be blank");
    else if (json::utf8Length(value) > maxChars)
        add(path, "text_too_long", "at most " + std::to_string(maxChars) + " characters");
}

void IssueSink::localText(const std::string& path, const Text& value) {
    if (isBlank(value.sv))
        add(json::childPath(path, "sv"), "blank_text", "the Swedish text must not be blank");
}

void IssueSink::position(const std::string& path, const Position& p) {
    if (!(p.lat >= -90 && p.lat <= 90))
        add(json::childPath(path, "lat"), "position_out_of_range", "latitude must be in [-90, 90]");
    if (!(p.lon >= -180 && p.lon <= 180)) {
        add(json::childPath(path, "lon"), "position_out_of_range",
            "longitude must be in [-180, 180]");
    }
    if (!(p.accuracyM > 0 && p.accuracyM <= 10000)) {
        add(json::childPath(path, "accuracy_m"), "position_out_of_range",
            "accuracy must be in (0, 10000] metres");
    }
}

void IssueSink::order(const std::string& path, std::string_view started, std::string_view ended) {
    if (isValidTimestamp(started) && isValidTimestamp(ended) &&
        compareTimestamps(ended, started) < 0)
        add(path, "ended_before_started", "the end is before the start");
}

} // namespace td::model::detail
