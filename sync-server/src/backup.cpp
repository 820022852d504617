#include "td/server/backup.hpp"

#include "td/store/database.hpp"
#include "td/store/server_store.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <unistd.h>

namespace td::server {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kDatedPrefix = "trygghetsdialog-";
constexpr std::string_view kDatedSuffix = ".sqlite";

std::string stamp(std::chrono::system_clock::time_point now) {
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &utc);
    return buf;
}

Error systemError(std::string code, const std::string& what) {
    return makeError(std::move(code), what + ": " + std::strerror(errno));
}

Status fsyncPath(const std::string& path, bool directory) {
    const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return systemError("storage_error", "cannot open " + path + " to sync it");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return systemError("storage_error", "fsync " + path);
    return {};
}

// The temporary file of a copy in progress, removed (with any journal) unless released.
class TempCopy {
public:
    explicit TempCopy(std::string path)
        : m_path(std::move(path)) {}
    ~TempCopy() {
        if (m_path.empty())
            return;
        std::error_code ec;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            fs::remove(m_path + suffix, ec);
    }
    TempCopy(const TempCopy&) = delete;
    TempCopy& operator=(const TempCopy&) = delete;
    const std::string& path() const { return m_path; }
    void release() { m_path.clear(); }

private:
    std::string m_path;
};

// Creates an empty, uniquely named file `base`.PURPOSE-XXXXXX beside `base`.
Result<std::string> createTempBeside(const std::string& base, const char* purpose) {
    std::string tmpl = base + "." + purpose + "-XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        const bool denied = errno == EACCES || errno == EPERM || errno == EROFS;
        const std::string dir = fs::path(base).parent_path().string();
        return systemError(denied ? "backup_dir_not_writable" : "storage_error",
                           "cannot create a file in " + (dir.empty() ? "." : dir));
    }
    ::close(fd);
    return tmpl;
}

bool samePath(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec))
        return fs::equivalent(a, b, ec);
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

// Options for opening a file that must exist, in its own journal mode.
store::OpenOptions existingFile(bool readOnly) {
    store::OpenOptions options;
    options.create = false;
    options.readOnly = readOnly;
    options.wal = false;
    return options;
}

// Copies `source` into the new file `tempPath` (rollback journal mode, one self-contained file)
// and fsyncs it; returns the number of pages.
Result<int> copyInto(store::Database& source, const std::string& tempPath) {
    store::OpenOptions destOptions;
    destOptions.wal = false;
    destOptions.synchronous = store::Synchronous::Off; // fsynced once, below
    destOptions.foreignKeys = false;
    auto dest = store::Database::open(tempPath, destOptions);
    if (!dest)
        return dest.error().toError();
    // The temporary file needs no journal while it is written: a failure discards it whole.
    if (auto s = dest->exec("PRAGMA journal_mode=OFF; PRAGMA cache_size=-65536"); !s)
        return s.error().toError();
    auto pages = source.backupInto(*dest, 16384);
    if (!pages)
        return pages.error().toError();
    if (auto s = dest->exec("PRAGMA journal_mode=DELETE"); !s)
        return s.error().toError();
    if (auto s = fsyncPath(tempPath, false); !s)
        return s.error();
    return *pages;
}

// The copy at `path` is a sound Trygghetsdialog database: integrity ok and a schema version.
Result<int> checkCopy(const std::string& path, const char* corruptCode) {
    auto db = store::Database::open(path, existingFile(true));
    if (!db)
        return makeError(corruptCode, path + " cannot be opened: " + db.error().message);
    auto integrity = db->integrityCheck();
    if (!integrity)
        return makeError(corruptCode,
                         path + " is not a usable database: " + integrity.error().message);
    if (*integrity != "ok")
        return makeError(corruptCode,
                         path + " failed PRAGMA integrity_check: " + integrity->substr(0, 500));
    auto version = db->userVersion();
    if (!version)
        return makeError(corruptCode, path + ": " + version.error().message);
    return *version;
}

Result<BackupReport> copyDatabase(const std::string& dbPath, const std::string& target) {
    const auto start = Clock::now();
    auto source = store::Database::open(dbPath, existingFile(false));
    if (!source)
        return makeError("database_missing",
                         "cannot open the database " + dbPath + ": " + source.error().message);
    auto version = source->userVersion();
    if (!version)
        return makeError("not_a_database", dbPath + ": " + version.error().message);
    if (*version < 1)
        return makeError("not_a_database", dbPath + " is not a Trygghetsdialog database");

    auto tempPath = createTempBeside(target, "tmp");
    if (!tempPath)
        return tempPath.error();
    TempCopy temp(*tempPath);
    auto pages = copyInto(*source, temp.path());
    if (!pages)
        return pages.error();
    BackupReport report;
    report.pages = *pages;
    report.file = target;
    const auto checkStart = Clock::now();
    auto checked = checkCopy(temp.path(), "backup_check_failed");
    report.checkTook =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - checkStart);
    if (!checked)
        return checked.error();
    if (*checked != *version)
        return makeError("backup_check_failed", "the copy's schema version differs");
    report.schemaVersion = *checked;
    std::error_code ec;
    report.bytes = fs::file_size(temp.path(), ec);
    if (::rename(temp.path().c_str(), target.c_str()) != 0)
        return systemError("storage_error", "cannot rename the copy to " + target);
    temp.release();
    const std::string dir = fs::path(target).parent_path().string();
    if (auto s = fsyncPath(dir.empty() ? "." : dir, true); !s)
        return s.error();
    report.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return report;
}

