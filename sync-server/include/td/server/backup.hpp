#pragma once
// `admin backup` and `admin restore`: consistent copies of the live database taken while the
// server runs, and putting one back. Neither loses data on failure: a backup only renames a
// complete, checked copy into place; a restore keeps the database it replaces.

#include "td/core/result.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace td::server {

/// An advisory lock (flock) on the database file. The server and the admin commands hold it
/// shared while they have the database open; restore holds it exclusive while it swaps files.
class DatabaseLock {
public:
    /// Fails with `database_in_use` (exclusive) or `restore_in_progress` (shared) when a
    /// conflicting lock is held; never waits. ":memory:" takes no lock. Creates a missing file
    /// only when `create`.
    static Result<DatabaseLock> acquire(const std::string& dbPath, bool exclusive, bool create);

    DatabaseLock(DatabaseLock&& other) noexcept;
    DatabaseLock& operator=(DatabaseLock&&) = delete;
    ~DatabaseLock();

private:
    explicit DatabaseLock(int fd)
        : m_fd(fd) {}
    int m_fd = -1;
};

struct BackupReport {
    std::string file;
    std::uint64_t bytes = 0;
    int pages = 0;
    int schemaVersion = 0;
    std::chrono::milliseconds took{0};      ///< in all
    std::chrono::milliseconds checkTook{0}; ///< of which PRAGMA integrity_check on the copy
    std::vector<std::string> removed; ///< older dated copies pruned by backupIntoDirectory
};

/// Copies the database at `dbPath` to `target`: SQLite's online backup in one read transaction
/// (writers carry on), written to a temporary file beside `target`, fsynced, checked with
/// PRAGMA integrity_check and renamed into place. Errors: `database_missing`,
/// `not_a_database`, `backup_target_is_database`, `backup_dir_missing`,
/// `backup_dir_not_writable`, `backup_check_failed`, or the storage error; on any of them
/// nothing is left under `target` or beside it.
Result<BackupReport> backupDatabase(const std::string& dbPath, const std::string& target);

/// backupDatabase() to `dir`/trygghetsdialog-YYYYMMDDTHHMMSSZ.sqlite (UTC `now`), then removes
/// the oldest such copies so that `keep` (1..1000) remain.
Result<BackupReport> backupIntoDirectory(const std::string& dbPath, const std::string& dir,
                                         std::uint32_t keep,
                                         std::chrono::system_clock::time_point now);

struct RestoreReport {
    std::string database;
    std::string from;
    std::string keptAside; ///< where the replaced database went ("" when there was none)
    int schemaVersion = 0; ///< the restored database's schema after migration
};

/// Replaces the database at `dbPath` with the copy `from`: refuses while any server or admin
/// command holds the database (`database_in_use`); checks the copy (`backup_missing`,
/// `backup_corrupt`, `not_a_backup`, `backup_schema_unsupported`) before touching the live
/// file; migrates a copy from an older version; moves the replaced database (with its WAL) to
/// `dbPath`.replaced-YYYYMMDDTHHMMSSZ.
Result<RestoreReport> restoreDatabase(const std::string& dbPath, const std::string& from,
                                      std::chrono::system_clock::time_point now);

/// The file names backupIntoDirectory() writes and prunes, oldest first.
std::vector<std::string> datedBackups(const std::string& dir);

} // namespace td::server
