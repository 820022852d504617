#include "td/store/migrations.hpp"

#include "td/store/transaction.hpp"

namespace td::store {

DbResult<int> migrate(Database& db, std::span<const Migration> steps) {
    for (size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].version != static_cast<int>(i) + 1)
            return makeDbError("migration steps must be numbered 1..N; step " +
                               std::to_string(i + 1) + " says " + std::to_string(steps[i].version));
    }
    auto initial = db.userVersion();
    if (!initial)
        return initial.error();
    const int latest = static_cast<int>(steps.size());
    if (*initial > latest)
        return makeDbError("database " + db.path() + " has schema version " +
                           std::to_string(*initial) + ", newer than this program's " +
                           std::to_string(latest));
    if (*initial < 0)
        return makeDbError("database " + db.path() + " has invalid schema version " +
                           std::to_string(*initial));

    for (int version = *initial + 1; version <= latest; ++version) {
        const Migration& step = steps[static_cast<size_t>(version - 1)];
        auto tx = Transaction::begin(db, TransactionMode::Immediate);
        if (!tx)
            return tx.error();
        // Another connection may have migrated while we waited for the write lock.
        auto current = db.userVersion();
        if (!current)
            return current.error();
        if (*current >= version)
            continue;
        if (!step.sql.empty()) {
            if (auto s = db.exec(step.sql); !s)
                return s.error();
        }
        if (step.apply) {
            if (auto s = step.apply(db); !s)
                return s.error();
        }
        if (auto s = db.setUserVersion(version); !s)
            return s.error();
        if (auto s = tx->commit(); !s)
            return s.error();
    }
    return *initial;
}

} // namespace td::store
