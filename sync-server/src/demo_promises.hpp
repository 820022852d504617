#pragma once
// Internal: the demo agreement, citizen promises and written assessments
// (shared/content/promises_vindeln_2023.json) written into the server store.

#include "td/core/result.hpp"
#include "td/store/server_store.hpp"

#include <cstddef>
#include <string>

namespace td::server {

/// Reads `path` ({"agreement", "promises", "assessments"}), validates every record and stores
/// them with putRecord; assessments become server-only `promise_assessment` records. Nothing is
/// written when any record is invalid. Returns how many records were written.
Result<std::size_t> loadDemoPromises(store::ServerStore& store, const std::string& path,
                                     std::string_view hlc);

} // namespace td::server
