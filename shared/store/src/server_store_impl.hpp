#pragma once
// Private to the ServerStore sources: the connections, their locks and cached statements.

#include "td/store/records_table.hpp"
#include "td/store/server_store.hpp"
#include "td/store/transaction.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace td::store {

/// A connection with its own lock and a cache of prepared statements keyed by SQL text.
class Connection {
public:
    explicit Connection(Database db)
        : m_db(std::move(db)) {}

    Database& db() { return m_db; }
    /// The shared records-table statements on this connection (set once the schema exists).
    std::optional<RecordsTable> records;
    std::mutex& mutex() { return m_mutex; }
    /// The cached statement for `sql`, reset and with bindings cleared. Call under mutex().
    DbResult<Statement*> statement(const char* sql);

private:
    Database m_db;
    std::mutex m_mutex;
    std::map<const char*, Statement> m_cache; // keyed by the address of a string literal
};

struct ServerStore::Impl {
    std::unique_ptr<Connection> writer;
    std::unique_ptr<Connection> reader; // null for ":memory:", where the writer also reads

    Connection& readConnection() { return reader ? *reader : *writer; }
};

// Conversions shared by the two source files.
Error toStoreError(const DbError& error);
std::optional<std::string> optionalText(const Statement& stmt, int column);
std::optional<std::int64_t> optionalInt(const Statement& stmt, int column);
DbStatus bindOptional(Statement& stmt, int index, const std::optional<std::string>& value);
DbStatus bindOptional(Statement& stmt, int index, const std::optional<std::int64_t>& value);
/// DDL of the editable-record state table (server_store_editable.cpp), migration step 2.
std::string_view editableStateSchema();

} // namespace td::store

/// Returns the td::Error of a failed DbResult/DbStatus from the enclosing function.
#define TD_STORE_TRY(expr)                                                                         \
    do {                                                                                           \
        if (auto td_status_ = (expr); !td_status_)                                                 \
            return ::td::store::toStoreError(td_status_.error());                                  \
    } while (0)
