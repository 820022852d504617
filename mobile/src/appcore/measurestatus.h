#pragma once
// An officer's change of a pulled measure's status on the device: an edit of the editable
// record (per-field clocks, docs/editable-records.md) queued in the outbox for the next sync.

#include "td/core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace td::app {

class LocalStore;

/// Whether a measure may go from status `from` to `to` (wire names): one step along proposed →
/// decided → in_progress → done, or to rejected from any other status; never out of rejected.
/// The same rule as the dashboard's PATCH /api/v1/measures/{id}.
bool isAllowedStatusChange(std::string_view from, std::string_view to);

/// Sets the status of measure `id` to `status` (wire name), with `reason` required (non-blank)
/// for "rejected" and dropped for any other status, through td::sync::editOnDevice: the record
/// (rev + 1), its clocks and an outbox entry in one transaction. An unchanged status and reason
/// writes nothing. Fails with `not_found`, `invalid_value` (unknown status),
/// `invalid_transition`, `rejection_reason_required` or another validator code, or
/// editOnDevice's error; nothing is written then.
td::Status changeMeasureStatus(LocalStore& store, std::string_view id, std::string_view status,
                               std::string_view reason);

/// The fields of measure `id` flagged in conflict on this device (empty when none or unknown).
std::vector<std::string> measureConflictFields(LocalStore& store, const std::string& id);

} // namespace td::app
