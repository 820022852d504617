#include "td/sync/sync_client.hpp"

#include "td/sync/editable_sync.hpp"

#include <algorithm>
#include <future>
#include <map>
#include <memory>
#include <utility>

namespace td::sync {

namespace {

Error statusError(const TransportReply& reply) {
    if (reply.status == 0)
        return makeError("network_error",
                         reply.error.empty() ? "no answer from the server" : reply.error);
    if (reply.status == 401 || reply.status == 403)
        return makeError("unauthorized", "the server refused this device's token (HTTP " +
                                             std::to_string(reply.status) + ")");
    if (reply.status == 429 || reply.status >= 500)
        return makeError("server_unavailable", "the server is busy or failing (HTTP " +
                                                   std::to_string(reply.status) + ")");
    return makeError("protocol_error", "unexpected HTTP " + std::to_string(reply.status));
}

/// The error a refusing server sent, or one naming the HTTP status.
Error serverError(const TransportReply& reply) {
    auto decoded = decodeError(reply.body);
    if (decoded)
        return decoded->error;
    return makeError("http_" + std::to_string(reply.status),
                     "the server refused the request (HTTP " + std::to_string(reply.status) + ")");
}

std::string percentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

store::PushResult localRejection(const store::RecordRow& row, std::string code,
                                 std::string reason) {
    return store::PushResult{row.id, row.rev, store::PushOutcome::Rejected, std::move(code),
                             std::move(reason)};
}

} // namespace

bool isRetryable(const Error& error) {
    return error.code == "network_error" || error.code == "server_unavailable" ||
           error.code == "protocol_error";
}

SyncClient::SyncClient(store::DeviceStore& store, ClientLimits limits)
    : m_store(store)
    , m_limits(limits)
    , m_batchRecords(std::max<std::size_t>(1, limits.maxBatchRecords))
    , m_sizer(limits.sizing)
    , m_pullLimit(std::max<std::size_t>(1, limits.pullLimit)) {}

Result<std::optional<PushPlan>> SyncClient::preparePush(const PushPlan* after) {
    const std::int64_t afterSeq = after && !after->seqs.empty() ? after->seqs.back() : 0;
    for (;;) {
        auto pending = m_store.pending(m_batchRecords, m_sizer.budgetBytes(), afterSeq);
        if (!pending)
            return pending.error();
        if (pending->empty())
            return std::optional<PushPlan>();

        std::vector<store::PushResult> local;
        PushRequest request;
        for (const store::PendingRecord& p : *pending) {
            const store::RecordRow& row = p.record;
            if (row.body.size() > m_limits.maxRecordBytes) {
                local.push_back(localRejection(row, "record_too_large",
                                               "the record has " + std::to_string(row.body.size()) +
                                                   " bytes; the server accepts at most " +
                                                   std::to_string(m_limits.maxRecordBytes)));
                continue;
            }
            request.records.push_back(PushRecord{row.kind, row.id, row.rev, row.hlc, row.body});
            if (isEditableKind(row.kind)) { // the per-field clocks travel beside the body
                auto state = m_store.editable(row.id);
                if (!state)
                    return state.error();
                if (*state && (*state)->rev == row.rev)
                    request.records.back().clocks = (*state)->clocks;
            }
        }
        if (local.empty()) {
            auto waiting = m_store.pendingCount(); // reported to the server's device list
            if (!waiting)
                return waiting.error();
            request.report = DeviceReport{TD_CLIENT_VERSION, *waiting};
            auto encoded = encodePushRequest(request);
            if (!encoded) {
                // A body that is not a JSON object can never be sent: reject that record.
                const Error& e = encoded.error();
                for (std::size_t i = 0; i < pending->size(); ++i) {
                    if (e.path == "records[" + std::to_string(i) + "].body")
                        local.push_back(
                            localRejection((*pending)[i].record, "invalid_body", e.message));
                }
                if (local.empty())
                    return e;
            } else {
                PushPlan plan;
                plan.body = std::move(encoded).value();
                for (const store::PendingRecord& p : *pending) {
                    plan.seqs.push_back(p.seq);
                    plan.ids.push_back(p.record.id);
                    plan.revs.push_back(p.record.rev);
                }
                if (auto marked = m_store.markAttempted(plan.seqs); !marked)
                    return marked.error();
                return std::optional<PushPlan>(std::move(plan));
            }
        }
        if (auto applied = m_store.applyPushResults(local); !applied)
            return applied.error();
    }
}

Result<PushSummary> SyncClient::refuseBatch(const PushPlan& plan, const Error& error) {
    PushSummary summary;
    if (plan.ids.size() > 1) {
        m_batchRecords = std::max<std::size_t>(1, plan.ids.size() / 2);
        summary.split = true;
        return summary;
    }
    std::string reason = error.describe();
    store::PushResult result{plan.ids.front(), plan.revs.front(), store::PushOutcome::Rejected,
                             error.code, std::move(reason)};
    if (auto applied = m_store.applyPushResults({result}); !applied)
        return applied.error();
    summary.rejected = 1;
    return summary;
}

Result<PushSummary> SyncClient::applyPushReply(const PushPlan& plan, const TransportReply& reply) {
    if (reply.status == 400 || reply.status == 413 || reply.status == 422)
        return refuseBatch(plan, serverError(reply));
    if (reply.status == 0)
        m_sizer.recordCut(); // what the server stored of it is answered duplicate next time
    if (reply.status != 200)
        return statusError(reply);
    auto decoded = decodePushResponse(reply.body);
    if (!decoded)
        return makeError("protocol_error",
                         "the push answer cannot be read: " + decoded.error().describe());

    std::map<std::pair<std::string, std::int64_t>, bool> sent;
    for (std::size_t i = 0; i < plan.ids.size(); ++i)
        sent[{plan.ids[i], plan.revs[i]}] = false;
    PushSummary summary;
    std::vector<store::PushResult> results;
    results.reserve(decoded->results.size());
    for (const RecordResult& r : decoded->results) {
        auto it = sent.find({r.id, r.rev});
        if (it == sent.end() || it->second)
            return makeError("protocol_error",
                             "the push answer names a record that was not sent: " + r.id);
        it->second = true;
        store::PushResult result{r.id, r.rev, store::PushOutcome::Acked, {}, {}};
        switch (r.status) {
        case PushStatus::Stored:
        case PushStatus::Duplicate:
            ++summary.acked;
            break;
        case PushStatus::Conflict:
            result.outcome = store::PushOutcome::Conflict;
            ++summary.conflicts;
            break;
        case PushStatus::Rejected:
            result.outcome = store::PushOutcome::Rejected;
            ++summary.rejected;
            break;
        }
        if (r.reason) {
            result.reasonCode = r.reason->code;
            result.reason = r.reason->describe();
        }
        results.push_back(std::move(result));
    }
    if (results.empty() && !plan.ids.empty())
        return makeError("protocol_error", "the push answer has no results");
    if (auto applied = m_store.applyPushResults(results); !applied)
        return applied.error();
    m_batchRecords = std::min(m_limits.maxBatchRecords, m_batchRecords * 2);
    m_sizer.recordSuccess(plan.body.size(), reply.elapsed);
    return summary;
}

Result<std::string> SyncClient::pullPath() {
    auto state = m_store.syncState();
    if (!state)
        return state.error();
    return std::string(kPullPath) + "?cursor=" + percentEncode(state->cursor) +
           "&limit=" + std::to_string(m_pullLimit);
}

Result<PullSummary> SyncClient::applyPullReply(const TransportReply& reply) {
    if (reply.status == 400) {
        Error e = serverError(reply);
        if (e.code == "invalid_cursor") {
            // The server no longer knows our position: start over from the beginning.
            if (auto reset = m_store.applyPulled({}, ""); !reset)
                return reset.error();
            return makeError("protocol_error", "the server refused the pull cursor; reset");
        }
        return makeError("protocol_error", "the server refused the pull: " + e.describe());
    }
    if (reply.status == 0) // cut off: a smaller page has a better chance next time
        m_pullLimit = std::max<std::size_t>(1, m_pullLimit / 4);
    if (reply.status != 200)
        return statusError(reply);
    auto decoded = decodePullResponse(reply.body);
    if (!decoded)
        return makeError("protocol_error",
                         "the pull answer cannot be read: " + decoded.error().describe());
    std::vector<store::PulledRecord> records;
    records.reserve(decoded->changes.size());
    int editableStored = 0;
    for (Change& c : decoded->changes) {
        if (isEditableKind(c.kind) && !c.deleted) { // merged with local edits, not replaced
            auto merged = mergePulled(m_store, c);
            if (!merged)
                return merged.error();
            editableStored += merged->changed ? 1 : 0;
            continue;
        }
        records.push_back(store::PulledRecord{std::move(c.kind), std::move(c.id), c.rev,
                                              std::move(c.hlc), std::move(c.body), c.deleted});
    }
    auto applied = m_store.applyPulled(records, decoded->cursor);
    if (!applied)
        return applied.error();
    applied->stored += editableStored;
    m_pullLimit = std::min(std::max<std::size_t>(1, m_limits.pullLimit), m_pullLimit * 2);
    return PullSummary{*applied, decoded->more};
}

Result<store::ScrubReport> SyncClient::finishRun() {
    return m_store.scrubAcknowledged();
}

Result<SyncSummary> SyncClient::syncOnce(SyncTransport& transport) {
    SyncSummary summary;
    auto fail = [&](const Error& e) -> Result<SyncSummary> {
        (void)m_store.recordSyncOutcome(e.code);
        (void)finishRun(); // the error to report is e; the next run or open() retries
        return e;
    };
    // Plans are shared with the thread that sends them, so that none moves while in flight.
    using SharedPlan = std::shared_ptr<const PushPlan>;
    auto prepare = [this](const PushPlan* after) -> Result<SharedPlan> {
        auto plan = preparePush(after);
        if (!plan)
            return plan.error();
        return *plan ? std::make_shared<const PushPlan>(std::move(**plan)) : SharedPlan();
    };
    auto send = [&transport](SharedPlan plan) {
        return std::async(std::launch::async,
                          [&transport, plan] { return transport.post(kPushPath, plan->body); });
    };
    auto first = prepare(nullptr);
    if (!first)
        return fail(first.error());
    SharedPlan current = *first;
    std::future<TransportReply> inFlight;
    if (current)
        inFlight = send(current);
    while (current) {
        TransportReply reply = inFlight.get();
        ++summary.pushRequests;
        // A whole answer: send the next batch now and store this answer while it travels.
        SharedPlan next;
        if (reply.status == 200 && m_limits.pipeline) {
            auto prepared = prepare(current.get());
            if (!prepared)
                return fail(prepared.error());
            next = *prepared;
            if (next)
                inFlight = send(next);
        }
        auto pushed = applyPushReply(*current, reply);
        Status checked;
        if (!pushed)
            checked = pushed.error();
        else if (!pushed->split &&
                 pushed->acked + pushed->rejected + pushed->conflicts < current->ids.size())
            checked = makeError("protocol_error", "the push answer left records unanswered");
        if (!checked) {
            if (next) // its records stay pending; wait so that the transport is free again
                (void)inFlight.get();
            return fail(checked.error());
        }
        summary.acked += pushed->acked;
        summary.rejected += pushed->rejected;
        summary.conflicts += pushed->conflicts;
        if (!next) { // nothing sent ahead: not pipelined, outbox done, or a split to resend
            auto again = prepare(nullptr);
            if (!again)
                return fail(again.error());
            next = *again;
            if (next)
                inFlight = send(next);
        }
        current = std::move(next);
    }
    for (;;) {
        auto path = pullPath();
        if (!path)
            return fail(path.error());
        TransportReply reply = transport.get(*path);
        ++summary.pullRequests;
        auto pulled = applyPullReply(reply);
        if (!pulled)
            return fail(pulled.error());
        summary.pulledStored += static_cast<std::size_t>(pulled->applied.stored);
        if (!pulled->more)
            break;
    }
    if (auto recorded = m_store.recordSyncOutcome("ok"); !recorded)
        return recorded.error();
    if (auto finished = finishRun(); !finished)
        return finished.error();
    return summary;
}

} // namespace td::sync
