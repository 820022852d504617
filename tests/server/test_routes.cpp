#include "td/server/routes.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace td::server;

TEST_CASE("every route in the table is matched by its own template") {
    for (const auto& route : routeTable()) {
        std::string path(route.pathTemplate);
        auto brace = path.find('{');
        std::string param;
        if (brace != std::string::npos) {
            const auto close = path.find('}');
            param = path.substr(brace + 1, close - brace - 1);
            path.replace(brace, close - brace + 1, "abc_123");
        }
        auto lookup = matchRoute(route.method, path);
        INFO(route.method << " " << path);
        REQUIRE(lookup.match);
        CHECK(lookup.match->route->id == route.id);
        if (brace != std::string::npos)
            CHECK(lookup.match->params.at(param) == "abc_123");
    }
}

TEST_CASE("method and path pairs in the table are unique and authorised routes name roles") {
    std::set<std::pair<std::string_view, std::string_view>> seen;
    for (const auto& route : routeTable()) {
        CHECK(seen.emplace(route.method, route.pathTemplate).second);
        CHECK(route.isPublic == route.roles.empty());
    }
}

TEST_CASE("a literal segment wins over a parameter") {
    auto lookup = matchRoute("POST", "/api/v1/devices/enrol");
    REQUIRE(lookup.match);
    CHECK(lookup.match->route->id == RouteId::EnrolDevice);
}

TEST_CASE("unknown paths and wrong methods are told apart") {
    CHECK_FALSE(matchRoute("GET", "/api/v1/nothing").match);
    CHECK(matchRoute("GET", "/api/v1/nothing").miss == RouteMiss::NotFound);
    auto wrongMethod = matchRoute("DELETE", "/api/v1/surveys");
    CHECK_FALSE(wrongMethod.match);
    CHECK(wrongMethod.miss == RouteMiss::MethodNotAllowed);
    CHECK_FALSE(matchRoute("GET", "/api/v1/surveys/").match);
    CHECK_FALSE(matchRoute("GET", "").match);
    CHECK_FALSE(matchRoute("GET", "api/v1/surveys").match);
}

TEST_CASE("the role table gives each role what DESIGN.md section 5 says") {
    CHECK(routeSpec(RouteId::SyncPush).roles.contains(Role::Resident));
    CHECK_FALSE(routeSpec(RouteId::SyncPush).roles.contains(Role::Coordinator));
    CHECK_FALSE(routeSpec(RouteId::CreateSurvey).roles.contains(Role::Officer));
    CHECK(routeSpec(RouteId::CreateSurvey).roles.contains(Role::Coordinator));
    CHECK_FALSE(routeSpec(RouteId::ListDevices).roles.contains(Role::Kiosk));
    CHECK(routeSpec(RouteId::Healthz).isPublic);
    CHECK(routeSpec(RouteId::Login).isPublic);
}
