#pragma once
// The app's local database: records (opaque JSON bodies), the outbox of records to push,
// drafts, sync state and settings. Every write is one transaction; a record and its outbox
// entry are always written together, so killing the app at any instant loses nothing.

#include "td/core/clock.hpp"
#include "td/core/result.hpp"
#include "td/store/database.hpp"
#include "td/store/editable.hpp"
#include "td/store/records_table.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace td::store {

/// A record created or edited on this device.
struct LocalRecord {
    std::string kind;
    std::string id; ///< UUIDv7
    std::int64_t rev = 1;
    std::string hlc;
    std::string body; ///< JSON text, stored byte for byte
};

enum class OutboxState { Pending, Acked, Rejected, Conflict };
std::string_view toString(OutboxState state);

struct OutboxEntry {
    std::int64_t seq = 0; ///< push order
    std::string kind;
    std::string id;
    std::int64_t rev = 0;
    OutboxState state = OutboxState::Pending;
    std::string reasonCode; ///< set for Rejected/Conflict, e.g. "invalid_value"
    std::string reason;     ///< human-readable detail
    std::int64_t attempts = 0;
    std::optional<std::int64_t> lastAttemptAtMs;
};

/// A pending record to push, with its outbox position.
struct PendingRecord {
    std::int64_t seq = 0;
    RecordRow record;
};

enum class PushOutcome { Acked, Rejected, Conflict };

/// The server's answer for one pushed (id, rev): stored/duplicate → Acked.
struct PushResult {
    std::string id;
    std::int64_t rev = 0;
    PushOutcome outcome = PushOutcome::Acked;
    std::string reasonCode;
    std::string reason;
};

/// A record from a pull; `body` is empty when `deleted`.
struct PulledRecord {
    std::string kind;
    std::string id;
    std::int64_t rev = 1;
    std::string hlc;
    std::string body;
    bool deleted = false;
};

struct PullApplied {
    int stored = 0;    ///< new ids or newer revisions written
    int unchanged = 0; ///< same rev and content already present
    int older = 0;     ///< older than what is stored; ignored
    int keptLocal = 0; ///< the id has a local edit not yet accepted; the local one is kept
    int deleted = 0;
};

struct Draft {
    std::string id;
    std::string kind; ///< what the draft will become, e.g. "response"
    std::string ref;  ///< the survey or campaign it belongs to
    std::string body; ///< JSON text
    std::int64_t updatedAtMs = 0;
};

struct SyncState {
    std::string cursor; ///< "" before the first pull
    std::optional<std::int64_t> lastSyncAtMs;
    std::string lastOutcome; ///< e.g. "ok" or an error code; "" before the first sync
};

/// Setting keys the app uses.
namespace settings {
inline constexpr std::string_view kServerUrl = "server_url";
inline constexpr std::string_view kDeviceToken = "device_token";
inline constexpr std::string_view kDeviceId = "device_id";
inline constexpr std::string_view kLocale = "locale";
} // namespace settings

/// What scrubAcknowledged() did.
struct ScrubReport {
    int scrubbed = 0;          ///< records whose content was removed now
    bool walTruncated = false; ///< the -wal file was checkpointed and emptied
};

/// Kinds whose content the device gives up once the server has acknowledged a record
/// (docs/device-data.md): residents' responses, and the officer's dialogues, walks and
/// observations. Editable records (measures) are kept: the app shows and edits them.
bool isScrubbedOnAck(std::string_view kind);
/// The body kept of such a record: its id and the references the app still reads (a
/// response's campaign_id, channel and dialogue_id; an observation's walk_id; a dialogue's
/// campaign_id) as compact JSON; never an answer, a note, a position or a time.
std::string scrubbedBody(std::string_view kind, std::string_view id, std::string_view body);

struct DeviceStoreOptions {
    Synchronous synchronous = Synchronous::Full;
    std::chrono::milliseconds busyTimeout{5000};
    Clock clock = systemClock(); ///< for updated_at / attempt times
};

/// Errors are td::Error: "storage_error" (SQLite, message with its codes), "invalid_record",
/// "duplicate_record" (same id and rev already stored), "stale_revision", "invalid_argument",
/// "unknown_outbox_entry". A failed call changes nothing. One connection: use a DeviceStore
/// from one thread at a time; several processes may open the same file (WAL, busy timeout).
class DeviceStore {
public:
    /// Opens or creates the database and migrates it to the current schema.
    static Result<DeviceStore> open(const std::string& path,
                                    const DeviceStoreOptions& options = {});
    DeviceStore(DeviceStore&&) noexcept;
    DeviceStore& operator=(DeviceStore&&) noexcept;
    ~DeviceStore();

