#pragma once
// Last-writer-wins per field for editable records (measures, places), with a conflict flag.
// Every field carries the hybrid-logical-clock timestamp of its last write and the timestamp
// of the value that write replaced; merging keeps, per field, the write with the higher clock.
// merge() is deterministic, commutative, associative and idempotent. The wire form of the
// clocks and the exact conflict rule are in docs/editable-records.md.

#include "td/core/hlc.hpp"
#include "td/core/result.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace td::sync {

/// A write of one field: its value (null: the field is absent) and its clock.
struct FieldWrite {
    boost::json::value value;
    HlcTimestamp at;
    bool operator==(const FieldWrite&) const = default;
};

/// One field of an editable record.
struct FieldState {
    boost::json::value value;         ///< null when the field is absent from the body
    HlcTimestamp at;                  ///< clock of the write that set `value`
    std::optional<HlcTimestamp> base; ///< clock of the value that write replaced; none: created
    std::optional<FieldWrite> rival;  ///< newest known write with a value other than `value`

    /// A write the winner did not see (rival newer than its base) set a different value.
    bool conflict() const;
    bool operator==(const FieldState&) const = default;
};

/// An editable record's body with per-field clocks.
struct EditableRecord {
    std::map<std::string, FieldState, std::less<>> fields;

    /// The record body: every field whose value is not null.
    boost::json::object body() const;
    /// Names of the fields in conflict, sorted.
    std::vector<std::string> conflictFields() const;
    bool hasConflict() const;
    bool operator==(const EditableRecord&) const = default;
};

/// A new record: every field of `body` written at `at`.
EditableRecord createEditable(const boost::json::object& body, const HlcTimestamp& at);

/// A local edit: every field whose value in `newBody` differs from the record's (a field
/// missing from `newBody` is cleared) is written at `at`, its base being the clock it had.
/// Fails with `stale_clock` (changing nothing) unless `at` is newer than every changed field.
Status applyEdit(EditableRecord& record, const boost::json::object& newBody,
                 const HlcTimestamp& at);

/// Per field, the write with the higher clock; ties (same clock) by the canonical JSON text of
/// the value, then by base. Fields on one side only are taken as they are.
EditableRecord merge(const EditableRecord& a, const EditableRecord& b);
FieldState mergeField(const FieldState& a, const FieldState& b);

/// The clocks object stored beside the body:
/// `{"<field>": {"at": "<hlc>", "base"?: "<hlc>", "rival"?: {"at": "<hlc>", "value": <json>}}}`.
boost::json::object encodeClocks(const EditableRecord& record);

/// Rebuilds a record from its body and clocks object. Errors (with the path of the offending
/// member): `wrong_type`, `missing_field`, `unknown_field`, `invalid_value` (bad timestamp),
/// `missing_clock` (a body field without a clock), `invalid_clock` (base not older than at,
/// rival not older than at or equal in value).
Result<EditableRecord> decodeEditable(const boost::json::object& body,
                                      const boost::json::value& clocks);

/// JSON text with object members sorted by key: equal values give equal text.
std::string canonicalJson(const boost::json::value& value);

} // namespace td::sync
