#pragma once
// The response CSV built whole in memory, as the server did before the export was streamed.

#include "td/store/server_store.hpp"

#include <optional>
#include <string>

namespace td::test {

/// The CSV export of `campaignId` built in memory from listRecords; nullopt when the campaign,
/// its survey or the records cannot be read.
std::optional<std::string> referenceResponsesCsv(store::ServerStore& store,
                                                 const std::string& campaignId, bool freeText);

} // namespace td::test
