#include "td/server/server_main.hpp"

#include "audit.hpp"
#include "td/model/codec.hpp"
#include "td/server/admin.hpp"
#include "td/server/api.hpp"
#include "td/server/auth_crypto.hpp"
#include "td/server/config.hpp"
#include "td/server/http_server.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/sync_service.hpp"

#include <cstdio>
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

int serve(const ServerConfig& config, store::ServerStore& store) {
    keepRequestMemoryResident();
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
    Api api(store, syncService, metrics, rateLimiter, std::move(apiOptions));

    HttpServer server(
        config, [&api](HttpRequest&& r) { return api.handle(std::move(r)); }, metrics);
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
    if (auto s = initCrypto(); !s)
        return failWith(s.error());

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
        auto code = createEnrolmentCode(
            **store, cmd->role == Role::Kiosk ? store::Role::Kiosk : store::Role::Officer,
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
        break;
    }
    return 0;
}

} // namespace td::server
