// DeviceStore: what the device gives up once the server has acknowledged a record
// (docs/device-data.md). The body is replaced by its references in the transaction that
// records the acknowledgement; secure_delete zeroes the freed bytes, and the WAL checkpoint
// (TRUNCATE) at the end of the sync run leaves no older page image in the -wal file.

#include "device_store_impl.hpp"
#include "td/store/transaction.hpp"

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace td::store {

namespace {

struct KeptFields {
    std::string_view kind;
    std::array<std::string_view, 4> fields; ///< top-level members kept; "" ends the list
};

// The members the app still reads after a record was sent: the kiosk counts a dialogue's
// responses by dialogue_id; campaign, channel and walk tie a record to what it belongs to.
// Never an answer, a note, a position or a time.
constexpr std::array<KeptFields, 4> kKept{{
    {"response", {"id", "campaign_id", "channel", "dialogue_id"}},
    {"dialogue", {"id", "campaign_id", "", ""}},
    {"safety_walk", {"id", "", "", ""}},
    {"observation", {"id", "walk_id", "", ""}},
}};

const KeptFields* keptFieldsOf(std::string_view kind) {
    for (const KeptFields& k : kKept)
        if (k.kind == kind)
            return &k;
    return nullptr;
}

} // namespace

bool isScrubbedOnAck(std::string_view kind) {
    return keptFieldsOf(kind) != nullptr;
}

std::string scrubbedBody(std::string_view kind, std::string_view id, std::string_view body) {
    boost::json::object kept;
    kept["id"] = id;
    const KeptFields* fields = keptFieldsOf(kind);
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(body, ec);
    if (fields && !ec && parsed.is_object()) {
        for (std::string_view name : fields->fields) {
            if (name.empty() || name == "id")
                continue;
            if (const boost::json::value* v = parsed.as_object().if_contains(name);
                v && v->is_string())
                kept[name] = *v;
        }
    }
    return boost::json::serialize(kept);
}

std::string_view scrubbedDeviceSchema() {
    return R"sql(
CREATE TABLE scrubbed (
    id TEXT NOT NULL PRIMARY KEY,
    rev INTEGER NOT NULL,
    scrubbed_at INTEGER NOT NULL
);
)sql";
}

std::string unscrubbedAckedQuery() {
    std::string kinds;
    for (const KeptFields& k : kKept)
        kinds += (kinds.empty() ? "'" : ", '") + std::string(k.kind) + "'";
    return "SELECT r.id FROM records r JOIN outbox o ON o.id = r.id AND o.rev = r.rev "
           "WHERE o.state = 'acked' AND r.kind IN (" +
           kinds +
           ") AND NOT EXISTS (SELECT 1 FROM scrubbed s WHERE s.id = r.id AND s.rev = r.rev) "
           "ORDER BY o.seq";
}

DbResult<bool> scrubIfAcked(DeviceStore::Impl& d, const std::string& id) {
    auto row = d.records.get(id);
    if (!row)
        return row.error();
    if (!*row || !isScrubbedOnAck((*row)->kind))
        return false;
    RecordRow kept = std::move(**row);
    // Only the current revision, once acknowledged, and only once.
    Statement& due = d.ackedNotScrubbed;
    if (auto s = due.bindText(1, kept.id); !s)
        return s.error();
    if (auto s = due.bindInt64(2, kept.rev); !s)
        return s.error();
    auto found = queryOptional<std::int64_t>(
        due, [](Statement& s) -> DbResult<std::int64_t> { return s.columnInt64(0); });
    if (!found)
        return found.error();
    if (!*found)
        return false;

    kept.body = scrubbedBody(kept.kind, kept.id, kept.body);
    if (auto replaced = d.records.replace(kept); !replaced)
        return replaced.error();
    if (auto s = d.markScrubbed.bindText(1, kept.id); !s)
        return s.error();
    if (auto s = d.markScrubbed.bindInt64(2, kept.rev); !s)
        return s.error();
    if (auto s = d.markScrubbed.bindInt64(3, d.clock()); !s)
        return s.error();
    if (auto s = d.markScrubbed.run(); !s)
        return s.error();
    return true;
}

Result<ScrubReport> DeviceStore::scrubAcknowledged() {
    Impl& d = *m_impl;
    ScrubReport report;
    {
        auto tx = Transaction::begin(d.db, TransactionMode::Immediate);
        TD_STORE_TRY(tx);
        auto ids =
            queryAll<std::string>(d.unscrubbedAcked, [](Statement& s) -> DbResult<std::string> {
                return s.columnText(0);
            });
        TD_STORE_TRY(ids);
        for (const std::string& id : *ids) {
            auto scrubbed = scrubIfAcked(d, id);
            TD_STORE_TRY(scrubbed);
            report.scrubbed += *scrubbed ? 1 : 0;
        }
        TD_STORE_TRY(tx->commit());
    }
    auto truncated = d.db.checkpointTruncate();
    TD_STORE_TRY(truncated);
    report.walTruncated = *truncated;
    return report;
}

Result<bool> DeviceStore::isScrubbed(std::string_view id) {
    TD_STORE_TRY(m_impl->scrubbedById.bindText(1, id));
    auto found = queryOptional<std::int64_t>(
        m_impl->scrubbedById,
        [](Statement& s) -> DbResult<std::int64_t> { return s.columnInt64(0); });
    TD_STORE_TRY(found);
    return found->has_value();
}

} // namespace td::store
