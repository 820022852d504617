// ServerStore: accounts, devices, tokens, enrolment codes and campaign public codes.

#include "server_store_impl.hpp"

#include <cctype>
#include <sqlite3.h>

namespace td::store {

namespace {

const char* const kInsertAccount = "INSERT INTO accounts (username, password_hash, role, "
                                   "created_at, disabled) VALUES (?1, ?2, ?3, ?4, 0)";
const char* const kFindAccount = "SELECT id, username, password_hash, role, created_at, disabled "
                                 "FROM accounts WHERE username = ?1";
const char* const kFindAccountById = "SELECT id, username, password_hash, role, created_at, "
                                     "disabled FROM accounts WHERE id = ?1";
const char* const kListAccounts = "SELECT id, username, password_hash, role, created_at, disabled "
                                  "FROM accounts ORDER BY username";
const char* const kSetDisabled = "UPDATE accounts SET disabled = ?2 WHERE username = ?1";
const char* const kSetPassword = "UPDATE accounts SET password_hash = ?2 WHERE username = ?1";

const char* const kInsertDevice = "INSERT INTO devices (id, role, campaign_id, label, "
                                  "enrolled_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const char* const kFindDevice = "SELECT id, role, campaign_id, label, enrolled_at, revoked_at "
                                "FROM devices WHERE id = ?1";
const char* const kListDevices = "SELECT id, role, campaign_id, label, enrolled_at, revoked_at "
                                 "FROM devices WHERE ?1 OR role != 'resident' "
                                 "ORDER BY enrolled_at, id";
const char* const kRevokeDevice =
    "UPDATE devices SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1";
const char* const kRevokeDeviceTokens =
    "UPDATE tokens SET revoked_at = ?2 "
    "WHERE subject_kind = 'device' AND subject_id = ?1 AND revoked_at IS NULL";

const char* const kInsertToken =
    "INSERT INTO tokens (token_hash, subject_kind, subject_id, role, campaign_id, created_at, "
    "expires_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const char* const kFindToken =
    "SELECT token_hash, subject_kind, subject_id, role, campaign_id, created_at, expires_at, "
    "revoked_at FROM tokens WHERE token_hash = ?1";
const char* const kRevokeToken =
    "UPDATE tokens SET revoked_at = coalesce(revoked_at, ?2) WHERE token_hash = ?1";

const char* const kInsertCode = "INSERT INTO enrolment_codes (code_hash, role, created_at, "
                                "expires_at, used_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const char* const kFindCode = "SELECT code_hash, role, created_at, expires_at, used_at, "
                              "created_by FROM enrolment_codes WHERE code_hash = ?1";
const char* const kUseCode = "UPDATE enrolment_codes SET used_at = ?2 WHERE code_hash = ?1";

const char* const kSetCampaignCode =
    "INSERT INTO campaign_codes (code, campaign_id, created_at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT(code) DO UPDATE SET campaign_id = excluded.campaign_id";
const char* const kRemoveCampaignCode = "DELETE FROM campaign_codes WHERE code = ?1";
const char* const kFindCampaignCode = "SELECT campaign_id FROM campaign_codes WHERE code = ?1";

bool isUniqueViolation(const DbError& error) {
    return error.extendedCode == SQLITE_CONSTRAINT_UNIQUE ||
           error.extendedCode == SQLITE_CONSTRAINT_PRIMARYKEY;
}

std::string normaliseCode(std::string_view code) {
    std::string out(code);
    for (char& c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

Role roleColumn(const Statement& stmt, int column) {
    auto role = parseRole(stmt.columnText(column));
    return role ? *role : Role::Resident; // the schema only ever holds valid names
}

Account readAccount(const Statement& s) {
    return Account{s.columnInt64(0), s.columnText(1),  s.columnText(2),
                   roleColumn(s, 3), s.columnInt64(4), s.columnInt64(5) != 0};
}

Device readDevice(const Statement& s) {
    return Device{s.columnText(0), roleColumn(s, 1), optionalText(s, 2),
                  s.columnText(3), s.columnInt64(4), optionalInt(s, 5)};
}

TokenRecord readToken(const Statement& s) {
    TokenRecord t;
    t.tokenHash = s.columnText(0);
    t.subjectKind =
        s.columnText(1) == "account" ? TokenRecord::Subject::Account : TokenRecord::Subject::Device;
    t.subjectId = s.columnText(2);
    t.role = roleColumn(s, 3);
    t.campaignId = optionalText(s, 4);
    t.createdAtMs = s.columnInt64(5);
    t.expiresAtMs = s.columnInt64(6);
    t.revokedAtMs = optionalInt(s, 7);
    return t;
}

EnrolmentCode readCode(const Statement& s) {
    return EnrolmentCode{s.columnText(0),  roleColumn(s, 1),  s.columnInt64(2),
                         s.columnInt64(3), optionalInt(s, 4), s.columnText(5)};
}

/// Runs `sql` with `bind` and reads at most one row with `read`, under the connection's lock.
template <class T, class Bind, class Read>
Result<std::optional<T>> queryOne(Connection& conn, const char* sql, Bind bind, Read read) {
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(sql);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(bind(s));
    auto row = s.step();
    if (!row)
        return toStoreError(row.error());
    std::optional<T> out;
    if (*row)
        out = read(s);
    s.reset();
    return out;
}

template <class T, class Bind, class Read>
Result<std::vector<T>> queryAll(Connection& conn, const char* sql, Bind bind, Read read) {
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(sql);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(bind(s));
    std::vector<T> out;
    for (;;) {
        auto row = s.step();
        if (!row)
            return toStoreError(row.error());
        if (!*row)
            break;
        out.push_back(read(s));
    }
    return out;
}

/// Runs one statement; returns the number of changed rows.
template <class Bind> DbResult<int> execute(Connection& conn, const char* sql, Bind bind) {
    auto stmt = conn.statement(sql);
    if (!stmt)
        return stmt.error();
    Statement& s = **stmt;
    if (auto b = bind(s); !b)
        return b.error();
    if (auto r = s.run(); !r)
        return r.error();
    return conn.db().changes();
}

/// Runs one UPDATE/DELETE on the writer under its lock; no changed row is `not_found`.
template <class Bind>
Status updateExisting(Connection& conn, const char* sql, Bind bind, const std::string& notFound) {
    std::lock_guard lock(conn.mutex());
    auto changed = execute(conn, sql, bind);
    if (!changed)
        return toStoreError(changed.error());
    if (*changed == 0)
        return makeError("not_found", notFound);
    return {};
}

DbStatus bindDevice(Statement& s, const Device& d) {
    DbStatus st;
    (st = s.bindText(1, d.id)) && (st = s.bindText(2, toString(d.role))) &&
        (st = bindOptional(s, 3, d.campaignId)) && (st = s.bindText(4, d.label)) &&
        (st = s.bindInt64(5, d.enrolledAtMs)) && (st = bindOptional(s, 6, d.revokedAtMs));
    return st;
}

DbStatus bindToken(Statement& s, const TokenRecord& t) {
    DbStatus st;
    (st = s.bindText(1, t.tokenHash)) &&
        (st = s.bindText(2,
                         t.subjectKind == TokenRecord::Subject::Account ? "account" : "device")) &&
        (st = s.bindText(3, t.subjectId)) && (st = s.bindText(4, toString(t.role))) &&
        (st = bindOptional(s, 5, t.campaignId)) && (st = s.bindInt64(6, t.createdAtMs)) &&
        (st = s.bindInt64(7, t.expiresAtMs)) && (st = bindOptional(s, 8, t.revokedAtMs));
    return st;
}

Error insertError(const DbError& error, const char* duplicateCode, const std::string& what) {
    if (isUniqueViolation(error))
        return makeError(duplicateCode, what + " already exists");
    return toStoreError(error);
}

/// Loads the code and marks it used, or fails; call inside a write transaction.
Result<EnrolmentCode> useCode(Connection& conn, std::string_view codeHash, std::int64_t nowMs) {
    auto stmt = conn.statement(kFindCode);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(s.bindText(1, codeHash));
    auto row = s.step();
    if (!row)
        return toStoreError(row.error());
    if (!*row)
        return makeError("invalid_code", "no such enrolment code");
    EnrolmentCode code = readCode(s);
    s.reset();
    if (code.usedAtMs)
        return makeError("code_used", "the enrolment code has already been used");
    if (code.expiresAtMs <= nowMs)
        return makeError("code_expired", "the enrolment code has expired");
    auto changed = execute(conn, kUseCode, [&](Statement& u) {
        DbStatus st;
        (st = u.bindText(1, codeHash)) && (st = u.bindInt64(2, nowMs));
        return st;
    });
    if (!changed)
        return toStoreError(changed.error());
    code.usedAtMs = nowMs;
    return code;
}

} // namespace

// --- accounts ---------------------------------------------------------------------------------

Result<Account> ServerStore::createAccount(std::string_view username, std::string_view passwordHash,
                                           Role role, std::int64_t nowMs) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto changed = execute(conn, kInsertAccount, [&](Statement& s) {
        DbStatus st;
        (st = s.bindText(1, username)) && (st = s.bindText(2, passwordHash)) &&
            (st = s.bindText(3, toString(role))) && (st = s.bindInt64(4, nowMs));
        return st;
    });
    if (!changed)
        return insertError(changed.error(), "username_taken",
                           "account \"" + std::string(username) + "\"");
    return Account{conn.db().lastInsertRowId(),
                   std::string(username),
                   std::string(passwordHash),
                   role,
                   nowMs,
                   false};
}

Result<std::optional<Account>> ServerStore::findAccount(std::string_view username) {
    return queryOne<Account>(
        m_impl->readConnection(), kFindAccount,
        [&](Statement& s) { return s.bindText(1, username); }, readAccount);
}

Result<std::optional<Account>> ServerStore::findAccountById(std::int64_t id) {
    return queryOne<Account>(
        m_impl->readConnection(), kFindAccountById,
        [&](Statement& s) { return s.bindInt64(1, id); }, readAccount);
}

Result<std::vector<Account>> ServerStore::listAccounts() {
    return queryAll<Account>(
        m_impl->readConnection(), kListAccounts, [](Statement&) { return DbStatus(); },
        readAccount);
}

Status ServerStore::setAccountDisabled(std::string_view username, bool disabled) {
    return updateExisting(
        *m_impl->writer, kSetDisabled,
        [&](Statement& s) {
            DbStatus st;
            (st = s.bindText(1, username)) && (st = s.bindInt64(2, disabled ? 1 : 0));
            return st;
        },
        "no account \"" + std::string(username) + "\"");
}

Status ServerStore::setAccountPassword(std::string_view username, std::string_view passwordHash) {
    return updateExisting(
        *m_impl->writer, kSetPassword,
        [&](Statement& s) {
            DbStatus st;
            (st = s.bindText(1, username)) && (st = s.bindText(2, passwordHash));
            return st;
        },
        "no account \"" + std::string(username) + "\"");
}

// --- devices ----------------------------------------------------------------------------------

Status ServerStore::createDevice(const Device& device) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto changed =
        execute(conn, kInsertDevice, [&](Statement& s) { return bindDevice(s, device); });
    if (!changed)
        return insertError(changed.error(), "device_exists", "device " + device.id);
    return {};
}

Result<std::optional<Device>> ServerStore::findDevice(std::string_view id) {
    return queryOne<Device>(
        m_impl->readConnection(), kFindDevice, [&](Statement& s) { return s.bindText(1, id); },
        readDevice);
}

Result<std::vector<Device>> ServerStore::listDevices(bool withResidents) {
    return queryAll<Device>(
        m_impl->readConnection(), kListDevices,
        [&](Statement& s) { return s.bindInt64(1, withResidents ? 1 : 0); }, readDevice);
}

Status ServerStore::revokeDevice(std::string_view id, std::int64_t nowMs) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto tx = Transaction::begin(conn.db(), TransactionMode::Immediate);
    if (!tx)
        return toStoreError(tx.error());
    auto bind = [&](Statement& s) {
        DbStatus st;
        (st = s.bindText(1, id)) && (st = s.bindInt64(2, nowMs));
        return st;
    };
    auto changed = execute(conn, kRevokeDevice, bind);
    if (!changed)
        return toStoreError(changed.error());
    if (*changed == 0)
        return makeError("not_found", "no device " + std::string(id));
    auto tokens = execute(conn, kRevokeDeviceTokens, bind);
    if (!tokens)
        return toStoreError(tokens.error());
    TD_STORE_TRY(tx->commit());
    return {};
}

