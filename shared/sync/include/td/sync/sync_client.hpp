#pragma once
// The device half of sync over the device store: builds push batches from the outbox,
// applies the server's answers, applies pull pages. Usable step by step with an asynchronous
// transport (preparePush → send → applyPushReply; pullPath → send → applyPullReply) or in one
// call over a synchronous SyncTransport (syncOnce). One thread at a time, like DeviceStore.
//
// Error codes (td::Error::code) of the step functions and syncOnce:
//   network_error       no answer (retry with backoff)
//   server_unavailable  5xx or 429 (retry with backoff)
//   unauthorized        401/403: the device token is not accepted (re-enrol; no retry)
//   protocol_error      an answer this client cannot understand (retry with backoff)
//   storage_error, …    from the device store

#include "td/store/device_store.hpp"
#include "td/sync/batch_sizer.hpp"
#include "td/sync/protocol.hpp"
#include "td/sync/transport.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace td::sync {

struct ClientLimits {
    std::size_t maxBatchRecords = 500;
    /// Bounds on a batch's record bytes and how it is sized to the link (batch_sizer.hpp);
    /// sizing.maxBytes is the largest batch.
    BatchSizing sizing;
    /// Send the next batch while the previous answer is being stored (at most one ahead).
    bool pipeline = true;
    /// Records with a larger body are rejected locally (`record_too_large`), never sent.
    std::size_t maxRecordBytes = ProtocolLimits{}.maxBodyBytes;
    /// Records per pull page at most. After a pull cut off before its answer, pages shrink to
    /// a quarter (down to one record) and grow back by doubling, so that a link that cuts
    /// every few kilobytes still brings the device up to date, a page at a time.
    std::size_t pullLimit = 500;
};

/// One push request ready to send.
struct PushPlan {
    std::string body;               ///< JSON of the push request
    std::vector<std::int64_t> seqs; ///< outbox entries it carries
    std::vector<std::string> ids;   ///< their record ids, in order
    std::vector<std::int64_t> revs;
};

struct PushSummary {
    std::size_t acked = 0; ///< stored or duplicate
    std::size_t rejected = 0;
    std::size_t conflicts = 0;
    /// The batch was refused as a whole (400/413/422) and will be resent in smaller batches;
    /// a single refused record is rejected locally with the server's error code.
    bool split = false;
};

struct PullSummary {
    store::PullApplied applied;
    bool more = false;
};

struct SyncSummary {
    std::size_t pushRequests = 0;
    std::size_t acked = 0;
    std::size_t rejected = 0;
    std::size_t conflicts = 0;
    std::size_t pullRequests = 0;
    std::size_t pulledStored = 0;
};

/// True for errors worth retrying later with backoff (network, server, protocol).
bool isRetryable(const Error& error);

class SyncClient {
public:
    explicit SyncClient(store::DeviceStore& store, ClientLimits limits = {});

    /// The next batch from the outbox (bounded by count and by the link's byte budget), or
    /// nullopt when nothing is pending. Counts a push attempt for its entries. Over-large
    /// records are rejected locally first. With `after`, only entries that follow that plan's
    /// (so that the next batch can be sent while `after`'s answer is being stored).
    Result<std::optional<PushPlan>> preparePush(const PushPlan* after = nullptr);
    /// Applies the server's answer to `plan` in one device-store transaction, and sizes the
    /// next batches from how long it took (reply.elapsed) or from its failure.
    Result<PushSummary> applyPushReply(const PushPlan& plan, const TransportReply& reply);

    /// The GET path for the next pull page, from the stored cursor.
    Result<std::string> pullPath();
    /// Applies a pull page and its cursor in one device-store transaction.
    Result<PullSummary> applyPullReply(const TransportReply& reply);

    /// Ends a sync run, whatever its outcome: what the server acknowledged is scrubbed and
    /// the device database's WAL emptied (DeviceStore::scrubAcknowledged, docs/device-data.md).
    /// Checkpointing once per run rather than per batch keeps pushes fast.
    Result<store::ScrubReport> finishRun();

    /// Pushes until the outbox is empty, then pulls until the server has no more; records the
    /// outcome in the store's sync state and ends the run (finishRun). Stops at the first
    /// error and returns it. While a batch's answer is being stored the next batch is already
    /// sent, on a second thread: the transport is called from there, one call at a time.
    Result<SyncSummary> syncOnce(SyncTransport& transport);

    /// Current batch size bound (shrinks when the server refuses a batch as too large).
    std::size_t batchRecords() const { return m_batchRecords; }
    const ClientLimits& limits() const { return m_limits; }
    /// Current bound on a batch's record bytes (sized to the link).
    std::size_t batchBytes() const { return m_sizer.budgetBytes(); }
    /// Current bound on records per pull page (ClientLimits::pullLimit).
    std::size_t pullPageLimit() const { return m_pullLimit; }

private:
    Result<PushSummary> refuseBatch(const PushPlan& plan, const Error& error);

    store::DeviceStore& m_store;
    ClientLimits m_limits;
    std::size_t m_batchRecords;
    BatchSizer m_sizer;
    std::size_t m_pullLimit;
};

} // namespace td::sync
