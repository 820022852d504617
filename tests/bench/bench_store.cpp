// Storage benchmark: what the device store and the server store cost per response, against
// plain sqlite3 inserts of the same bytes with the same pragmas (WAL, synchronous=FULL).
//
//   bench_store [--n 5000] [--batch 200] [--rounds 5] [--sync full|normal|off]
//               [--dir <directory on the disk to test>]
//
// Device side: one transaction per response (as the app submits). Server side: batches of
// `--batch` responses per transaction (as a push arrives). The variants run interleaved in
// `--rounds` slices so that load from other processes affects them alike. `--sync off` takes
// fsync out of the picture and shows the CPU overhead of the stores over plain inserts.

#include "td/core/hlc.hpp"
#include "td/core/uuid.hpp"
#include "td/store/device_store.hpp"
#include "td/store/server_store.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <sqlite3.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Response {
    std::string id;
    std::string hlc;
    std::string body;
};

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "bench_store: %s\n", what.c_str());
    std::exit(1);
}

std::vector<Response> makeResponses(int n) {
    std::mt19937 rng(7);
    td::Hlc hlc("bench-device");
    std::vector<Response> out;
    out.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        Response r{td::newUuidV7().toString(), hlc.now().toString(), {}};
        std::string body = R"({"survey":"vindeln-trygghet-2025","campaign":"c-2025","id":")" +
                           r.id + R"(","submitted_at":"2025-10-14T18:)" +
                           std::to_string(10 + i % 50) + R"(:00Z","answers":{)";
        for (int q = 0; q < 30; ++q) {
            if (q)
                body += ',';
            body += "\"q" + std::to_string(q + 1) + "\":";
            if (q % 10 == 9)
                body += R"("Mörkt vid busshållplatsen, dålig belysning på gångvägen")";
            else
                body += std::to_string(rng() % 5 + 1);
        }
        body += R"(},"locality":"vindeln","age_band":"45-64"})";
        r.body = std::move(body);
        out.push_back(std::move(r));
    }
    return out;
}

// Plain sqlite3: one table, prepared insert, explicit BEGIN/COMMIT per `batch` rows.
class PlainSqlite {
public:
    PlainSqlite(const std::string& path, const std::string& synchronous) {
        if (sqlite3_open(path.c_str(), &m_db) != SQLITE_OK)
            die("open " + path);
        exec(("PRAGMA journal_mode=WAL; PRAGMA synchronous=" + synchronous +
              "; PRAGMA foreign_keys=ON;")
                 .c_str());
        exec("CREATE TABLE responses (id TEXT PRIMARY KEY, hlc TEXT NOT NULL, "
             "body TEXT NOT NULL);");
        if (sqlite3_prepare_v2(m_db, "INSERT INTO responses VALUES (?1, ?2, ?3)", -1, &m_insert,
                               nullptr) != SQLITE_OK)
            die(sqlite3_errmsg(m_db));
    }
    ~PlainSqlite() {
        sqlite3_finalize(m_insert);
        sqlite3_close(m_db);
    }
    void insert(const std::vector<Response>& all, size_t from, size_t to, size_t batch) {
        for (size_t start = from; start < to; start += batch) {
            exec("BEGIN IMMEDIATE");
            for (size_t i = start; i < std::min(to, start + batch); ++i) {
                sqlite3_bind_text(m_insert, 1, all[i].id.data(), static_cast<int>(all[i].id.size()),
                                  SQLITE_STATIC);
                sqlite3_bind_text(m_insert, 2, all[i].hlc.data(),
                                  static_cast<int>(all[i].hlc.size()), SQLITE_STATIC);
                sqlite3_bind_text(m_insert, 3, all[i].body.data(),
                                  static_cast<int>(all[i].body.size()), SQLITE_STATIC);
                if (sqlite3_step(m_insert) != SQLITE_DONE)
                    die(sqlite3_errmsg(m_db));
                sqlite3_reset(m_insert);
            }
            exec("COMMIT");
        }
    }

private:
    void exec(const char* sql) {
        char* error = nullptr;
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, &error) != SQLITE_OK)
            die(error ? error : "exec");
    }
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_insert = nullptr;
};

double micros(Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

} // namespace

