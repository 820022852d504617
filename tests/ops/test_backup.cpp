// admin backup and admin restore against the real server binary: a backup taken under a steady
// push load holds every record acknowledged before it began, restores into a new server and
// passes PRAGMA integrity_check; and each way it can be misused fails clearly, losing nothing.
#include "live_server.hpp"
#include "sqlite_support.hpp"

#include <algorithm>
#include <atomic>
#include <boost/json/parse.hpp>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <set>
#include <sqlite3.h>
#include <thread>

using namespace td::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Runs the server binary; returns the exit code, stdout in `out`, stderr in `err`.
int admin(const std::vector<std::string>& args, std::string* out = nullptr,
          std::string* err = nullptr) {
    TempDir logDir;
    std::vector<std::string> argv{"/bin/sh", "-c", "exec \"$0\" \"$@\" 2>\"$TD_ERR\"",
                                  serverBinary()};
    argv.insert(argv.end(), args.begin(), args.end());
    const int rc = runProgram(argv, out, {"TD_ERR=" + logDir.file("err")});
    if (err)
        *err = readFileBytes(logDir.file("err"));
    return rc;
}

std::set<std::string> responseIds(const std::string& path) {
    std::set<std::string> ids;
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT id FROM records WHERE kind = 'response'", -1, &stmt,
                               nullptr) == SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW)
        ids.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return ids;
}

std::vector<std::string> filesIn(const std::string& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// A database with a coordinator, made by the admin command, the server not running.
std::string makeDatabase(const TempDir& dir) {
    const std::string db = dir.file("server.db");
    REQUIRE(createCoordinator(db));
    return db;
}

struct Acked {
    Clock::time_point at;
    std::vector<std::string> records; ///< push record JSON texts
    std::vector<std::string> ids;
};

} // namespace