    /// Writes the record and its outbox entry in one transaction and deletes `fromDraftId`
    /// if given. A newer rev of an id replaces the record and supersedes its pending entry.
    Status submit(const LocalRecord& record, std::optional<std::string_view> fromDraftId = {});

    /// Pending entries in outbox order: at most `maxCount`, and at most `maxBytes` of
    /// kind+id+hlc+body — except that the first entry is always returned. Only entries after
    /// outbox position `afterSeq` (those of a batch still in flight are skipped).
    Result<std::vector<PendingRecord>> pending(std::size_t maxCount, std::size_t maxBytes,
                                               std::int64_t afterSeq = 0);
    Result<std::int64_t> pendingCount();
    /// Counts a push attempt (attempts + 1, last_attempt_at = now) for these outbox entries;
    /// entries superseded meanwhile are skipped.
    Status markAttempted(const std::vector<std::int64_t>& seqs);
    /// Applies the server's answers in one transaction. Idempotent. Answers for a revision
    /// superseded by a newer local one are skipped; any other (id, rev) not in the outbox
    /// fails with "unknown_outbox_entry" and nothing is applied. In the same transaction, an
    /// acknowledged record of a kind in isScrubbedOnAck() keeps only scrubbedBody() (rejected
    /// and conflicting ones keep everything). Older page images still hold the content in
    /// the -wal file until scrubAcknowledged() runs: call it when a sync run ends.
    Status applyPushResults(const std::vector<PushResult>& results);
    /// Scrubs every acknowledged record not scrubbed yet (one transaction), then checkpoints
    /// the WAL with TRUNCATE so that no older page image stays in the -wal file. With
    /// secure_delete (set on open) the freed bytes in the main file are zeroes. open() runs it,
    /// and the sync client at the end of every run (td::sync::SyncClient::finishRun).
    Result<ScrubReport> scrubAcknowledged();
    /// Whether the record's current revision was scrubbed after its acknowledgement.
    Result<bool> isScrubbed(std::string_view id);
    /// Entries the server rejected or found in conflict, oldest first; they are kept.
    Result<std::vector<OutboxEntry>> rejected();
    Result<std::optional<OutboxEntry>> outboxEntry(std::int64_t seq);

    /// Upserts pulled records (by id, the higher rev wins; local edits not yet accepted are
    /// kept) and stores `newCursor`, in one transaction.
    Result<PullApplied> applyPulled(const std::vector<PulledRecord>& records,
                                    std::string_view newCursor);
    Result<SyncState> syncState();
    /// Records when a sync finished (now) and how ("ok" or an error code).
    Status recordSyncOutcome(std::string_view outcome);

    Result<std::optional<RecordRow>> record(std::string_view id);
    Result<std::vector<RecordRow>> recordsOfKind(std::string_view kind);

    /// Inserts or replaces the draft with this id (updated_at = now).
    Status saveDraft(const Draft& draft);
    Result<std::optional<Draft>> loadDraft(std::string_view id);
    /// Drafts, most recently updated first; all kinds when `kind` is empty.
    Result<std::vector<Draft>> drafts(std::string_view kind = {});
    /// False when there was no such draft.
    Result<bool> deleteDraft(std::string_view id);

    Status setSetting(std::string_view key, std::string_view value);
    Result<std::optional<std::string>> setting(std::string_view key);
    Result<bool> removeSetting(std::string_view key);

    // --- editable records (device_store_editable.cpp; docs/editable-records.md) ------------

    /// The local state of an editable record with its clocks ("" when it has none), or nullopt.
    Result<std::optional<EditableState>> editable(std::string_view id);
    /// A local edit: `edit` computes the new state from the current one, which is written
    /// under rev + 1 with its clocks and a pending outbox entry, in one transaction. Fails with
    /// `not_found` when the id is absent, or with edit's own error (nothing written).
    Result<EditableState>
    editEditable(std::string_view id,
                 const std::function<Result<EditableWrite>(const EditableState&)>& edit);
    /// Merges a pulled editable record into the local copy in one transaction: `merge` gets
    /// the local state (nullopt: none) and returns the state to keep (nullopt: keep it). The
    /// local rev becomes max(local, pulledRev), except while a local edit waits to be pushed
    /// (its outbox entry names the local rev, and it will carry the merged state).
    Result<EditableOutcome> mergePulledEditable(std::string_view kind, std::string_view id,
                                                std::int64_t pulledRev, const EditableMerge& merge);

    /// The underlying connection (for diagnostics such as integrity checks).
    Database& database();

    /// The schema version this code creates.
    static int schemaVersion();

    struct Impl; ///< opaque outside the library

private:
    explicit DeviceStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace td::store
