#pragma once
// RAII transaction: commit() makes it durable; otherwise the destructor rolls it back
// (never throws).

#include "td/store/database.hpp"

namespace td::store {

enum class TransactionMode { Deferred, Immediate, Exclusive };

class Transaction {
public:
    /// BEGIN in the given mode; Immediate takes the write lock now (waiting up to the busy
    /// timeout) so that later writes in the transaction cannot fail with SQLITE_BUSY.
    static DbResult<Transaction> begin(Database& db,
                                       TransactionMode mode = TransactionMode::Deferred);

    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    /// COMMIT; after a failed commit the transaction is rolled back by the destructor.
    DbStatus commit();
    /// Explicit ROLLBACK; a no-op when already finished.
    DbStatus rollback();
    bool active() const { return m_active; }

private:
    explicit Transaction(sqlite3* db)
        : m_db(db)
        , m_active(true) {}

    sqlite3* m_db = nullptr; // the connection, which stays put when a Database is moved
    bool m_active = false;
};

} // namespace td::store
