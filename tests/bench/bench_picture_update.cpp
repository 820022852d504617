// The lägesbild after new data: with N demo responses in a real SQLite store (default 1 M, two
// waves), push 200 more responses, then compute the picture the way GET /api/v1/picture does
// (the server's cached data, computePicture, JSON text). Against, in the same run: the same
// picture after a full decode of the store (what every write cost before the data was kept
// current from the change log), and the picture with nothing new (the floor).
//
//   bench_picture_update [--responses N] [--rounds N] [--profile N]
//
// --profile N computes the picture N times with no new data and stops (for a profiler).
//
// Two figures per round for the update: "in place" (no request holds the cached data, so the
// new rows are appended to it) and "copy" (a request still holds it, so they go to a copy).

#include "picture_cache.hpp"
#include "td/demo/generator.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/picture_json.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/protocol.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
namespace bj = boost::json;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "bench_picture_update: %s\n", what);
        std::exit(1);
    }
}

td::store::StoredRecord stored(const td::demo::DemoRecord& r) {
    std::string id = r.id;
    if (r.kind == td::model::RecordKind::Survey)
        id = td::sync::surveyRecordId(id, r.body.at("version").as_int64());
    return {std::string(td::model::toString(r.kind)), id, 1, "000000000000-00000000-bench",
            bj::serialize(r.body)};
}

// GET /api/v1/picture?campaign=ID: the cached data, the picture, its JSON text.
std::size_t pictureBytes(td::store::ServerStore& store, const std::string& campaign,
                         std::shared_ptr<const td::picture::PictureData>* keep = nullptr) {
    auto data = td::server::cachedPictureData(store);
    check(data.ok(), "picture data");
    td::picture::PictureFilter filter;
    filter.campaignId = campaign;
    auto pic = td::picture::computePicture(**data, filter);
    check(pic.ok(), "picture");
    if (keep)
        *keep = *data;
    return bj::serialize(td::picture::toJson(*pic)).size();
}

} // namespace

int main(int argc, char** argv) {
    std::size_t responses = 1'000'000;
    int rounds = 5;
    int profile = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--responses") == 0)
            responses = std::strtoull(argv[i + 1], nullptr, 10);
        else if (std::strcmp(argv[i], "--rounds") == 0)
            rounds = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--profile") == 0)
            profile = std::atoi(argv[i + 1]);
    }
    auto options = td::demo::loadDemoOptions(std::string(TD_SOURCE_DIR) + "/shared/content",
                                             std::string(TD_SOURCE_DIR) + "/data/vindeln.json");
    check(options.ok(), "demo inputs");

    char dirTemplate[] = "/tmp/td-bench-picture-XXXXXX";
    check(mkdtemp(dirTemplate) != nullptr, "temp dir");
    const std::string dir = dirTemplate;
    const std::string path = dir + "/server.db";
    std::string campaign;
    {
        // Load: the demo data set in large transactions, durability off (setup, not measured).
        auto store = td::store::ServerStore::open(path, {td::store::Synchronous::Off});
        check(store.ok(), "open store");
        td::demo::DemoOptions o = *options;
        o.responsesPerWave = responses / 2;
        const auto t0 = Clock::now();
        const td::demo::DemoData demo = td::demo::generate(20261207, o);
        for (const auto& c : demo.campaigns)
            if (c.surveyId == o.survey.id && c.year > 0 && (campaign.empty() || c.id > campaign))
                campaign = c.id;
        std::vector<td::store::StoredRecord> batch;
        const td::store::Provenance provenance{std::nullopt, 0};
        for (const auto& r : demo.records()) {
            batch.push_back(stored(r));
            if (batch.size() == 20'000) {
                check((*store)->applyBatch(batch, provenance).ok(), "load batch");
                batch.clear();
            }
        }
        check((*store)->applyBatch(batch, provenance).ok(), "load batch");
        std::printf("loaded %zu responses (campaign %s) in %.1f s\n", demo.responses.size(),
                    campaign.c_str(), msSince(t0) / 1000.0);
    }

    // New responses to push: another seed's responses to the same campaign.
    td::demo::DemoOptions more = *options;
    more.responsesPerWave = 200 * static_cast<std::size_t>(rounds) * 2;
    const td::demo::DemoData extra = td::demo::generate(99, more);
    std::vector<td::store::StoredRecord> pending;
    for (const auto& r : extra.records())
        if (r.kind == td::model::RecordKind::Response &&
            r.body.at("campaign_id").as_string() == campaign)
            pending.push_back(stored(r));
    check(pending.size() >= 400 * static_cast<std::size_t>(rounds), "enough new responses");

    auto opened = td::store::ServerStore::open(path);
    check(opened.ok(), "open store");
    td::store::ServerStore& store = **opened;
    std::size_t next = 0;
    auto push200 = [&] {
        std::vector<td::store::StoredRecord> batch(pending.begin() + static_cast<long>(next),
                                                   pending.begin() + static_cast<long>(next + 200));
        next += 200;
        check(store.applyBatch(batch, {std::string("bench-device"), 0}).ok(), "push");
    };

    auto t0 = Clock::now();
    const std::size_t bytes = pictureBytes(store, campaign);
    const double firstMs = msSince(t0);
    if (profile > 0) {
        t0 = Clock::now();
        for (int i = 0; i < profile; ++i)
            pictureBytes(store, campaign);
        std::printf("%d pictures with no new data: %.1f ms each\n", profile,
                    msSince(t0) / profile);
        opened->reset();
        std::filesystem::remove_all(dir);
        return 0;
    }
    std::vector<double> full, inPlace, copy, floor;
    const std::uint64_t loads0 = td::server::pictureDataLoads();
    for (int round = 0; round < rounds; ++round) {
        t0 = Clock::now();
        pictureBytes(store, campaign);
        floor.push_back(msSince(t0));

        push200();
        t0 = Clock::now();
        pictureBytes(store, campaign);
        inPlace.push_back(msSince(t0));

        std::shared_ptr<const td::picture::PictureData> held;
        pictureBytes(store, campaign, &held); // a request still computing from the data
        push200();
        t0 = Clock::now();
        pictureBytes(store, campaign);
        copy.push_back(msSince(t0));
        held.reset();

        // The baseline: the same store decoded from scratch (a store object of its own).
        auto other = td::store::ServerStore::open(path);
        check(other.ok(), "open store");
        t0 = Clock::now();
        pictureBytes(**other, campaign);
        full.push_back(msSince(t0));
    }
    check(td::server::pictureDataLoads() == loads0 + static_cast<std::uint64_t>(rounds),
          "the updates were appended, only the baselines decoded everything");
    std::printf("picture JSON %zu bytes; first picture (decode + bootstrap) %.0f ms\n", bytes,
                firstMs);
    std::printf("%-34s %10s\n", "median over rounds", "ms");
    std::printf("%-34s %10.1f\n", "no new data (floor)", median(floor));
    std::printf("%-34s %10.1f\n", "200 pushed, appended in place", median(inPlace));
    std::printf("%-34s %10.1f\n", "200 pushed, appended to a copy", median(copy));
    std::printf("%-34s %10.1f\n", "full decode (baseline)", median(full));
    std::printf("ratio in place / full decode: %.4f\n", median(inPlace) / median(full));
    std::printf("ratio copy / full decode:     %.4f\n", median(copy) / median(full));
    opened->reset();
    std::filesystem::remove_all(dir);
    return 0;
}
