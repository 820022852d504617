#pragma once
// Editable records (measures) through sync: the server merges a pushed record with its stored
// state, pulls carry each record's clocks, coordinators' and devices' edits write new clocks.
// Wire form and rules: docs/editable-records.md; the merge itself: merge.hpp.

#include "td/core/hlc.hpp"
#include "td/core/result.hpp"
#include "td/model/measure.hpp"
#include "td/store/device_store.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/merge.hpp"
#include "td/sync/protocol.hpp"

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace td::sync {

struct Principal;

/// Kinds whose records are edited after creation and merged per field: "measure".
bool isEditableKind(std::string_view kind);

/// A record from its body text and clocks text. Without clocks every field counts as written
/// at `hlc` (or at time 0 when `hlc` is no HLC timestamp). Errors as decodeEditable's, or
/// `malformed_json`.
Result<EditableRecord> editableFromText(std::string_view body, std::string_view clocks,
                                        std::string_view hlc);
Result<EditableRecord> editableFromState(const store::EditableState& state);

/// What a store keeps for `record`: the canonical body (checked by the kind's validator; a
/// measure whose status is not rejected is checked without its rejection reason), the newest
/// field clock, the clocks object and the conflict fields. Fails with `invalid_body` or
/// `validation_failed` (first issue's path).
Result<store::EditableWrite> editableWrite(std::string_view kind, const EditableRecord& record);

/// The measure as shown: its rejection reason only while it is rejected.
model::Measure effectiveMeasure(model::Measure measure);

// --- server --------------------------------------------------------------------------------

/// Applies one pushed editable record: merged with the stored state, stored under a new rev
/// (Stored) or left as it is (Duplicate); Rejected with `kind_not_allowed`, `invalid_clocks`,
/// `clock_drift`, `invalid_body`, `id_mismatch` or `validation_failed`; Conflict with
/// `kind_mismatch`. The answer names the pushed rev. Fails only when storage fails.
Result<RecordResult> pushEditable(store::ServerStore& store, const Principal& principal,
                                  const PushEnvelope::Record& record,
                                  const store::Provenance& provenance, std::int64_t nowMs);

/// Replaces every editable change of a pull page with its record's current state and clocks.
Status attachEditableState(store::ServerStore& store, std::vector<Change>& changes);

/// A server-side write (a coordinator in the dashboard), made like a device's: `change` maps
/// the body the editor saw — version `baseRev`, or the current one — to the new body (none:
/// the record is new). The edit is applied to that version at `hlc.now()`, after `hlc` has
/// received the version's clocks, and merged with the current state, so an edit made on a
/// stale view keeps concurrent writes and flags conflicts like an offline device's would.
/// Fails with `unknown_base_rev`, or with change's own error; nothing changes when the
/// merged state is the current one.
using BodyChange =
    std::function<Result<boost::json::object>(const std::optional<boost::json::object>& seen)>;
Result<store::EditableOutcome> writeOnServer(store::ServerStore& store, Hlc& hlc,
                                             std::string_view kind, std::string_view id,
                                             std::optional<std::int64_t> baseRev,
                                             const BodyChange& change);

// --- device --------------------------------------------------------------------------------

/// A local edit of a pulled editable record: `newBody` replaces the body (fields it lacks are
/// cleared) at `hlc.now()`, with an outbox entry. `not_found`, `validation_failed`, …
Result<store::EditableState> editOnDevice(store::DeviceStore& store, Hlc& hlc, std::string_view id,
                                          const boost::json::object& newBody);

/// Merges a pulled editable change into the device's copy (keeping unsynced local edits).
Result<store::EditableOutcome> mergePulled(store::DeviceStore& store, const Change& change);

} // namespace td::sync
