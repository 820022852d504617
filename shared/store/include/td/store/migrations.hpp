#pragma once
// Forward-only schema migrations tracked with PRAGMA user_version. Step i (1-based) moves a
// database from version i-1 to version i inside its own transaction.

#include "td/store/database.hpp"

#include <functional>
#include <span>
#include <string>

namespace td::store {

struct Migration {
    int version = 0; ///< the version this step produces; steps are numbered 1, 2, 3, …
    std::string sql; ///< parameterless statements run first (may be empty)
    std::function<DbStatus(Database&)> apply; ///< optional data step run after `sql`
};

/// Brings `db` to the last step's version, one transaction per step, and returns the version
/// the database had before. Fails without changes when the steps are not numbered 1..N or
/// the database is newer than N; a failing step leaves the database at the previous version.
DbResult<int> migrate(Database& db, std::span<const Migration> steps);

} // namespace td::store
