// Load generator for the sync server: many concurrent connections push synthetic 30-answer
// responses in batches of 200 to the real td-sync-server binary (durable acknowledgements,
// synchronous=FULL). In the same run the same rows are inserted straight into SQLite (WAL,
// synchronous=FULL, one transaction per batch, one prepared statement) as the baseline.
//
//   bench_server [--responses N] [--batch N] [--connections N] [--server-threads N]
//                [--group-commit-batches N]

#include "../server/fixtures.hpp"
#include "../server/http_client.hpp"
#include "../server/server_process.hpp"
#include "td/model/codec.hpp"

#include <algorithm>
#include <atomic>
#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <signal.h>
#include <sqlite3.h>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace td::test;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    std::size_t responses = 40'000;
    std::size_t batch = 200;
    std::size_t connections = 16;
    std::size_t serverThreads = 8;
    std::size_t groupCommitBatches = 32;
};

struct Row {
    std::string id;
    std::string body;
};

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

/// User + system CPU seconds a process has used so far (from /proc; 0 when unreadable).
double processCpuSeconds(int pid) {
    std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
    if (!f)
        return 0;
    char buf[1024] = {};
    const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const char* p = std::strrchr(buf, ')');
    if (!p || n == 0)
        return 0;
    unsigned long utime = 0, stime = 0;
    if (std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) !=
        2)
        return 0;
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double ownCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto toSeconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return toSeconds(usage.ru_utime) + toSeconds(usage.ru_stime);
}

