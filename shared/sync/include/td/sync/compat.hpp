#pragma once
// The compatibility rule between apps and servers of different releases.
//
// Records are decoded strictly on the device, so a field or an enum value that an app does not
// know makes it refuse the record (and stall its pull). Every app therefore says which protocol
// version it speaks, in the `TD-Protocol` request header, and the server answers pulls in the
// shape that version knows. An app without the header speaks version 1. Each change to the
// shape of a pulled record raises kProtocolVersion and adds a step to bodyForProtocol that
// turns the new shape into the previous one.
//
// Version history:
//   1  the first release.
//   2  campaigns may be `closing` (no new respondents, queued responses accepted until
//      `accept_queued_until`). Version 1 sees such a campaign as `closed`, without the date.
//   3  places may be retired (`retired_at`). Versions 1 and 2 get a retired place as a
//      deletion: an app that holds it drops it and stops offering it, one that does not
//      never learns of it. Reinstated, the place comes to them again as a new revision.

#include "td/core/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace td::sync {

inline constexpr int kProtocolVersion = 3;
inline constexpr int kOldestProtocolVersion = 1;
inline constexpr std::string_view kProtocolHeader = "TD-Protocol";

/// The version a request's `TD-Protocol` header value names: empty → 1; a version newer than
/// this build's → kProtocolVersion (a newer app reads today's shapes); anything but 1–3 ASCII
/// digits ≥ 1 → `invalid_protocol`.
Result<int> parseProtocolVersion(std::string_view headerValue);

/// `body` (a record of `kind` as stored, in the newest shape) as a device speaking `version`
/// knows it: `body` unchanged when nothing needs to change, nullopt when that device must not
/// hold the record (it is then sent a deletion).
std::optional<std::string> bodyForProtocol(std::string_view kind, std::string body, int version);

} // namespace td::sync
