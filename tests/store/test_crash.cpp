// Kills a writer process (tests/store/crash_writer.cpp) with SIGKILL at >= 200 different points
// and checks after each kill that the device store lost nothing it reported as committed, has
// no record without its outbox entry (or the reverse), and holds only complete bodies.

#include "crash_body.hpp"
#include "td/store/device_store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <map>
#include <poll.h>
#include <random>
#include <set>
#include <sqlite3.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace td::store;

namespace {

struct KillPlan {
    int afterCommits = 0; ///< wait for this many reported commits first
    int delayUs = 0;      ///< then wait this long
    long largeEvery = 0;  ///< the writer's large-record period (0 = none)
};

struct RunOutcome {
    std::vector<std::string> reported;
};

/// Starts the writer, kills it per `plan`, returns the ids it reported before dying.
RunOutcome runAndKill(const std::string& dbPath, const std::string& prefix, const KillPlan& plan) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const std::string every = std::to_string(plan.largeEvery);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::close(fds[0]);
        ::close(fds[1]);
        ::execl(TD_CRASH_WRITER, TD_CRASH_WRITER, dbPath.c_str(), prefix.c_str(), every.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);

    RunOutcome outcome;
    std::string buffer;
    bool killed = false;
    auto readSome = [&](int timeoutMs) -> bool { // false at EOF
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, timeoutMs);
        if (ready <= 0)
            return true;
        char chunk[4096];
        const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
        if (n <= 0)
            return false;
        buffer.append(chunk, static_cast<size_t>(n));
        size_t newline;
        while ((newline = buffer.find('\n')) != std::string::npos) {
            outcome.reported.push_back(buffer.substr(0, newline));
            buffer.erase(0, newline + 1);
        }
        return true;
    };

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (static_cast<int>(outcome.reported.size()) < plan.afterCommits) {
        if (!readSome(100))
            break; // writer died on its own: reported below as a failure
        if (std::chrono::steady_clock::now() > deadline)
            break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(plan.delayUs));
    killed = ::kill(pid, SIGKILL) == 0;
    while (readSome(1000)) {
    } // drain what the writer reported before it died
    ::close(fds[0]);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    INFO("writer status " << status << ", reported " << outcome.reported.size());
    REQUIRE(killed);
    REQUIRE(WIFSIGNALED(status));
    REQUIRE(WTERMSIG(status) == SIGKILL);
    REQUIRE(static_cast<int>(outcome.reported.size()) >= plan.afterCommits);
    return outcome;
}

std::vector<std::string> ids(Database& db, const char* sql) {
    std::vector<std::string> out;
    auto stmt = db.prepare(sql);
    REQUIRE(stmt.ok());
    for (;;) {
        auto row = stmt->step();
        REQUIRE(row.ok());
        if (!*row)
            break;
        out.push_back(stmt->columnText(0));
    }
    return out;
}

/// Checks every invariant; returns the ids present.
std::set<std::string> verify(const std::string& dbPath, const std::set<std::string>& reported,
                             const std::set<std::string>& prefixes) {
    auto opened = DeviceStore::open(dbPath);
    if (!opened)
        FAIL("store does not open after a kill: " << opened.error().describe());
    DeviceStore store = std::move(opened).value();
    // Leave the WAL in place on close, as a killed app would: later writers start on it.
    REQUIRE(sqlite3_db_config(store.database().handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
                              nullptr) == SQLITE_OK);
    auto integrity = store.database().integrityCheck();
    REQUIRE(integrity.ok());
    REQUIRE(*integrity == "ok");

    CHECK(ids(store.database(), "SELECT r.id FROM records r LEFT JOIN outbox o "
                                "ON o.id = r.id AND o.rev = r.rev WHERE o.seq IS NULL")
              .empty());
    CHECK(ids(store.database(), "SELECT o.id FROM outbox o LEFT JOIN records r "
                                "ON r.id = o.id AND r.rev = o.rev WHERE r.id IS NULL")
              .empty());

    auto records = store.recordsOfKind("response");
    REQUIRE(records.ok());
    std::set<std::string> present;
    for (const RecordRow& row : *records) {
        present.insert(row.id);
        const std::string prefix = row.id.substr(0, row.id.find('-'));
        INFO("record " << row.id);
        REQUIRE(prefixes.count(prefix) == 1); // only ids a writer could have made
        REQUIRE(row.body == td::test::crashBody(row.id));
    }
    for (const std::string& id : reported) {
        INFO("reported id " << id);
        REQUIRE(present.count(id) == 1);
    }
    auto pending = store.pendingCount();
    REQUIRE(pending.ok());
    CHECK(*pending == static_cast<std::int64_t>(present.size()));
    return present;
}

} // namespace

