#pragma once
// Catch2 helpers for td::Result and td::Status in the store tests: the value, or the test
// fails with the error's description.

#include "td/core/result.hpp"

#include <catch2/catch.hpp>
#include <utility>

namespace td::test {

template <class T> T unwrap(td::Result<T> r) {
    if (!r)
        FAIL(r.error().describe());
    return std::move(r).value();
}

inline void require(const td::Status& s) {
    if (!s)
        FAIL(s.error().describe());
}

} // namespace td::test
