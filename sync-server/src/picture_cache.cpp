// The decoded PictureData of a store, built once and reused until the change log shows a new
// write. Shared by the picture, follow-up and public endpoints.
#include "picture_cache.hpp"

#include "api_indicators.hpp"
#include "api_records.hpp"
#include "td/core/json.hpp"
#include "td/server/resources.hpp"

#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace td::server {
namespace {

std::atomic<std::uint64_t> g_loads{0};

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

Result<std::shared_ptr<const picture::PictureData>> loadPictureData(store::ServerStore& store) {
    auto data = std::make_shared<picture::PictureData>(populationTable());
    std::vector<model::Place> places;
    Status s = eachRecord<model::Place>(store, "place",
                                        [&](model::Place& p) { places.push_back(std::move(p)); });
    if (!s)
        return s.error();
    data->setPlaces(std::move(places));
    s = eachRecord<model::Survey>(store, "survey",
                                  [&](model::Survey& v) { (void)data->addSurvey(v); });
    if (s)
        s = eachRecord<model::Campaign>(store, "campaign",
                                        [&](model::Campaign& c) { (void)data->addCampaign(c); });
    if (s) {
        // Campaigns whose responses the retention purge removed: their kept aggregates.
        auto aggregates = store.listRecords("campaign_aggregate");
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
        s = eachRecord<model::Response>(store, "response",
                                        [&](model::Response& r) { (void)data->addResponse(r); });
    if (s)
        s = eachRecord<model::Dialogue>(store, "dialogue",
                                        [&](model::Dialogue& d) { data->addDialogue(d); });
    if (s)
        s = eachRecord<model::SafetyWalk>(store, "safety_walk",
                                          [&](model::SafetyWalk& w) { data->addSafetyWalk(w); });
    if (s)
        s = eachRecord<model::Observation>(store, "observation",
                                           [&](model::Observation& o) { data->addObservation(o); });
    if (!s)
        return s.error();
    auto figures = storedIndicators(store);
    if (!figures)
        return figures.error();
    data->addIndicators(*figures);
    ++g_loads;
    return std::shared_ptr<const picture::PictureData>(std::move(data));
}

// The last entry of the change log: its sequence number and which record version it was.
struct LogPosition {
    std::int64_t seq = 0;
    std::string kind;
    std::string id;
    std::int64_t rev = 0;
    bool operator==(const LogPosition&) const = default;
};

const store::Audience kEveryone{store::Role::Admin, std::nullopt};

// The end of the change log, reading only what lies after `from`.
Result<LogPosition> logEnd(store::ServerStore& store, LogPosition from) {
    while (true) {
        auto page = store.changesSince(from.seq, 1000, kEveryone);
        if (!page)
            return page.error();
        if (page->changes.empty())
            return from;
        const auto& last = page->changes.back();
        from = LogPosition{last.seq, last.record.kind, last.record.id, last.record.rev};
        if (!page->more)
            return from;
    }
}

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
    const auto& first = page->changes.front();
    sameStore = LogPosition{first.seq, first.record.kind, first.record.id, first.record.rev} == pos;
    return sameStore && page->changes.size() == 1;
}

// One cached PictureData per store, valid while its change log ends where it did. The path
// tells a store apart from an earlier one opened at the same address.
struct CacheEntry {
    std::string path;
    LogPosition position;
    std::shared_ptr<const picture::PictureData> data;
};

} // namespace

Result<std::shared_ptr<const picture::PictureData>> cachedPictureData(store::ServerStore& store) {
    static std::mutex mutex;
    static std::map<const store::ServerStore*, CacheEntry> cache;
    std::lock_guard lock(mutex);
    CacheEntry& entry = cache[&store];
    LogPosition from;
    if (entry.data && entry.path == store.path()) {
        bool sameStore = false;
        auto valid = stillAtEnd(store, entry.position, sameStore);
        if (!valid)
            return valid.error();
        if (*valid)
            return entry.data;
        if (sameStore)
            from = entry.position;
    }
    // Read the position before the records: a write in between only causes one more rebuild.
    auto position = logEnd(store, from);
    if (!position)
        return position.error();
    auto data = loadPictureData(store);
    if (!data)
        return data.error();
    entry = CacheEntry{store.path(), *position, *data};
    return entry.data;
}

std::uint64_t pictureDataLoads() {
    return g_loads.load();
}

} // namespace td::server
