#include "api_harness.hpp"

#include "fixtures.hpp"
#include "td/model/codec.hpp"
#include "td/server/admin.hpp"
#include "td/server/auth_crypto.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace td::server {
std::string_view embeddedWalkChecklist(); // the server's walk checklist (api_walks.cpp)
} // namespace td::server

namespace td::test {

ApiHarness::ApiHarness(server::Limits limits)
    : rateLimiter(limits.rateLimitPerMinute) {
    REQUIRE(server::initCrypto());
    auto opened = store::ServerStore::open(dir.file("server.db"));
    REQUIRE(opened);
    store = std::move(*opened);
    sync::SyncServiceOptions so;
    so.limits.maxRecordsPerBatch = limits.maxBatchRecords;
    auto checklist = model::fromJsonText<model::WalkChecklist>(server::embeddedWalkChecklist());
    REQUIRE(checklist);
    so.checklist = std::move(*checklist);
    so.nowMs = [this] {
        return nowMs;
    };
    sync = std::make_unique<sync::SyncService>(*store, so);
    server::ApiOptions options;
    options.limits = limits;
    options.nowMs = [this] {
        return nowMs;
    };
    options.logRequests = false;
    api = std::make_unique<server::Api>(*store, *sync, metrics, rateLimiter, options);
}

ApiHarness::~ApiHarness() = default;

server::HttpResponse ApiHarness::call(const std::string& method, const std::string& target,
                                      const std::string& body, const std::string& token,
                                      const std::string& contentType) {
    server::HttpRequest req;
    req.method = method;
    auto q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos)
        req.query = target.substr(q + 1);
    if (!token.empty())
        req.headers.emplace_back("authorization", "Bearer " + token);
    if (!body.empty())
        req.headers.emplace_back("content-type", contentType);
    for (const auto& header : headers)
        req.headers.push_back(header);
    req.body = body;
    req.clientAddress = clientAddress;
    auto res = api->handle(std::move(req));
    if (!server::drainBody(res)) // a stream that fails midway is a failed answer
        res.status = 500;
    return res;
}

std::string ApiHarness::tokenFor(server::Role role, std::int64_t expiresInMs) {
    std::string token = server::generateToken();
    store::TokenRecord t;
    t.tokenHash = server::hashSecret(token);
    t.createdAtMs = nowMs;
    t.expiresAtMs = nowMs + expiresInMs;
    switch (role) {
    case server::Role::Admin:
    case server::Role::Coordinator: {
        std::string user = "user_" + token.substr(0, 8);
        auto hash = server::hashPassword(kPassword);
        REQUIRE(hash);
        auto account = store->createAccount(
            user, *hash,
            role == server::Role::Admin ? store::Role::Admin : store::Role::Coordinator, nowMs);
        REQUIRE(account);
        t.subjectKind = store::TokenRecord::Subject::Account;
        t.subjectId = std::to_string(account->id);
        t.role = account->role;
        break;
    }
    case server::Role::Officer:
    case server::Role::Kiosk: {
        store::Device d;
        d.id = "dev_" + token.substr(0, 12);
        d.role = role == server::Role::Officer ? store::Role::Officer : store::Role::Kiosk;
        d.label = "test";
        d.enrolledAtMs = nowMs;
        REQUIRE(store->createDevice(d));
        t.subjectId = d.id;
        t.role = d.role;
        break;
    }
    case server::Role::Resident:
        t.subjectId = "resident:test";
        t.role = store::Role::Resident;
        t.campaignId = kCampaignId;
        break;
    }
    REQUIRE(store->insertToken(t));
    return token;
}

void ApiHarness::createAccount(const std::string& user, store::Role role) {
    REQUIRE(server::createAccount(*store, user, kPassword, role, nowMs));
}

void ApiHarness::seedContent() {
    std::string coordinator = tokenFor(server::Role::Coordinator);
    auto created = call("POST", "/api/v1/surveys", vindelnSurveyText(), coordinator);
    INFO(created.body);
    REQUIRE(created.status == 201);
    REQUIRE(
        call("POST", "/api/v1/surveys/trygghetsenkat_vindeln/publish", "", coordinator).status ==
        200);
    std::string campaign = std::string(R"({"id":")") + kCampaignId +
                           R"(","name":{"sv":"Trygghetsenkät 2025","en":"Safety survey 2025"},)"
                           R"("survey_id":"trygghetsenkat_vindeln","survey_version":1,"year":2025,)"
                           R"("period_start":"2025-04-01","period_end":"2025-06-30",)"
                           R"("channels":["survey","kiosk"],"public_code":")" +
                           kCampaignCode + R"(","status":"open"})";
    auto c = call("POST", "/api/v1/campaigns", campaign, coordinator);
    INFO(c.body);
    REQUIRE(c.status == 201);
}

std::string errorCode(const server::HttpResponse& res) {
    boost::system::error_code ec;
    auto v = boost::json::parse(res.body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("error"))
        return {};
    return std::string(v.at("error").at("code").as_string());
}

std::string headerOf(const server::HttpResponse& res, const std::string& name) {
    for (const auto& [key, value] : res.headers)
        if (key == name)
            return value;
    return {};
}

long long metricValue(const std::string& text, const std::string& name) {
    auto at = text.find("\n" + name + " ");
    if (at == std::string::npos)
        return -1;
    return std::stoll(text.substr(at + name.size() + 2));
}

} // namespace td::test
