#pragma once
// SQLite failures as values: DbError keeps SQLite's primary and extended result codes, and
// DbResult<T> holds either a T or a DbError. Both convert to td::Error / td::Result.

#include "td/core/result.hpp"

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace td::store {

struct DbError {
    int code = 0;         ///< primary result code, e.g. SQLITE_CONSTRAINT
    int extendedCode = 0; ///< extended result code, e.g. SQLITE_CONSTRAINT_PRIMARYKEY
    std::string message;

    /// A td::Error with code "storage_error" whose message names both SQLite codes.
    Error toError() const;
    operator Error() const { return toError(); }
    bool operator==(const DbError&) const = default;
};

/// A DbError for a failure detected by this library rather than by SQLite (uses SQLITE_ERROR,
/// or `code` when given).
DbError makeDbError(std::string message, int code = 1);

template <class T> class [[nodiscard]] DbResult {
public:
    DbResult(T value)
        : m_v(std::in_place_index<0>, std::move(value)) {}
    DbResult(DbError error)
        : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(m_v);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(m_v);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(m_v));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const DbError& error() const {
        assert(!ok());
        return std::get<1>(m_v);
    }

    /// The same outcome as a td::Result (errors become "storage_error").
    Result<T> toResult() && {
        if (ok())
            return Result<T>(std::get<0>(std::move(m_v)));
        return Result<T>(error().toError());
    }

private:
    std::variant<T, DbError> m_v;
};

template <> class [[nodiscard]] DbResult<void> {
public:
    DbResult() = default;
    DbResult(DbError error)
        : m_error(std::move(error))
        , m_failed(true) {}

    bool ok() const noexcept { return !m_failed; }
    explicit operator bool() const noexcept { return ok(); }
    const DbError& error() const {
        assert(m_failed);
        return m_error;
    }
    Status toResult() const {
        if (m_failed)
            return Status(m_error.toError());
        return Status();
    }

private:
    DbError m_error;
    bool m_failed = false;
};

using DbStatus = DbResult<void>;

} // namespace td::store