// --- tokens -----------------------------------------------------------------------------------

Status ServerStore::insertToken(const TokenRecord& token) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto changed = execute(conn, kInsertToken, [&](Statement& s) { return bindToken(s, token); });
    if (!changed)
        return insertError(changed.error(), "token_exists", "token");
    return {};
}

Result<std::optional<TokenRecord>> ServerStore::findToken(std::string_view tokenHash) {
    return queryOne<TokenRecord>(
        m_impl->readConnection(), kFindToken,
        [&](Statement& s) { return s.bindText(1, tokenHash); }, readToken);
}

Status ServerStore::revokeToken(std::string_view tokenHash, std::int64_t nowMs) {
    return updateExisting(
        *m_impl->writer, kRevokeToken,
        [&](Statement& s) {
            DbStatus st;
            (st = s.bindText(1, tokenHash)) && (st = s.bindInt64(2, nowMs));
            return st;
        },
        "no such token");
}

// --- enrolment codes --------------------------------------------------------------------------

Status ServerStore::createEnrolmentCode(const EnrolmentCode& code) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto changed = execute(conn, kInsertCode, [&](Statement& s) {
        DbStatus st;
        (st = s.bindText(1, code.codeHash)) && (st = s.bindText(2, toString(code.role))) &&
            (st = s.bindInt64(3, code.createdAtMs)) && (st = s.bindInt64(4, code.expiresAtMs)) &&
            (st = bindOptional(s, 5, code.usedAtMs)) && (st = s.bindText(6, code.createdBy));
        return st;
    });
    if (!changed)
        return insertError(changed.error(), "code_exists", "enrolment code");
    return {};
}

