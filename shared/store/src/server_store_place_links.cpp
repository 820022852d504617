// ServerStore: coordinators' links from a survey answer's place mention or a walk observation
// to a registry place (docs/model.md). The linked responses and observations are not touched;
// the lägesbild reads the links beside them.

#include "server_store_impl.hpp"

#include <sqlite3.h>

namespace td::store {

std::string_view placeLinksSchema() {
    return R"sql(
CREATE TABLE place_links (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id TEXT,
    question_id TEXT,
    entry_index INTEGER,
    observation_id TEXT,
    place_id TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK ((response_id IS NOT NULL AND question_id IS NOT NULL AND entry_index >= 0
            AND observation_id IS NULL) OR
           (response_id IS NULL AND question_id IS NULL AND entry_index IS NULL
            AND observation_id IS NOT NULL))
);
CREATE UNIQUE INDEX place_links_mention ON place_links(response_id, question_id, entry_index)
    WHERE response_id IS NOT NULL;
CREATE UNIQUE INDEX place_links_observation ON place_links(observation_id)
    WHERE observation_id IS NOT NULL;
CREATE TABLE place_links_version (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    version INTEGER NOT NULL
);
INSERT INTO place_links_version VALUES (1, 0);
)sql";
}

namespace {

const char* const kInsert =
    "INSERT INTO place_links (response_id, question_id, entry_index, observation_id, place_id, "
    "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
const char* const kDelete = "DELETE FROM place_links WHERE id = ?1";
const char* const kBump = "UPDATE place_links_version SET version = version + 1";
const char* const kVersion = "SELECT version FROM place_links_version";
const char* const kAll = "SELECT id, response_id, question_id, entry_index, observation_id, "
                         "place_id, created_by, created_at FROM place_links ORDER BY id";

// Every added or removed link raises the version; call inside the write's transaction.
DbStatus bumpVersion(Connection& conn) {
    auto bump = conn.statement(kBump);
    if (!bump)
        return bump.error();
    return (*bump)->run();
}

} // namespace

Result<std::vector<PlaceLink>> readPlaceLinks(Connection& conn) {
    auto stmt = conn.statement(kAll);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    std::vector<PlaceLink> out;
    for (;;) {
        auto row = s.step();
        if (!row)
            return toStoreError(row.error());
        if (!*row)
            break;
        out.push_back(PlaceLink{s.columnInt64(0), optionalText(s, 1), optionalText(s, 2),
                                optionalInt(s, 3), optionalText(s, 4), s.columnText(5),
                                s.columnText(6), s.columnInt64(7)});
    }
    s.reset();
    return out;
}

Result<std::int64_t> readPlaceLinksVersion(Connection& conn) {
    auto stmt = conn.statement(kVersion);
    if (!stmt)
        return toStoreError(stmt.error());
    auto row = (*stmt)->step();
    if (!row)
        return toStoreError(row.error());
    const std::int64_t version = *row ? (*stmt)->columnInt64(0) : 0;
    (*stmt)->reset();
    return version;
}

Result<PlaceLink> ServerStore::addPlaceLink(PlaceLink link) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto tx = Transaction::begin(conn.db(), TransactionMode::Immediate);
    if (!tx)
        return toStoreError(tx.error());
    auto insert = conn.statement(kInsert);
    if (!insert)
        return toStoreError(insert.error());
    Statement& s = **insert;
    DbStatus st;
    (st = bindOptional(s, 1, link.responseId)) && (st = bindOptional(s, 2, link.questionId)) &&
        (st = bindOptional(s, 3, link.index)) && (st = bindOptional(s, 4, link.observationId)) &&
        (st = s.bindText(5, link.placeId)) && (st = s.bindText(6, link.createdBy)) &&
        (st = s.bindInt64(7, link.createdAtMs)) && (st = s.run());
    if (!st) {
        if (st.error().extendedCode == SQLITE_CONSTRAINT_UNIQUE)
            return makeError("already_linked", "this mention or observation is linked already");
        return toStoreError(st.error());
    }
    link.id = conn.db().lastInsertRowId();
    TD_STORE_TRY(bumpVersion(conn));
    TD_STORE_TRY(tx->commit());
    return link;
}

Result<bool> ServerStore::removePlaceLink(std::int64_t id) {
    Connection& conn = *m_impl->writer;
    std::lock_guard lock(conn.mutex());
    auto tx = Transaction::begin(conn.db(), TransactionMode::Immediate);
    if (!tx)
        return toStoreError(tx.error());
    auto remove = conn.statement(kDelete);
    if (!remove)
        return toStoreError(remove.error());
    TD_STORE_TRY((*remove)->bindInt64(1, id));
    TD_STORE_TRY((*remove)->run());
    if (conn.db().changes() == 0)
        return false;
    TD_STORE_TRY(bumpVersion(conn));
    TD_STORE_TRY(tx->commit());
    return true;
}

Result<std::vector<PlaceLink>> ServerStore::placeLinks() {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    return readPlaceLinks(conn);
}

Result<std::int64_t> ServerStore::placeLinksVersion() {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    return readPlaceLinksVersion(conn);
}

} // namespace td::store