int main(int argc, char** argv) {
    int n = 5000;
    int batch = 200;
    int rounds = 5;
    std::string sync = "full";
    std::filesystem::path dir = std::filesystem::current_path();
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            die("missing value for " + arg);
        if (arg == "--n")
            n = std::atoi(argv[++i]);
        else if (arg == "--batch")
            batch = std::atoi(argv[++i]);
        else if (arg == "--rounds")
            rounds = std::atoi(argv[++i]);
        else if (arg == "--sync")
            sync = argv[++i];
        else if (arg == "--dir")
            dir = argv[++i];
        else
            die("unknown option " + arg);
    }
    if (n < 1 || batch < 1 || rounds < 1)
        die("--n, --batch and --rounds must be positive");
    rounds = std::min(rounds, n);
    td::store::Synchronous synchronous = td::store::Synchronous::Full;
    if (sync == "normal")
        synchronous = td::store::Synchronous::Normal;
    else if (sync == "off")
        synchronous = td::store::Synchronous::Off;
    else if (sync != "full")
        die("--sync must be full, normal or off");

    const std::filesystem::path work = dir / ("bench-store-" + std::to_string(::getpid()));
    std::filesystem::create_directories(work);
    const std::vector<Response> responses = makeResponses(n);
    size_t bodyBytes = 0;
    for (const auto& r : responses)
        bodyBytes += r.body.size();

    {
        td::store::DeviceStoreOptions deviceOptions;
        deviceOptions.synchronous = synchronous;
        auto device = td::store::DeviceStore::open((work / "device.db").string(), deviceOptions);
        if (!device)
            die(device.error().describe());
        td::store::ServerStoreOptions serverOptions;
        serverOptions.synchronous = synchronous;
        auto server = td::store::ServerStore::open((work / "server.db").string(), serverOptions);
        if (!server)
            die(server.error().describe());
        PlainSqlite plainSingle((work / "plain-single.db").string(), sync);
        PlainSqlite plainBatch((work / "plain-batch.db").string(), sync);

        Clock::duration tDevice{}, tPlainSingle{}, tServer{}, tPlainBatch{};
        const td::store::Provenance provenance{std::string("bench-device"), 0};
        for (int round = 0; round < rounds; ++round) {
            const size_t from =
                static_cast<size_t>(n) * static_cast<size_t>(round) / static_cast<size_t>(rounds);
            const size_t to = static_cast<size_t>(n) * static_cast<size_t>(round + 1) /
                              static_cast<size_t>(rounds);

            auto t0 = Clock::now();
            for (size_t i = from; i < to; ++i) {
                const auto& r = responses[i];
                if (auto s = device->submit({"response", r.id, 1, r.hlc, r.body}); !s)
                    die(s.error().describe());
            }
            tDevice += Clock::now() - t0;

            t0 = Clock::now();
            plainSingle.insert(responses, from, to, 1);
            tPlainSingle += Clock::now() - t0;

            t0 = Clock::now();
            for (size_t start = from; start < to; start += static_cast<size_t>(batch)) {
                std::vector<td::store::StoredRecord> records;
                for (size_t i = start; i < std::min(to, start + static_cast<size_t>(batch)); ++i)
                    records.push_back(
                        {"response", responses[i].id, 1, responses[i].hlc, responses[i].body});
                auto applied = (*server)->applyBatch(records, provenance);
                if (!applied)
                    die(applied.error().describe());
            }
            tServer += Clock::now() - t0;

            t0 = Clock::now();
            plainBatch.insert(responses, from, to, static_cast<size_t>(batch));
            tPlainBatch += Clock::now() - t0;
        }

        auto pendingCount = device->pendingCount();
        if (!pendingCount || *pendingCount != n)
            die("device outbox does not hold every response");

        const double perDevice = micros(tDevice) / n;
        const double perPlainSingle = micros(tPlainSingle) / n;
        const double perServer = micros(tServer) / n;
        const double perPlainBatch = micros(tPlainBatch) / n;
        std::printf("bench_store: %d responses of 30 answers (mean body %zu bytes), WAL, "
                    "synchronous=%s, %d interleaved rounds, files in %s\n",
                    n, bodyBytes / static_cast<size_t>(n), sync.c_str(), rounds, work.c_str());
        std::printf("%-44s %10s %10s\n", "variant", "us/resp", "ratio");
        std::printf("%-44s %10.1f %10s\n", "plain sqlite3, 1 insert per transaction",
                    perPlainSingle, "1.00");
        std::printf("%-44s %10.1f %10.2f\n", "DeviceStore::submit (record+outbox) per tx",
                    perDevice, perDevice / perPlainSingle);
        std::printf(
            "%-44s %10.1f %10s\n",
            ("plain sqlite3, " + std::to_string(batch) + " inserts per transaction").c_str(),
            perPlainBatch, "1.00");
        std::printf("%-44s %10.1f %10.2f\n",
                    ("ServerStore::applyBatch, " + std::to_string(batch) + " per tx").c_str(),
                    perServer, perServer / perPlainBatch);
    }
    std::error_code ec;
    std::filesystem::remove_all(work, ec);
    return 0;
}
