#include "td/store/transaction.hpp"

#include <sqlite3.h>
#include <utility>

namespace td::store {

DbResult<Transaction> Transaction::begin(Database& db, TransactionMode mode) {
    const char* sql = mode == TransactionMode::Immediate   ? "BEGIN IMMEDIATE"
                      : mode == TransactionMode::Exclusive ? "BEGIN EXCLUSIVE"
                                                           : "BEGIN DEFERRED";
    if (auto s = db.exec(sql); !s)
        return s.error();
    return Transaction(db.handle());
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_db(other.m_db)
    , m_active(std::exchange(other.m_active, false)) {}

Transaction::~Transaction() {
    if (m_active)
        (void)rollback();
}

DbStatus Transaction::commit() {
    if (!m_active)
        return makeDbError("commit on a finished transaction", SQLITE_MISUSE);
    auto s = execOn(m_db, "COMMIT");
    if (s)
        m_active = false;
    return s;
}

DbStatus Transaction::rollback() {
    if (!m_active)
        return {};
    m_active = false;
    // SQLite may already have rolled back (e.g. after SQLITE_FULL); then there is nothing to do.
    if (sqlite3_get_autocommit(m_db) != 0)
        return {};
    return execOn(m_db, "ROLLBACK");
}

} // namespace td::store
