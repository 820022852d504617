// The decoded PictureData of a store, built once from one consistent state of the store and
// then kept up to date from the change log: new responses, dialogues, walks and observations
// are appended as they arrive; any other change makes the next request rebuild it. Shared by
// the picture, follow-up and public endpoints.
#include "picture_cache.hpp"

#include "api_indicators.hpp"
#include "api_place_links.hpp"
#include "api_records.hpp"
#include "td/core/json.hpp"
#include "td/server/resources.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <unordered_set>

namespace td::server {
namespace {

std::atomic<std::uint64_t> g_loads{0};
std::atomic<std::uint64_t> g_updates{0};

// The population the survey is weighted to: $TD_POPULATION_JSON, else the build's reference
// vindeln.json. Without one, shares are unweighted (weighting.available is false).
const picture::PopulationTable& populationTable() {
    static const picture::PopulationTable table = [] {
        std::string path = resources().populationJson;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "{\"event\":\"population_missing\",\"path\":\"%s\"}\n",
                         path.c_str());
            return picture::PopulationTable{};
        }
        std::stringstream text;
        text << in.rdbuf();
        auto loaded = picture::loadPopulationTable(text.str());
        if (!loaded) {
            std::fprintf(stderr, "{\"event\":\"population_invalid\",\"code\":\"%s\"}\n",
                         loaded.error().code.c_str());
            return picture::PopulationTable{};
        }
        return std::move(*loaded);
    }();
    return table;
}

// The last entry of the change log: its sequence number and which record version it was.
struct LogPosition {
    std::int64_t seq = 0;
    std::string kind;
    std::string id;
    std::int64_t rev = 0;
    bool operator==(const LogPosition&) const = default;
};

LogPosition positionOf(const store::ChangeRow& row) {
    return {row.seq, row.record.kind, row.record.id, row.record.rev};
}

// The ids of the records of the appended kinds that the data holds, as 64-bit hashes: a
// change that brings one of them again (a purge rewrites a record's body at the same revision)
// is not an append. A hash collision only costs a needless reload.
class KnownIds {
public:
    static std::uint64_t hashOf(std::string_view id) { return std::hash<std::string_view>{}(id); }
    void addLoaded(std::string_view id) { m_loaded.push_back(hashOf(id)); }
    /// Call once the loaded ids are in.
    void seal() { std::sort(m_loaded.begin(), m_loaded.end()); }
    bool contains(std::string_view id) const {
        const std::uint64_t h = hashOf(id);
        return std::binary_search(m_loaded.begin(), m_loaded.end(), h) || m_added.contains(h);
    }
    void add(std::string_view id) { m_added.insert(hashOf(id)); }

private:
    std::vector<std::uint64_t> m_loaded; // sorted
    std::unordered_set<std::uint64_t> m_added;
};

struct Loaded {
    std::shared_ptr<picture::PictureData> data;
    LogPosition position; ///< the log's end in the state the data was read from
    KnownIds ids;
    std::int64_t linksVersion = 0; ///< the place links' version in that state
};

// Every record the picture reads, from one consistent state of the store.
Result<Loaded> loadPictureData(store::ServerStore& store) {
    auto snapshot = store.snapshot();
    if (!snapshot)
        return snapshot.error();
    store::ServerStore::Snapshot& state = **snapshot;
    auto data = std::make_shared<picture::PictureData>(populationTable());
    KnownIds ids;
    std::vector<model::Place> places;
    Status s = eachRecord<model::Place>(state, "place",
                                        [&](model::Place& p) { places.push_back(std::move(p)); });
    if (!s)
        return s.error();
    data->setPlaces(std::move(places));
    auto links = state.placeLinks();
    auto linksVersion = state.placeLinksVersion();
    if (!links || !linksVersion)
        return links ? linksVersion.error() : links.error();
    data->setPlaceLinks(placeLinkRefs(*links));
    s = eachRecord<model::Survey>(state, "survey",
                                  [&](model::Survey& v) { (void)data->addSurvey(v); });
    if (s)
        s = eachRecord<model::Campaign>(state, "campaign",
                                        [&](model::Campaign& c) { (void)data->addCampaign(c); });
    if (s) {
        // Campaigns whose responses the retention purge removed: their kept aggregates.
        auto aggregates = state.listRecords("campaign_aggregate");
        if (!aggregates)
            return aggregates.error();
        for (const auto& r : *aggregates) {
            auto parsed = json::parse(r.body);
            auto decoded = parsed ? picture::decodeCampaignAggregate(*parsed)
                                  : Result<picture::CampaignAggregate>(parsed.error());
            if (!decoded)
                return decoded.error();
            if (auto added = data->addCampaignAggregate(*decoded); !added)
                return added.error();
        }
    }
    if (s)
        s = eachRecord<model::Response>(state, "response", [&](model::Response& r) {
            ids.addLoaded(r.id);
            (void)data->addResponse(r);
        });
    if (s)
        s = eachRecord<model::Dialogue>(state, "dialogue", [&](model::Dialogue& d) {
            ids.addLoaded(d.id);
            data->addDialogue(d);
        });
    if (s)
        s = eachRecord<model::SafetyWalk>(state, "safety_walk", [&](model::SafetyWalk& w) {
            ids.addLoaded(w.id);
            data->addSafetyWalk(w);
        });
    if (s)
        s = eachRecord<model::Observation>(state, "observation", [&](model::Observation& o) {
            ids.addLoaded(o.id);
            data->addObservation(o);
        });
    if (!s)
        return s.error();
    auto figures = state.listRecords(kIndicatorKind);
    if (!figures)
        return figures.error();
    data->addIndicators(indicatorsOf(*figures));
    ids.seal();
    ++g_loads;
    return Loaded{std::move(data), positionOf(state.lastChange()), std::move(ids), *linksVersion};
}

