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

// Version 3 → 2: a retired place is not sent at all, but as a deletion (see compat.hpp).
bool placeIsRetired(const boost::json::object& place) {
    const boost::json::value* retiredAt = place.if_contains("retired_at");
    return retiredAt && !retiredAt->is_null();
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

std::optional<std::string> bodyForProtocol(std::string_view kind, std::string body, int version) {
    const bool oldCampaign = version < 2 && kind == "campaign";
    const bool oldPlace = version < 3 && kind == "place";
    // Cheap test first: most pulled records are neither, and most places are in service.
    if (!oldCampaign && !(oldPlace && body.find("\"retired_at\"") != std::string::npos))
        return body;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec || !v.is_object())
        return body;
    if (oldPlace)
        return placeIsRetired(v.as_object()) ? std::nullopt : std::optional(std::move(body));
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
