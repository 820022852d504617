#pragma once
// The server's audit log: who (an account, a device, the command line) read or exported what,
// and every administrative act. Append-only (the schema refuses UPDATE and DELETE) and free of
// resident data: entries name accounts, devices, campaigns and records by id, with the filters
// and counts of the act, never answers, free text or client addresses.

#include <cstdint>
#include <optional>
#include <string>

namespace td::store {

struct AuditEntry {
    std::int64_t seq = 0;  ///< set by the store
    std::int64_t atMs = 0; ///< Unix milliseconds
    /// "account", "device" or "cli" (an admin command run on the server's machine).
    std::string actorKind;
    std::string actorId;       ///< account id or device id; empty for cli
    std::string actorName;     ///< username, device label, or the operating-system user for cli
    std::string role;          ///< the actor's role ("admin", "coordinator", "officer", …)
    std::string action;        ///< e.g. "picture.read", "export.responses_csv", "device.revoke"
    std::string target;        ///< what the act concerned (a campaign, device or account id)
    std::string detail = "{}"; ///< JSON object: the act's parameters and counts
    std::string requestId;     ///< the request's X-Request-Id; empty for cli
};

/// Newest first. `beforeSeq` pages backwards (the previous page's last seq).
struct AuditQuery {
    std::optional<std::int64_t> beforeSeq;
    std::optional<std::int64_t> fromMs; ///< inclusive
    std::optional<std::int64_t> toMs;   ///< exclusive
    std::optional<std::string> action;  ///< exact, or a prefix ending in '.' ("export.")
    std::optional<std::string> actorName;
    std::size_t limit = 100;
};

} // namespace td::store
