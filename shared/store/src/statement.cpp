#include "td/store/statement.hpp"

#include "td/store/database.hpp"

#include <sqlite3.h>
#include <utility>

namespace td::store {

Statement::Statement(Statement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

DbStatus Statement::check(int rc) const {
    if (rc == SQLITE_OK)
        return {};
    return lastError(m_db, rc);
}

DbResult<int> Statement::indexOf(std::string_view name) const {
    const int index = sqlite3_bind_parameter_index(m_stmt, std::string(name).c_str());
    if (index == 0)
        return makeDbError("no parameter named " + std::string(name) + " in: " + sql(),
                           SQLITE_RANGE);
    return index;
}

DbStatus Statement::bindInt64(int index, std::int64_t value) {
    return check(sqlite3_bind_int64(m_stmt, index, value));
}

DbStatus Statement::bindDouble(int index, double value) {
    return check(sqlite3_bind_double(m_stmt, index, value));
}

DbStatus Statement::bindText(int index, std::string_view value) {
    // An empty view may have a null data pointer, which SQLite would bind as NULL.
    const char* data = value.data() ? value.data() : "";
    return check(
        sqlite3_bind_text64(m_stmt, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

DbStatus Statement::bindBlob(int index, std::string_view bytes) {
    // A zero-length blob must still be a blob, not NULL: give SQLite a valid pointer.
    const char* data = bytes.data() ? bytes.data() : "";
    return check(sqlite3_bind_blob64(m_stmt, index, data, bytes.size(), SQLITE_TRANSIENT));
}

DbStatus Statement::bindNull(int index) {
    return check(sqlite3_bind_null(m_stmt, index));
}

#define TD_BIND_BY_NAME(call)                                                                      \
    auto index = indexOf(name);                                                                    \
    if (!index)                                                                                    \
        return index.error();                                                                      \
    return call;

DbStatus Statement::bindInt64(std::string_view name, std::int64_t value){
    TD_BIND_BY_NAME(bindInt64(*index, value))} DbStatus Statement::bindDouble(std::string_view name,
                                                                              double value){
    TD_BIND_BY_NAME(bindDouble(*index,
                               value))} DbStatus Statement::bindText(std::string_view name,
                                                                     std::string_view value){
    TD_BIND_BY_NAME(bindText(*index, value))} DbStatus Statement::bindBlob(std::string_view name,
                                                                           std::string_view bytes){
    TD_BIND_BY_NAME(bindBlob(*index, bytes))} DbStatus Statement::bindNull(std::string_view name){
    TD_BIND_BY_NAME(bindNull(*index))}

#undef TD_BIND_BY_NAME

DbResult<bool> Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    DbError error = lastError(m_db, rc);
    sqlite3_reset(m_stmt);
    return error;
}

DbStatus Statement::run() {
    for (;;) {
        auto row = step();
        if (!row)
            return row.error();
        if (!*row)
            break;
    }
    reset();
    return {};
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
}
void Statement::clearBindings() {
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const {
    return sqlite3_column_count(m_stmt);
}

std::string Statement::columnName(int column) const {
    const char* name = sqlite3_column_name(m_stmt, column);
    return name ? name : "";
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::columnInt64(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::columnDouble(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::columnText(int column) const {
    const auto* text = sqlite3_column_text(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size))
                : std::string();
}

std::string Statement::columnBlob(int column) const {
    const void* data = sqlite3_column_blob(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return data ? std::string(static_cast<const char*>(data), static_cast<size_t>(size))
                : std::string();
}

int Statement::changes() const {
    return sqlite3_changes(m_db);
}

std::string Statement::sql() const {
    const char* text = sqlite3_sql(m_stmt);
    return text ? text : "";
}

} // namespace td::store
