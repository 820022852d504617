#pragma once
// One SQLite connection, opened with the project's pragmas (WAL, synchronous, busy timeout,
// foreign keys). Move-only; closes on destruction.

#include "td/store/db_error.hpp"
#include "td/store/statement.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;

namespace td::store {

enum class Synchronous { Off, Normal, Full, Extra };
/// The PRAGMA synchronous value of `s` ("OFF", "NORMAL", "FULL", "EXTRA").
const char* synchronousName(Synchronous s);

struct OpenOptions {
    bool create = true; ///< create the file when missing
    bool readOnly = false;
    bool wal = true; ///< journal_mode=WAL (ignored for ":memory:")
    Synchronous synchronous = Synchronous::Full;
    std::chrono::milliseconds busyTimeout{5000};
    bool foreignKeys = true;
    /// PRAGMA secure_delete: deleted and overwritten content is zeroed in the file, so purged
    /// text does not linger in free pages or in a page's free space.
    bool secureDelete = true;
};

class Database {
public:
    /// Opens (or creates) the database at `path`; ":memory:" gives a private in-memory database.
    static DbResult<Database> open(const std::string& path, const OpenOptions& options = {});

    Database(Database&&) noexcept = default;
    Database& operator=(Database&&) noexcept = default;
    ~Database() = default;

    DbResult<Statement> prepare(std::string_view sql);
    /// PRAGMA wal_checkpoint(TRUNCATE): copies the write-ahead log into the database and
    /// truncates it to zero bytes. False when readers kept it from completing (busy).
    DbResult<bool> checkpointTruncate();
    /// Runs one or more parameterless statements (DDL, pragmas); result rows are discarded.
    DbStatus exec(std::string_view sql);

    std::int64_t lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;

    DbResult<int> userVersion();
    DbStatus setUserVersion(int version);
    /// "ok" for a healthy database, otherwise SQLite's list of problems.
    DbResult<std::string> integrityCheck();

    /// Copies this whole database into `target` with SQLite's online backup API,
    /// `pagesPerStep` pages a step, all steps inside one read transaction on this connection:
    /// the copy is the snapshot at its start and, in WAL mode, writers carry on meanwhile.
    /// Returns the number of pages copied.
    DbResult<int> backupInto(Database& target, int pagesPerStep = 1024);

    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db.get(); }

private:
    struct Closer {
        void operator()(sqlite3* db) const;
    };
    Database(std::unique_ptr<sqlite3, Closer> db, std::string path)
        : m_db(std::move(db))
        , m_path(std::move(path)) {}

    std::unique_ptr<sqlite3, Closer> m_db;
    std::string m_path;
};

/// The DbError describing the last failure on `db` with result code `rc`.
DbError lastError(sqlite3* db, int rc);
/// Runs parameterless statements on a raw connection (what Database::exec does).
DbStatus execOn(sqlite3* db, std::string_view sql);

} // namespace td::store
