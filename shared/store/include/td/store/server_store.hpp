#pragma once
// The sync server's database: synced records with an ordered change log, and the auth tables
// (accounts, devices, tokens, enrolment codes, campaign public codes). Thread-safe: one
// writer connection (serialised) and one reader connection; every write is one transaction.

#include "td/core/result.hpp"
#include "td/store/audit.hpp"
#include "td/store/database.hpp"
#include "td/store/editable.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace td::store {

/// Who may act: the server's five roles. Wire names: "admin", "coordinator", "officer",
/// "kiosk", "resident".
enum class Role { Admin, Coordinator, Officer, Kiosk, Resident };

std::string_view toString(Role role);
/// Parses a wire name; fails with `invalid_role`.
Result<Role> parseRole(std::string_view name);

/// One bit per role, for change-log visibility masks.
constexpr std::uint32_t roleBit(Role role) {
    return 1u << static_cast<unsigned>(role);
}

/// Who may see a change in a pull: a mask of roles, optionally scoped to one campaign (a
/// principal scoped to campaign C sees unscoped changes and those scoped to C). Admins and
/// coordinators see every change.
struct Visibility {
    std::uint32_t roles = 0;
    std::optional<std::string> campaignId;
    bool operator==(const Visibility&) const = default;
};

/// Default visibility per kind: survey, place, promise → officer, kiosk, resident; campaign →
/// the same but scoped to the campaign's id; measure → officer, kiosk; device-pushed kinds
/// (response, dialogue, safety_walk, observation) and unknown kinds → none.
Visibility defaultVisibility(std::string_view kind, std::string_view id);

/// A record as stored: `body` is canonical JSON text (compared byte for byte).
struct StoredRecord {
    std::string kind;
    std::string id;
    std::int64_t rev = 0;
    std::string hlc;
    std::string body;
    bool operator==(const StoredRecord&) const = default;
};

/// Where a pushed batch came from. Resident pushes carry no device id; IPs are never stored.
struct Provenance {
    std::optional<std::string> deviceId;
    std::int64_t receivedAtMs = 0;
};

/// One batch of a group commit (applyBatches); both must outlive the call.
struct BatchRef {
    const std::vector<StoredRecord>* records = nullptr;
    const Provenance* provenance = nullptr;
};

enum class ApplyStatus { Stored, Duplicate, Conflict };

/// Outcome for one record of applyBatch, in input order. `reason` is set for conflicts
/// (`conflict` = same id+rev, other body; `stale_revision` = older than the stored rev;
/// `kind_mismatch` = the id is stored under another kind).
struct ApplyResult {
    ApplyStatus status = ApplyStatus::Stored;
    std::optional<Error> reason;
};

/// One entry of a pull page: the record's state at that change.
struct ChangeRow {
    std::int64_t seq = 0;
    StoredRecord record;
};

struct ChangePage {
    std::vector<ChangeRow> changes;
    std::int64_t lastSeq = 0; ///< cursor position after this page (unchanged when empty)
    bool more = false;
};

/// A pull filter: the principal's role and campaign scope.
struct Audience {
    Role role = Role::Officer;
    std::optional<std::string> campaignId;
};

struct Account {
    std::int64_t id = 0;
    std::string username;
    std::string passwordHash; ///< Argon2id encoded string (crypto_pwhash_str)
    Role role = Role::Coordinator;
    std::int64_t createdAtMs = 0;
    bool disabled = false;
};

struct Device {
    std::string id;
    Role role = Role::Officer; ///< officer, kiosk or resident
    std::optional<std::string> campaignId;
    std::string label;
    std::int64_t enrolledAtMs = 0;
    std::optional<std::int64_t> revokedAtMs;
};

/// What a device last reported on syncing (docs/device-data.md): pending and appVersion come
/// from its latest push that carried them (older apps send neither), at reportedAtMs.
struct DeviceStatus {
    std::int64_t lastSyncAtMs = 0;
    std::optional<std::int64_t> pending;
    std::optional<std::string> appVersion;
    std::optional<std::int64_t> reportedAtMs;
};

/// A coordinator's link from one place mention of a survey answer (responseId, questionId and
/// index, the entry's position in that answer) or from one walk observation (observationId)
/// to a registry place. Exactly one of the two subjects is set.
struct PlaceLink {
    std::int64_t id = 0; ///< given by addPlaceLink
    std::optional<std::string> responseId;
    std::optional<std::string> questionId;
    std::optional<std::int64_t> index;
    std::optional<std::string> observationId;
    std::string placeId;
    std::string createdBy; ///< who linked: an account's name
    std::int64_t createdAtMs = 0;
    bool operator==(const PlaceLink&) const = default;
};

