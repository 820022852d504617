// Accounts through the API: admins create, disable, enable and reset coordinator accounts and
// end their sessions on routes coordinators cannot call; every staff member changes their own
// password (at least 12 characters) and signs out everywhere. Each act is in the audit log.
#include "api_harness.hpp"
#include "fixtures.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace td;
using namespace td::test;

namespace {

std::string loginToken(ApiHarness& h, const std::string& user, const std::string& password,
                       int expected = 200) {
    auto res = h.call("POST", "/api/v1/auth/login",
                      R"({"username":")" + user + R"(","password":")" + password + "\"}");
    INFO(res.body);
    REQUIRE(res.status == expected);
    return expected == 200 ? jsonString(res.body, "/token") : std::string();
}

std::vector<std::string> auditActions(ApiHarness& h, const std::string& prefix) {
    store::AuditQuery q;
    q.action = prefix;
    auto entries = h.store->listAudit(q);
    REQUIRE(entries);
    std::vector<std::string> out;
    for (auto it = entries->rbegin(); it != entries->rend(); ++it)
        out.push_back(it->action + " " + it->target);
    return out;
}

} // namespace

TEST_CASE("an admin creates, disables, enables, resets and signs out a coordinator") {
    ApiHarness h;
    const std::string admin = h.tokenFor(server::Role::Admin);

    auto created = h.call("POST", "/api/v1/admin/accounts", R"({"username":"karin"})", admin);
    INFO(created.body);
    REQUIRE(created.status == 201);
    const std::string id = std::to_string(boost::json::parse(created.body).at("id").as_int64());
    const std::string first = jsonString(created.body, "/password");
    CHECK(first.size() == 19); // XXXX-XXXX-XXXX-XXXX
    CHECK(jsonString(created.body, "/role") == "coordinator");
    CHECK(h.call("POST", "/api/v1/admin/accounts", R"({"username":"karin"})", admin).status == 409);
    auto spaced = h.call("POST", "/api/v1/admin/accounts", R"({"username":"karin x"})", admin);
    CHECK(spaced.status == 422);
    CHECK(errorCode(spaced) == "invalid_username");

    // Two sessions, both shown and both ended by a sign-out.
    const std::string one = loginToken(h, "karin", first);
    const std::string two = loginToken(h, "karin", first);
    auto listed = h.call("GET", "/api/v1/admin/accounts", "", admin);
    REQUIRE(listed.status == 200);
    CHECK(listed.body.find(R"("username":"karin","role":"coordinator")") != std::string::npos);
    CHECK(listed.body.find(R"("disabled":false,"sessions":2)") != std::string::npos);
    auto out = h.call("POST", "/api/v1/admin/accounts/" + id + "/sign-out", "", admin);
    REQUIRE(out.status == 200);
    CHECK(boost::json::parse(out.body).at("sessions").as_int64() == 0);
    CHECK(h.call("GET", "/api/v1/campaigns", "", one).status == 401);
    CHECK(h.call("GET", "/api/v1/campaigns", "", two).status == 401);

    // Disabled: no sign-in, no session; enabled again: the password works again.
    const std::string three = loginToken(h, "karin", first);
    auto disabled = h.call("POST", "/api/v1/admin/accounts/" + id + "/disable", "", admin);
    REQUIRE(disabled.status == 200);
    CHECK(boost::json::parse(disabled.body).at("disabled").as_bool());
    CHECK(h.call("GET", "/api/v1/campaigns", "", three).status == 401);
    loginToken(h, "karin", first, 401);
    REQUIRE(h.call("POST", "/api/v1/admin/accounts/" + id + "/enable", "", admin).status == 200);
    const std::string four = loginToken(h, "karin", first);

    // Reset: a new temporary password, the old one and its sessions gone.
    auto reset = h.call("POST", "/api/v1/admin/accounts/" + id + "/reset-password", "", admin);
    REQUIRE(reset.status == 200);
    const std::string second = jsonString(reset.body, "/password");
    CHECK(second != first);
    CHECK(h.call("GET", "/api/v1/campaigns", "", four).status == 401);
    loginToken(h, "karin", first, 401);
    loginToken(h, "karin", second);

    // Admin accounts are not managed here; unknown ids are 404.
    auto admins = h.store->listAccounts();
    REQUIRE(admins);
    std::string adminId;
    for (const auto& a : *admins)
        if (a.role == store::Role::Admin)
            adminId = std::to_string(a.id);
    auto notCoordinator =
        h.call("POST", "/api/v1/admin/accounts/" + adminId + "/disable", "", admin);
    CHECK(notCoordinator.status == 409);
    CHECK(errorCode(notCoordinator) == "not_a_coordinator");
    CHECK(h.call("POST", "/api/v1/admin/accounts/999/disable", "", admin).status == 404);
    CHECK(h.call("POST", "/api/v1/admin/accounts/x1/disable", "", admin).status == 404);

    CHECK(auditActions(h, "account.") ==
          std::vector<std::string>{"account.create karin", "account.sign_out karin",
                                   "account.disable karin", "account.enable karin",
                                   "account.reset_password karin"});
}

