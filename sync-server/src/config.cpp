#include "td/server/config.hpp"

#include "td/server/peer_limits.hpp"

#include <charconv>
#include <filesystem>
#include <functional>
#include <map>

namespace td::server {
namespace {

Error invalid(std::string message) {
    return makeError("invalid_argument", std::move(message));
}

template <class T> Result<T> parseUnsigned(std::string_view option, std::string_view text) {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size())
        return invalid(std::string(option) + ": expected a non-negative integer, got \"" +
                       std::string(text) + "\"");
    return value;
}

Status parseListen(std::string_view text, ServerConfig& config) {
    std::string_view host;
    std::string_view port;
    if (!text.empty() && text.front() == '[') {
        auto close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
            return invalid("--listen: expected HOST:PORT");
        host = text.substr(1, close - 1);
        port = text.substr(close + 2);
    } else {
        auto colon = text.rfind(':');
        if (colon == std::string_view::npos || colon == 0)
            return invalid("--listen: expected HOST:PORT");
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
    }
    auto p = parseUnsigned<std::uint16_t>("--listen port", port);
    if (!p)
        return p.error();
    config.host = std::string(host);
    config.port = *p;
    return {};
}

} // namespace

Result<std::chrono::seconds> parseDuration(std::string_view text) {
    if (text.empty())
        return invalid("empty duration");
    std::int64_t unit = 1;
    switch (text.back()) {
    case 's':
        text.remove_suffix(1);
        break;
    case 'm':
        unit = 60;
        text.remove_suffix(1);
        break;
    case 'h':
        unit = 3600;
        text.remove_suffix(1);
        break;
    case 'd':
        unit = 86400;
        text.remove_suffix(1);
        break;
    default:
        break;
    }
    auto n = parseUnsigned<std::int64_t>("duration", text);
    if (!n)
        return n.error();
    if (*n <= 0 || *n > std::int64_t{10} * 365 * 86400 / unit)
        return invalid("duration out of range");
    return std::chrono::seconds(*n * unit);
}