TEST_CASE("a backup under push load holds every acknowledged record and restores") {
    LiveServer server({"--rate-limit-per-minute", "0"});
    auto officer = server.client(server.tokens.officer);
    // Some volume first, so that the copy takes a while.
    std::vector<Acked> acked;
    for (int i = 0; i < 8; ++i) {
        Acked a;
        a.records = responseRecords(400, &a.ids, 1000u + static_cast<unsigned>(i) * 400u);
        REQUIRE(officer.post("/api/v1/sync/push", pushBody(a.records)).status == 200);
        a.at = Clock::now();
        acked.push_back(std::move(a));
    }

    std::mutex mutex;
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::vector<std::thread> pushers;
    constexpr int kPushers = 4;
    for (int t = 0; t < kPushers; ++t) {
        pushers.emplace_back([&, t] {
            auto client = server.client(server.tokens.officer);
            for (unsigned n = 0; !stop && n < 2000; ++n) {
                Acked a;
                a.records =
                    responseRecords(10, &a.ids, 100000u * static_cast<unsigned>(t + 1) + n * 10);
                auto res = client.post("/api/v1/sync/push", pushBody(a.records));
                a.at = Clock::now();
                if (res.status != 200 || res.body.find("\"stored\"") == std::string::npos ||
                    res.body.find("rejected") != std::string::npos) {
                    ++failures;
                    continue;
                }
                std::lock_guard lock(mutex);
                acked.push_back(std::move(a));
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    const auto backupStart = Clock::now();
    const std::string copy = server.dir.file("copy.sqlite");
    std::string out, err;
    const int rc = admin({"--db", server.db(), "admin", "backup", "--to", copy}, &out, &err);
    const auto backupEnd = Clock::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
    for (auto& t : pushers)
        t.join();
    INFO(err);
    REQUIRE(rc == 0);
    CHECK(failures == 0);
    auto report = boost::json::parse(out).as_object();
    CHECK(report.at("backup").as_string() == copy);
    CHECK(report.at("integrity").as_string() == "ok");
    CHECK(report.at("bytes").to_number<std::uint64_t>() == fs::file_size(copy));
    CHECK(sqliteScalar(copy, "PRAGMA integrity_check") == "ok");
    CHECK(sqliteScalar(copy, "PRAGMA journal_mode") == "delete");
    // Only the copy is left beside the server's own files (its database and the enrolment-code
    // key): no temporary file, journal or WAL.
    CHECK(filesIn(server.dir.path()) ==
          std::vector<std::string>{"copy.sqlite", "enrolment-code.key", "server.db",
                                   "server.db-shm", "server.db-wal", "server.log"});

    std::size_t before = 0, during = 0;
    std::vector<std::string> beforeRecords;
    std::set<std::string> beforeIds;
    for (const auto& a : acked) {
        if (a.at < backupStart) {
            before += a.ids.size();
            beforeIds.insert(a.ids.begin(), a.ids.end());
            beforeRecords.insert(beforeRecords.end(), a.records.begin(), a.records.end());
        } else if (a.at < backupEnd) {
            during += a.ids.size();
        }
    }
    INFO("acknowledged before the backup: " << before << ", during it: " << during);
    CHECK(before > 3200);
    const auto inCopy = responseIds(copy);
    CHECK(std::includes(inCopy.begin(), inCopy.end(), beforeIds.begin(), beforeIds.end()));

    // Restore into a fresh place and run a new server on it: every record acknowledged before
    // the backup is there, byte for byte (pushed again, each one is a duplicate).
    TempDir other;
    const std::string restored = other.file("restored.db");
    REQUIRE(admin({"--db", restored, "admin", "restore", "--from", copy}, &out, &err) == 0);
    CHECK(boost::json::parse(out).at("kept_aside").as_string() == "");
    CHECK(sqliteScalar(restored, "PRAGMA integrity_check") == "ok");
    ServerProcess second(restored, {"--rate-limit-per-minute", "0"}, other.file("log"));
    REQUIRE(second.started());
    HttpClient c(second.address());
    auto login = c.post("/api/v1/auth/login",
                        std::string(R"({"username":"alice","password":")") + kPassword + "\"}");
    REQUIRE(login.status == 200);
    HttpClient anon(second.address());
    c.setToken(jsonString(login.body, "/token"));
    auto code = c.post("/api/v1/enrolment-codes", R"({"role":"officer"})");
    REQUIRE(code.status == 201);
    auto enrolled =
        anon.post("/api/v1/devices/enrol", R"({"code":")" + jsonString(code.body, "/code") + "\"}");
    REQUIRE(enrolled.status == 201);
    HttpClient device(second.address());
    device.setToken(jsonString(enrolled.body, "/token"));
    std::size_t duplicates = 0;
    for (std::size_t i = 0; i < beforeRecords.size(); i += 400) {
        std::vector<std::string> batch(beforeRecords.begin() + static_cast<std::ptrdiff_t>(i),
                                       beforeRecords.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                                   i + 400, beforeRecords.size())));
        auto res = device.post("/api/v1/sync/push", pushBody(batch));
        REQUIRE(res.status == 200);
        const auto answer = boost::json::parse(res.body);
        for (const auto& r : answer.at("results").as_array())
            duplicates += r.at("status").as_string() == "duplicate" ? 1 : 0;
    }
    CHECK(duplicates == before);
}

TEST_CASE("backup failures leave nothing behind and change nothing") {
    TempDir dir;
    const std::string db = makeDatabase(dir);
    const std::string original = readFileBytes(db);
    std::string out, err;

    SECTION("the target directory does not exist") {
        CHECK(admin({"--db", db, "admin", "backup", "--to", dir.file("missing/b.sqlite")}, &out,
                    &err) == 1);
        CHECK(err.find("backup_dir_missing") != std::string::npos);
        CHECK_FALSE(fs::exists(dir.file("missing")));
    }
    SECTION("--to is the live database, or its WAL") {
        for (const std::string& target : {db, dir.file("./server.db"), db + "-wal"}) {
            INFO(target);
            CHECK(admin({"--db", db, "admin", "backup", "--to", target}, &out, &err) == 1);
            CHECK(err.find("backup_target_is_database") != std::string::npos);
        }
        CHECK(readFileBytes(db) == original);
    }
    SECTION("the target directory is not writable") {
        // Run as nobody against a database nobody may read and write, into a directory of
        // root's that nobody may not write (root itself could write anywhere).
        fs::permissions(dir.path(), fs::perms::all);
        fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::group_write | fs::perms::others_read |
                                fs::perms::others_write);
        fs::create_directory(dir.file("locked"));
        fs::permissions(dir.file("locked"), fs::perms::owner_all | fs::perms::group_read |
                                                fs::perms::group_exec | fs::perms::others_read |
                                                fs::perms::others_exec);
        // nobody must reach the binary: the checkout may lie under a directory only root may
        // enter (a home, mktemp -d), so it is linked (or copied) into the test's directory.
        const std::string binary = dir.file("td-sync-server");
        std::error_code linkError;
        fs::create_hard_link(serverBinary(), binary, linkError);
        if (linkError)
            fs::copy_file(serverBinary(), binary);
        std::vector<std::string> argv{"/usr/bin/setpriv",
                                      "--reuid=65534",
                                      "--regid=65534",
                                      "--clear-groups",
                                      "/bin/sh",
                                      "-c",
                                      "exec \"$0\" \"$@\" 2>&1",
                                      binary,
                                      "--db",
                                      db,
                                      "admin",
                                      "backup",
                                      "--to",
                                      dir.file("locked/b.sqlite")};
        CHECK(runProgram(argv, &out) == 1);
        CHECK(out.find("backup_dir_not_writable") != std::string::npos);
        CHECK(filesIn(dir.file("locked")).empty());
        // The same user can back up into a directory it may write.
        fs::create_directory(dir.file("open"));
        fs::permissions(dir.file("open"), fs::perms::all);
        argv.back() = dir.file("open/b.sqlite");
        CHECK(runProgram(argv, &out) == 0);
        CHECK(sqliteScalar(dir.file("open/b.sqlite"), "PRAGMA integrity_check") == "ok");
    }
    SECTION("no database at --db") {
        CHECK(admin({"--db", dir.file("none.db"), "admin", "backup", "--to", dir.file("b")}, &out,
                    &err) == 1);
        CHECK(err.find("database_missing") != std::string::npos);
        CHECK_FALSE(fs::exists(dir.file("none.db")));
        CHECK_FALSE(fs::exists(dir.file("b")));
    }
    SECTION("admin backup without --to and without --backup-dir") {
        CHECK(admin({"--db", db, "admin", "backup"}, &out, &err) == 1);
        CHECK(err.find("--backup-dir") != std::string::npos);
    }
}

