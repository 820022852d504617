#include "td/sync/compat.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace td::sync {

namespace {

// Version 2 → 1: a closing campaign is closed to a version-1 app (it then starts no new
// respondents; what it queued is still pushed and accepted during the grace period).
void campaignToVersion1(boost::json::object& campaign) {
    const boost::json::value* status = campaign.if_contains("status");
    if (status && status->is_string() && status->as_string() == "closing")
        campaign["status"] = "closed";
    campaign.erase("accept_queued_until");
}

} // namespace

Result<int> parseProtocolVersion(std::string_view headerValue) {
    if (headerValue.empty())
        return kOldestProtocolVersion;
    int version = 0;
    for (char c : headerValue) {
        if (c < '0' || c > '9' || headerValue.size() > 3)
            return makeError("invalid_protocol",
                             "TD-Protocol must be a protocol version number, e.g. " +
                                 std::to_string(kProtocolVersion));
        version = version * 10 + (c - '0');
    }
    if (version < kOldestProtocolVersion)
        return makeError("invalid_protocol", "TD-Protocol versions start at 1");
    return std::min(version, kProtocolVersion);
}

std::string bodyForProtocol(std::string_view kind, std::string body, int version) {
    if (version >= 2 || kind != "campaign")
        return body;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec || !v.is_object())
        return body;
    boost::json::object& campaign = v.as_object();
    if (!campaign.contains("accept_queued_until")) {
        const boost::json::value* status = campaign.if_contains("status");
        if (!status || !status->is_string() || status->as_string() != "closing")
            return body;
    }
    campaignToVersion1(campaign);
    return boost::json::serialize(v);
}

} // namespace td::sync
