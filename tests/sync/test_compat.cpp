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
    CHECK(*parseProtocolVersion("3") == 3);
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
    const bj::value v1 = bj::parse(*bodyForProtocol("campaign", closing, 1));
    CHECK(v1 == bj::parse(R"({"id":"c1","status":"closed","year":2025})"));
    CHECK(bodyForProtocol("campaign", closing, 2) == closing);

    // Open and closed campaigns, other kinds and unreadable bodies pass unchanged.
    const std::string open = R"({"id":"c1","status":"open","year":2025})";
    CHECK(bodyForProtocol("campaign", open, 1) == open);
    const std::string response = R"({"status":"closing","accept_queued_until":"x"})";
    CHECK(bodyForProtocol("response", response, 1) == response);
    CHECK(bodyForProtocol("campaign", "not json", 1) == "not json");
}

TEST_CASE("a retired place is a deletion for protocols 1 and 2, itself for 3") {
    const std::string retired = R"({"id":"skolan","name":"Skolan","locality":"vindeln",)"
                                R"("lat":64.2,"lon":19.7,"kind":"school",)"
                                R"("retired_at":"2026-03-01T09:30:00Z"})";
    CHECK_FALSE(bodyForProtocol("place", retired, 1).has_value());
    CHECK_FALSE(bodyForProtocol("place", retired, 2).has_value());
    CHECK(bodyForProtocol("place", retired, 3) == retired);

    // A place in service passes unchanged to every version, and so does a null retired_at
    // or a name that merely contains the word.
    const std::string inService = R"({"id":"skolan","name":"retired_at","locality":"vindeln",)"
                                  R"("lat":64.2,"lon":19.7,"kind":"school"})";
    for (int version = 1; version <= 3; ++version) {
        INFO(version);
        CHECK(bodyForProtocol("place", inService, version) == inService);
    }
    const std::string nullRetired = R"({"id":"a","retired_at":null})";
    CHECK(bodyForProtocol("place", nullRetired, 1) == nullRetired);
    // Only places are retired: another kind with the field passes unchanged.
    const std::string measure = R"({"id":"m","retired_at":"2026-03-01T09:30:00Z"})";
    CHECK(bodyForProtocol("measure", measure, 1) == measure);
}