bool isLoopbackHost(std::string_view host) {
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

Status validateConfig(const ServerConfig& config) {
    if (config.tlsCert.empty() != config.tlsKey.empty())
        return invalid("--tls-cert and --tls-key must be given together");
    if (!config.tlsEnabled() && !config.behindProxy && !isLoopbackHost(config.host))
        return invalid("refusing plain HTTP on non-loopback address " + config.host +
                       ": give --tls-cert/--tls-key, or --behind-proxy when a TLS proxy "
                       "terminates connections");
    if (config.threads == 0 || config.threads > 256)
        return invalid("--threads must be between 1 and 256");
    if (config.limits.maxBodyBytes < 1024)
        return invalid("--max-body-bytes must be at least 1024");
    if (config.limits.maxHeaderBytes < 512)
        return invalid("--max-header-bytes must be at least 512");
    if (config.limits.maxBatchRecords == 0)
        return invalid("--max-batch-records must be at least 1");
    if (config.limits.maxConnections == 0)
        return invalid("--max-connections must be at least 1");
    if (config.limits.readTimeout.count() <= 0)
        return invalid("--read-timeout-ms must be positive");
    if (config.limits.idleTimeout.count() <= 0)
        return invalid("--idle-timeout-ms must be positive");
    if (config.limits.bodyStallTimeout.count() <= 0)
        return invalid("--body-stall-timeout-ms must be positive");
    if (!config.trustedProxies.empty() && !config.behindProxy)
        return invalid("--trusted-proxy needs --behind-proxy");
    if (config.groupCommitBatches == 0)
        return invalid("--group-commit-batches must be at least 1");
    if (config.groupCommitRecords == 0)
        return invalid("--group-commit-records must be at least 1");
    if (config.backupKeep == 0 || config.backupKeep > 1000)
        return invalid("--backup-keep must be between 1 and 1000");
    return {};
}

std::string usageText() {
    return R"(Usage: td-sync-server [OPTIONS]                       run the sync server
       td-sync-server --db PATH admin create-coordinator USER
       td-sync-server --db PATH admin create-admin USER
       td-sync-server --db PATH admin create-enrolment-code --role officer|kiosk [--expires-in 24h]
       td-sync-server --db PATH admin backup [--to FILE]
       td-sync-server --db PATH admin restore --from FILE
       td-sync-server --db PATH admin purge [--campaign ID [--free-text-now]] [--dry-run]
       td-sync-server --db PATH demo-data load [ARGS...]

Options:
  --config FILE                read options from FILE first: one "key = value" a line, the
                               keys are these long option names without "--" (behind-proxy =
                               true|false); "#" starts a comment; options given on the
                               command line win over the file
  --listen HOST:PORT           address to listen on (default 127.0.0.1:8080; port 0 picks a free
                               port and prints {"listening":"HOST:PORT"} on stdout)
  --db PATH                    SQLite database, created and migrated on start
  --tls-cert FILE              PEM certificate chain; enables HTTPS (needs --tls-key)
  --tls-key FILE               PEM private key
  --behind-proxy               allow plain HTTP on a non-loopback address (TLS at a proxy);
                               the client address is then the last X-Forwarded-For entry
  --trusted-proxy ADDR[,ADDR]  with --behind-proxy: the proxies' addresses. Only their
                               X-Forwarded-For is believed and only they are exempt from
                               --max-connections-per-peer (default: every peer is the proxy)
  --threads N                  I/O threads; a push holds its thread while it waits for its
                               group commit, so more threads than cores (default 8)
  --max-body-bytes N           largest request body (default 8388608) -> 413
  --max-batch-records N        most records in one push (default 500) -> 413 batch_too_large
  --max-header-bytes N         largest request header block (default 16384) -> 431
  --read-timeout-ms N          close a connection whose request header has not arrived
                               this long after its first byte, or stalled this long while
                               reading an answer (default 30000)
  --body-stall-timeout-ms N    close a connection whose request body falls silent this long
                               (default 20000)
  --body-min-rate N            after that grace, a request body must arrive at N bytes/s on
                               average or the connection is closed; 0 = no rate (default 500)
  --idle-timeout-ms N          close a connection that has sent nothing, or nothing more
                               after its last answer, this long (default 10000)
  --max-connections N          open connections; more are answered 503 (default 512)
  --max-connections-per-peer N   open connections from one address (IPv6: one /64); more
                               are answered 429 too_many_connections; trusted proxies are
                               exempt; 0 = no cap (default 64)
  --max-requests-per-client N  behind a proxy: requests in flight per forwarded client
                               address; more are answered 429 too_many_requests; 0 = no cap
                               (default 32)
  --max-requests-per-connection N   pipeline cap per connection (default 10000)
  --rate-limit-per-minute N    requests per token and minute, 0 = off (default 1200) -> 429
  --token-lifetime DURATION    bearer token lifetime, e.g. 12h, 30d (default 30d)
  --max-auth-failures N        failed logins or enrolments per client address, and failed
                               logins per account name, within the window before further
                               attempts get 429 too_many_attempts without being checked;
                               0 = off (default 10)
  --auth-failure-window SECONDS   the window of --max-auth-failures; 0 = off (default 900)
  --resident-enrolments-per-hour N   resident tokens issued per client address and hour
                               (carrier NAT: one address may be a whole village), more get
                               429 too_many_enrolments; 0 = off (default 600)
  --resident-responses-per-token N  new responses one resident token may store, more are
                               rejected response_limit_reached; 0 = off (default 10)
  --group-commit-batches N     most push batches committed in one durable transaction; pushes
                               arriving while the writer commits wait for the next group
                               (default 32; 1 commits each push on its own)
  --group-commit-records N     most records in one group commit; a larger push is still
                               committed, alone (default 20000)
  --dashboard-dir DIR          the dashboard's files (public/ and vendor/)
  --content-dir DIR            survey, place and promise content (read by demo-data load)
  --population FILE            population table the lägesbild is weighted to
                               Each of these three: the option, else the config file, else
                               TD_DASHBOARD_DIR / TD_CONTENT_DIR / TD_POPULATION_JSON, else
                               ../share/trygghetsdialog/{dashboard,content,data/vindeln.json}
                               next to the binary's own directory
  --code-key-file FILE         the secret key enrolment codes are hashed with, created
                               (mode 0600) when missing; instances on one database share
                               it (default: enrolment-code.key beside the database)
  --backup-dir DIR             where "admin backup" without --to writes dated copies
  --backup-keep N              dated copies kept in --backup-dir, oldest removed (default 7)
  --help                       this text

admin backup copies the database while the server runs (SQLite's online backup in one read
transaction), checks the copy with PRAGMA integrity_check and only then renames it into place.
admin restore checks a copy's integrity and schema, keeps the replaced database beside it as
PATH.replaced-TIME and refuses while a server or admin command has the database open.

create-coordinator reads the password from the terminal without echo, or from the
environment variable TD_ADMIN_PASSWORD.

purge applies each closed campaign's retention dates (docs/retention.md): free text after the
first, raw responses (replaced by the campaign's aggregates) after the second. --free-text-now
empties one closed campaign's free text at once; --dry-run only lists what is due.
)";
}

namespace {

using Setter = std::function<Status(std::string_view, std::string_view)>;

struct OptionSpec {
    Setter set;
    bool isPath = false; ///< relative values in a config file are taken from the file's directory
};

// The options that take a value, keyed by their long name, writing into `c`.
std::map<std::string, OptionSpec, std::less<>> optionTable(ServerConfig& c) {
    auto sizeSetter = [](std::size_t& field) {
        return Setter([&field](std::string_view opt, std::string_view v) -> Status {
            auto n = parseUnsigned<std::size_t>(opt, v);
            if (!n)
                return n.error();
            field = *n;
            return {};
        });
    };
    // A duration given as a whole number of the field's own unit (seconds, milliseconds).
    auto durationSetter = []<typename Duration>(Duration& field) {
        return Setter([&field](std::string_view opt, std::string_view v) -> Status {
            auto n = parseUnsigned<std::uint32_t>(opt, v);
            if (!n)
                return n.error();
            field = Duration(*n);
            return {};
        });
    };
    auto u32Setter = [](std::uint32_t& field) {
        return Setter([&field](std::string_view opt, std::string_view v) -> Status {
            auto n = parseUnsigned<std::uint32_t>(opt, v);
            if (!n)
                return n.error();
            field = *n;
            return {};
        });
    };
    auto pathSetter = [](std::string& field) {
        return OptionSpec{[&field](auto, std::string_view v) {
                              field = std::string(v);
                              return Status{};
                          },
                          true};
    };
    return {
        {"--listen", {[&c](auto, auto v) {
             return parseListen(v, c);
         }}},
        {"--db", pathSetter(c.dbPath)},
        {"--tls-cert", pathSetter(c.tlsCert)},
        {"--tls-key", pathSetter(c.tlsKey)},
        {"--dashboard-dir", pathSetter(c.resources.dashboardDir)},
        {"--content-dir", pathSetter(c.resources.contentDir)},
        {"--population", pathSetter(c.resources.populationJson)},
        {"--backup-dir", pathSetter(c.backupDir)},
        {"--code-key-file", pathSetter(c.codeKeyFile)},
        {"--backup-keep", {u32Setter(c.backupKeep)}},
        {"--threads", {u32Setter(c.threads)}},
        {"--max-body-bytes", {sizeSetter(c.limits.maxBodyBytes)}},
        {"--max-batch-records", {sizeSetter(c.limits.maxBatchRecords)}},
        {"--max-header-bytes", {sizeSetter(c.limits.maxHeaderBytes)}},
        {"--max-connections", {sizeSetter(c.limits.maxConnections)}},
        {"--max-connections-per-peer", {sizeSetter(c.limits.maxConnectionsPerPeer)}},
        {"--max-requests-per-client", {sizeSetter(c.limits.maxRequestsPerClient)}},
        {"--idle-timeout-ms", {durationSetter(c.limits.idleTimeout)}},
        {"--trusted-proxy", {[&c](auto, std::string_view v) -> Status {
             c.trustedProxies.clear();
             while (!v.empty()) {
                 auto comma = v.find(',');
                 std::string_view entry = v.substr(0, comma);
                 while (!entry.empty() && entry.front() == ' ')
                     entry.remove_prefix(1);
                 while (!entry.empty() && entry.back() == ' ')
                     entry.remove_suffix(1);
                 if (!isIpAddress(entry))
                     return invalid("--trusted-proxy: \"" + std::string(entry) +
                                    "\" is not an IP address");
                 c.trustedProxies.emplace_back(entry);
                 v = comma == std::string_view::npos ? std::string_view() : v.substr(comma + 1);
             }
             return {};
         }}},
        {"--max-requests-per-connection", {u32Setter(c.limits.maxRequestsPerConnection)}},
        {"--rate-limit-per-minute", {u32Setter(c.limits.rateLimitPerMinute)}},
        {"--max-auth-failures", {u32Setter(c.limits.maxAuthFailures)}},
        {"--auth-failure-window", {durationSetter(c.limits.authFailureWindow)}},
        {"--resident-enrolments-per-hour", {u32Setter(c.limits.residentEnrolmentsPerHour)}},
        {"--resident-responses-per-token", {u32Setter(c.limits.residentResponsesPerToken)}},
        {"--group-commit-batches", {sizeSetter(c.groupCommitBatches)}},
        {"--group-commit-records", {sizeSetter(c.groupCommitRecords)}},
        {"--read-timeout-ms", {durationSetter(c.limits.readTimeout)}},
        {"--body-stall-timeout-ms", {durationSetter(c.limits.bodyStallTimeout)}},
        {"--body-min-rate", {sizeSetter(c.limits.bodyMinRate)}},
        {"--token-lifetime", {[&c](auto, std::string_view v) -> Status {
             auto d = parseDuration(v);
             if (!d)
                 return d.error();
             c.limits.tokenLifetime = *d;
             return {};
         }}},
    };
}

// Applies a config file's entries to `c`; errors name the file and line.
Status applyConfigFile(const std::string& path, ServerConfig& c) {
    auto entries = readConfigFile(path);
    if (!entries)
        return entries.error();
    const auto table = optionTable(c);
    const std::filesystem::path base = std::filesystem::path(path).parent_path();
    for (const ConfigEntry& e : *entries) {
        const std::string where = path + ":" + std::to_string(e.line) + ": ";
        if (e.key == "behind-proxy") {
            if (e.value != "true" && e.value != "false")
                return invalid(where + "behind-proxy: expected true or false, got \"" + e.value +
                               "\"");
            c.behindProxy = e.value == "true";
            continue;
        }
        auto it = table.find("--" + e.key);
        if (it == table.end())
            return invalid(where + "unknown key \"" + e.key + "\"");
        std::string value = e.value;
        if (it->second.isPath && std::filesystem::path(value).is_relative())
            value = (base / value).lexically_normal().string();
        if (auto s = it->second.set(it->first, value); !s)
            return invalid(where + s.error().message);
    }
    return {};
}

// The value of the first `--config` among the options before any subcommand ("" if none).
Result<std::string> configFileArgument(const std::vector<std::string>& args) {
    ServerConfig scratch;
    const auto table = optionTable(scratch);
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "admin" || args[i] == "demo-data")
            break;
        if (args[i] == "--config") {
            if (i + 1 >= args.size())
                return invalid("--config needs a value");
            return args[i + 1];
        }
        if (table.contains(args[i]))
            ++i;
    }
    return std::string();
}