// The same rows straight into one SQLite table, one transaction per batch.
double directInsert(const std::string& path, const std::vector<std::vector<Row>>& batches) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                 "CREATE TABLE records (kind TEXT NOT NULL, id TEXT PRIMARY KEY, rev INTEGER, "
                 "hlc TEXT, body TEXT NOT NULL)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO records VALUES ('response', ?1, 1, ?2, ?3)", -1, &insert,
                       nullptr);
    auto start = Clock::now();
    for (const auto& batch : batches) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        for (const auto& row : batch) {
            sqlite3_bind_text(insert, 1, row.id.c_str(), static_cast<int>(row.id.size()),
                              SQLITE_STATIC);
            sqlite3_bind_text(insert, 2, "0001746100000000-0000-test", -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 3, row.body.c_str(), static_cast<int>(row.body.size()),
                              SQLITE_STATIC);
            if (sqlite3_step(insert) != SQLITE_DONE)
                std::fprintf(stderr, "direct insert failed: %s\n", sqlite3_errmsg(db));
            sqlite3_reset(insert);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    double elapsed = seconds(Clock::now() - start);
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return elapsed;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::size_t v = std::stoul(argv[i + 1]);
        if (!std::strcmp(argv[i], "--responses"))
            o.responses = v;
        else if (!std::strcmp(argv[i], "--batch"))
            o.batch = v;
        else if (!std::strcmp(argv[i], "--connections"))
            o.connections = v;
        else if (!std::strcmp(argv[i], "--server-threads"))
            o.serverThreads = v;
        else if (!std::strcmp(argv[i], "--group-commit-batches"))
            o.groupCommitBatches = v;
    }
    const std::size_t nBatches = (o.responses + o.batch - 1) / o.batch;

    // Synthetic responses with 30 answers each, as rows and as push bodies.
    std::vector<std::vector<Row>> rows(nBatches);
    std::vector<std::string> bodies(nBatches);
    std::size_t answers = 0;
    for (std::size_t b = 0; b < nBatches; ++b) {
        std::vector<std::string> records;
        for (std::size_t i = 0; i < o.batch; ++i) {
            std::string id = newRecordId();
            auto response = makeResponse(vindelnSurvey(), kCampaignId, id,
                                         static_cast<unsigned>(b * o.batch + i));
            answers += response.answers.size();
            std::string body = td::model::toJsonText(response);
            records.push_back(pushRecordJson("response", id, 1, body));
            rows[b].push_back({id, std::move(body)});
        }
        bodies[b] = pushBody(records);
    }
    const std::size_t total = nBatches * o.batch;
    std::printf("responses: %zu in %zu batches of %zu, %.1f answers each, %.1f KiB per batch\n",
                total, nBatches, o.batch, static_cast<double>(answers) / static_cast<double>(total),
                static_cast<double>(bodies[0].size()) / 1024.0);

    TempDir dir;
    if (!createCoordinator(dir.file("server.db"))) {
        std::fprintf(stderr, "cannot create the coordinator\n");
        return 1;
    }
    ServerProcess server(dir.file("server.db"),
                         {"--threads", std::to_string(o.serverThreads), "--rate-limit-per-minute",
                          "0", "--max-body-bytes", "67108864", "--max-connections", "4096",
                          "--group-commit-batches", std::to_string(o.groupCommitBatches)},
                         dir.file("server.log"));
    if (!server.started()) {
        std::fprintf(stderr, "the server did not start\n");
        return 1;
    }
    Tokens tokens = bootstrap(server.address());

    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> stored{0};
    std::atomic<std::size_t> failures{0};
    std::vector<std::vector<double>> latencies(o.connections);
    const double serverCpuStart = processCpuSeconds(server.pid());
    const double clientCpuStart = ownCpuSeconds();
    auto start = Clock::now();
    std::vector<std::thread> threads;
    for (std::size_t c = 0; c < o.connections; ++c)
        threads.emplace_back([&, c] {
            HttpClient client(server.address());
            client.setToken(tokens.officer);
            client.setSourceAddress(loopbackHost(c)); // one host per connection: no peer cap
            for (std::size_t b; (b = next++) < nBatches;) {
                auto t0 = Clock::now();
                auto res = client.post("/api/v1/sync/push", bodies[b]);
                latencies[c].push_back(seconds(Clock::now() - t0) * 1000.0);
                if (res.status != 200) {
                    ++failures;
                    continue;
                }
                auto v = boost::json::parse(res.body);
                for (const auto& r : v.at("results").as_array())
                    if (r.at("status").as_string() == "stored")
                        ++stored;
            }
        });
    for (auto& t : threads)
        t.join();
    double serverSeconds = seconds(Clock::now() - start);
    const double serverCpu = processCpuSeconds(server.pid()) - serverCpuStart;
    const double clientCpu = ownCpuSeconds() - clientCpuStart;
    server.stop(SIGTERM);

    std::vector<double> all;
    for (const auto& l : latencies)
        all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    auto pct = [&](double p) {
        return all.empty()
                   ? 0.0
                   : all[std::min(all.size() - 1, static_cast<std::size_t>(p * all.size()))];
    };

    const double directCpuStart = ownCpuSeconds();
    double directSeconds = directInsert(dir.file("direct.db"), rows);
    const double directCpu = ownCpuSeconds() - directCpuStart;
    double serverRate = static_cast<double>(stored) / serverSeconds;
    double directRate = static_cast<double>(total) / directSeconds;
    std::printf("server (HTTP, %zu connections, %zu server threads, group commit %zu batches): %zu "
                "stored, %zu failed requests, %.2f s, %.0f responses/s\n",
                o.connections, o.serverThreads, o.groupCommitBatches, stored.load(),
                failures.load(), serverSeconds, serverRate);
    std::printf("  batch latency: p50 %.1f ms, p99 %.1f ms\n", pct(0.50), pct(0.99));
    std::printf("direct SQLite insert (same rows, WAL, synchronous=FULL, one transaction per "
                "batch): %.2f s, %.0f responses/s\n",
                directSeconds, directRate);
    std::printf("CPU per response: server process %.1f us, load generator %.1f us, direct "
                "insert %.1f us\n",
                serverCpu * 1e6 / static_cast<double>(total),
                clientCpu * 1e6 / static_cast<double>(total),
                directCpu * 1e6 / static_cast<double>(total));
    std::printf("ratio server/direct: %.2f\n", serverRate / directRate);
    return stored == total ? 0 : 1;
}
