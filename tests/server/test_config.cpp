#include "td/server/config.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

using namespace td::server;

namespace {
td::Result<Command> parse(std::vector<std::string> args) {
    return parseCommandLine(args);
}
} // namespace

TEST_CASE("defaults serve on loopback port 8080") {
    auto c = parse({});
    REQUIRE(c);
    CHECK(c->kind == CommandKind::Serve);
    CHECK(c->config.host == "127.0.0.1");
    CHECK(c->config.port == 8080);
    CHECK(validateConfig(c->config));
}

TEST_CASE("every limit option is parsed") {
    auto c = parse({"--listen",
                    "127.0.0.1:0",
                    "--db",
                    "/tmp/x.db",
                    "--threads",
                    "3",
                    "--max-body-bytes",
                    "4096",
                    "--max-batch-records",
                    "10",
                    "--max-header-bytes",
                    "2048",
                    "--read-timeout-ms",
                    "500",
                    "--max-connections",
                    "7",
                    "--rate-limit-per-minute",
                    "30",
                    "--token-lifetime",
                    "2h",
                    "--max-requests-per-connection",
                    "5",
                    "--body-stall-timeout-ms",
                    "1500",
                    "--body-min-rate",
                    "64"});
    REQUIRE(c);
    const auto& cfg = c->config;
    CHECK(cfg.port == 0);
    CHECK(cfg.dbPath == "/tmp/x.db");
    CHECK(cfg.threads == 3);
    CHECK(cfg.limits.maxBodyBytes == 4096);
    CHECK(cfg.limits.maxBatchRecords == 10);
    CHECK(cfg.limits.maxHeaderBytes == 2048);
    CHECK(cfg.limits.readTimeout == std::chrono::milliseconds(500));
    CHECK(cfg.limits.bodyStallTimeout == std::chrono::milliseconds(1500));
    CHECK(cfg.limits.bodyMinRate == 64);
    CHECK(cfg.limits.maxConnections == 7);
    CHECK(cfg.limits.rateLimitPerMinute == 30);
    CHECK(cfg.limits.tokenLifetime == std::chrono::hours(2));
    CHECK(cfg.limits.maxRequestsPerConnection == 5);
}

TEST_CASE("bad options are named in the error") {
    auto c = parse({"--threads", "many"});
    REQUIRE_FALSE(c);
    CHECK(c.error().code == "invalid_argument");
    CHECK(c.error().message.find("--threads") != std::string::npos);
    CHECK_FALSE(parse({"--listen", "nohost"}));
    CHECK_FALSE(parse({"--listen", "127.0.0.1:99999"}));
    CHECK_FALSE(parse({"--frobnicate"}));
    CHECK_FALSE(parse({"--db"}));
}

TEST_CASE("plain HTTP on a public address is refused unless behind a proxy") {
    auto c = parse({"--listen", "0.0.0.0:8080"});
    REQUIRE(c);
    auto s = validateConfig(c->config);
    REQUIRE_FALSE(s);
    CHECK(s.error().message.find("--behind-proxy") != std::string::npos);
    auto proxied = parse({"--listen", "0.0.0.0:8080", "--behind-proxy"});
    REQUIRE(proxied);
    CHECK(validateConfig(proxied->config));
    auto tls = parse({"--listen", "0.0.0.0:8443", "--tls-cert", "c.pem", "--tls-key", "k.pem"});
    REQUIRE(tls);
    CHECK(validateConfig(tls->config));
    auto halfTls = parse({"--tls-cert", "c.pem"});
    REQUIRE(halfTls);
    CHECK_FALSE(validateConfig(halfTls->config));
}