struct DatedName {
    std::string stamp;
    unsigned counter = 0;
    std::string name;
};

// "trygghetsdialog-20250101T023000Z.sqlite" or "…Z-2.sqlite".
std::optional<DatedName> parseDated(const std::string& name) {
    if (!name.starts_with(kDatedPrefix) || !name.ends_with(kDatedSuffix))
        return std::nullopt;
    std::string_view core(name);
    core.remove_prefix(kDatedPrefix.size());
    core.remove_suffix(kDatedSuffix.size());
    if (core.size() < 16 || core[8] != 'T' || core[15] != 'Z')
        return std::nullopt;
    for (std::size_t i = 0; i < 15; ++i)
        if (i != 8 && (core[i] < '0' || core[i] > '9'))
            return std::nullopt;
    DatedName out{std::string(core.substr(0, 16)), 0, name};
    std::string_view rest = core.substr(16);
    if (!rest.empty()) {
        if (rest.front() != '-')
            return std::nullopt;
        rest.remove_prefix(1);
        auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), out.counter);
        if (ec != std::errc{} || end != rest.data() + rest.size() || out.counter == 0)
            return std::nullopt;
    }
    return out;
}

} // namespace

// --- the lock ---------------------------------------------------------------------------------

Result<DatabaseLock> DatabaseLock::acquire(const std::string& dbPath, bool exclusive, bool create) {
    if (dbPath.empty() || dbPath == ":memory:")
        return DatabaseLock(-1);
    const int fd = ::open(dbPath.c_str(), O_RDONLY | O_CLOEXEC | (create ? O_CREAT : 0), 0640);
    if (fd < 0) {
        if (errno == ENOENT && !create)
            return DatabaseLock(-1); // nothing to protect yet
        return systemError("storage_error", "cannot open " + dbPath);
    }
    if (::flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
        const int err = errno;
        ::close(fd);
        if (err != EWOULDBLOCK)
            return makeError("storage_error", "cannot lock " + dbPath + ": " + std::strerror(err));
        if (exclusive)
            return makeError("database_in_use",
                             dbPath + " is open in a running td-sync-server or admin command; "
                                      "stop the server first (systemctl stop trygghetsdialog) "
                                      "and run the restore again");
        return makeError("restore_in_progress",
                         dbPath + " is being restored; try again when the restore has finished");
    }
    return DatabaseLock(fd);
}

DatabaseLock::DatabaseLock(DatabaseLock&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)) {}

DatabaseLock::~DatabaseLock() {
    if (m_fd >= 0)
        ::close(m_fd);
}

// --- backup -----------------------------------------------------------------------------------

Result<BackupReport> backupDatabase(const std::string& dbPath, const std::string& target) {
    std::error_code ec;
    if (!fs::is_regular_file(dbPath, ec))
        return makeError("database_missing", "no database at " + dbPath);
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (samePath(target, dbPath + suffix))
            return makeError("backup_target_is_database",
                             "--to " + target + " is the live database" +
                                 (*suffix ? std::string(" ") + suffix + " file" : "") +
                                 "; choose another file");
    const fs::path dir = fs::path(target).parent_path();
    if (!dir.empty() && !fs::is_directory(dir, ec))
        return makeError("backup_dir_missing",
                         "the directory " + dir.string() + " of --to does not exist");
    if (fs::is_directory(target, ec))
        return makeError("invalid_argument", "--to " + target + " is a directory");
    auto lock = DatabaseLock::acquire(dbPath, false, false);
    if (!lock)
        return lock.error();
    return copyDatabase(dbPath, target);
}

std::vector<std::string> datedBackups(const std::string& dir) {
    std::vector<DatedName> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file(ec))
            if (auto dated = parseDated(entry.path().filename().string()))
                found.push_back(std::move(*dated));
    std::sort(found.begin(), found.end(), [](const DatedName& a, const DatedName& b) {
        return std::tie(a.stamp, a.counter) < std::tie(b.stamp, b.counter);
    });
    std::vector<std::string> names;
    for (auto& d : found)
        names.push_back(std::move(d.name));
    return names;
}