// What a change in the log means for a cached PictureData.
enum class Effect {
    None,   ///< a kind the picture does not read
    Append, ///< a new record of a kind the data takes one at a time
    Reload, ///< anything else: an edit, a purge's rewrite, a survey, campaign, place, figure …
};

Effect effectOf(const store::StoredRecord& r) {
    for (const char* kind : {"measure", "promise", "agreement", "public_summary"})
        if (r.kind == kind)
            return Effect::None;
    if (r.rev != 1)
        return Effect::Reload;
    for (const char* kind : {"response", "dialogue", "safety_walk", "observation"})
        if (r.kind == kind)
            return Effect::Append;
    return Effect::Reload;
}

// Adds one new record as loadPictureData would have (undecodable ones are skipped there too).
void append(picture::PictureData& data, const store::StoredRecord& r) {
    if (r.kind == "response") {
        if (auto v = model::fromJsonText<model::Response>(r.body))
            (void)data.addResponse(*v);
    } else if (r.kind == "dialogue") {
        if (auto v = model::fromJsonText<model::Dialogue>(r.body))
            data.addDialogue(*v);
    } else if (r.kind == "safety_walk") {
        if (auto v = model::fromJsonText<model::SafetyWalk>(r.body))
            data.addSafetyWalk(*v);
    } else if (r.kind == "observation") {
        if (auto v = model::fromJsonText<model::Observation>(r.body))
            data.addObservation(*v);
    }
}

const store::Audience kEveryone{store::Role::Admin, std::nullopt};

// True when `pos` is still the end of `store`'s log: the entry at pos.seq is the same record
// version and nothing follows it. `sameStore` tells whether at least the entry still matches.
Result<bool> stillAtEnd(store::ServerStore& store, const LogPosition& pos, bool& sameStore) {
    sameStore = false;
    if (pos.seq == 0) {
        auto page = store.changesSince(0, 1, kEveryone);
        if (!page)
            return page.error();
        sameStore = true;
        return page->changes.empty();
    }
    auto page = store.changesSince(pos.seq - 1, 2, kEveryone);
    if (!page)
        return page.error();
    if (page->changes.empty())
        return false;
    sameStore = positionOf(page->changes.front()) == pos;
    return sameStore && page->changes.size() == 1;
}

// One cached PictureData per store, valid while its change log ends where it did. The path
// tells a store apart from an earlier one opened at the same address.
struct CacheEntry {
    std::string path;
    LogPosition position;
    std::shared_ptr<picture::PictureData> data;
    KnownIds ids;
    std::int64_t linksVersion = 0;
};

// Brings the entry up to the log's end by appending the new records after its position, so
// that the cost of a write is the cost of what it wrote. False when only a reload will do:
// the log no longer holds the entry's position (a purge, another database), or a change is
// not an append.
Result<bool> catchUp(store::ServerStore& store, CacheEntry& entry) {
    // A place link made or removed moves mentions already in the data: reload.
    auto linksVersion = store.placeLinksVersion();
    if (!linksVersion)
        return linksVersion.error();
    if (*linksVersion != entry.linksVersion)
        return false;
    bool sameStore = false;
    auto atEnd = stillAtEnd(store, entry.position, sameStore);
    if (!atEnd)
        return atEnd.error();
    if (*atEnd)
        return true;
    if (!sameStore)
        return false;
    std::vector<store::StoredRecord> added;
    LogPosition end = entry.position;
    for (bool more = true; more;) {
        auto page = store.changesSince(end.seq, 1000, kEveryone);
        if (!page)
            return page.error();
        more = page->more;
        if (page->changes.empty())
            break;
        end = positionOf(page->changes.back());
        for (store::ChangeRow& c : page->changes) {
            const Effect effect = effectOf(c.record);
            if (effect == Effect::Reload ||
                (effect == Effect::Append && entry.ids.contains(c.record.id)))
                return false;
            if (effect == Effect::Append)
                added.push_back(std::move(c.record));
        }
    }
    // Requests still computing from the cached data keep it as it is: append to a copy
    // unless the cache is its only holder (the cache's lock is held, so nobody can take it).
    std::shared_ptr<picture::PictureData> data =
        entry.data.use_count() == 1 ? entry.data
                                    : std::make_shared<picture::PictureData>(*entry.data);
    for (const store::StoredRecord& r : added) {
        append(*data, r);
        entry.ids.add(r.id);
    }
    entry.data = std::move(data);
    entry.position = end;
    ++g_updates;
    return true;
}

} // namespace

Result<std::shared_ptr<const picture::PictureData>> cachedPictureData(store::ServerStore& store) {
    static std::mutex mutex;
    static std::map<const store::ServerStore*, CacheEntry> cache;
    std::lock_guard lock(mutex);
    CacheEntry& entry = cache[&store];
    if (entry.data && entry.path == store.path()) {
        auto current = catchUp(store, entry);
        if (!current)
            return current.error();
        if (*current)
            return std::shared_ptr<const picture::PictureData>(entry.data);
    }
    entry = CacheEntry{}; // its memory is free before the reload takes as much again
    auto loaded = loadPictureData(store);
    if (!loaded)
        return loaded.error();
    entry = CacheEntry{store.path(), std::move(loaded->position), std::move(loaded->data),
                       std::move(loaded->ids), loaded->linksVersion};
    return std::shared_ptr<const picture::PictureData>(entry.data);
}

std::uint64_t pictureDataLoads() {
    return g_loads.load();
}

std::uint64_t pictureDataUpdates() {
    return g_updates.load();
}

} // namespace td::server