TEST_CASE("admin subcommands") {
    auto coord = parse({"--db", "a.db", "admin", "create-coordinator", "alice"});
    REQUIRE(coord);
    CHECK(coord->kind == CommandKind::CreateCoordinator);
    CHECK(coord->username == "alice");
    CHECK(coord->role == Role::Coordinator);
    auto admin = parse({"admin", "create-admin", "root"});
    REQUIRE(admin);
    CHECK(admin->role == Role::Admin);
    auto code = parse({"admin", "create-enrolment-code", "--role", "kiosk", "--expires-in", "3d"});
    REQUIRE(code);
    CHECK(code->kind == CommandKind::CreateEnrolmentCode);
    CHECK(code->role == Role::Kiosk);
    CHECK(code->expiresIn == std::chrono::hours(72));
    CHECK_FALSE(parse({"admin", "create-enrolment-code", "--role", "coordinator"}));
    CHECK_FALSE(parse({"admin", "create-enrolment-code"}));
    CHECK_FALSE(parse({"admin", "create-coordinator"}));
    auto demo = parse({"demo-data", "load", "--seed", "4"});
    REQUIRE(demo);
    CHECK(demo->kind == CommandKind::LoadDemoData);
    CHECK(demo->extraArgs == std::vector<std::string>{"--seed", "4"});
    auto help = parse({"--help"});
    REQUIRE(help);
    CHECK(help->kind == CommandKind::Help);
    CHECK(usageText().find("--max-body-bytes") != std::string::npos);
}

TEST_CASE("durations") {
    CHECK(*parseDuration("90s") == std::chrono::seconds(90));
    CHECK(*parseDuration("15m") == std::chrono::minutes(15));
    CHECK(*parseDuration("24h") == std::chrono::hours(24));
    CHECK(*parseDuration("600") == std::chrono::seconds(600));
    CHECK_FALSE(parseDuration("0h"));
    CHECK_FALSE(parseDuration("h"));
    CHECK_FALSE(parseDuration("-3h"));
    CHECK_FALSE(parseDuration("5w"));
}

namespace {

// A config file in a fresh directory, removed afterwards.
struct ConfigFile {
    explicit ConfigFile(const std::string& text) {
        std::string tmpl = (std::filesystem::temp_directory_path() / "td-config-XXXXXX").string();
        dir = ::mkdtemp(tmpl.data());
        path = dir + "/server.conf";
        std::ofstream(path) << text;
    }
    ~ConfigFile() { std::filesystem::remove_all(dir); }
    std::string dir;
    std::string path;
};

} // namespace

TEST_CASE("--config: the file's keys are the long options, the command line wins") {
    ConfigFile file("# comment\n"
                    "\n"
                    "listen = 127.0.0.1:9000\n"
                    "  threads=3  \n"
                    "db = state/td.sqlite\n"
                    "dashboard-dir = /srv/dashboard\n"
                    "population = /srv/pop.json\n"
                    "backup-dir = /var/backups/td\n"
                    "backup-keep = 14\n"
                    "behind-proxy = true\n"
                    "token-lifetime = 12h\n");
    auto c = parse({"--config", file.path, "--threads", "5", "--content-dir", "/srv/content"});
    REQUIRE(c);
    CHECK(c->config.port == 9000);
    CHECK(c->config.threads == 5);                            // command line over file
    CHECK(c->config.dbPath == file.dir + "/state/td.sqlite"); // relative to the file
    CHECK(c->config.resources.dashboardDir == "/srv/dashboard");
    CHECK(c->config.resources.populationJson == "/srv/pop.json");
    CHECK(c->config.resources.contentDir == "/srv/content");
    CHECK(c->config.backupDir == "/var/backups/td");
    CHECK(c->config.backupKeep == 14);
    CHECK(c->config.behindProxy);
    CHECK(c->config.limits.tokenLifetime == std::chrono::hours(12));
    // The order on the command line does not matter: --config after an option loses to it.
    auto after = parse({"--listen", "127.0.0.1:7000", "--config", file.path});
    REQUIRE(after);
    CHECK(after->config.port == 7000);
    // Admin commands read it too.
    auto backup = parse({"--config", file.path, "admin", "backup"});
    REQUIRE(backup);
    CHECK(backup->kind == CommandKind::Backup);
    CHECK(backup->backupTo.empty());
    CHECK(backup->config.backupDir == "/var/backups/td");
}