Result<EnrolmentCode> ServerStore::consumeEnrolmentCode(std::string_view codeHash,
                                                        std::int64_t nowMs) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto tx = Transaction::begin(conn.db(), TransactionMode::Immediate);
    if (!tx)
        return toStoreError(tx.error());
    auto code = useCode(conn, codeHash, nowMs);
    if (!code)
        return code.error();
    TD_STORE_TRY(tx->commit());
    return code;
}

Result<EnrolmentCode> ServerStore::enrolWithCode(std::string_view codeHash, std::int64_t nowMs,
                                                 Device device, TokenRecord token) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto tx = Transaction::begin(conn.db(), TransactionMode::Immediate);
    if (!tx)
        return toStoreError(tx.error());
    auto code = useCode(conn, codeHash, nowMs);
    if (!code)
        return code.error();
    device.role = code->role;
    token.role = code->role;
    auto inserted =
        execute(conn, kInsertDevice, [&](Statement& s) { return bindDevice(s, device); });
    if (!inserted)
        return insertError(inserted.error(), "device_exists", "device " + device.id);
    inserted = execute(conn, kInsertToken, [&](Statement& s) { return bindToken(s, token); });
    if (!inserted)
        return insertError(inserted.error(), "token_exists", "token");
    TD_STORE_TRY(tx->commit());
    return code;
}

// --- campaign public codes --------------------------------------------------------------------

Status ServerStore::setCampaignCode(std::string_view code, std::string_view campaignId,
                                    std::int64_t nowMs) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    const std::string normalised = normaliseCode(code);
    auto changed = execute(conn, kSetCampaignCode, [&](Statement& s) {
        DbStatus st;
        (st = s.bindText(1, normalised)) && (st = s.bindText(2, campaignId)) &&
            (st = s.bindInt64(3, nowMs));
        return st;
    });
    if (!changed)
        return toStoreError(changed.error());
    return {};
}

Status ServerStore::removeCampaignCode(std::string_view code) {
    const std::string normalised = normaliseCode(code);
    return updateExisting(
        *m_impl->writer, kRemoveCampaignCode,
        [&](Statement& s) { return s.bindText(1, normalised); }, "no such campaign code");
}

Result<std::optional<std::string>> ServerStore::findCampaignByCode(std::string_view code) {
    const std::string normalised = normaliseCode(code);
    return queryOne<std::string>(
        m_impl->readConnection(), kFindCampaignCode,
        [&](Statement& s) { return s.bindText(1, normalised); },
        [](const Statement& s) { return s.columnText(0); });
}

} // namespace td::store
