#include "audit.hpp"

#include "api_context.hpp"
#include "td/server/query.hpp"
#include "td/store/server_store.hpp"

#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace td::server {
namespace {

// Query values are filters a coordinator chose; long ones are cut so the log stays small.
constexpr std::size_t kMaxDetailValue = 100;

std::string operatingSystemUser() {
    if (const char* sudo = std::getenv("SUDO_USER"); sudo && *sudo)
        return sudo;
    if (const passwd* pw = ::getpwuid(::geteuid()))
        return pw->pw_name;
    return "uid " + std::to_string(::geteuid());
}

} // namespace

store::AuditEntry auditActor(std::string kind, std::string id, std::string name,
                             std::string_view role) {
    store::AuditEntry e;
    e.actorKind = std::move(kind);
    e.actorId = std::move(id);
    e.actorName = std::move(name);
    e.role = std::string(role);
    return e;
}

std::optional<store::AuditEntry> auditEntryFor(const RequestContext& ctx, std::string_view action,
                                               const std::string& requestId) {
    if (action.empty() || ctx.audit.skip)
        return std::nullopt;
    store::AuditEntry e;
    if (ctx.audit.actor) {
        e = *ctx.audit.actor;
    } else if (ctx.caller &&
               (ctx.caller->role == Role::Admin || ctx.caller->role == Role::Coordinator)) {
        const bool account = ctx.caller->token.subjectKind == store::TokenRecord::Subject::Account;
        e = auditActor(account ? "account" : "device", ctx.caller->token.subjectId,
                       ctx.caller->name, roleName(ctx.caller->role));
    } else {
        return std::nullopt; // devices' own reads (pull, places) are not audited
    }
    e.atMs = ctx.nowMs;
    e.action = std::string(action);
    e.requestId = requestId;

    boost::json::object detail;
    auto query = parseQuery(ctx.request.query);
    if (query)
        for (const auto& [key, value] : *query)
            detail[key] = value.substr(0, kMaxDetailValue);
    for (const auto& [key, value] : ctx.audit.detail)
        detail[key] = value;
    e.detail = boost::json::serialize(detail);

    if (!ctx.audit.target.empty()) {
        e.target = ctx.audit.target;
    } else if (auto id = ctx.route.params.find("id"); id != ctx.route.params.end()) {
        e.target = id->second;
    } else if (query) {
        if (auto c = query->find("campaign"); c != query->end())
            e.target = c->second.substr(0, kMaxDetailValue);
    }
    return e;
}

Status auditCommand(store::ServerStore& store, std::string action, std::string target,
                    boost::json::object detail) {
    store::AuditEntry e = auditActor("cli", "", operatingSystemUser(), "admin");
    e.action = std::move(action);
    e.target = std::move(target);
    e.detail = boost::json::serialize(detail);
    auto appended = store.appendAudit(std::move(e));
    if (!appended)
        return appended.error();
    return {};
}

} // namespace td::server
