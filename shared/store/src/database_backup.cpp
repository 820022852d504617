#include "td/store/database.hpp"
#include "td/store/transaction.hpp"

#include <chrono>
#include <sqlite3.h>
#include <thread>

namespace td::store {

DbResult<int> Database::backupInto(Database& target, int pagesPerStep) {
    if (pagesPerStep == 0)
        return makeDbError("backupInto: pagesPerStep must not be 0", SQLITE_MISUSE);
    // A read transaction that has read the schema pins this connection's snapshot, so the
    // backup's steps all see one state of the database instead of restarting on each write.
    auto snapshot = Transaction::begin(*this, TransactionMode::Deferred);
    if (!snapshot)
        return snapshot.error();
    if (auto s = exec("SELECT count(*) FROM sqlite_schema"); !s)
        return s.error();

    sqlite3_backup* backup = sqlite3_backup_init(target.handle(), "main", handle(), "main");
    if (!backup)
        return lastError(target.handle(), sqlite3_errcode(target.handle()));
    // A busy target or source is retried for up to about ten seconds.
    int rc = SQLITE_OK;
    for (int busy = 0;
         busy < 2000 && (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);) {
        if (rc != SQLITE_OK) {
            ++busy;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        rc = sqlite3_backup_step(backup, pagesPerStep);
    }
    const int pages = sqlite3_backup_pagecount(backup);
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return lastError(target.handle(), rc);
    if (finished != SQLITE_OK)
        return lastError(target.handle(), finished);
    if (auto s = snapshot->commit(); !s)
        return s.error();
    return pages;
}

} // namespace td::store
