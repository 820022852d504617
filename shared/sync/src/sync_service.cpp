#include "td/sync/sync_service.hpp"

#include "commit_queue.hpp"
#include "record_checks.hpp"
#include "td/core/calendar.hpp"
#include "td/sync/editable_sync.hpp"

#include <chrono>

namespace td::sync {

namespace {

int statusForDecodeError(const Error& e) {
    if (e.code == "request_too_large" || e.code == "batch_too_large")
        return 413;
    return 400;
}

SyncReply errorReply(int status, const Error& error) {
    return SyncReply{status, encodeError(error), {}, {}};
}

SyncReply storageReply(const Error& error) {
    return errorReply(
        503, makeError("storage_unavailable", "the database is unavailable: " + error.message));
}

bool isPushRole(Role role) {
    return role == Role::Officer || role == Role::Kiosk || role == Role::Resident;
}

} // namespace

bool mayPush(Role role, std::string_view kind) {
    switch (role) {
    case Role::Resident:
        return kind == "response";
    case Role::Kiosk:
        return kind == "response" || kind == "dialogue";
    case Role::Officer:
        return kind == "response" || kind == "dialogue" || kind == "safety_walk" ||
               kind == "observation" || kind == "measure";
    case Role::Admin:
    case Role::Coordinator:
        return false;
    }
    return false;
}

struct SyncService::Impl {
    Impl(store::ServerStore& store, SyncServiceOptions options)
        : store(store)
        , options(std::move(options))
        , checker(store, this->options.checklist) {
        if (this->options.groupCommit.maxBatches > 1)
            commitQueue = std::make_unique<CommitQueue>(store, this->options.groupCommit);
    }
    store::ServerStore& store;
    SyncServiceOptions options;
    RecordChecker checker;
    std::unique_ptr<CommitQueue> commitQueue; ///< null: each push commits on its own

    /// Durably applies one push's accepted records, through the group-commit writer if any.
    Result<std::vector<store::ApplyResult>> commit(const std::vector<store::StoredRecord>& records,
                                                   const store::Provenance& provenance) {
        if (commitQueue)
            return commitQueue->apply(records, provenance);
        return store.applyBatch(records, provenance);
    }

    std::int64_t now() const {
        if (options.nowMs)
            return options.nowMs();
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

SyncService::SyncService(store::ServerStore& store, SyncServiceOptions options)
    : m_impl(std::make_unique<Impl>(store, std::move(options))) {}

SyncService::~SyncService() = default;

SyncReply SyncService::push(const Principal& principal, std::string_view body,
                            std::optional<std::size_t> newResponseAllowance) {
    if (!isPushRole(principal.role))
        return errorReply(403, makeError("forbidden", "the role \"" +
                                                          std::string(toString(principal.role)) +
                                                          "\" may not push records"));
    if (principal.role == Role::Resident && !principal.campaignId)
        return errorReply(403, makeError("forbidden", "a resident token needs a campaign"));

    auto envelope = decodePushEnvelope(body, m_impl->options.limits);
    if (!envelope)
        return errorReply(statusForDecodeError(envelope.error()), envelope.error());

    const std::size_t count = envelope->records.size();
    PushResponse response;
    response.results.resize(count);
    std::vector<store::StoredRecord> accepted;
    std::vector<std::size_t> acceptedIndex;
    accepted.reserve(count);
    acceptedIndex.reserve(count);
    CheckContext context(principal);
    context.newResponseAllowance = newResponseAllowance;
    context.today = swedishDate(m_impl->now());
    for (std::size_t i = 0; i < count; ++i) {
        PushEnvelope::Record& record = envelope->records[i];
        RecordResult& result = response.results[i];
        result.id = record.id;
        result.rev = record.rev;
        if (isEditableKind(record.kind)) { // merged per field, committed on its own
            store::Provenance provenance{principal.deviceId, m_impl->now()};
            auto merged = pushEditable(m_impl->store, principal, record, provenance, m_impl->now());
            if (!merged)
                return storageReply(merged.error());
            result = std::move(merged).value();
            continue;
        }
        auto canonical = m_impl->checker.check(context, record, m_impl->options.limits);
        if (!canonical) {
            if (canonical.error().code == "storage_unavailable")
                return storageReply(canonical.error());
            result.status = PushStatus::Rejected;
            result.reason = canonical.error();
            continue;
        }
        accepted.push_back(store::StoredRecord{std::move(record.kind), std::move(record.id),
                                               record.rev, std::move(record.hlc),
                                               std::move(canonical).value()});
        acceptedIndex.push_back(i);
    }

    PushCounts counts;
    if (!accepted.empty()) {
        store::Provenance provenance;
        if (principal.role != Role::Resident)
            provenance.deviceId = principal.deviceId;
        provenance.receivedAtMs = m_impl->now();
        auto applied = m_impl->commit(accepted, provenance);
        if (!applied)
            return storageReply(applied.error());
        for (std::size_t k = 0; k < applied->size(); ++k) {
            const store::ApplyResult& a = (*applied)[k];
            RecordResult& result = response.results[acceptedIndex[k]];
            result.reason = a.reason;
            switch (a.status) {
            case store::ApplyStatus::Stored:
                result.status = PushStatus::Stored;
                break;
            case store::ApplyStatus::Duplicate:
                result.status = PushStatus::Duplicate;
                break;
            case store::ApplyStatus::Conflict:
                result.status = PushStatus::Conflict;
                break;
            }
        }
    }
    for (const RecordResult& r : response.results) {
        switch (r.status) {
        case PushStatus::Stored:
            ++counts.stored;
            break;
        case PushStatus::Duplicate:
            ++counts.duplicate;
            break;
        case PushStatus::Conflict:
            ++counts.conflict;
            break;
        case PushStatus::Rejected:
            ++counts.rejected;
            break;
        }
    }
    return SyncReply{200, encodePushResponse(response), counts, std::move(envelope->report)};
}

GroupCommitStats SyncService::groupCommitStats() const {
    return m_impl->commitQueue ? m_impl->commitQueue->stats() : GroupCommitStats{};
}

SyncReply SyncService::pull(const Principal& principal, std::string_view cursor,
                            std::optional<std::int64_t> limit, int protocol) {
    auto after = decodeCursor(cursor);
    if (!after)
        return errorReply(400, after.error());
    std::size_t pageSize = m_impl->options.defaultPullLimit;
    if (limit) {
        if (*limit < 1)
            return errorReply(400, makeError("invalid_limit", "limit must be at least 1"));
        pageSize = static_cast<std::size_t>(std::min<std::int64_t>(
            *limit, static_cast<std::int64_t>(m_impl->options.maxPullLimit)));
    }
    store::Audience audience{principal.role, principal.campaignId};
    auto page = m_impl->store.changesSince(*after, pageSize, audience);
    if (!page)
        return storageReply(page.error());
    PullResponse response;
    response.changes.reserve(page->changes.size());
    for (store::ChangeRow& row : page->changes) {
        auto body = bodyForProtocol(row.record.kind, std::move(row.record.body), protocol);
        const bool deleted = !body.has_value();
        response.changes.push_back(Change{std::move(row.record.kind), std::move(row.record.id),
                                          row.record.rev, std::move(row.record.hlc),
                                          deleted ? std::string() : std::move(*body), deleted});
    }
    if (auto attached = attachEditableState(m_impl->store, response.changes); !attached)
        return storageReply(attached.error());
    response.cursor = page->lastSeq > 0 ? encodeCursor(page->lastSeq) : std::string(cursor);
    response.more = page->more;
    return SyncReply{200, encodePullResponse(response), {}, {}};
}

} // namespace td::sync