// `admin SUB [FLAG FILE]`: the file after the one option FLAG the subcommand takes.
Status parseFileOption(const std::vector<std::string>& args, std::size_t& i, std::string_view sub,
                       std::string_view flag, std::string& file) {
    const std::string prefix = "admin " + std::string(sub) + ": ";
    for (++i; i < args.size(); ++i) {
        if (args[i] != flag)
            return invalid(prefix + "unknown option " + args[i]);
        if (i + 1 >= args.size() || args[i + 1].empty())
            return invalid(prefix + std::string(flag) + " needs a file name");
        file = args[++i];
    }
    return {};
}

Status parseEnrolmentCodeArgs(const std::vector<std::string>& args, std::size_t& i, Command& cmd) {
    cmd.kind = CommandKind::CreateEnrolmentCode;
    bool haveRole = false;
    for (++i; i < args.size(); ++i) {
        const std::string& flag = args[i];
        if (flag != "--role" && flag != "--expires-in")
            return invalid("admin create-enrolment-code: unknown option " + flag);
        if (i + 1 >= args.size())
            return invalid(flag + " needs a value");
        const std::string& value = args[++i];
        if (flag == "--role") {
            auto role = parseRole(value);
            if (!role || (*role != Role::Officer && *role != Role::Kiosk))
                return invalid("--role: expected officer or kiosk");
            cmd.role = *role;
            haveRole = true;
        } else {
            auto d = parseDuration(value);
            if (!d)
                return d.error();
            cmd.expiresIn = *d;
        }
    }
    if (!haveRole)
        return invalid("admin create-enrolment-code: --role is required");
    return {};
}