TEST_CASE("dated backups in --backup-dir keep the newest --backup-keep copies") {
    TempDir dir;
    const std::string db = makeDatabase(dir);
    fs::create_directory(dir.file("backups"));
    std::ofstream(dir.file("backups/notes.txt")) << "not a backup";
    std::vector<std::string> made;
    for (int i = 0; i < 4; ++i) {
        std::string out, err;
        INFO(err);
        REQUIRE(admin({"--db", db, "--backup-dir", dir.file("backups"), "--backup-keep", "2",
                       "admin", "backup"},
                      &out, &err) == 0);
        made.push_back(
            fs::path(std::string(boost::json::parse(out).at("backup").as_string())).filename());
    }
    auto left = filesIn(dir.file("backups"));
    std::vector<std::string> expected{made[2], made[3], "notes.txt"};
    std::sort(expected.begin(), expected.end());
    CHECK(left == expected);
    CHECK(made[2] < made[3]); // the newest sorts last, also within one second
    for (const auto& name : made)
        CHECK(name.starts_with("trygghetsdialog-"));
    std::string err;
    CHECK(admin({"--db", db, "--backup-dir", dir.file("backups"), "--backup-keep", "0", "admin",
                 "backup"},
                nullptr, &err) == 1);
    CHECK(err.find("--backup-keep") != std::string::npos);
}

