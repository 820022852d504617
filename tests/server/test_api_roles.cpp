// Authorisation, generated from the route table: every endpoint × every role, plus no token,
// unknown, expired and revoked tokens.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "td/server/routes.hpp"

#include <catch2/catch.hpp>

using namespace td;
using namespace td::test;
using server::Role;

namespace {

std::string concretePath(std::string_view pathTemplate) {
    std::string path(pathTemplate);
    auto brace = path.find('{');
    if (brace != std::string::npos)
        path.replace(brace, path.find('}') - brace + 1, "no_such_id");
    return path;
}

std::string bodyFor(const server::RouteSpec& r) {
    return (r.method == "POST" || r.method == "PUT") ? "{}" : "";
}

} // namespace

TEST_CASE("every endpoint admits exactly the roles of the table") {
    ApiHarness h;
    for (Role role : server::kAllRoles) {
        std::string token = h.tokenFor(role);
        for (const auto& r : server::routeTable()) {
            auto res =
                h.call(std::string(r.method), concretePath(r.pathTemplate), bodyFor(r), token);
            INFO(server::roleName(role) << " " << r.method << " " << r.pathTemplate << " -> "
                                        << res.status << " " << res.body);
            if (r.isPublic || r.roles.contains(role)) {
                CHECK(res.status != 401);
                CHECK(res.status != 403);
                CHECK(res.status < 500);
                if (r.id == server::RouteId::SignOutEverywhere)
                    token = h.tokenFor(role); // it ended the caller's sessions, as it should
            } else {
                CHECK(res.status == 403);
                CHECK(errorCode(res) == "forbidden");
            }
        }
    }
}

TEST_CASE("every non-public endpoint answers 401 without a valid token") {
    ApiHarness h;
    std::string expired = h.tokenFor(Role::Coordinator, -1);
    std::string officer = h.tokenFor(Role::Officer);
    std::string revokedDevice;
    {
        auto list = h.store->listDevices();
        REQUIRE(list);
        REQUIRE(list->size() == 1);
        revokedDevice = list->front().id;
        REQUIRE(h.store->revokeDevice(revokedDevice, h.nowMs));
    }
    for (const auto& r : server::routeTable()) {
        if (r.isPublic)
            continue;
        std::string path = concretePath(r.pathTemplate);
        INFO(r.method << " " << r.pathTemplate);
        auto none = h.call(std::string(r.method), path, bodyFor(r));
        CHECK(none.status == 401);
        CHECK(errorCode(none) == "unauthorized");
        auto unknown = h.call(std::string(r.method), path, bodyFor(r), "not-a-real-token");
        CHECK(unknown.status == 401);
        CHECK(errorCode(unknown) == "invalid_token");
        auto old = h.call(std::string(r.method), path, bodyFor(r), expired);
        CHECK(old.status == 401);
        CHECK(errorCode(old) == "token_expired");
        auto revoked = h.call(std::string(r.method), path, bodyFor(r), officer);
        CHECK(revoked.status == 401);
        CHECK(errorCode(revoked) == "token_revoked");
    }
}

TEST_CASE("public endpoints need no token") {
    ApiHarness h;
    for (const auto& r : server::routeTable()) {
        if (!r.isPublic)
            continue;
        auto res = h.call(std::string(r.method), concretePath(r.pathTemplate), bodyFor(r));
        INFO(r.method << " " << r.pathTemplate << " -> " << res.status);
        CHECK(res.status != 401);
        CHECK(res.status != 403);
    }
}

TEST_CASE("a disabled account's token stops working") {
    ApiHarness h;
    h.createAccount("bob", store::Role::Coordinator);
    auto login = h.call("POST", "/api/v1/auth/login",
                        std::string(R"({"username":"bob","password":")") + kPassword + "\"}");
    REQUIRE(login.status == 200);
    std::string token = jsonString(login.body, "/token");
    CHECK(h.call("GET", "/api/v1/devices", "", token).status == 200);
    REQUIRE(h.store->setAccountDisabled("bob", true));
    CHECK(h.call("GET", "/api/v1/devices", "", token).status == 401);
}
