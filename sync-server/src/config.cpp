#include "td/server/config.hpp"

#include <charconv>
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
    if (config.groupCommitBatches == 0)
        return invalid("--group-commit-batches must be at least 1");
    if (config.groupCommitRecords == 0)
        return invalid("--group-commit-records must be at least 1");
    return {};
}

std::string usageText() {
    return R"(Usage: td-sync-server [OPTIONS]                       run the sync server
       td-sync-server --db PATH admin create-coordinator USER
       td-sync-server --db PATH admin create-admin USER
       td-sync-server --db PATH admin create-enrolment-code --role officer|kiosk [--expires-in 24h]
       td-sync-server --db PATH admin purge [--campaign ID [--free-text-now]] [--dry-run]
       td-sync-server --db PATH demo-data load [ARGS...]

Options:
  --listen HOST:PORT           address to listen on (default 127.0.0.1:8080; port 0 picks a free
                               port and prints {"listening":"HOST:PORT"} on stdout)
  --db PATH                    SQLite database, created and migrated on start
  --tls-cert FILE              PEM certificate chain; enables HTTPS (needs --tls-key)
  --tls-key FILE               PEM private key
  --behind-proxy               allow plain HTTP on a non-loopback address (TLS at a proxy);
                               the client address is then the last X-Forwarded-For entry
  --threads N                  I/O threads; a push holds its thread while it waits for its
                               group commit, so more threads than cores (default 8)
  --max-body-bytes N           largest request body (default 8388608) -> 413
  --max-batch-records N        most records in one push (default 500) -> 413 batch_too_large
  --max-header-bytes N         largest request header block (default 16384) -> 431
  --read-timeout-ms N          close a connection idle or stalled this long (default 30000)
  --max-connections N          open connections; more are answered 503 (default 512)
  --max-requests-per-connection N   pipeline cap per connection (default 10000)
  --rate-limit-per-minute N    requests per token and minute, 0 = off (default 1200) -> 429
  --token-lifetime DURATION    bearer token lifetime, e.g. 12h, 30d (default 30d)
  --max-auth-failures N        failed logins or enrolments per client address, and failed
                               logins per account name, within the window before further
                               attempts get 429 too_many_attempts without being checked;
                               0 = off (default 10)
  --auth-failure-window SECONDS   the window of --max-auth-failures; 0 = off (default 900)
  --group-commit-batches N     most push batches committed in one durable transaction; pushes
                               arriving while the writer commits wait for the next group
                               (default 32; 1 commits each push on its own)
  --group-commit-records N     most records in one group commit; a larger push is still
                               committed, alone (default 20000)
  --help                       this text

create-coordinator reads the password from the terminal without echo, or from the
environment variable TD_ADMIN_PASSWORD.

purge applies each closed campaign's retention dates (docs/retention.md): free text after the
first, raw responses (replaced by the campaign's aggregates) after the second. --free-text-now
empties one closed campaign's free text at once; --dry-run only lists what is due.
)";
}

Result<Command> parseCommandLine(const std::vector<std::string>& args) {
    Command cmd;
    ServerConfig& c = cmd.config;
    std::size_t i = 0;
    auto next = [&](std::string_view option) -> Result<std::string> {
        if (i + 1 >= args.size())
            return invalid(std::string(option) + " needs a value");
        return args[++i];
    };
    // Options taking a numeric value, keyed by name.
    using Setter = std::function<Status(std::string_view, std::string_view)>;
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
    std::map<std::string, Setter, std::less<>> valued{
        {"--listen",
         [&](auto, auto v) {
             return parseListen(v, c);
         }},
        {"--db",
         [&](auto, auto v) {
             c.dbPath = std::string(v);
             return Status{};
         }},
        {"--tls-cert",
         [&](auto, auto v) {
             c.tlsCert = std::string(v);
             return Status{};
         }},
        {"--tls-key",
         [&](auto, auto v) {
             c.tlsKey = std::string(v);
             return Status{};
         }},
        {"--threads", u32Setter(c.threads)},
        {"--max-body-bytes", sizeSetter(c.limits.maxBodyBytes)},
        {"--max-batch-records", sizeSetter(c.limits.maxBatchRecords)},
        {"--max-header-bytes", sizeSetter(c.limits.maxHeaderBytes)},
        {"--max-connections", sizeSetter(c.limits.maxConnections)},
        {"--max-requests-per-connection", u32Setter(c.limits.maxRequestsPerConnection)},
        {"--rate-limit-per-minute", u32Setter(c.limits.rateLimitPerMinute)},
        {"--max-auth-failures", u32Setter(c.limits.maxAuthFailures)},
        {"--auth-failure-window", durationSetter(c.limits.authFailureWindow)},
        {"--group-commit-batches", sizeSetter(c.groupCommitBatches)},
        {"--group-commit-records", sizeSetter(c.groupCommitRecords)},
        {"--read-timeout-ms", durationSetter(c.limits.readTimeout)},
        {"--token-lifetime",
         [&](auto, std::string_view v) -> Status {
             auto d = parseDuration(v);
             if (!d)
                 return d.error();
             c.limits.tokenLifetime = *d;
             return {};
         }},
    };

    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            cmd.kind = CommandKind::Help;
            return cmd;
        }
        if (a == "--behind-proxy") {
            c.behindProxy = true;
            continue;
        }
        if (auto it = valued.find(a); it != valued.end()) {
            auto v = next(a);
            if (!v)
                return v.error();
            if (auto s = it->second(a, *v); !s)
                return s.error();
            continue;
        }
        if (a == "admin") {
            if (i + 1 >= args.size())
                return invalid("admin: expected create-coordinator or create-enrolment-code");
            const std::string& sub = args[++i];
            if (sub == "create-coordinator" || sub == "create-admin") {
                if (i + 1 >= args.size())
                    return invalid("admin " + sub + ": expected USER");
                cmd.kind = CommandKind::CreateCoordinator;
                cmd.role = sub == "create-admin" ? Role::Admin : Role::Coordinator;
                cmd.username = args[++i];
                if (i + 1 != args.size())
                    return invalid("admin " + sub + ": unexpected " + args[i + 1]);
                return cmd;
            }
            if (sub == "create-enrolment-code") {
                cmd.kind = CommandKind::CreateEnrolmentCode;
                bool haveRole = false;
                for (++i; i < args.size(); ++i) {
                    if (args[i] == "--role") {
                        auto v = next("--role");
                        if (!v)
                            return v.error();
                        auto role = parseRole(*v);
                        if (!role || (*role != Role::Officer && *role != Role::Kiosk))
                            return invalid("--role: expected officer or kiosk");
                        cmd.role = *role;
                        haveRole = true;
                    } else if (args[i] == "--expires-in") {
                        auto v = next("--expires-in");
                        if (!v)
                            return v.error();
                        auto d = parseDuration(*v);
                        if (!d)
                            return d.error();
                        cmd.expiresIn = *d;
                    } else {
                        return invalid("admin create-enrolment-code: unknown option " + args[i]);
                    }
                }
                if (!haveRole)
                    return invalid("admin create-enrolment-code: --role is required");
                return cmd;
            }
            if (sub == "purge") {
                cmd.kind = CommandKind::Purge;
                cmd.extraArgs.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
                return cmd;
            }
            return invalid("admin: unknown subcommand " + sub);
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
