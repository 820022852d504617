#include "commit_queue.hpp"

#include <algorithm>
#include <optional>

namespace td::sync {

struct CommitQueue::Pending {
    const std::vector<store::StoredRecord>& records;
    const store::Provenance& provenance;
    std::condition_variable done;
    std::optional<Result<std::vector<store::ApplyResult>>> result;
};

CommitQueue::CommitQueue(store::ServerStore& store, GroupCommitBounds bounds)
    : m_store(store)
    , m_bounds{std::max<std::size_t>(bounds.maxBatches, 1), bounds.maxRecords} {
    m_writer = std::thread([this] { run(); });
}

CommitQueue::~CommitQueue() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_writer.join();
}

Result<std::vector<store::ApplyResult>>
CommitQueue::apply(const std::vector<store::StoredRecord>& records,
                   const store::Provenance& provenance) {
    Pending pending{records, provenance, {}, std::nullopt};
    std::unique_lock lock(m_mutex);
    if (m_stopping)
        return makeError("storage_unavailable", "the server is shutting down");
    m_queue.push_back(&pending);
    m_stats.queued = m_queue.size();
    lock.unlock();
    m_wake.notify_one();
    lock.lock();
    pending.done.wait(lock, [&] { return pending.result.has_value(); });
    return std::move(*pending.result);
}

GroupCommitStats CommitQueue::stats() const {
    std::lock_guard lock(m_mutex);
    return m_stats;
}

std::vector<CommitQueue::Pending*> CommitQueue::takeGroup() {
    std::vector<Pending*> group;
    std::size_t records = 0;
    while (!m_queue.empty() && group.size() < m_bounds.maxBatches) {
        const std::size_t next = m_queue.front()->records.size();
        if (!group.empty() && records + next > m_bounds.maxRecords)
            break;
        records += next;
        group.push_back(m_queue.front());
        m_queue.pop_front();
    }
    m_stats.queued = m_queue.size();
    m_stats.committing = group.size();
    return group;
}

void CommitQueue::run() {
    std::vector<store::BatchRef> refs;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and everything queued has been answered
        std::vector<Pending*> group = takeGroup();
        lock.unlock();

        refs.clear();
        for (Pending* p : group)
            refs.push_back(store::BatchRef{&p->records, &p->provenance});
        auto applied = m_store.applyBatches(refs);

        lock.lock();
        m_stats.committing = 0;
        ++m_stats.groups;
        m_stats.batches += group.size();
        m_stats.lastGroupBatches = group.size();
        m_stats.maxGroupBatches = std::max(m_stats.maxGroupBatches, group.size());
        if (!applied)
            ++m_stats.failedGroups;
        for (std::size_t i = 0; i < group.size(); ++i) {
            if (applied)
                group[i]->result.emplace(std::move((*applied)[i]));
            else
                group[i]->result.emplace(applied.error());
            group[i]->done.notify_one();
        }
    }
}

} // namespace td::sync