/// A bearer token, stored by hash only. `subjectId` is a device id or an account id (as text).
struct TokenRecord {
    std::string tokenHash;
    enum class Subject { Device, Account } subjectKind = Subject::Device;
    std::string subjectId;
    Role role = Role::Officer;
    std::optional<std::string> campaignId;
    std::int64_t createdAtMs = 0;
    std::int64_t expiresAtMs = 0;
    std::optional<std::int64_t> revokedAtMs;
};

struct EnrolmentCode {
    std::string codeHash;
    Role role = Role::Officer;
    std::int64_t createdAtMs = 0;
    std::int64_t expiresAtMs = 0;
    std::optional<std::int64_t> usedAtMs;
    std::string createdBy;
};

/// A server-side write: the record's next rev, logged with `visibility` (default:
/// defaultVisibility).
struct RecordWrite {
    std::string kind;
    std::string id;
    std::string body;
    std::optional<Visibility> visibility;
};

/// One retention purge (ServerStore::purge).
struct Purge {
    std::string campaignId;
    /// New bodies of records kept (same kind, id and rev), e.g. responses without free text.
    std::vector<StoredRecord> rewritten;
    /// Ids of records of `removedKind` that leave; they must be every such record of the
    /// campaign (a body's campaign_id), or nothing is purged (`purge_changed`).
    std::string removedKind = "response";
    std::vector<std::string> removed;
    /// Server records written in the same transaction (the campaign's aggregates).
    std::vector<RecordWrite> writes;
    std::string hlc;
    std::int64_t nowMs = 0;
};

struct PurgeOutcome {
    std::size_t rewritten = 0;
    std::size_t removed = 0;
    /// Whether the write-ahead log was folded in and truncated (false: readers kept it busy;
    /// checkpoint() again later).
    bool checkpointed = false;
};

struct ServerStoreOptions {
    Synchronous synchronous = Synchronous::Full;
    std::chrono::milliseconds busyTimeout{10000};
};

class ServerStore {
public:
    /// Opens or creates the database at `path` and migrates it to the current schema.
    static Result<std::unique_ptr<ServerStore>> open(const std::string& path,
                                                     const ServerStoreOptions& options = {});
    ~ServerStore();
    ServerStore(const ServerStore&) = delete;
    ServerStore& operator=(const ServerStore&) = delete;

    // --- synced records -----------------------------------------------------------------

    /// Applies pushed records in ONE immediate transaction and returns only after a durable
    /// COMMIT: new id or newer rev → Stored (and appended to the change log); same id+rev and
    /// byte-identical body → Duplicate; otherwise Conflict. Results are in input order.
    Result<std::vector<ApplyResult>> applyBatch(const std::vector<StoredRecord>& records,
                                                const Provenance& provenance);
    /// Group commit: applies several batches, in order, in ONE transaction with one durable
    /// COMMIT. Each record's result is what applyBatch would answer after the batches before
    /// it (a later batch sees an earlier one's records). One result list per batch; on any
    /// storage error the whole group is rolled back and nothing of it is stored.
    Result<std::vector<std::vector<ApplyResult>>>
    applyBatches(const std::vector<BatchRef>& batches);

    /// Server-side write (coordinator API): stores `body` under the next rev of (kind, id),
    /// appends it to the change log with `visibility` (default: defaultVisibility), all in one
    /// transaction. Returns the new rev; fails with `kind_mismatch` if the id has another kind.
    Result<std::int64_t> putRecord(std::string_view kind, std::string_view id,
                                   std::string_view body, std::string_view hlc,
                                   std::optional<Visibility> visibility = std::nullopt);
    /// One write of putRecords.
    using ServerWrite = RecordWrite;
    /// Several putRecord writes in ONE transaction: every record is stored at its next rev, or
    /// none is (e.g. `kind_mismatch`). Returns the new revs in input order.
    Result<std::vector<std::int64_t>> putRecords(const std::vector<ServerWrite>& writes,
                                                 std::string_view hlc);
    /// The current version of (kind, id), or nullopt.
    Result<std::optional<StoredRecord>> getRecord(std::string_view kind, std::string_view id);
    /// All current records of a kind, ordered by id.
    Result<std::vector<StoredRecord>> listRecords(std::string_view kind);
    Result<std::int64_t> countRecords(std::string_view kind);
    /// Whether the id is stored, under any kind, or was purged (a tombstone remains).
    Result<bool> knowsRecord(std::string_view id);

