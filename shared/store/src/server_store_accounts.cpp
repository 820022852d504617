// ServerStore: an account's sessions (its bearer tokens) — how many are live, and ending them.

#include "server_store_impl.hpp"

namespace td::store {

namespace {

const char* const kRevokeAccountTokens =
    "UPDATE tokens SET revoked_at = ?2 WHERE subject_kind = 'account' AND subject_id = ?1 "
    "AND revoked_at IS NULL AND expires_at > ?2 AND token_hash != ?3";
const char* const kLiveSessions =
    "SELECT subject_id, count(*) FROM tokens WHERE subject_kind = 'account' "
    "AND revoked_at IS NULL AND expires_at > ?1 GROUP BY subject_id";

} // namespace

Result<std::int64_t> ServerStore::endAccountSessions(std::int64_t accountId, std::int64_t nowMs,
                                                     std::string_view keepTokenHash) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kRevokeAccountTokens);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    DbStatus st;
    (st = s.bindText(1, std::to_string(accountId))) && (st = s.bindInt64(2, nowMs)) &&
        (st = s.bindText(3, keepTokenHash)) && (st = s.run());
    TD_STORE_TRY(st);
    return static_cast<std::int64_t>(conn.db().changes());
}

Result<std::map<std::int64_t, std::int64_t>> ServerStore::liveAccountSessions(std::int64_t nowMs) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kLiveSessions);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(s.bindInt64(1, nowMs));
    std::map<std::int64_t, std::int64_t> out;
    for (;;) {
        auto row = s.step();
        if (!row)
            return toStoreError(row.error());
        if (!*row)
            break;
        out[std::stoll(s.columnText(0))] = s.columnInt64(1);
    }
    s.reset();
    return out;
}

} // namespace td::store
