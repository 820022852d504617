// The compatibility rule: the TD-Protocol header's version and the record shapes each version
// is sent.
#include "td/sync/compat.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace td::sync;
namespace bj = boost::json;

TEST_CASE("TD-Protocol: absent is the first release, newer is clamped, junk is refused") {
    CHECK(*parseProtocolVersion("") == 1);
    CHECK(*parseProtocolVersion("1") == 1);
    CHECK(*parseProtocolVersion("2") == 2);
    CHECK(*parseProtocolVersion("02") == 2);
    CHECK(*parseProtocolVersion("999") == kProtocolVersion);
    for (const char* bad : {"0", "000", "1000", "-1", "+2", "2 ", "v2", "2.0", "x"}) {
        INFO(bad);
        auto r = parseProtocolVersion(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "invalid_protocol");
    }
}

TEST_CASE("a closing campaign is closed, without its date, for protocol 1") {
    const std::string closing =
        R"({"id":"c1","status":"closing","accept_queued_until":"2025-05-03","year":2025})";
    const bj::value v1 = bj::parse(bodyForProtocol("campaign", closing, 1));
    CHECK(v1 == bj::parse(R"({"id":"c1","status":"closed","year":2025})"));
    CHECK(bodyForProtocol("campaign", closing, 2) == closing);

    // Open and closed campaigns, other kinds and unreadable bodies pass unchanged.
    const std::string open = R"({"id":"c1","status":"open","year":2025})";
    CHECK(bodyForProtocol("campaign", open, 1) == open);
    const std::string response = R"({"status":"closing","accept_queued_until":"x"})";
    CHECK(bodyForProtocol("response", response, 1) == response);
    CHECK(bodyForProtocol("campaign", "not json", 1) == "not json");
}