Status parseAdmin(const std::vector<std::string>& args, std::size_t& i, Command& cmd) {
    if (i + 1 >= args.size())
        return invalid("admin: expected create-coordinator, create-admin, "
                       "create-enrolment-code, backup, restore or purge");
    const std::string& sub = args[++i];
    if (sub == "create-coordinator" || sub == "create-admin") {
        if (i + 1 >= args.size())
            return invalid("admin " + sub + ": expected USER");
        cmd.kind = CommandKind::CreateCoordinator;
        cmd.role = sub == "create-admin" ? Role::Admin : Role::Coordinator;
        cmd.username = args[++i];
        if (i + 1 != args.size())
            return invalid("admin " + sub + ": unexpected " + args[i + 1]);
        return {};
    }
    if (sub == "create-enrolment-code")
        return parseEnrolmentCodeArgs(args, i, cmd);
    if (sub == "backup") {
        cmd.kind = CommandKind::Backup;
        return parseFileOption(args, i, sub, "--to", cmd.backupTo);
    }
    if (sub == "restore") {
        cmd.kind = CommandKind::Restore;
        if (auto s = parseFileOption(args, i, sub, "--from", cmd.restoreFrom); !s)
            return s;
        if (cmd.restoreFrom.empty())
            return invalid("admin restore: --from FILE is required");
        return {};
    }
    if (sub == "purge") {
        cmd.kind = CommandKind::Purge;
        cmd.extraArgs.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
        i = args.size() - 1;
        return {};
    }
    return invalid("admin: unknown subcommand " + sub);
}

} // namespace

