#pragma once
// Strict JSON codec for every record: field names snake_case (docs/model.md), unknown fields,
// missing fields, wrong types, out-of-range numbers and over-long strings are errors whose
// `path` names the offending value (e.g. `sections[2].questions[0].type`).

#include "td/core/json.hpp"
#include "td/core/result.hpp"
#include "td/model/model.hpp"

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace td::model {

boost::json::value encode(const Text& text);
boost::json::value encode(const Condition& condition);
boost::json::value encode(const Question& question);
boost::json::value encode(const Survey& survey);
boost::json::value encode(const Campaign& campaign);
boost::json::value encode(const PlaceEntry& entry);
boost::json::value encode(const AnswerValue& answer);
boost::json::value encode(const Response& response);
boost::json::value encode(const Dialogue& dialogue);
boost::json::value encode(const SafetyWalk& walk);
boost::json::value encode(const Observation& observation);
boost::json::value encode(const WalkChecklist& checklist);
boost::json::value encode(const Place& place);
boost::json::value encode(const PlaceRegistry& registry);
boost::json::value encode(const Measure& measure);
boost::json::value encode(const Promise& promise);
boost::json::value encode(const Agreement& agreement);

/// Decodes a T from a parsed JSON value; `path` prefixes every error path.
template <class T> Result<T> decode(const boost::json::value& value, const std::string& path = {});

template <> Result<Text> decode<Text>(const boost::json::value&, const std::string&);
template <> Result<Condition> decode<Condition>(const boost::json::value&, const std::string&);
template <> Result<Question> decode<Question>(const boost::json::value&, const std::string&);
template <> Result<Survey> decode<Survey>(const boost::json::value&, const std::string&);
template <> Result<Campaign> decode<Campaign>(const boost::json::value&, const std::string&);
template <> Result<PlaceEntry> decode<PlaceEntry>(const boost::json::value&, const std::string&);
template <> Result<AnswerValue> decode<AnswerValue>(const boost::json::value&, const std::string&);
template <> Result<Response> decode<Response>(const boost::json::value&, const std::string&);
template <> Result<Dialogue> decode<Dialogue>(const boost::json::value&, const std::string&);
template <> Result<SafetyWalk> decode<SafetyWalk>(const boost::json::value&, const std::string&);
template <> Result<Observation> decode<Observation>(const boost::json::value&, const std::string&);
template <>
Result<WalkChecklist> decode<WalkChecklist>(const boost::json::value&, const std::string&);
template <> Result<Place> decode<Place>(const boost::json::value&, const std::string&);
template <>
Result<PlaceRegistry> decode<PlaceRegistry>(const boost::json::value&, const std::string&);
template <> Result<Measure> decode<Measure>(const boost::json::value&, const std::string&);
template <> Result<Promise> decode<Promise>(const boost::json::value&, const std::string&);
template <> Result<Agreement> decode<Agreement>(const boost::json::value&, const std::string&);

/// Strict parse (td::json::parse) then decode.
template <class T>
Result<T> fromJsonText(std::string_view text, const json::ParseLimits& limits = {}) {
    auto parsed = json::parse(text, limits);
    if (!parsed.ok())
        return parsed.error();
    return decode<T>(parsed.value());
}

/// Compact JSON text of `value`.
template <class T> std::string toJsonText(const T& value);
/// Written straight from the model (no boost::json::value in between); the same bytes as
/// boost::json::serialize(encode(response)).
template <> std::string toJsonText(const Response& response);

/// Reads and decodes a file; errors: `io_error` plus any parse or decode error.
Result<Survey> loadSurveyFile(const std::string& path);
Result<WalkChecklist> loadChecklistFile(const std::string& path);
Result<PlaceRegistry> loadPlacesFile(const std::string& path);

} // namespace td::model
