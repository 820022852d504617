#include "e2e_server.hpp"

#include "../server/http_client.hpp"

#include <boost/json/parse.hpp>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <stdexcept>

namespace td::e2e {

using td::test::HttpClient;

E2eServer::E2eServer() {
    if (!td::test::createCoordinator(databasePath()))
        throw std::runtime_error("cannot create the coordinator");
    launch("127.0.0.1:0");
    m_tokens = td::test::bootstrap(m_address);
}

E2eServer::~E2eServer() = default;

void E2eServer::launch(const std::string& listen) {
    // A later --listen overrides the helper's "127.0.0.1:0"; no rate limit for the kill runs.
    m_process = std::make_unique<td::test::ServerProcess>(
        databasePath(),
        std::vector<std::string>{"--listen", listen, "--rate-limit-per-minute", "0"},
        m_dir.file("server.log"));
    if (!m_process->started()) {
        m_process.reset();
        throw std::runtime_error("the server did not start on " + listen);
    }
    m_address = m_process->address();
}

void E2eServer::stop() {
    if (m_process) {
        m_process->stop(SIGTERM);
        m_process.reset();
    }
}

void E2eServer::start() {
    if (!m_process)
        launch(m_address);
}

std::string E2eServer::createEnrolmentCode(const std::string& role) {
    HttpClient c(m_address);
    c.setToken(m_tokens.coordinator);
    auto res = c.post("/api/v1/enrolment-codes", R"({"role":")" + role + "\"}");
    if (res.status != 201)
        throw std::runtime_error("enrolment code refused: " + res.body);
    return td::test::jsonString(res.body, "/code");
}

std::string E2eServer::createShortLivedCode() {
    std::string out;
    const int rc =
        td::test::runServerCommand({"--db", databasePath(), "admin", "create-enrolment-code",
                                    "--role", "officer", "--expires-in", "1s"},
                                   &out);
    if (rc != 0)
        throw std::runtime_error("admin create-enrolment-code failed: " + out);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
        out.pop_back();
    const auto lastLine = out.rfind('\n');
    return lastLine == std::string::npos ? out : out.substr(lastLine + 1);
}

bool E2eServer::revokeDevice(const std::string& deviceId) {
    HttpClient c(m_address);
    c.setToken(m_tokens.coordinator);
    return c.post("/api/v1/devices/" + deviceId + "/revoke", "").status == 200;
}

void E2eServer::publishDialogueCampaign(const std::string& campaignId) {
    std::ifstream in(std::string(TD_SOURCE_DIR) + "/shared/content/medborgardialog.json");
    std::stringstream survey;
    survey << in.rdbuf();
    HttpClient c(m_address);
    c.setToken(m_tokens.coordinator);
    const auto check = [](const td::test::ClientResponse& res, int status, const char* step) {
        if (res.status != status)
            throw std::runtime_error(std::string(step) + " refused: " + res.body);
    };
    check(c.post("/api/v1/surveys", survey.str()), 201, "create the dialogue survey");
    check(c.post("/api/v1/surveys/medborgardialog/publish", ""), 200, "publish it");
    check(
        c.post("/api/v1/campaigns",
               R"({"id":")" + campaignId +
                   R"(","name":{"sv":"Medborgardialog 2025","en":"Citizen dialogue 2025"},)"
                   R"("survey_id":"medborgardialog","survey_version":1,"year":2025,)"
                   R"("period_start":"2025-01-01","period_end":"2025-12-31",)"
                   R"("channels":["kiosk","dialogue"],"public_code":"DIALOG25","status":"open"})"),
        201, "create the dialogue campaign");
}

bool E2eServer::closeCampaign(const std::string& campaignId) {
    HttpClient c(m_address);
    c.setToken(m_tokens.coordinator);
    return c.post("/api/v1/campaigns/" + campaignId + "/close", "").status == 200;
}

bool E2eServer::closingCampaign(const std::string& campaignId, int graceDays) {
    HttpClient c(m_address);
    c.setToken(m_tokens.coordinator);
    return c.post("/api/v1/campaigns/" + campaignId + "/closing",
                  "{\"grace_days\":" + std::to_string(graceDays) + "}")
               .status == 200;
}

int E2eServer::coordinatorPost(const std::string& path, const std::string& body) {
    HttpClient c(m_address);
    c.setToken(m_tokens.coordinator);
    return c.post(path, body).status;
}

std::map<std::string, int> E2eServer::responseIds() {
    HttpClient c(m_address);
    c.setToken(m_tokens.coordinator);
    std::map<std::string, int> seen;
    std::string cursor;
    while (true) {
        std::string target = "/api/v1/sync/pull?limit=500";
        if (!cursor.empty())
            target += "&cursor=" + cursor;
        auto res = c.get(target);
        if (res.status != 200)
            throw std::runtime_error("coordinator pull refused: " + res.body);
        auto v = boost::json::parse(res.body);
        for (const auto& change : v.at("changes").as_array())
            if (change.at("kind").as_string() == "response")
                ++seen[std::string(change.at("id").as_string())];
        cursor = std::string(v.at("cursor").as_string());
        if (!v.at("more").as_bool())
            return seen;
    }
}

} // namespace td::e2e
