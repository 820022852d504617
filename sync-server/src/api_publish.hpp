#pragma once
// Internal: publishing a campaign's public lägesbild summary as a `public_summary` record
// (docs/lagesbild.md, "Published summary"), which every device pulls.

#include "api_context.hpp"
#include "td/picture/population.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace td::server {

struct PublishedSummary {
    std::string recordId;
    std::int64_t rev = 0;
    std::string body; ///< canonical JSON text as stored
};

/// Computes the campaign's picture over every stored record (weighted to `population`), keeps
/// its public summary with counts below k withheld, and stores it as the next rev of
/// "public_summary@<campaign>". Errors: `unknown_campaign`, storage errors.
Result<PublishedSummary> publishPublicSummary(store::ServerStore& store,
                                              std::string_view campaignId, std::int64_t nowMs,
                                              const picture::PopulationTable& population);

/// POST /api/v1/picture/publish {"campaign": "<id>"}.
HttpResponse publishPicture(RequestContext& ctx);

} // namespace td::server
