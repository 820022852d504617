#pragma once
// Server configuration and the command line that fills it.

#include "td/core/result.hpp"
#include "td/server/resources.hpp"
#include "td/server/roles.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace td::server {

struct Limits {
    std::size_t maxBodyBytes = 8 * 1024 * 1024;
    std::size_t maxBatchRecords = 500;
    std::size_t maxHeaderBytes = 16 * 1024;
    /// Deadline for a request's header block (from its first byte), and for each write of an
    /// answer.
    std::chrono::milliseconds readTimeout{30'000};
    /// A body has no deadline of its own: it may not fall silent for longer than this, and
    /// after this grace it must have arrived at bodyMinRate bytes/s on average (0: no rate).
    std::chrono::milliseconds bodyStallTimeout{20'000};
    std::size_t bodyMinRate = 500;
    /// How long a connection may stay silent: before its first byte (or TLS handshake) and
    /// between requests. At most readTimeout.
    std::chrono::milliseconds idleTimeout{10'000};
    std::size_t maxConnections = 512;
    /// Open connections per socket peer (IPv6: per /64); 0 = no cap. Trusted proxies are
    /// exempt; behind them maxRequestsPerClient applies instead.
    std::size_t maxConnectionsPerPeer = 64;
    /// Requests in flight per forwarded client address behind a trusted proxy; 0 = no cap.
    std::size_t maxRequestsPerClient = 32;
    /// Requests per token per minute; 0 disables the limit.
    std::uint32_t rateLimitPerMinute = 1200;
    /// Requests answered on one connection before it is closed; the pipeline cap.
    std::uint32_t maxRequestsPerConnection = 10'000;
    std::chrono::seconds tokenLifetime{std::chrono::hours(24 * 30)};
    /// Failed sign-ins or enrolments per client address (and sign-ins per account name)
    /// within authFailureWindow before further attempts get 429; 0 in either disables it.
    std::uint32_t maxAuthFailures = 10;
    std::chrono::seconds authFailureWindow{15 * 60};
    /// Resident tokens issued per client address per hour (a token bucket, bursts up to the
    /// same number), and new responses one resident token may store; 0 disables either.
    /// See docs/web-survey.md for why these numbers.
    std::uint32_t residentEnrolmentsPerHour = 600;
    std::uint32_t residentResponsesPerToken = 10;
};

struct ServerConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    std::string dbPath = "trygghetsdialog.db";
    std::string tlsCert;
    std::string tlsKey;
    bool behindProxy = false;
    /// With behindProxy: the proxies' addresses. Empty means every peer is taken for the proxy.
    std::vector<std::string> trustedProxies;
    /// I/O threads; a push holds its thread while it waits for its group commit.
    std::uint32_t threads = 8;
    Limits limits;
    /// Group commit: most push batches / records one durable transaction takes (1 = off).
    std::size_t groupCommitBatches = 32;
    std::size_t groupCommitRecords = 20000;
    /// --dashboard-dir, --content-dir, --population as given; empty fields are resolved by
    /// resolveResources() (environment, then install-relative defaults).
    ResourcePaths resources;
    /// Where `admin backup` without --to writes dated copies, and how many it keeps.
    std::string backupDir;
    std::uint32_t backupKeep = 7;
    /// The enrolment-code key file; empty: defaultCodeKeyPath(dbPath).
    std::string codeKeyFile;

    bool tlsEnabled() const { return !tlsCert.empty(); }
};

enum class CommandKind {
    Serve,
    Help,
    CreateCoordinator,
    CreateEnrolmentCode,
    LoadDemoData,
    Backup,
    Restore,
    Purge
};

struct Command {
    CommandKind kind = CommandKind::Serve;
    ServerConfig config;
    std::string username;      ///< create-coordinator / create-admin
    Role role = Role::Officer; ///< the account's or the enrolment code's role
    std::chrono::seconds expiresIn{std::chrono::hours(24)};
    std::vector<std::string> extraArgs; ///< demo-data load's and admin purge's own arguments
    std::string backupTo;               ///< admin backup --to FILE (empty: into backupDir)
    std::string restoreFrom;            ///< admin restore --from FILE
};

/// Parses `argv[1..]`. With `--config FILE`, the file's `key = value` lines (keys are the long
/// option names without "--") are applied first and the command line's options after them, so
/// the command line wins. Fails with `invalid_argument` naming the offending option, or the
/// file and line of a bad config entry.
Result<Command> parseCommandLine(const std::vector<std::string>& args);

/// One `key = value` line of a config file.
struct ConfigEntry {
    std::string key;
    std::string value;
    int line = 0;
};

/// Reads a config file: `key = value` lines, blank lines and `#` comments. Fails with
/// `invalid_argument` naming the file and line of a malformed or repeated key, or
/// `config_unreadable` when the file cannot be read.
Result<std::vector<ConfigEntry>> readConfigFile(const std::string& path);

/// "24h", "30m", "7d", "90s" or plain seconds.
Result<std::chrono::seconds> parseDuration(std::string_view text);

/// Checks option combinations: TLS cert and key together, no plain HTTP on a non-loopback
/// address unless behind a proxy.
Status validateConfig(const ServerConfig& config);

bool isLoopbackHost(std::string_view host);

/// The --help text.
std::string usageText();

} // namespace td::server
