// Push throughput: synthetic 30-answer responses through SyncService::push in batches (strict
// parse, model decode, validation against the survey, durable commit), against the same
// canonical rows inserted straight into SQLite with the same pragmas, in the same run.
//
//   bench_push [--n 20000] [--batch 200] [--threads 1] [--stop-after setup|push]
//
// `--stop-after` ends the run early, so that instruction counts of the push path alone can be
// taken as the difference between a `push` run and a `setup` run under callgrind.

#include "../sync/sync_fixture.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sqlite3.h>
#include <sys/resource.h>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

/// User + system CPU seconds of this process so far.
double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto toSeconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return toSeconds(usage.ru_utime) + toSeconds(usage.ru_stime);
}

double seconds(Clock::time_point from) {
    return std::chrono::duration<double>(Clock::now() - from).count();
}

/// Plain sqlite3: one table, WAL, synchronous=FULL, one transaction per batch, one reused
/// prepared statement. Returns elapsed seconds.
double directInsert(const std::string& path, const std::vector<td::sync::PushRecord>& rows,
                    std::size_t batch) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
        throw std::runtime_error("cannot open " + path);
    auto exec = [&](const char* sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(db));
    };
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
         "CREATE TABLE records (id TEXT PRIMARY KEY, kind TEXT NOT NULL, rev INTEGER NOT NULL,"
         " hlc TEXT NOT NULL, body TEXT NOT NULL)");
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO records (id, kind, rev, hlc, body) VALUES (?,?,?,?,?)", -1,
                       &insert, nullptr);
    const auto start = Clock::now();
    for (std::size_t i = 0; i < rows.size(); i += batch) {
        exec("BEGIN IMMEDIATE");
        for (std::size_t k = i; k < std::min(rows.size(), i + batch); ++k) {
            const auto& r = rows[k];
            sqlite3_bind_text(insert, 1, r.id.data(), static_cast<int>(r.id.size()), SQLITE_STATIC);
            sqlite3_bind_text(insert, 2, r.kind.data(), static_cast<int>(r.kind.size()),
                              SQLITE_STATIC);
            sqlite3_bind_int64(insert, 3, r.rev);
            sqlite3_bind_text(insert, 4, r.hlc.data(), static_cast<int>(r.hlc.size()),
                              SQLITE_STATIC);
            sqlite3_bind_text(insert, 5, r.body.data(), static_cast<int>(r.body.size()),
                              SQLITE_STATIC);
            if (sqlite3_step(insert) != SQLITE_DONE)
                throw std::runtime_error(sqlite3_errmsg(db));
            sqlite3_reset(insert);
        }
        exec("COMMIT");
    }
    const double elapsed = seconds(start);
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return elapsed;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t n = 20000, batch = 200, threads = 1;
    std::string stopAfter;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--n"))
            n = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--batch"))
            batch = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--threads"))
            threads = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--stop-after"))
            stopAfter = argv[i + 1];
    }
    td::sync::SyncServiceOptions options;
    options.limits.maxRecordsPerBatch = std::max<std::size_t>(batch, 1);
    td::test::ServiceFixture f(options);

    // Client-side work, not timed: the records and their push bodies.
    std::vector<td::sync::PushRecord> records;
    records.reserve(n);
    std::size_t answers = 0, bytes = 0;
    for (std::size_t i = 0; i < n; ++i) {
        records.push_back(f.responseRecord(i + 1));
        bytes += records.back().body.size();
    }
    answers = td::test::syntheticResponse(f.survey, f.campaignId, 1).answers.size();
    std::vector<std::string> bodies;
    for (std::size_t i = 0; i < n; i += batch)
        bodies.push_back(td::test::pushBody(
            {records.begin() + static_cast<std::ptrdiff_t>(i),
             records.begin() + static_cast<std::ptrdiff_t>(std::min(n, i + batch))}));

    if (stopAfter == "setup")
        return 0;
    const td::sync::Principal officer{td::sync::Role::Officer, std::string("bench"), std::nullopt};
    std::atomic<std::size_t> next{0}, stored{0}, failed{0};
    const double cpuStart = cpuSeconds();
    const auto start = Clock::now();
    std::vector<std::thread> workers;
    for (std::size_t t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            for (std::size_t b; (b = next++) < bodies.size();) {
                auto reply = f.service->push(officer, bodies[b]);
                if (reply.httpStatus != 200)
                    ++failed;
                stored += reply.counts.stored;
            }
        });
    }
    for (auto& w : workers)
        w.join();
    const double pushSeconds = seconds(start);
    const double pushCpu = cpuSeconds() - cpuStart;
    if (failed || stored != n) {
        std::fprintf(stderr, "push failed: %zu batches failed, %zu of %zu stored\n", failed.load(),
                     stored.load(), n);
        return 1;
    }
    if (stopAfter == "push")
        return 0;

    // The same canonical rows, straight into SQLite.
    std::vector<td::sync::PushRecord> canonical;
    auto all = f.store->listRecords("response");
    if (!all)
        return 1;
    for (auto& r : *all)
        canonical.push_back(td::sync::PushRecord{r.kind, r.id, r.rev, r.hlc, r.body});
    const double directCpuStart = cpuSeconds();
    const double directSeconds = directInsert(f.dir.file("direct.db"), canonical, batch);
    const double directCpu = cpuSeconds() - directCpuStart;

    // The store alone (no parsing or validation), for the breakdown.
    auto storeOnly = td::store::ServerStore::open(f.dir.file("store_only.db"));
    if (!storeOnly)
        return 1;
    std::vector<td::store::StoredRecord> stored200;
    const auto storeStart = Clock::now();
    for (std::size_t i = 0; i < canonical.size(); i += batch) {
        stored200.clear();
        for (std::size_t k = i; k < std::min(canonical.size(), i + batch); ++k)
            stored200.push_back(
                {canonical[k].kind, canonical[k].id, 1, canonical[k].hlc, canonical[k].body});
        if (!(*storeOnly)->applyBatch(stored200, td::store::Provenance{"bench", 1}))
            return 1;
    }
    const double storeSeconds = seconds(storeStart);

    // CPU stages of the push path on their own (single thread, no storage).
    const auto parseStart = Clock::now();
    std::size_t parsedRecords = 0;
    for (const std::string& body : bodies)
        parsedRecords += td::sync::decodePushEnvelope(body, options.limits).value().records.size();
    const double parseSeconds = seconds(parseStart);
    const auto checkStart = Clock::now();
    std::size_t canonicalBytes = 0;
    for (const auto& r : records) {
        auto response = td::model::fromJsonText<td::model::Response>(r.body);
        if (!response || !td::model::validateResponse(*response, f.survey).empty())
            return 1;
        canonicalBytes += boost::json::serialize(td::model::encode(*response)).size();
    }
    const double checkSeconds = seconds(checkStart);
    std::vector<boost::json::value> parsedBodies;
    for (const auto& r : records)
        parsedBodies.push_back(td::json::parse(r.body).value());
    std::vector<td::model::Response> decodedBodies;
    auto stage = Clock::now();
    for (const auto& v : parsedBodies)
        decodedBodies.push_back(td::model::decode<td::model::Response>(v).value());
    const double decodeSeconds = seconds(stage);
    stage = Clock::now();
    for (const auto& r : decodedBodies)
        canonicalBytes += td::model::validateResponse(r, f.survey).size();
    const double validateSeconds = seconds(stage);
    stage = Clock::now();
    for (const auto& r : decodedBodies)
        canonicalBytes += boost::json::serialize(td::model::encode(r)).size();
    const double encodeSeconds = seconds(stage);
    if (parsedRecords != n || canonicalBytes == 0)
        return 1;

    const double pushRate = static_cast<double>(n) / pushSeconds;
    const double directRate = static_cast<double>(n) / directSeconds;
    const double storeRate = static_cast<double>(n) / storeSeconds;
    std::printf("responses: %zu (%zu answers, %.0f bytes each), batches of %zu, %zu thread(s)\n", n,
                answers, static_cast<double>(bytes) / static_cast<double>(n), batch, threads);
    std::printf("SyncService::push (durable):   %10.0f responses/s\n", pushRate);
    std::printf("ServerStore::applyBatch only:  %10.0f responses/s\n", storeRate);
    std::printf("  strict parse of the batches: %10.0f responses/s\n",
                static_cast<double>(n) / parseSeconds);
    std::printf("  parse+decode+validate+encode: %9.0f responses/s\n",
                static_cast<double>(n) / checkSeconds);
    std::printf("    decode %.1f us, validate %.1f us, encode+serialise %.1f us per response\n",
                decodeSeconds * 1e6 / static_cast<double>(n),
                validateSeconds * 1e6 / static_cast<double>(n),
                encodeSeconds * 1e6 / static_cast<double>(n));
    std::printf("direct SQLite insert:          %10.0f responses/s\n", directRate);
    std::printf("CPU per response: push %.1f us, direct insert %.1f us\n",
                pushCpu * 1e6 / static_cast<double>(n), directCpu * 1e6 / static_cast<double>(n));
    std::printf("ratio push / direct:           %10.2f\n", pushRate / directRate);
    std::printf("ratio store-only / direct:     %10.2f\n", storeRate / directRate);
    return 0;
}