TEST_CASE("killing the writer at any point loses and corrupts nothing", "[crash]") {
    constexpr int kKills = 210;
    constexpr int kKillsPerDatabase = 10;
    std::mt19937 rng(20251125);
    td::test::TempDir dir;

    std::string dbPath;
    std::set<std::string> reported;
    std::set<std::string> prefixes;
    std::size_t committedUnreported = 0;
    std::size_t largeKills = 0;
    std::size_t killedInLarge = 0;
    std::chrono::steady_clock::duration runTime{}, verifyTime{};
    std::set<std::pair<int, int>> points;
    for (int kill = 0; kill < kKills; ++kill) {
        if (kill % kKillsPerDatabase == 0) {
            dbPath = dir.file("crash-" + std::to_string(kill) + ".db");
            reported.clear();
            prefixes.clear();
        }
        KillPlan plan;
        const bool largeRun = kill % 4 == 3;
        if (largeRun) {
            plan.largeEvery = 2; // a 256 KiB–1 MiB body every other transaction, the first included
            plan.afterCommits = static_cast<int>(rng() % 3);
            plan.delayUs = static_cast<int>(rng() % 20000);
            ++largeKills;
        } else {
            plan.afterCommits = static_cast<int>(rng() % 5);
            plan.delayUs = static_cast<int>(rng() % 4000);
        }
        points.insert({plan.afterCommits, plan.delayUs});
        const std::string prefix = "k" + std::to_string(kill);
        prefixes.insert(prefix);
        INFO("kill " << kill << " after " << plan.afterCommits << " commits + " << plan.delayUs
                     << " us, large every " << plan.largeEvery);
        const auto runStart = std::chrono::steady_clock::now();
        const RunOutcome outcome = runAndKill(dbPath, prefix, plan);
        const auto verifyStart = std::chrono::steady_clock::now();
        runTime += verifyStart - runStart;
        reported.insert(outcome.reported.begin(), outcome.reported.end());
        const std::set<std::string> present = verify(dbPath, reported, prefixes);
        verifyTime += std::chrono::steady_clock::now() - verifyStart;
        REQUIRE(present.size() >= reported.size());
        committedUnreported += present.size() - reported.size();
        // This writer's records must be exactly its first m transactions, in order.
        long written = 0;
        while (present.count(prefix + "-" + std::to_string(written)) +
                   present.count(prefix + "-" + std::to_string(written) + "-L") ==
               1)
            ++written;
        for (const std::string& id : present) {
            if (id.starts_with(prefix + "-")) {
                INFO("id " << id << " after " << written << " contiguous transactions");
                REQUIRE(std::stol(id.substr(prefix.size() + 1)) < written);
            }
        }
        // The transaction in flight at the kill was a large one.
        if (plan.largeEvery > 0 && written % plan.largeEvery == 0)
            ++killedInLarge;
        // Committed-but-unreported records are now known to be present: they must stay.
        reported = present;
    }
    CHECK(points.size() >= 200);
    CHECK(largeKills >= 50);
    CHECK(killedInLarge >= 25);
    WARN("kills: " << kKills << ", distinct kill points: " << points.size()
                   << ", committed but unreported at kill: " << committedUnreported
                   << ", killed while a large transaction was in flight: " << killedInLarge
                   << "; writer runs "
                   << std::chrono::duration_cast<std::chrono::milliseconds>(runTime).count()
                   << " ms, checks "
                   << std::chrono::duration_cast<std::chrono::milliseconds>(verifyTime).count()
                   << " ms");
}
