// ServerStore: how many responses each resident token has stored (the per-token limit).

#include "server_store_impl.hpp"

namespace td::store {

std::string_view residentLimitsSchema() {
    return R"sql(
CREATE TABLE resident_responses (
    token_hash TEXT NOT NULL PRIMARY KEY,
    responses INTEGER NOT NULL
) WITHOUT ROWID;
)sql";
}

namespace {

const char* const kCount = "SELECT responses FROM resident_responses WHERE token_hash = ?1";
const char* const kAdd = "INSERT INTO resident_responses (token_hash, responses) VALUES (?1, ?2) "
                         "ON CONFLICT(token_hash) DO UPDATE SET responses = responses + ?2";

} // namespace

Result<std::int64_t> ServerStore::residentResponses(std::string_view tokenHash) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kCount);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(s.bindText(1, tokenHash));
    auto row = s.step();
    if (!row)
        return toStoreError(row.error());
    const std::int64_t count = *row ? s.columnInt64(0) : 0;
    s.reset();
    return count;
}

Status ServerStore::addResidentResponses(std::string_view tokenHash, std::int64_t stored) {
    if (stored <= 0)
        return {};
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kAdd);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    DbStatus st;
    (st = s.bindText(1, tokenHash)) && (st = s.bindInt64(2, stored)) && (st = s.run());
    TD_STORE_TRY(st);
    return {};
}

} // namespace td::store
