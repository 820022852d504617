// ServerStore: how a running campaign's responses arrive (per channel and hour).

#include "server_store_impl.hpp"

namespace td::store {

namespace {

// Hours are the first 13 characters of the ISO-8601 UTC submitted_at ("2025-04-01T09").
const char* const kCountsByHour =
    "SELECT substr(json_extract(body, '$.submitted_at'), 1, 13) AS h, "
    "json_extract(body, '$.channel') AS ch, count(*) FROM records "
    "WHERE kind = 'response' AND json_extract(body, '$.campaign_id') = ?1 "
    "GROUP BY h, ch ORDER BY h, ch";

} // namespace

Result<std::vector<ServerStore::HourlyCount>>
ServerStore::responseCountsByHour(std::string_view campaignId) {
    Connection& conn = m_impl->readConnection();
    std::lock_guard lock(conn.mutex());
    auto stmt = conn.statement(kCountsByHour);
    if (!stmt)
        return toStoreError(stmt.error());
    Statement& s = **stmt;
    TD_STORE_TRY(s.bindText(1, campaignId));
    std::vector<HourlyCount> out;
    for (;;) {
        auto row = s.step();
        if (!row)
            return toStoreError(row.error());
        if (!*row)
            break;
        out.push_back(HourlyCount{optionalText(s, 0).value_or(""), optionalText(s, 1).value_or(""),
                                  s.columnInt64(2)});
    }
    s.reset();
    return out;
}

} // namespace td::store
