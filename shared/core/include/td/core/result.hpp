#pragma once
// Errors as values across the shared library's API: `Result<T>` holds either a T or an Error.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace td {

/// A failure: a stable snake_case `code` (mapped to HTTP statuses and UI messages by the
/// callers), an optional `path` into the input (`answers.q_trygg_kvall`) and a human message.
struct Error {
    std::string code;
    std::string message;
    std::string path;

    /// "path: message" or just "message" when there is no path.
    std::string describe() const;
    bool operator==(const Error&) const = default;
};

/// Builds an Error; `path` may be empty.
Error makeError(std::string code, std::string message, std::string path = {});

template <class T> class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const noexcept { return m_v.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(m_v); }
    const T& value() const& { assert(ok()); return std::get<0>(m_v); }
    T&& value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { assert(!ok()); return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

/// A Result carrying no value: success or an Error.
template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const noexcept { return !m_failed; }
    explicit operator bool() const noexcept { return ok(); }
    const Error& error() const { assert(m_failed); return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

} // namespace td
