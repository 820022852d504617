#include "td/server/server_main.hpp"

#include "audit.hpp"
#include "td/model/codec.hpp"
#include "td/server/admin.hpp"
#include "td/server/api.hpp"
#include "td/server/auth_crypto.hpp"
#include "td/server/backup.hpp"
#include "td/server/config.hpp"
#include "td/server/http_server.hpp"
#include "td/server/resources.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/sync_service.hpp"

#include <boost/json/serialize.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <malloc.h>

namespace td::server {

std::string_view embeddedWalkChecklist();

namespace {

int failWith(const Error& e, int exitCode = 1) {
    std::cerr << "td-sync-server: " << e.code << ": " << e.describe() << "\n";
    return exitCode;
}

// Request bodies and their parse arenas are a few hundred KiB each. glibc would serve them
// with fresh mmap()s (or trim the heap after each) and the kernel would zero new pages for
// every request; keeping them on a heap that is not trimmed below 256 MiB reuses the pages.
void keepRequestMemoryResident() {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

std::string codeKeyPath(const ServerConfig& config) {
    return config.codeKeyFile.empty() ? defaultCodeKeyPath(config.dbPath) : config.codeKeyFile;
}

int serve(const ServerConfig& config, store::ServerStore& store) {
    keepRequestMemoryResident();
    auto codeKey = loadOrCreateCodeKey(codeKeyPath(config));
    if (!codeKey)
        return failWith(codeKey.error());
    sync::SyncServiceOptions syncOptions;
    syncOptions.limits.maxRecordsPerBatch = config.limits.maxBatchRecords;
    syncOptions.limits.maxRequestBytes = config.limits.maxBodyBytes;
    syncOptions.groupCommit = {config.groupCommitBatches, config.groupCommitRecords};
    auto checklist = model::fromJsonText<model::WalkChecklist>(embeddedWalkChecklist());
    if (!checklist)
        return failWith(checklist.error());
    syncOptions.checklist = std::move(*checklist);
    sync::SyncService syncService(store, std::move(syncOptions));

    Metrics metrics;
    RateLimiter rateLimiter(config.limits.rateLimitPerMinute);
    ApiOptions apiOptions;
    apiOptions.limits = config.limits;
    apiOptions.codeKey = *codeKey;
    Api api(store, syncService, metrics, rateLimiter, std::move(apiOptions));

    HttpServer server(
        config, [&api](HttpRequest&& r) { return api.handle(std::move(r)); }, metrics);
    const ResourcePaths& paths = resources();
    std::fprintf(stderr, "%s\n",
                 boost::json::serialize(boost::json::object{{"event", "resources"},
                                                            {"dashboard", paths.dashboardDir},
                                                            {"content", paths.contentDir},
                                                            {"population", paths.populationJson}})
                     .c_str());
    auto bound = server.listen();
    if (!bound)
        return failWith(bound.error());
    std::printf("{\"listening\":\"%s\",\"tls\":%s}\n", bound->c_str(),
                config.tlsEnabled() ? "true" : "false");
    std::fflush(stdout);
    server.run();
    std::fprintf(stderr, "{\"event\":\"stopped\"}\n");
    return 0;
}

const char* environment(const char* name) {
    return std::getenv(name);
}

// Logs an admin command that works on the database file rather than through the store.
Status auditFileCommand(const std::string& dbPath, std::string action, std::string target,
                        boost::json::object detail) {
    auto store = store::ServerStore::open(dbPath);
    if (!store)
        return store.error();
    return auditCommand(**store, std::move(action), std::move(target), std::move(detail));
}

int runBackup(const Command& cmd) {
    auto report = cmd.backupTo.empty()
                      ? backupIntoDirectory(cmd.config.dbPath, cmd.config.backupDir,
                                            cmd.config.backupKeep, std::chrono::system_clock::now())
                      : backupDatabase(cmd.config.dbPath, cmd.backupTo);
    if (!report)
        return failWith(report.error());
    if (auto a = auditFileCommand(cmd.config.dbPath, "backup.create", report->file,
                                  {{"bytes", report->bytes}});
        !a)
        return failWith(a.error());
    boost::json::array removed;
    for (const auto& r : report->removed)
        removed.emplace_back(r);
    std::cout << boost::json::serialize(
                     boost::json::object{{"backup", report->file},
                                         {"bytes", report->bytes},
                                         {"pages", report->pages},
                                         {"schema_version", report->schemaVersion},
                                         {"integrity", "ok"},
                                         {"ms", report->took.count()},
                                         {"check_ms", report->checkTook.count()},
                                         {"removed", std::move(removed)}})
              << "\n";
    return 0;
}

int runRestore(const Command& cmd) {
    auto report =
        restoreDatabase(cmd.config.dbPath, cmd.restoreFrom, std::chrono::system_clock::now());
    if (!report)
        return failWith(report.error());
    // Into the restored database's own log: when it was put back, and what it replaced.
    if (auto a = auditFileCommand(cmd.config.dbPath, "backup.restore", report->from,
                                  {{"kept_aside", report->keptAside}});
        !a)
        return failWith(a.error());
    std::cout << boost::json::serialize(
                     boost::json::object{{"restored", report->database},
                                         {"from", report->from},
                                         {"kept_aside", report->keptAside},
                                         {"schema_version", report->schemaVersion}})
              << "\n";
    return 0;
}

} // namespace

int serverMain(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    auto cmd = parseCommandLine(args);
    if (!cmd)
        return failWith(cmd.error(), 2);
    if (cmd->kind == CommandKind::Help) {
        std::cout << usageText();
        return 0;
    }
    if (cmd->kind == CommandKind::Serve)
        if (auto s = validateConfig(cmd->config); !s)
            return failWith(s.error(), 2);
    if (auto s = checkGivenResources(cmd->config.resources, environment); !s)
        return failWith(s.error(), 2);
    useResources(resolveResources(cmd->config.resources, environment));
    if (cmd->kind == CommandKind::Backup)
        return runBackup(*cmd);
    if (cmd->kind == CommandKind::Restore)
        return runRestore(*cmd);
    if (auto s = initCrypto(); !s)
        return failWith(s.error());

    // Held (shared) while the database is open, so that a restore cannot swap it underneath.
    auto lock = DatabaseLock::acquire(cmd->config.dbPath, false, true);
    if (!lock)
        return failWith(lock.error());
    auto store = store::ServerStore::open(cmd->config.dbPath);
    if (!store)
        return failWith(store.error());

    switch (cmd->kind) {
    case CommandKind::Serve:
        return serve(cmd->config, **store);
    case CommandKind::CreateCoordinator: {
        auto password = readAdminPassword();
        if (!password)
            return failWith(password.error());
        auto s = createAccount(
            **store, cmd->username, *password,
            cmd->role == Role::Admin ? store::Role::Admin : store::Role::Coordinator, unixNowMs());
        if (!s)
            return failWith(s.error());
        boost::json::object detail;
        detail["role"] = cmd->role == Role::Admin ? "admin" : "coordinator";
        if (auto a = auditCommand(**store, "account.create", cmd->username, std::move(detail)); !a)
            return failWith(a.error());
        std::cout << "{\"created\":\"" << cmd->username << "\",\"role\":\""
                  << (cmd->role == Role::Admin ? "admin" : "coordinator") << "\"}\n";
        return 0;
    }
    case CommandKind::CreateEnrolmentCode: {
        auto key = loadOrCreateCodeKey(codeKeyPath(cmd->config));
        if (!key)
            return failWith(key.error());
        auto code = createEnrolmentCode(
            **store, *key, cmd->role == Role::Kiosk ? store::Role::Kiosk : store::Role::Officer,
            cmd->expiresIn, unixNowMs(), "admin-cli");
        if (!code)
            return failWith(code.error());
        boost::json::object detail;
        detail["role"] = cmd->role == Role::Kiosk ? "kiosk" : "officer";
        detail["expires_in_seconds"] = cmd->expiresIn.count();
        if (auto a = auditCommand(**store, "enrolment_code.create", "", std::move(detail)); !a)
            return failWith(a.error());
        std::cout << *code << "\n";
        return 0;
    }
    case CommandKind::Purge: {
        auto s = runPurgeCommand(**store, cmd->extraArgs);
        if (!s)
            return failWith(s.error());
        return 0;
    }
    case CommandKind::LoadDemoData: {
        auto s = loadDemoData(**store, cmd->extraArgs);
        if (!s)
            return failWith(s.error());
        return 0;
    }
    case CommandKind::Help:
    case CommandKind::Backup:
    case CommandKind::Restore:
        break;
    }
    return 0;
}

} // namespace td::server
