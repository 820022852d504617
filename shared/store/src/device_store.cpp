// DeviceStore: opening, submitting records with their outbox entries, push bookkeeping, and
// applying pulled records.

#include "td/store/device_store.hpp"

#include "device_store_impl.hpp"
#include "td/model/public_summary.hpp"
#include "td/store/transaction.hpp"

namespace td::store {

std::string_view toString(OutboxState state) {
    switch (state) {
    case OutboxState::Pending:
        return "pending";
    case OutboxState::Acked:
        return "acked";
    case OutboxState::Rejected:
        return "rejected";
    case OutboxState::Conflict:
        return "conflict";
    }
    return "pending";
}

DeviceStore::DeviceStore(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}
DeviceStore::DeviceStore(DeviceStore&&) noexcept = default;
DeviceStore& DeviceStore::operator=(DeviceStore&&) noexcept = default;
DeviceStore::~DeviceStore() = default;

Result<DeviceStore> DeviceStore::open(const std::string& path, const DeviceStoreOptions& options) {
    OpenOptions open;
    open.synchronous = options.synchronous;
    open.busyTimeout = options.busyTimeout;
    // Deleted and overwritten content is zeroed in the file, not just marked free.
    open.secureDelete = true;
    auto db = Database::open(path, open);
    if (!db)
        return Error(db.error());
    auto impl = prepareDeviceStore(std::move(db).value(), options.clock);
    if (!impl)
        return Error(impl.error());
    DeviceStore store(std::move(impl).value());
    // Records acknowledged before a crash (or by an older version) are scrubbed now.
    if (auto scrubbed = store.scrubAcknowledged(); !scrubbed)
        return scrubbed.error();
    return store;
}

Database& DeviceStore::database() {
    return m_impl->db;
}

namespace {

// A published summary must decode strictly, sit at its campaign's record id and keep every
// public rule (nothing below k, no free text). What a summary published before the rule on
// dependent figures shows beside a withheld place component is withheld before the check, as
// the summary page does when it shows it.
Status checkPublicSummary(std::string_view id, std::string_view body) {
    auto decoded = model::fromJsonText<model::PublicSummary>(body);
    if (decoded)
        model::withholdDependents(decoded->summary);
    if (!decoded)
        return makeError("invalid_record", decoded.error().describe(),
                         "body." + decoded.error().path);
    if (id != model::publicSummaryRecordId(decoded->id))
        return makeError("invalid_record",
                         "a public summary of campaign " + decoded->id + " must have the id " +
                             model::publicSummaryRecordId(decoded->id),
                         "id");
    if (auto issues = model::validatePublicSummary(*decoded); !issues.empty())
        return makeError("invalid_record", issues.front().code + ": " + issues.front().message,
                         "body." + issues.front().path);
    return {};
}

Status checkRecord(std::string_view kind, std::string_view id, std::int64_t rev,
                   std::string_view body, bool bodyRequired) {
    if (kind.empty())
        return makeError("invalid_record", "record kind is empty", "kind");
    if (id.empty())
        return makeError("invalid_record", "record id is empty", "id");
    if (rev < 1)
        return makeError("invalid_record", "rev must be >= 1, got " + std::to_string(rev), "rev");
    if (bodyRequired && body.empty())
        return makeError("invalid_record", "record " + std::string(id) + " has an empty body",
                         "body");
    if (kind == "public_summary" && !body.empty())
        return checkPublicSummary(id, body);
    return {};
}

} // namespace

Status DeviceStore::submit(const LocalRecord& record, std::optional<std::string_view> fromDraftId) {
    if (auto s = checkRecord(record.kind, record.id, record.rev, record.body, true); !s)
        return s;
    Impl& d = *m_impl;
    auto tx = Transaction::begin(d.db, TransactionMode::Immediate);
    TD_STORE_TRY(tx);
    auto existing = d.records.get(record.id);
    TD_STORE_TRY(existing);
    const RecordRow row{record.kind, record.id,           record.rev, record.hlc,
                        record.body, RecordOrigin::Local, d.clock()};
    if (*existing) {
        const RecordRow& old = **existing;
        if (old.kind != record.kind)
            return makeError(
                "invalid_record",
                "id " + record.id + " is already a " + old.kind + ", not a " + record.kind, "kind");
        if (old.rev == record.rev)
            return makeError("duplicate_record", "record " + record.id + " rev " +
                                                     std::to_string(record.rev) +
                                                     " is already stored");
        if (old.rev > record.rev)
            return makeError("stale_revision", "record " + record.id + " is at rev " +
                                                   std::to_string(old.rev) + ", not below " +
                                                   std::to_string(record.rev));
        TD_STORE_TRY(d.records.replace(row));
        TD_STORE_TRY(d.supersedePending.bindText(1, record.id));
        TD_STORE_TRY(d.supersedePending.bindInt64(2, record.rev));
        TD_STORE_TRY(d.supersedePending.run());
    } else {
        TD_STORE_TRY(d.records.insert(row));
    }
    TD_STORE_TRY(d.insertOutbox.bindText(1, record.kind));
    TD_STORE_TRY(d.insertOutbox.bindText(2, record.id));
    TD_STORE_TRY(d.insertOutbox.bindInt64(3, record.rev));
    TD_STORE_TRY(d.insertOutbox.run());
    if (fromDraftId) {
        TD_STORE_TRY(d.deleteDraft.bindText(1, *fromDraftId));
        TD_STORE_TRY(d.deleteDraft.run());
    }
    TD_STORE_TRY(tx->commit());
    return {};
}

Result<std::vector<PendingRecord>> DeviceStore::pending(std::size_t maxCount, std::size_t maxBytes,
                                                        std::int64_t afterSeq) {
    if (maxCount == 0)
        return std::vector<PendingRecord>{};
    Impl& d = *m_impl;
    Statement& q = d.pendingPage;
    TD_STORE_TRY(
        q.bindInt64(1, static_cast<std::int64_t>(std::min<std::size_t>(maxCount, INT64_MAX))));
    TD_STORE_TRY(q.bindInt64(2, afterSeq));
    std::vector<PendingRecord> out;
    std::size_t bytes = 0;
    for (;;) {
        auto row = q.step();
        if (!row) {
            q.reset();
            return Error(row.error());
        }
        if (!*row)
            break;
        PendingRecord p;
        p.seq = q.columnInt64(0);
        p.record =
            RecordRow{q.columnText(1),
                      q.columnText(2),
                      q.columnInt64(3),
                      q.columnText(4),
                      q.columnText(5),
                      q.columnText(6) == "server" ? RecordOrigin::Server : RecordOrigin::Local,
                      q.columnInt64(7)};
        const std::size_t size =
            p.record.kind.size() + p.record.id.size() + p.record.hlc.size() + p.record.body.size();
        if (!out.empty() && bytes + size > maxBytes)
            break;
        bytes += size;
        out.push_back(std::move(p));
    }
    q.reset();
    return out;
}

Result<std::int64_t> DeviceStore::pendingCount() {
    Statement& q = m_impl->pendingCount;
    auto row = q.step();
    TD_STORE_TRY(row);
    const std::int64_t count = q.columnInt64(0);
    q.reset();
    return count;
}

Status DeviceStore::markAttempted(const std::vector<std::int64_t>& seqs) {
    Impl& d = *m_impl;
    auto tx = Transaction::begin(d.db, TransactionMode::Immediate);
    TD_STORE_TRY(tx);
    const std::int64_t now = d.clock();
    for (std::int64_t seq : seqs) {
        TD_STORE_TRY(d.markAttempted.bindInt64(1, seq));
        TD_STORE_TRY(d.markAttempted.bindInt64(2, now));
        TD_STORE_TRY(d.markAttempted.run()); // a superseded entry is gone: nothing to count
    }
    TD_STORE_TRY(tx->commit());
    return {};
}

Status DeviceStore::applyPushResults(const std::vector<PushResult>& results) {
    Impl& d = *m_impl;
    auto tx = Transaction::begin(d.db, TransactionMode::Immediate);
    TD_STORE_TRY(tx);
    for (const PushResult& result : results) {
        TD_STORE_TRY(d.findEntry.bindText(1, result.id));
        TD_STORE_TRY(d.findEntry.bindInt64(2, result.rev));
        auto seq = queryOptional<std::int64_t>(
            d.findEntry, [](Statement& s) -> DbResult<std::int64_t> { return s.columnInt64(0); });
        TD_STORE_TRY(seq);
        if (!*seq) {
            // Pushed, then superseded by a newer local revision: the answer is moot.
            TD_STORE_TRY(d.newerEntry.bindText(1, result.id));
            TD_STORE_TRY(d.newerEntry.bindInt64(2, result.rev));
            auto newer = queryOptional<std::int64_t>(
                d.newerEntry,
                [](Statement& s) -> DbResult<std::int64_t> { return s.columnInt64(0); });
            TD_STORE_TRY(newer);
            if (newer->value_or(0) > 0)
                continue;
            return makeError("unknown_outbox_entry", "no outbox entry for " + result.id + " rev " +
                                                         std::to_string(result.rev));
        }
        const OutboxState state = result.outcome == PushOutcome::Acked      ? OutboxState::Acked
                                  : result.outcome == PushOutcome::Rejected ? OutboxState::Rejected
                                                                            : OutboxState::Conflict;
        const bool acked = state == OutboxState::Acked;
        TD_STORE_TRY(d.setOutcome.bindInt64(1, **seq));
        TD_STORE_TRY(d.setOutcome.bindText(2, toString(state)));
        TD_STORE_TRY(d.setOutcome.bindText(3, acked ? std::string_view{} : result.reasonCode));
        TD_STORE_TRY(d.setOutcome.bindText(4, acked ? std::string_view{} : result.reason));
        TD_STORE_TRY(d.setOutcome.run());
        if (acked)
            TD_STORE_TRY(scrubIfAcked(d, result.id));
    }
    TD_STORE_TRY(tx->commit());
    return {};
}

Result<std::vector<OutboxEntry>> DeviceStore::rejected() {
    auto out = queryAll<OutboxEntry>(m_impl->rejected, readOutboxEntry);
    TD_STORE_TRY(out);
    return std::move(out).value();
}

Result<std::optional<OutboxEntry>> DeviceStore::outboxEntry(std::int64_t seq) {
    TD_STORE_TRY(m_impl->entryBySeq.bindInt64(1, seq));
    auto out = queryOptional<OutboxEntry>(m_impl->entryBySeq, readOutboxEntry);
    TD_STORE_TRY(out);
    return std::move(out).value();
}

Result<PullApplied> DeviceStore::applyPulled(const std::vector<PulledRecord>& records,
                                             std::string_view newCursor) {
    for (size_t i = 0; i < records.size(); ++i) {
        const PulledRecord& r = records[i];
        if (auto s = checkRecord(r.kind, r.id, r.rev, r.body, !r.deleted); !s)
            return makeError(s.error().code, s.error().message,
                             "records[" + std::to_string(i) + "]." + s.error().path);
    }
    Impl& d = *m_impl;
    auto tx = Transaction::begin(d.db, TransactionMode::Immediate);
    TD_STORE_TRY(tx);
    const std::int64_t now = d.clock();
    PullApplied applied;
    for (const PulledRecord& r : records) {
        auto existing = d.records.get(r.id);
        TD_STORE_TRY(existing);
        if (*existing) {
            TD_STORE_TRY(d.openEntriesForId.bindText(1, r.id));
            auto open = queryOptional<std::int64_t>(
                d.openEntriesForId,
                [](Statement& s) -> DbResult<std::int64_t> { return s.columnInt64(0); });
            TD_STORE_TRY(open);
            if (open->value_or(0) > 0) {
                ++applied.keptLocal;
                continue;
            }
        }
        const RecordRow* old = existing->has_value() ? &**existing : nullptr;
        if (r.deleted) {
            if (old && old->rev <= r.rev) {
                TD_STORE_TRY(d.deleteOutboxForId.bindText(1, r.id));
                TD_STORE_TRY(d.deleteOutboxForId.run());
                TD_STORE_TRY(d.records.remove(r.id));
                ++applied.deleted;
            } else if (old) {
                ++applied.older;
            }
            continue;
        }
        const RecordRow row{r.kind, r.id, r.rev, r.hlc, r.body, RecordOrigin::Server, now};
        if (!old) {
            TD_STORE_TRY(d.records.insert(row));
            ++applied.stored;
        } else if (old->rev > r.rev) {
            ++applied.older;
        } else if (old->rev == r.rev && old->body == r.body && old->hlc == r.hlc &&
                   old->kind == r.kind) {
            ++applied.unchanged;
        } else {
            TD_STORE_TRY(d.records.replace(row));
            ++applied.stored;
        }
    }
    TD_STORE_TRY(d.setCursor.bindText(1, newCursor));
    TD_STORE_TRY(d.setCursor.run());
    TD_STORE_TRY(tx->commit());
    return applied;
}

} // namespace td::store