Result<Command> parseCommandLine(const std::vector<std::string>& args) {
    Command cmd;
    ServerConfig& c = cmd.config;
    auto configFile = configFileArgument(args);
    if (!configFile)
        return configFile.error();
    if (!configFile->empty())
        if (auto s = applyConfigFile(*configFile, c); !s)
            return s.error();
    const auto table = optionTable(c);

    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            cmd.kind = CommandKind::Help;
            return cmd;
        }
        if (a == "--behind-proxy") {
            c.behindProxy = true;
            continue;
        }
        if (a == "--config") {
            ++i; // read above, before the other options
            continue;
        }
        if (auto it = table.find(a); it != table.end()) {
            if (i + 1 >= args.size())
                return invalid(a + " needs a value");
            if (auto s = it->second.set(a, args[++i]); !s)
                return s.error();
            continue;
        }
        if (a == "admin") {
            if (auto s = parseAdmin(args, i, cmd); !s)
                return s.error();
            return cmd;
        }
        if (a == "demo-data") {
            if (i + 1 >= args.size() || args[i + 1] != "load")
                return invalid("demo-data: expected load");
            cmd.kind = CommandKind::LoadDemoData;
            cmd.extraArgs.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 2, args.end());
            return cmd;
        }
        return invalid("unknown option " + a + " (see --help)");
    }
    return cmd;
}

} // namespace td::server