    /// A consistent read: every listRecords through it sees the same committed state, whose
    /// change log ends at lastChange(). It holds the read connection (other reads wait) until it
    /// is destroyed; do not call the store's own read functions from the same thread meanwhile.
    class Snapshot {
    public:
        ~Snapshot();
        Snapshot(const Snapshot&) = delete;
        Snapshot& operator=(const Snapshot&) = delete;
        /// The last change of the log in this state (seq 0 when the log is empty), without
        /// its body.
        const ChangeRow& lastChange() const { return m_last; }
        /// All records of a kind in this state, ordered by id.
        Result<std::vector<StoredRecord>> listRecords(std::string_view kind);
        /// The place links in this state, and the version they are at (see placeLinksVersion).
        Result<std::vector<PlaceLink>> placeLinks();
        Result<std::int64_t> placeLinksVersion();

    private:
        friend class ServerStore;
        struct Held;
        explicit Snapshot(std::unique_ptr<Held> held, ChangeRow last);
        std::unique_ptr<Held> m_held;
        ChangeRow m_last;
    };
    Result<std::unique_ptr<Snapshot>> snapshot();

    /// Stores a link (server_store_place_links.cpp) and answers it with its id; fails with
    /// `already_linked` when its mention or observation has a link. The caller checks that
    /// the subject and the place exist.
    Result<PlaceLink> addPlaceLink(PlaceLink link);
    /// Removes link `id`; false when there is none.
    Result<bool> removePlaceLink(std::int64_t id);
    /// Every link, oldest first.
    Result<std::vector<PlaceLink>> placeLinks();
    /// A number that grows with every link added or removed (caches compare it).
    Result<std::int64_t> placeLinksVersion();

    /// Changes after `afterSeq` visible to `audience`, oldest first, at most `limit`. Only the
    /// latest change of each record is returned (older ones are superseded).
    Result<ChangePage> changesSince(std::int64_t afterSeq, std::size_t limit,
                                    const Audience& audience);

    // --- accounts -----------------------------------------------------------------------

    /// Creates an account; fails with `username_taken` when the name exists.
    Result<Account> createAccount(std::string_view username, std::string_view passwordHash,
                                  Role role, std::int64_t nowMs);
    Result<std::optional<Account>> findAccount(std::string_view username);
    Result<std::optional<Account>> findAccountById(std::int64_t id);
    Status setAccountDisabled(std::string_view username, bool disabled);
    Status setAccountPassword(std::string_view username, std::string_view passwordHash);
    Result<std::vector<Account>> listAccounts();
    /// Revokes every live token of account `accountId` but `keepTokenHash` (empty: all);
    /// answers how many were ended (server_store_accounts.cpp).
    Result<std::int64_t> endAccountSessions(std::int64_t accountId, std::int64_t nowMs,
                                            std::string_view keepTokenHash = {});
    /// Live (unrevoked, unexpired) tokens per account id.
    Result<std::map<std::int64_t, std::int64_t>> liveAccountSessions(std::int64_t nowMs);

    // --- devices ------------------------------------------------------------------------

    /// Creates a device; fails with `device_exists` when the id exists.
    Status createDevice(const Device& device);
    Result<std::optional<Device>> findDevice(std::string_view id);
    /// Devices ordered by enrolment time (residents are not listed unless `withResidents`).
    Result<std::vector<Device>> listDevices(bool withResidents = false);
    /// Marks the device revoked and revokes all its tokens, atomically. `not_found` if absent.
    Status revokeDevice(std::string_view id, std::int64_t nowMs);
    /// A device synced at `nowMs`; `pending` and `appVersion` replace its last report when
    /// either is given (server_store_devices.cpp). Written without an fsync of its own: it
    /// reaches the disk with the next durable commit.
    Status noteDeviceSync(std::string_view deviceId, std::int64_t nowMs,
                          const std::optional<std::int64_t>& pending,
                          const std::optional<std::string>& appVersion);
    /// Every device's status by device id.
    Result<std::map<std::string, DeviceStatus>> deviceStatuses();
    /// The writer's durability level as it stands (PRAGMA synchronous): every acknowledged
    /// push relies on it being the level the store was opened with.
    Result<Synchronous> writerSynchronous();

    // --- tokens -------------------------------------------------------------------------

    Status insertToken(const TokenRecord& token);
    /// The token with this hash, whatever its state (callers check expiry/revocation).
    Result<std::optional<TokenRecord>> findToken(std::string_view tokenHash);
    Status revokeToken(std::string_view tokenHash, std::int64_t nowMs);
    /// Responses stored so far with the resident token of this hash (0 when none).
    Result<std::int64_t> residentResponses(std::string_view tokenHash);
    /// Adds `stored` to the token's count (nothing when it is not positive).
    Status addResidentResponses(std::string_view tokenHash, std::int64_t stored);

