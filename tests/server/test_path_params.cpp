// Path parameters reach the handlers percent-decoded; malformed escapes, an encoded NUL and an
// encoded '/' are refused with a 400 that names the parameter and the fault.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "td/server/routes.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace td;
using server::matchRoute;
using server::RouteMiss;

TEST_CASE("the router decodes path parameters and leaves literal segments alone") {
    auto m = matchRoute("GET", "/api/v1/promises/p%C3%A5%20%2B1+2");
    REQUIRE(m.match);
    CHECK(m.match->route->id == server::RouteId::GetPromise);
    CHECK(m.match->params.at("id") == "p\xC3\xA5 +1+2");

    auto two = matchRoute("PUT", "/api/v1/promises/a%5fb/assessments/20%32%35");
    REQUIRE(two.match);
    CHECK(two.match->params.at("id") == "a_b");
    CHECK(two.match->params.at("year") == "2025");

    // Literal segments are compared as sent.
    CHECK(!matchRoute("GET", "/api/v1/%70romises").match);
    CHECK(matchRoute("GET", "/api/v1/%70romises").miss == RouteMiss::NotFound);
}

TEST_CASE("malformed, NUL and slash escapes in a parameter are refused precisely") {
    struct Case {
        const char* path;
        const char* detail;
    };
    const Case cases[] = {
        {"/api/v1/promises/%zz", "path parameter id: malformed percent escape \"%zz\" at offset 0"},
        {"/api/v1/promises/ab%2", "path parameter id: malformed percent escape \"%2\" at offset 2"},
        {"/api/v1/promises/ab%", "path parameter id: malformed percent escape \"%\" at offset 2"},
        {"/api/v1/promises/a%g1",
         "path parameter id: malformed percent escape \"%g1\" at offset 1"},
        {"/api/v1/promises/a%00b", "path parameter id: an encoded NUL (%00) at offset 1"},
        {"/api/v1/promises/a%2Fb",
         "path parameter id: an encoded '/' at offset 1 (a parameter is one path segment)"},
        {"/api/v1/promises/a%2fb",
         "path parameter id: an encoded '/' at offset 1 (a parameter is one path segment)"},
        {"/api/v1/promises/ok/assessments/%2",
         "path parameter year: malformed percent escape \"%2\" at offset 0"},
    };
    for (const auto& c : cases) {
        INFO(c.path);
        const char* method =
            std::string(c.path).find("assessments") != std::string::npos ? "PUT" : "GET";
        auto m = matchRoute(method, c.path);
        CHECK(!m.match);
        CHECK(m.miss == RouteMiss::InvalidParameter);
        CHECK(m.detail == c.detail);
    }
    // Another method on the same path is still 405, not a parameter fault.
    CHECK(matchRoute("POST", "/api/v1/promises/%zz").miss == RouteMiss::MethodNotAllowed);
}

TEST_CASE("the API answers a bad path parameter with a 400 JSON error and decodes good ones") {
    test::ApiHarness h;
    h.seedContent();
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);

    auto bad = h.call("GET", "/api/v1/promises/%zz", "", coordinator);
    CHECK(bad.status == 400);
    CHECK(bad.contentType == "application/json");
    CHECK(test::errorCode(bad) == "invalid_path_parameter");
    CHECK(boost::json::parse(bad.body).at("error").at("message").as_string() ==
          "path parameter id: malformed percent escape \"%zz\" at offset 0");
    CHECK(h.call("GET", "/api/v1/campaigns/a%00", "", coordinator).status == 400);
    CHECK(h.call("GET", "/api/v1/campaigns/a%2Fb", "", coordinator).status == 400);

    // An encoded id reaches the handler decoded.
    auto campaign = h.call("GET", "/api/v1/campaigns/trygghet%5F2025", "", coordinator);
    INFO(campaign.body);
    CHECK(campaign.status == 200);
    CHECK(boost::json::parse(campaign.body).at("id").as_string() == test::kCampaignId);
    auto missing = h.call("GET", "/api/v1/campaigns/no%20such", "", coordinator);
    CHECK(missing.status == 404);
}
