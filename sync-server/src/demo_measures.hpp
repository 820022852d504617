#pragma once
// Internal: the demo's measures in every status, written as editable records with a history of
// per-field edits, so the Åtgärder view and the devices' pull show real clocks.

#include "td/core/result.hpp"
#include "td/demo/generator.hpp"
#include "td/store/server_store.hpp"

#include <cstddef>

namespace td::server {

/// Writes the generated measures (with clocks) and a proposed, a done and a rejected one made
/// from the walks' observations. Returns how many measures were written. Deterministic.
Result<std::size_t> addDemoMeasures(store::ServerStore& store, const demo::DemoData& data);

} // namespace td::server