    // --- enrolment codes ----------------------------------------------------------------

    Status createEnrolmentCode(const EnrolmentCode& code);
    /// Marks the code used, once: fails with `invalid_code` (unknown), `code_expired` or
    /// `code_used`. Atomic against concurrent consumers.
    Result<EnrolmentCode> consumeEnrolmentCode(std::string_view codeHash, std::int64_t nowMs);
    /// Consumes the code, creates `device` (with the code's role) and inserts `token` (with
    /// the code's role) in one transaction; nothing is written on failure.
    Result<EnrolmentCode> enrolWithCode(std::string_view codeHash, std::int64_t nowMs,
                                        Device device, TokenRecord token);

    // --- campaign public codes ----------------------------------------------------------

    /// Sets (or moves) a public code to a campaign; codes are compared case-insensitively.
    Status setCampaignCode(std::string_view code, std::string_view campaignId, std::int64_t nowMs);
    Status removeCampaignCode(std::string_view code);
    Result<std::optional<std::string>> findCampaignByCode(std::string_view code);

    // --- editable records (server_store_editable.cpp; docs/editable-records.md) ------------

    /// Reads the stored state of (kind, id), lets `merge` compute the new one and, unless it
    /// answers nullopt, writes it under the next rev with its clocks, conflict list and a
    /// change-log entry — all in one immediate transaction under the writer lock, so merges
    /// of the same record serialise. Fails with `kind_mismatch`, or with merge's own error.
    Result<EditableOutcome> mergeEditable(std::string_view kind, std::string_view id,
                                          const EditableMerge& merge, const Provenance& provenance);
    /// The current state of (kind, id) with its clocks, or nullopt.
    Result<std::optional<EditableState>> getEditable(std::string_view kind, std::string_view id);
    /// Version `rev` of (kind, id) as written with clocks, or nullopt (never stored with clocks).
    Result<std::optional<EditableState>> getEditableVersion(std::string_view kind,
                                                            std::string_view id, std::int64_t rev);
    /// Every current record of a kind with its clocks, ordered by id.
    Result<std::vector<EditableState>> listEditable(std::string_view kind);

    // --- retention (server_store_retention.cpp; docs/retention.md) ---------------------------

    /// Current records of `kind` whose body's campaign_id is `campaignId`, ordered by id.
    Result<std::vector<StoredRecord>> listRecordsOfCampaign(std::string_view kind,
                                                            std::string_view campaignId);
    /// Applies `purge` in ONE transaction: rewritten records get their new body and one new
    /// change-log entry in place of their old ones (so pulls deliver the new body); removed
    /// records leave the records table and the change log for a tombstone; the SHA-256 of
    /// every touched record's original body is kept, so a retried push of the original is
    /// still `duplicate`. Fails with `purge_changed` when a record moved on meanwhile. Then
    /// checkpoints and truncates the write-ahead log.
    Result<PurgeOutcome> purge(const Purge& purge);
    /// PRAGMA wal_checkpoint(TRUNCATE); false when readers kept it from completing.
    Result<bool> checkpoint();
    /// Stored responses per campaign id, and how many of them a purge emptied of free text
    /// (their body has free_text_removed_at).
    struct ResponseCounts {
        std::int64_t responses = 0;
        std::int64_t freeTextRemoved = 0;
    };
    Result<std::map<std::string, ResponseCounts>> responseCountsByCampaign();
    /// A campaign's stored responses counted per UTC hour of submission ("YYYY-MM-DDTHH")
    /// and channel, in that order (server_store_campaigns.cpp).
    struct HourlyCount {
        std::string hour;
        std::string channel;
        std::int64_t responses = 0;
    };
    Result<std::vector<HourlyCount>> responseCountsByHour(std::string_view campaignId);

    // --- audit log (server_store_audit.cpp) -------------------------------------------------

    /// Appends one entry durably; its seq and (when 0) its time are set by the store.
    Result<std::int64_t> appendAudit(AuditEntry entry);
    /// Entries matching `query`, newest first, at most query.limit (capped at 1000).
    Result<std::vector<AuditEntry>> listAudit(const AuditQuery& query);

    /// PRAGMA integrity_check on the writer connection ("ok" when healthy).
    Result<std::string> integrityCheck();
    const std::string& path() const;

private:
    struct Impl;
    explicit ServerStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace td::store
