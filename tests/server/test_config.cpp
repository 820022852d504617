#include "td/server/config.hpp"

#include <catch2/catch.hpp>

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
                    "5"});
    REQUIRE(c);
    const auto& cfg = c->config;
    CHECK(cfg.port == 0);
    CHECK(cfg.dbPath == "/tmp/x.db");
    CHECK(cfg.threads == 3);
    CHECK(cfg.limits.maxBodyBytes == 4096);
    CHECK(cfg.limits.maxBatchRecords == 10);
    CHECK(cfg.limits.maxHeaderBytes == 2048);
    CHECK(cfg.limits.readTimeout == std::chrono::milliseconds(500));
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
