// Sync over a rural mobile link, not a test: the real sync client (device store in a SQLite
// file) and the real td-sync-server binary through the link proxy at 64 kbit/s each way with
// 600 ms round trips and a cut every ~200 KB in each direction. It syncs 500 responses, then
// one 3-hour walk (1 fix/s through the track recorder, thinned as the app stores it), and
// reports time and bytes on the wire, before (plain JSON, fixed batches of 200, no pipelining:
// the client as it was) and after (gzip, batches sized to the link, pipelined), in one run.
//
//   bench_link [--responses 500] [--rate-bits 64000] [--rtt-ms 600] [--cut-every 200000]
//              [--limit-s 1800] [--modes after,before]
//
// A mode that has not finished after --limit-s seconds is reported as such.

#include "../netem/http_sync_transport.hpp"
#include "../netem/link_proxy.hpp"
#include "../server/fixtures.hpp"
#include "../server/server_process.hpp"
#include "../walk/synthetic_walk.hpp"
#include "td/core/hlc.hpp"
#include "td/model/codec.hpp"
#include "td/sync/sync_client.hpp"
#include "td/walk/track_thinning.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <signal.h>
#include <sstream>
#include <string>
#include <vector>

using namespace td;
using namespace td::test;
using SteadyClock = std::chrono::steady_clock;

