#pragma once
// Any syncable record, decoded by its kind: for code that handles records generically
// (sync, stores, demo data).

#include "td/core/result.hpp"
#include "td/model/model.hpp"
#include "td/model/public_summary.hpp"

#include <boost/json/value.hpp>
#include <string>
#include <variant>

namespace td::model {

/// Alternatives in RecordKind order.
using AnyRecord = std::variant<Response, Dialogue, SafetyWalk, Observation, Place, Measure, Survey,
                               Campaign, Promise, Agreement, PublicSummary>;

RecordKind kindOf(const AnyRecord& record);
/// The record's `id`.
const std::string& idOf(const AnyRecord& record);

/// Decodes a record body of the given kind (strict, see codec.hpp).
Result<AnyRecord> decodeRecord(RecordKind kind, const boost::json::value& body);
/// Decodes when `kindName` is a known wire name, else `unknown_kind`.
Result<AnyRecord> decodeRecord(std::string_view kindName, const boost::json::value& body);
boost::json::value encodeRecord(const AnyRecord& record);

} // namespace td::model
