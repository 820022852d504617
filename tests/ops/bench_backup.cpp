// Backup figures, each against a baseline in the same run:
//  1. `admin backup --to` of the demo database and of one with --responses (default 1 000 000)
//     responses, in time and size, against `cp` of the same (checkpointed) file;
//  2. push latency while a backup runs under load, against the same load without a backup.
//
//   bench_backup [--responses N] [--pushers N] [--skip-large]
// Writes its databases under $TMPDIR (the large one takes about 1.5 GB while it runs).

#include "live_server.hpp"
#include "sqlite_support.hpp"

#include <algorithm>
#include <atomic>
#include <boost/json/parse.hpp>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <sqlite3.h>
#include <thread>

using namespace td::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

bool execSql(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    bool ok = sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
              sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok)
        std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return ok;
}

// Times `cp FILE` and `admin backup --to` of `db`; prints both and the ratio.
void compareWithCp(const char* label, const std::string& db, const TempDir& dir) {
    REQUIRE(execSql(db, "PRAGMA wal_checkpoint(TRUNCATE)"));
    const std::string copy = dir.file("cp-copy.sqlite");
    const std::string backup = dir.file("backup.sqlite");
    // One untimed read first so that both timed runs start from a warm page cache.
    REQUIRE(runProgram({"/bin/cp", db, copy}) == 0);
    fs::remove(copy);
    auto t0 = Clock::now();
    REQUIRE(runProgram({"/bin/cp", db, copy}) == 0);
    REQUIRE(runProgram({"/bin/sync", copy}) == 0);
    const double cpSeconds = seconds(Clock::now() - t0);
    t0 = Clock::now();
    std::string out;
    REQUIRE(runServerCommand({"--db", db, "admin", "backup", "--to", backup}, &out) == 0);
    const double backupSeconds = seconds(Clock::now() - t0);
    const double checkSeconds = boost::json::parse(out).at("check_ms").to_number<double>() / 1000.0;
    const auto dbBytes = fs::file_size(db);
    const auto backupBytes = fs::file_size(backup);
    std::printf("%-24s db %8.1f MiB  cp+sync %6.3f s  backup %6.3f s (of which integrity_check "
                "%6.3f s)  ratio %5.2f (without the check %5.2f)  copy %8.1f MiB (%.3f of db)\n",
                label, static_cast<double>(dbBytes) / 1048576.0, cpSeconds, backupSeconds,
                checkSeconds, backupSeconds / cpSeconds, (backupSeconds - checkSeconds) / cpSeconds,
                static_cast<double>(backupBytes) / 1048576.0,
                static_cast<double>(backupBytes) / static_cast<double>(dbBytes));
    std::fflush(stdout);
    fs::remove(copy);
    fs::remove(backup);
}

struct Latencies {
    std::vector<double> ms;
    double max() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
    double quantile(double q) const {
        if (ms.empty())
            return 0;
        auto sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        return sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))];
    }
};

void printLatencies(const char* label, const Latencies& l) {
    std::printf("  %-22s pushes %6zu  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms\n", label,
                l.ms.size(), l.quantile(0.5), l.quantile(0.99), l.max());
}

} // namespace

TEST_CASE("bench_backup") {
    std::size_t responses =
        1'000'000; // the demo's responses copied until there are about this many
    std::size_t pushers = 4;
    bool large = true;
    if (const char* v = std::getenv("TD_BENCH_RESPONSES"))
        responses = std::strtoull(v, nullptr, 10);
    if (const char* v = std::getenv("TD_BENCH_PUSHERS"))
        pushers = std::strtoull(v, nullptr, 10);
    if (std::getenv("TD_BENCH_SKIP_LARGE"))
        large = false;

    TempDir dir;
    const std::string demo = dir.file("demo.sqlite");
    REQUIRE(runServerCommand({"--db", demo, "demo-data", "load"}) == 0);
    std::printf("Backup against cp of the same file (warm cache, cp followed by sync)\n");
    compareWithCp("demo data", demo, dir);

    if (large) {
        // The demo's responses copied under new ids until there are `responses` of them.
        const std::string big = dir.file("large.sqlite");
        fs::copy_file(demo, big);
        const auto t0 = Clock::now();
        REQUIRE(execSql(big, "CREATE TEMP TABLE base AS SELECT * FROM records WHERE kind = "
                             "'response';"
                             "CREATE TEMP TABLE n(i INTEGER PRIMARY KEY);"
                             "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c "
                             "WHERE i < 2000) INSERT INTO n SELECT i FROM c;"
                             "BEGIN;"
                             "INSERT INTO records (kind, id, rev, hlc, body, origin, updated_at) "
                             "SELECT kind, id || '-' || n.i, rev, hlc, body, origin, updated_at "
                             "FROM base, n WHERE n.i <= (" +
                                 std::to_string(responses) +
                                 " / (SELECT count(*) FROM base)) - 1;"
                                 "COMMIT;"));
        const std::string count =
            sqliteScalar(big, "SELECT count(*) FROM records WHERE kind = 'response'");
        std::printf("  (filled to %s responses in %.1f s)\n", count.c_str(),
                    seconds(Clock::now() - t0));
        compareWithCp((count + " responses").c_str(), big, dir);
        fs::remove(big);
    }

    // Push latency: the same steady load without and with a backup running.
    LiveServer server({"--rate-limit-per-minute", "0"});
    auto officer = server.client(server.tokens.officer);
    for (int i = 0; i < 40; ++i)
        REQUIRE(officer
                    .post("/api/v1/sync/push",
                          pushBody(responseRecords(500, nullptr, 7000u + 500u * unsigned(i))))
                    .status == 200);
    std::atomic<int> phase{0}; // 0 warm-up, 1 baseline, 2 backup, 3 stop
    std::mutex mutex;
    Latencies baseline, during;
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < pushers; ++t) {
        threads.emplace_back([&, t] {
            auto client = server.client(server.tokens.officer);
            for (unsigned n = 0; phase < 3 && n < 100000; ++n) {
                auto body = pushBody(responseRecords(20, nullptr, 900000u * unsigned(t + 1) + n));
                const int at = phase;
                const auto start = Clock::now();
                auto res = client.post("/api/v1/sync/push", body);
                const double ms = seconds(Clock::now() - start) * 1000.0;
                if (res.status != 200)
                    continue;
                std::lock_guard lock(mutex);
                if (at == 1 && phase == 1)
                    baseline.ms.push_back(ms);
                if (at == 2 && phase == 2)
                    during.ms.push_back(ms);
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    phase = 1;
    std::this_thread::sleep_for(std::chrono::seconds(3));
    phase = 2;
    const auto t0 = Clock::now();
    std::string out;
    const int rc = runServerCommand(
        {"--db", server.db(), "admin", "backup", "--to", server.dir.file("live-backup.sqlite")},
        &out);
    const double backupSeconds = seconds(Clock::now() - t0);
    phase = 3;
    for (auto& t : threads)
        t.join();
    REQUIRE(rc == 0);
    std::printf(
        "Push latency, %zu pushers of 20 responses, backup of %.1f MiB took %.3f s\n", pushers,
        static_cast<double>(fs::file_size(server.dir.file("live-backup.sqlite"))) / 1048576.0,
        backupSeconds);
    printLatencies("without backup (3 s)", baseline);
    printLatencies("during the backup", during);
    std::printf("  ratio during/without: p99 %.2f, max %.2f\n",
                during.quantile(0.99) / baseline.quantile(0.99), during.max() / baseline.max());
    CHECK(!during.ms.empty());
}
