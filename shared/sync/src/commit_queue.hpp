#pragma once
// Group commit for pushes: callers hand their validated batch to one writer thread and wait;
// the writer takes every batch queued meanwhile (within bounds) and applies them in arrival
// order in ONE durable transaction (ServerStore::applyBatches), then wakes each caller with its
// own results. Parsing and validation stay on the callers' threads, in parallel.

#include "td/store/server_store.hpp"
#include "td/sync/sync_service.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace td::sync {

class CommitQueue {
public:
    CommitQueue(store::ServerStore& store, GroupCommitBounds bounds);
    /// Commits what is still queued, then stops the writer.
    ~CommitQueue();
    CommitQueue(const CommitQueue&) = delete;
    CommitQueue& operator=(const CommitQueue&) = delete;

    /// Blocks until the group holding this batch is durably committed (or failed; then every
    /// batch of the group gets the same error and none of it is stored).
    Result<std::vector<store::ApplyResult>> apply(const std::vector<store::StoredRecord>& records,
                                                  const store::Provenance& provenance);

    GroupCommitStats stats() const;

private:
    struct Pending;
    void run();
    /// Takes the next group off the queue: at least one batch, then while within the bounds.
    std::vector<Pending*> takeGroup();

    store::ServerStore& m_store;
    const GroupCommitBounds m_bounds;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending*> m_queue;
    bool m_stopping = false;
    GroupCommitStats m_stats;
    std::thread m_writer;
};

} // namespace td::sync
