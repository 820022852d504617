#pragma once
// The real td-sync-server for end-to-end tests: a temp database with a coordinator, the Vindeln
// survey and an open campaign (tests/server/fixtures), and a fixed loopback address that
// survives stop() and start(), so a device enrolled against it can find it again.

#include "../server/fixtures.hpp"
#include "../server/server_process.hpp"

#include <map>
#include <memory>
#include <string>

namespace td::e2e {

class E2eServer {
public:
    /// Starts the server on a free port and bootstraps it; throws std::runtime_error when the
    /// server does not start or a bootstrap step is refused.
    E2eServer();
    ~E2eServer();

    /// "http://127.0.0.1:PORT".
    std::string url() const { return "http://" + m_address; }
    const std::string& address() const { return m_address; }
    bool running() const { return m_process != nullptr; }
    const std::string& coordinatorToken() const { return m_tokens.coordinator; }
    std::string databasePath() const { return m_dir.file("server.db"); }

    /// Stops the server (SIGTERM, waits); the database stays.
    void stop();
    /// Starts it again on the same address and database; throws when it does not start.
    void start();

    /// A one-time enrolment code for `role` ("officer" or "kiosk") from the coordinator API.
    std::string createEnrolmentCode(const std::string& role);
    /// An officer code that expires after one second (admin CLI on the database).
    std::string createShortLivedCode();
    /// Revokes the device with `deviceId` through the coordinator API; false when refused.
    bool revokeDevice(const std::string& deviceId);
    /// Publishes the repository's dialogue survey (shared/content/medborgardialog.json) and
    /// opens a campaign `campaignId` for it on the kiosk and dialogue channels; throws when a
    /// step is refused.
    void publishDialogueCampaign(const std::string& campaignId);
    /// Closes the campaign through the coordinator API; false when refused.
    bool closeCampaign(const std::string& campaignId);
    /// Puts the campaign in its closing state with `graceDays` for queued responses; false when
    /// refused.
    bool closingCampaign(const std::string& campaignId, int graceDays);
    /// POSTs `body` to `path` as the coordinator and answers the HTTP status.
    int coordinatorPost(const std::string& path, const std::string& body);
    /// Every response the server holds, by id, with how often the coordinator's pull returned
    /// it (exactly 1 each when nothing is duplicated).
    std::map<std::string, int> responseIds();

private:
    void launch(const std::string& listen);

    td::test::TempDir m_dir;
    std::unique_ptr<td::test::ServerProcess> m_process;
    std::string m_address;
    td::test::Tokens m_tokens;
};

} // namespace td::e2e
