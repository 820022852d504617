#pragma once
// The server half of sync: turns a push body or a pull query into a reply {HTTP status, JSON
// body}. No HTTP types here; the server maps SyncReply onto its responses. Thread-safe.

#include "td/model/checklist.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/compat.hpp"
#include "td/sync/protocol.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace td::sync {

using store::Role;

/// The authenticated caller, as the server's auth layer established it.
struct Principal {
    Role role = Role::Officer;
    std::optional<std::string> deviceId;   ///< never stored for residents
    std::optional<std::string> campaignId; ///< residents: the one campaign they may answer
};

/// Per-status record counts of one push (for metrics).
struct PushCounts {
    std::size_t stored = 0;
    std::size_t duplicate = 0;
    std::size_t conflict = 0;
    std::size_t rejected = 0;
};

struct SyncReply {
    int httpStatus = 200;
    std::string jsonBody;
    PushCounts counts;   ///< zero for pulls and for failed pushes
    DeviceReport report; ///< what a successful push's envelope said about its device
};

/// Group commit bounds: how many queued push batches (and records in all) one transaction may
/// take. maxBatches 1 commits each push on its own thread, without the writer queue.
struct GroupCommitBounds {
    std::size_t maxBatches = 32;
    std::size_t maxRecords = 20000;
};

/// Counters of the group-commit writer (all zero when it is not used).
struct GroupCommitStats {
    std::size_t groups = 0;
    std::size_t batches = 0;
    std::size_t failedGroups = 0;
    std::size_t lastGroupBatches = 0;
    std::size_t maxGroupBatches = 0;
    std::size_t queued = 0;     ///< batches waiting for the writer now
    std::size_t committing = 0; ///< batches in the group the writer is committing now
};

struct SyncServiceOptions {
    ProtocolLimits limits;
    GroupCommitBounds groupCommit;
    std::size_t defaultPullLimit = 200;
    std::size_t maxPullLimit = 1000;
    /// The walk checklist observations are validated against; without one, observations are
    /// rejected with `no_checklist`.
    std::optional<model::WalkChecklist> checklist;
    /// Unix milliseconds; injectable for tests.
    std::function<std::int64_t()> nowMs;
};

/// Which kinds a role may push: resident → response (its campaign only); kiosk → response,
/// dialogue; officer → response, dialogue, safety_walk, observation, measure (merged per
/// field, see editable_sync.hpp); others → none.
bool mayPush(Role role, std::string_view kind);

class SyncService {
public:
    SyncService(store::ServerStore& store, SyncServiceOptions options = {});
    ~SyncService();

    /// Handles POST /api/v1/sync/push. 200 with a per-record result list once the batch is
    /// durably committed; 400 (`malformed_json`, `unknown_field`, `missing_field`,
    /// `wrong_type`, `invalid_value`), 413 (`request_too_large`, `batch_too_large`),
    /// 403 (`forbidden`) or 503 (`storage_unavailable`) with an error body otherwise.
    /// Per record: rejected with `unknown_kind`, `kind_not_allowed`, `record_too_large`,
    /// `campaign_not_allowed`, `unknown_campaign`, `campaign_closed`, `unknown_survey`,
    /// `invalid_body` (codec error, with its path) or `validation_failed` (first validator
    /// issue's path; message lists all issue codes). With `newResponseAllowance` (a resident
    /// token's remaining limit) valid responses the store does not hold yet beyond that many
    /// are rejected `response_limit_reached`; retries of stored ones still answer duplicate.
    SyncReply push(const Principal& principal, std::string_view body,
                   std::optional<std::size_t> newResponseAllowance = std::nullopt);

    /// Handles GET /api/v1/sync/pull: changes after `cursor` that the principal may see, at
    /// most `limit` (nullopt → default; clamped to the maximum), each body in the shape that
    /// `protocol` knows (td/sync/compat.hpp). 400 `invalid_cursor` / `invalid_limit`, 503
    /// `storage_unavailable`.
    SyncReply pull(const Principal& principal, std::string_view cursor,
                   std::optional<std::int64_t> limit, int protocol = kProtocolVersion);

    /// The group-commit writer's counters (for metrics and tests).
    GroupCommitStats groupCommitStats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace td::sync