Result<BackupReport> backupIntoDirectory(const std::string& dbPath, const std::string& dir,
                                         std::uint32_t keep,
                                         std::chrono::system_clock::time_point now) {
    if (keep == 0 || keep > 1000)
        return makeError("invalid_argument", "--backup-keep must be between 1 and 1000");
    if (dir.empty())
        return makeError("invalid_argument",
                         "admin backup: give --to FILE, or --backup-dir DIR (option or config)");
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return makeError("backup_dir_missing", "the backup directory " + dir + " does not exist");
    // A second copy within the same second sorts after every earlier one of that second.
    const std::string nowStamp = stamp(now);
    unsigned counter = 0;
    for (const auto& name : datedBackups(dir))
        if (auto dated = parseDated(name); dated && dated->stamp == nowStamp)
            counter = std::max(counter, std::max(dated->counter, 1u));
    std::string name = std::string(kDatedPrefix) + nowStamp;
    if (counter > 0)
        name += "-" + std::to_string(counter + 1);
    const std::string target = (fs::path(dir) / (name + std::string(kDatedSuffix))).string();
    auto report = backupDatabase(dbPath, target);
    if (!report)
        return report;
    auto names = datedBackups(dir);
    for (std::size_t i = 0; i + keep < names.size(); ++i) {
        const fs::path old = fs::path(dir) / names[i];
        if (fs::remove(old, ec))
            report->removed.push_back(old.string());
    }
    return report;
}

// --- restore ----------------------------------------------------------------------------------

Result<RestoreReport> restoreDatabase(const std::string& dbPath, const std::string& from,
                                      std::chrono::system_clock::time_point now) {
    std::error_code ec;
    if (!fs::is_regular_file(from, ec))
        return makeError("backup_missing", "no backup file at " + from);
    if (samePath(from, dbPath))
        return makeError("invalid_argument", "--from " + from + " is the live database itself");
    const fs::path dir = fs::path(dbPath).parent_path();
    if (!dir.empty() && !fs::is_directory(dir, ec))
        return makeError("invalid_argument", "the directory of --db " + dbPath + " does not exist");
    auto lock = DatabaseLock::acquire(dbPath, true, false);
    if (!lock)
        return lock.error();

    // Check the copy before anything else is touched.
    auto version = checkCopy(from, "backup_corrupt");
    if (!version)
        return version.error();
    if (*version < 1)
        return makeError("not_a_backup", from + " is not a Trygghetsdialog database");

    auto tempPath = createTempBeside(dbPath, "restore");
    if (!tempPath)
        return tempPath.error();
    TempCopy temp(*tempPath);
    {
        auto source = store::Database::open(from, existingFile(true));
        if (!source)
            return makeError("backup_corrupt", from + ": " + source.error().message);
        if (auto pages = copyInto(*source, temp.path()); !pages)
            return pages.error();
    }
    RestoreReport report{dbPath, from, {}, 0};
    {
        // Opening it as the server does migrates an older copy and refuses a newer one.
        auto store = store::ServerStore::open(temp.path());
        if (!store)
            return makeError("backup_schema_unsupported",
                             from + " cannot be used by this version: " + store.error().message);
        auto tables = (*store)->integrityCheck();
        if (!tables || *tables != "ok")
            return makeError("backup_corrupt", from + " failed the check after migration");
    }
    {
        auto migrated = store::Database::open(temp.path(), existingFile(false));
        if (!migrated)
            return migrated.error().toError();
        auto v = migrated->userVersion();
        if (!v)
            return v.error().toError();
        report.schemaVersion = *v;
    }
    if (auto s = fsyncPath(temp.path(), false); !s)
        return s.error();

    if (fs::exists(dbPath, ec)) {
        std::string aside = dbPath + ".replaced-" + stamp(now);
        for (unsigned n = 2; fs::exists(aside, ec); ++n)
            aside = dbPath + ".replaced-" + stamp(now) + "-" + std::to_string(n);
        if (::rename(dbPath.c_str(), aside.c_str()) != 0)
            return systemError("storage_error", "cannot move " + dbPath + " aside");
        // A WAL left by a server that did not shut down cleanly still holds committed data.
        if (fs::exists(dbPath + "-wal", ec) &&
            ::rename((dbPath + "-wal").c_str(), (aside + "-wal").c_str()) != 0)
            return systemError("storage_error", "cannot move " + dbPath + "-wal aside");
        fs::remove(dbPath + "-shm", ec);
        report.keptAside = aside;
    }
    if (::rename(temp.path().c_str(), dbPath.c_str()) != 0)
        return systemError("storage_error", "cannot rename the restored copy to " + dbPath);
    temp.release();
    if (auto s = fsyncPath(dir.empty() ? "." : dir.string(), true); !s)
        return s.error();
    return report;
}

} // namespace td::server
