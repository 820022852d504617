#pragma once
// Internal: the audit entries of the HTTP API and the admin commands (docs/audit-log.md).
// api.cpp writes one entry for every successful call of a route the route table marks with
// an audit action; endpoints add to it through RequestContext::audit.

#include "td/core/result.hpp"
#include "td/store/audit.hpp"

#include <boost/json/object.hpp>
#include <optional>
#include <string>

namespace td::store {
class ServerStore;
}

namespace td::server {

struct RequestContext;

/// What an endpoint adds to the entry of its act.
struct AuditNote {
    bool skip = false;          ///< the act is not audited (e.g. an anonymous resident's enrolment)
    std::string target;         ///< overrides the default: the path's id, else the query's campaign
    boost::json::object detail; ///< added to the default detail (the query's parameters)
    /// Who acted, on public routes where there is no caller yet (login, device enrolment).
    std::optional<store::AuditEntry> actor;
};

/// An entry naming only who acts (kind "account", "device" or "cli").
store::AuditEntry auditActor(std::string kind, std::string id, std::string name,
                             std::string_view role);

/// The entry for the act of the request in `ctx` (whose route's action is `action`), or
/// nullopt when it is not audited: a device's own reads, or `ctx.audit.skip`.
std::optional<store::AuditEntry> auditEntryFor(const RequestContext& ctx, std::string_view action,
                                               const std::string& requestId);

/// Appends an entry for an admin command run on the server's machine (actor kind "cli",
/// named by the operating-system user); the command fails when the entry cannot be written.
Status auditCommand(store::ServerStore& store, std::string action, std::string target,
                    boost::json::object detail = {});

} // namespace td::server