TEST_CASE("restore refuses bad copies and a database in use, and keeps what it replaces") {
    TempDir dir;
    const std::string db = makeDatabase(dir);
    const std::string copy = dir.file("copy.sqlite");
    REQUIRE(admin({"--db", db, "admin", "backup", "--to", copy}) == 0);
    // The live database moves on after the backup: a second coordinator.
    REQUIRE(createCoordinator(db, "bob"));
    const std::string live = readFileBytes(db);
    std::string out, err;

    auto unchanged = [&] {
        CHECK(readFileBytes(db) == live);
        for (const auto& name : filesIn(dir.path())) {
            INFO(name);
            CHECK(name.find(".replaced-") == std::string::npos);
            CHECK(name.find(".restore-") == std::string::npos);
        }
    };

    SECTION("a corrupt file") {
        std::string bytes = readFileBytes(copy);
        for (std::size_t i = 4096; i < bytes.size(); i += 97)
            bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
        std::ofstream(dir.file("corrupt.sqlite"), std::ios::binary) << bytes;
        CHECK(admin({"--db", db, "admin", "restore", "--from", dir.file("corrupt.sqlite")}, &out,
                    &err) == 1);
        CHECK(err.find("backup_corrupt") != std::string::npos);
        unchanged();
    }
    SECTION("not a database at all, a truncated copy, a missing file") {
        std::ofstream(dir.file("text.sqlite")) << "these are not the pages you are looking for";
        std::ofstream(dir.file("half.sqlite"), std::ios::binary)
            << readFileBytes(copy).substr(0, fs::file_size(copy) / 2);
        for (const char* name : {"text.sqlite", "half.sqlite"}) {
            INFO(name);
            CHECK(admin({"--db", db, "admin", "restore", "--from", dir.file(name)}, &out, &err) ==
                  1);
            CHECK(err.find("backup_corrupt") != std::string::npos);
        }
        CHECK(admin({"--db", db, "admin", "restore", "--from", dir.file("gone.sqlite")}, &out,
                    &err) == 1);
        CHECK(err.find("backup_missing") != std::string::npos);
        unchanged();
    }
    SECTION("a copy from a newer schema") {
        fs::copy_file(copy, dir.file("newer.sqlite"));
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(dir.file("newer.sqlite").c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "PRAGMA user_version=999", nullptr, nullptr, nullptr) ==
                SQLITE_OK);
        sqlite3_close(raw);
        CHECK(admin({"--db", db, "admin", "restore", "--from", dir.file("newer.sqlite")}, &out,
                    &err) == 1);
        CHECK(err.find("backup_schema_unsupported") != std::string::npos);
        unchanged();
    }
    SECTION("an SQLite file that is not a Trygghetsdialog database") {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(dir.file("other.sqlite").c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "CREATE TABLE t(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
        CHECK(admin({"--db", db, "admin", "restore", "--from", dir.file("other.sqlite")}, &out,
                    &err) == 1);
        CHECK(err.find("not_a_backup") != std::string::npos);
        unchanged();
    }
    SECTION("the live database is open in a running server") {
        ServerProcess running(db, {}, dir.file("server.log"));
        REQUIRE(running.started());
        CHECK(admin({"--db", db, "admin", "restore", "--from", copy}, &out, &err) == 1);
        CHECK(err.find("database_in_use") != std::string::npos);
        CHECK(err.find("systemctl stop trygghetsdialog") != std::string::npos);
        CHECK(HttpClient(running.address()).get("/healthz").status == 200);
    }
    SECTION("a good copy replaces the database, which is kept aside") {
        REQUIRE(admin({"--db", db, "admin", "restore", "--from", copy}, &out, &err) == 0);
        const std::string aside(boost::json::parse(out).at("kept_aside").as_string());
        CHECK(aside.starts_with(db + ".replaced-"));
        CHECK(sqliteScalar(aside, "SELECT count(*) FROM accounts") == "2");
        CHECK(sqliteScalar(db, "SELECT count(*) FROM accounts") == "1");
        CHECK(sqliteScalar(db, "PRAGMA integrity_check") == "ok");
        // The restored database serves: alice signs in.
        ServerProcess restored(db, {}, dir.file("server.log"));
        REQUIRE(restored.started());
        auto login = HttpClient(restored.address())
                         .post("/api/v1/auth/login", std::string(R"({"username":"alice",)") +
                                                         R"("password":")" + kPassword + "\"}");
        CHECK(login.status == 200);
    }
}