TEST_CASE("--config: bad lines are errors naming the file and line") {
    struct Case {
        const char* text;
        const char* where;
        const char* says;
    };
    for (const Case& k :
         {Case{"listen = 127.0.0.1:1\nlistne = x\n", ":2: ", "unknown key"},
          Case{"threads = many\n", ":1: ", "--threads"},
          Case{"\n\nlisten\n", ":3: ", "key = value"}, Case{"db =\n", ":1: ", "no value"},
          Case{"threads = 2\nthreads = 3\n", ":2: ", "line 1"},
          Case{"--db = x\n", ":1: ", "bad key"},
          Case{"behind-proxy = yes\n", ":1: ", "true or false"},
          Case{"config = other.conf\n", ":1: ", "unknown key"},
          Case{"backup-keep = -1\n", ":1: ", "--backup-keep"}}) {
        ConfigFile file(k.text);
        auto c = parse({"--config", file.path});
        INFO(k.text);
        REQUIRE_FALSE(c);
        CHECK(c.error().code == "invalid_argument");
        CHECK(c.error().message.find(file.path + k.where) != std::string::npos);
        CHECK(c.error().message.find(k.says) != std::string::npos);
    }
    auto missing = parse({"--config", "/nonexistent/td.conf"});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == "config_unreadable");
    CHECK_FALSE(parse({"--config"}));
}

TEST_CASE("backup and restore subcommands") {
    auto to = parse({"--db", "a.db", "admin", "backup", "--to", "/b/x.sqlite"});
    REQUIRE(to);
    CHECK(to->kind == CommandKind::Backup);
    CHECK(to->backupTo == "/b/x.sqlite");
    auto restore = parse({"admin", "restore", "--from", "x.sqlite"});
    REQUIRE(restore);
    CHECK(restore->kind == CommandKind::Restore);
    CHECK(restore->restoreFrom == "x.sqlite");
    CHECK_FALSE(parse({"admin", "restore"}));
    CHECK_FALSE(parse({"admin", "restore", "--from"}));
    CHECK_FALSE(parse({"admin", "backup", "--to"}));
    CHECK_FALSE(parse({"admin", "backup", "--into", "x"}));
    auto keep = parse({"--backup-keep", "0"});
    REQUIRE(keep);
    CHECK_FALSE(validateConfig(keep->config));
}

TEST_CASE("resource paths: option, then environment, then next to the binary") {
    std::map<std::string, std::string> env;
    auto getenv = [&](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    };
    // This test binary runs from <build>/tests/server/, so its install-relative data directory
    // is <build>/tests/share/trygghetsdialog (a link to the build tree's layout).
    const std::string dataDir = installDataDir();
    CHECK(dataDir == std::string(TD_BINARY_DIR) + "/tests/share/trygghetsdialog");
    auto defaults = resolveResources({}, getenv);
    CHECK(defaults.dashboardDir == dataDir + "/dashboard");
    CHECK(defaults.contentDir == dataDir + "/content");
    CHECK(defaults.populationJson == dataDir + "/data/vindeln.json");
    CHECK(std::filesystem::is_regular_file(defaults.populationJson));
    CHECK(std::filesystem::is_regular_file(defaults.dashboardDir + "/public/index.html"));

    env["TD_DASHBOARD_DIR"] = "/env/dashboard";
    env["TD_POPULATION_JSON"] = "/env/pop.json";
    ResourcePaths given;
    given.populationJson = "/opt/pop.json";
    auto mixed = resolveResources(given, getenv);
    CHECK(mixed.dashboardDir == "/env/dashboard");
    CHECK(mixed.populationJson == "/opt/pop.json");
    CHECK(mixed.contentDir == dataDir + "/content");

    // Paths set on purpose must exist; defaults may be missing.
    auto bad = checkGivenResources(given, getenv);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("TD_DASHBOARD_DIR") != std::string::npos);
    env.clear();
    bad = checkGivenResources(given, getenv);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("--population") != std::string::npos);
    CHECK(bad.error().message.find("/opt/pop.json") != std::string::npos);
    CHECK(checkGivenResources({}, getenv));
    CHECK(checkGivenResources(defaults, getenv));
}
