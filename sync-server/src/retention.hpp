#pragma once
// Internal: keeping personal data only as long as allowed (docs/retention.md). Each campaign
// keeps free-text answers until one date and raw responses until a later one; the purge
// empties the free text (responses and the campaign's dialogue notes), and later replaces the
// responses with the campaign's aggregates, from which its picture, trends and follow-up are
// then computed. Used by `admin purge`, the dashboard's purge action and the status list.

#include "td/core/calendar.hpp"
#include "td/core/result.hpp"
#include "td/model/campaign.hpp"
#include "td/store/server_store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace td::server {

/// Defaults when a campaign names no retention date, counted from its period's end.
inline constexpr int kDefaultFreeTextMonths = 3;
inline constexpr int kDefaultResponsesYears = 2;

/// The date (YYYY-MM-DD) until which the campaign's free text, and its raw responses, are kept.
std::string freeTextKeptUntil(const model::Campaign& campaign);
std::string responsesKeptUntil(const model::Campaign& campaign);

/// The record (kind "campaign_aggregate") holding a purged campaign's aggregates.
std::string aggregateRecordId(const std::string& campaignId);

using td::swedishDate;

struct CampaignRetention {
    model::Campaign campaign;
    std::string freeTextUntil;
    std::string responsesUntil;
    std::int64_t responses = 0;         ///< raw responses stored
    std::int64_t freeTextRemaining = 0; ///< of those, still with their free text
    bool aggregated = false;            ///< responses replaced by the aggregates
    bool freeTextDue = false;           ///< past its date with free text left
    bool responsesDue = false;          ///< past its date with responses left
};

/// Every campaign's retention state on `today`, in campaign id order.
Result<std::vector<CampaignRetention>> retentionStatus(store::ServerStore& store,
                                                       const std::string& today);

enum class PurgeScope {
    FreeTextNow, ///< empty the free text now, whatever the date (the campaign must be closed)
    Due,         ///< what the dates say is due on `today`
};

struct PurgeReport {
    std::string campaignId;
    std::size_t freeTextEmptied = 0; ///< responses and dialogues whose free text went
    std::size_t responsesRemoved = 0;
    bool checkpointed = true; ///< the write-ahead log was truncated afterwards
};

/// Purges one campaign. Fails with not_found, campaign_open (an open campaign is never
/// purged), or the store's errors. A purge that finds nothing to do reports zeros.
Result<PurgeReport> purgeCampaign(store::ServerStore& store, const std::string& campaignId,
                                  PurgeScope scope, const std::string& today, std::int64_t nowMs);

} // namespace td::server