namespace {

struct Options {
    std::size_t responses = 500;
    std::size_t rateBits = 64'000;
    std::chrono::milliseconds rtt{600};
    std::uint64_t cutEvery = 200'000;
    std::chrono::seconds limit{1800};
    std::vector<std::string> modes{"after", "before"};
};

struct Phase {
    bool finished = false;
    double seconds = 0;
    std::uint64_t upBytes = 0;
    std::uint64_t downBytes = 0;
    std::uint64_t cuts = 0;
    int runs = 0;
    std::size_t requests = 0;
};

// The walk record of a 3-hour walk at 1 fix/s as the app stores it: recorded, then thinned.
model::SafetyWalk threeHourWalkRecord() {
    const auto walk = walk::test::threeHourWalk();
    walk::TrackRecorder recorder;
    for (const auto& fix : walk.fixes)
        recorder.add(fix);
    auto thinned = walk::thinTrack(recorder.keptFixes(), walk.stops);
    if (!thinned) {
        std::fprintf(stderr, "thinning failed: %s\n", thinned.error().describe().c_str());
        std::exit(1);
    }
    auto record = walk::test::walkWith(walk::storedTrack(*thinned));
    record.id = newRecordId();
    return record;
}

// Syncs until a run succeeds or the time limit passes.
Phase syncThrough(LinkProxy& proxy, sync::SyncClient& client, HttpSyncTransport& transport,
                  SteadyClock::time_point deadline) {
    Phase phase;
    const LinkStats before = proxy.stats();
    const std::size_t requestsBefore = transport.requests;
    const auto start = SteadyClock::now();
    while (SteadyClock::now() < deadline) {
        ++phase.runs;
        auto done = client.syncOnce(transport);
        if (done) {
            phase.finished = true;
            break;
        }
        if (!sync::isRetryable(done.error())) {
            std::fprintf(stderr, "sync failed: %s\n", done.error().describe().c_str());
            break;
        }
    }
    phase.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    const LinkStats after = proxy.stats();
    phase.upBytes = after.upBytes - before.upBytes;
    phase.downBytes = after.downBytes - before.downBytes;
    phase.cuts = after.cuts - before.cuts;
    phase.requests = transport.requests - requestsBefore;
    return phase;
}

void report(const char* what, const Phase& p, std::size_t responses) {
    std::printf("  %-22s %s in %7.1f s, %4d runs, %4zu requests, %3llu cuts, wire %8.1f KiB up "
                "%7.1f KiB down",
                what, p.finished ? "done    " : "NOT DONE", p.seconds, p.runs, p.requests,
                static_cast<unsigned long long>(p.cuts), static_cast<double>(p.upBytes) / 1024.0,
                static_cast<double>(p.downBytes) / 1024.0);
    if (responses)
        std::printf(", %.0f bytes/response",
                    static_cast<double>(p.upBytes + p.downBytes) / static_cast<double>(responses));
    std::printf("\n");
}

struct ModeResult {
    Phase responses;
    Phase walk;
};

ModeResult runMode(const Options& o, const std::string& mode, const model::SafetyWalk& walk) {
    const bool after = mode == "after";
    TempDir dir;
    if (!createCoordinator(dir.file("server.db"))) {
        std::fprintf(stderr, "cannot create the coordinator\n");
        std::exit(1);
    }
    ServerProcess server(dir.file("server.db"), {}, dir.file("server.log"));
    if (!server.started()) {
        std::fprintf(stderr, "the server did not start\n");
        std::exit(1);
    }
    const Tokens tokens = bootstrap(server.address());

    auto device = store::DeviceStore::open(dir.file("device.db"));
    if (!device) {
        std::fprintf(stderr, "%s\n", device.error().describe().c_str());
        std::exit(1);
    }
    Hlc hlc("benchlink");
    for (std::size_t i = 0; i < o.responses; ++i) {
        const std::string id = newRecordId();
        auto response = makeResponse(vindelnSurvey(), kCampaignId, id, static_cast<unsigned>(i));
        (void)device->submit(store::LocalRecord{"response", id, 1, hlc.now().toString(),
                                                model::toJsonText(response)});
    }

    LinkShape shape = LinkShape::mobile(o.rateBits, o.rtt);
    shape.cutUpAt = shape.cutDownAt = o.cutEvery;
    shape.cutEvery = o.cutEvery > 0;
    LinkProxy proxy(server.address(), shape);

    sync::ClientLimits limits;
    if (!after) { // the client before this change: 200 a batch whatever the link, one at a time
        limits.maxBatchRecords = 200;
        limits.sizing.targetRequestTime = std::chrono::milliseconds(0);
        limits.pipeline = false;
    }
    sync::SyncClient client(*device, limits);
    HttpSyncTransport transport(proxy.address(), tokens.officer, after);
    const auto deadline = SteadyClock::now() + o.limit;
    ModeResult result;
    result.responses = syncThrough(proxy, client, transport, deadline);
    if (result.responses.finished) {
        (void)device->submit(
            store::LocalRecord{"walk", walk.id, 1, hlc.now().toString(), model::toJsonText(walk)});
        result.walk = syncThrough(proxy, client, transport, deadline);
    }
    server.stop(SIGTERM);
    return result;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string value = argv[i + 1];
        if (!std::strcmp(argv[i], "--responses"))
            o.responses = std::stoul(value);
        else if (!std::strcmp(argv[i], "--rate-bits"))
            o.rateBits = std::stoul(value);
        else if (!std::strcmp(argv[i], "--rtt-ms"))
            o.rtt = std::chrono::milliseconds(std::stol(value));
        else if (!std::strcmp(argv[i], "--cut-every"))
            o.cutEvery = std::stoull(value);
        else if (!std::strcmp(argv[i], "--limit-s"))
            o.limit = std::chrono::seconds(std::stol(value));
        else if (!std::strcmp(argv[i], "--modes")) {
            o.modes.clear();
            std::stringstream in(value);
            for (std::string m; std::getline(in, m, ',');)
                o.modes.push_back(m);
        }
    }
    const model::SafetyWalk walk = threeHourWalkRecord();
    const std::string walkBody = model::toJsonText(walk);
    std::size_t plainBytes = 0;
    for (std::size_t i = 0; i < 50; ++i)
        plainBytes += model::toJsonText(makeResponse(vindelnSurvey(), kCampaignId, newRecordId(),
                                                     static_cast<unsigned>(i)))
                          .size();
    const double plainPerResponse = static_cast<double>(plainBytes) / 50.0;
    std::printf("link: %zu bit/s each way, %lld ms round trip, a cut every %llu bytes each way; "
                "%zu responses (%.0f bytes of JSON each), then a 3-hour walk (%.1f KiB of JSON)\n",
                o.rateBits, static_cast<long long>(o.rtt.count()),
                static_cast<unsigned long long>(o.cutEvery), o.responses, plainPerResponse,
                static_cast<double>(walkBody.size()) / 1024.0);
    std::vector<std::pair<std::string, ModeResult>> results;
    for (const std::string& mode : o.modes) {
        std::printf("%s:\n", mode.c_str());
        std::fflush(stdout);
        ModeResult r = runMode(o, mode, walk);
        report("responses", r.responses, o.responses);
        if (r.responses.finished)
            report("walk", r.walk, 0);
        else
            std::printf("  not finished within %lld s\n", static_cast<long long>(o.limit.count()));
        std::fflush(stdout);
        results.emplace_back(mode, r);
    }
    for (const auto& [mode, r] : results) {
        const double perResponse =
            static_cast<double>(r.responses.upBytes + r.responses.downBytes) /
            static_cast<double>(o.responses);
        std::printf("%s: responses %.0f bytes each on the wire = %.3f x their plain JSON",
                    mode.c_str(), perResponse, perResponse / plainPerResponse);
        if (r.responses.finished && r.walk.finished)
            std::printf("; total %.1f s, %.1f KiB", r.responses.seconds + r.walk.seconds,
                        static_cast<double>(r.responses.upBytes + r.responses.downBytes +
                                            r.walk.upBytes + r.walk.downBytes) /
                            1024.0);
        std::printf("\n");
    }
    return 0;
}