TEST_CASE("coordinators cannot call the admin routes") {
    ApiHarness h;
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);
    CHECK(h.call("GET", "/api/v1/admin/accounts", "", coordinator).status == 403);
    CHECK(h.call("POST", "/api/v1/admin/accounts", R"({"username":"x"})", coordinator).status ==
          403);
    CHECK(h.call("POST", "/api/v1/admin/accounts/1/reset-password", "", coordinator).status == 403);
}

TEST_CASE("a coordinator changes their own password and signs out everywhere") {
    ApiHarness h;
    h.createAccount("lisa", store::Role::Coordinator);
    const std::string here = loginToken(h, "lisa", kPassword);
    const std::string elsewhere = loginToken(h, "lisa", kPassword);

    auto me = h.call("GET", "/api/v1/account", "", here);
    REQUIRE(me.status == 200);
    CHECK(jsonString(me.body, "/username") == "lisa");
    CHECK(boost::json::parse(me.body).at("sessions").as_int64() == 2);

    const auto change = [&](const std::string& current, const std::string& next) {
        return h.call("POST", "/api/v1/account/password",
                      R"({"current_password":")" + current + R"(","new_password":")" + next + "\"}",
                      here);
    };
    auto wrong = change("not the password", "a long new password");
    CHECK(wrong.status == 422);
    CHECK(errorCode(wrong) == "wrong_password");
    auto weak = change(kPassword, "elva tecken"); // 11 characters
    CHECK(weak.status == 422);
    CHECK(errorCode(weak) == "weak_password");
    CHECK(errorCode(change(kPassword, kPassword)) == "same_password");
    auto ok = change(kPassword, "tolv tecken!"); // 12 characters
    INFO(ok.body);
    REQUIRE(ok.status == 200);
    // This session stays; the other ended; the old password is gone.
    CHECK(h.call("GET", "/api/v1/campaigns", "", here).status == 200);
    CHECK(h.call("GET", "/api/v1/campaigns", "", elsewhere).status == 401);
    loginToken(h, "lisa", kPassword, 401);
    const std::string third = loginToken(h, "lisa", "tolv tecken!");

    auto everywhere = h.call("POST", "/api/v1/account/sign-out-everywhere", "", here);
    REQUIRE(everywhere.status == 200);
    CHECK(boost::json::parse(everywhere.body).at("sessions_ended").as_int64() == 2);
    CHECK(h.call("GET", "/api/v1/campaigns", "", here).status == 401);
    CHECK(h.call("GET", "/api/v1/campaigns", "", third).status == 401);

    CHECK(auditActions(h, "account.") ==
          std::vector<std::string>{"account.password lisa", "account.sign_out_everywhere lisa"});
}
