// The records a follow-up is computed from, cached per store until the change log moves: the
// picture's decoded data (shared with the picture endpoints), the promises, measures and the
// agreement in force.
#include "api_followup.hpp"
#include "api_records.hpp"
#include "picture_cache.hpp"
#include "td/model/codec.hpp"

#include <map>
#include <mutex>

namespace td::server {
namespace {

const store::Audience kEveryone{store::Role::Admin, std::nullopt};

Result<std::shared_ptr<const FollowUpData>> loadFollowUpData(store::ServerStore& store) {
    auto data = std::make_shared<FollowUpData>();
    auto picture = cachedPictureData(store);
    if (!picture)
        return picture.error();
    data->picture = std::move(*picture);
    Status s = eachRecord<model::Measure>(
        store, "measure", [&](model::Measure& m) { data->measures.push_back(std::move(m)); });
    if (s)
        s = eachRecord<model::Promise>(
            store, "promise", [&](model::Promise& p) { data->promises.push_back(std::move(p)); });
    if (!s)
        return s.error();
    auto agreement = currentAgreement(store);
    if (!agreement)
        return agreement.error();
    data->agreement = std::move(*agreement);
    return std::shared_ptr<const FollowUpData>(std::move(data));
}

LogHead headOf(const store::ChangeRow& row) {
    return LogHead{row.seq, row.record.kind, row.record.id, row.record.rev};
}

} // namespace

Result<LogHead> readHead(store::ServerStore& store, LogHead from) {
    while (true) {
        auto page = store.changesSince(from.seq, 1000, kEveryone);
        if (!page)
            return page.error();
        if (page->changes.empty())
            return from;
        from = headOf(page->changes.back());
        if (!page->more)
            return from;
    }
}

Result<bool> stillHead(store::ServerStore& store, const LogHead& head) {
    auto page = store.changesSince(head.seq > 0 ? head.seq - 1 : 0, 2, kEveryone);
    if (!page)
        return page.error();
    if (head.seq == 0)
        return page->changes.empty();
    return page->changes.size() == 1 && headOf(page->changes.front()) == head;
}

Result<std::shared_ptr<const FollowUpData>> cachedFollowUpData(store::ServerStore& store) {
    struct Entry {
        std::string path; // tells a store from an earlier one at the same address
        LogHead head;
        std::shared_ptr<const FollowUpData> data;
    };
    static std::mutex mutex;
    static std::map<const store::ServerStore*, Entry> cache;
    std::lock_guard lock(mutex);
    Entry& entry = cache[&store];
    if (entry.data && entry.path == store.path()) {
        auto valid = stillHead(store, entry.head);
        if (!valid)
            return valid.error();
        if (*valid)
            return entry.data;
    }
    // The head is read before the records: a write in between only causes one more rebuild.
    auto head = readHead(store);
    if (!head)
        return head.error();
    auto data = loadFollowUpData(store);
    if (!data)
        return data.error();
    entry = Entry{store.path(), *head, *data};
    return entry.data;
}

Result<std::optional<model::Agreement>> currentAgreement(store::ServerStore& store) {
    std::optional<model::Agreement> best;
    Status s = eachRecord<model::Agreement>(store, "agreement", [&](model::Agreement& a) {
        if (!best || std::tie(a.signedOn, a.id) > std::tie(best->signedOn, best->id))
            best = std::move(a);
    });
    if (!s)
        return s.error();
    return best;
}

} // namespace td::server
