// Enrolment of the real app core against the real server: an officer code created through the
// coordinator API works; a wrong, an expired and a used code, and an unreachable server, each
// give the message the enrolment screen shows.

#include "app_driver.hpp"
#include "appcore/enrolmentcontroller.h"
#include "appcore/localstore.h"
#include "e2e_server.hpp"
#include "td/store/device_store.hpp"

#include <QTemporaryDir>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

using namespace td::e2e;

TEST_CASE("enrolment: officer code, wrong code, expired code, used code, unreachable server",
          "[e2e]") {
    E2eServer server;
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto app = openApp(dir.filePath(QStringLiteral("device.sqlite")));
    td::app::EnrolmentController* enrolment = app->services().enrolment;
    const QString url = QString::fromStdString(server.url());
    REQUIRE_FALSE(enrolment->enrolled());

    CHECK(enrolAndWait(*app, url, QStringLiteral("AAAA-AAAA")) ==
          QStringLiteral("Koden stämmer inte. Kontrollera att du har skrivit rätt."));
    CHECK_FALSE(enrolment->enrolled());

    const std::string shortLived = server.createShortLivedCode();
    std::this_thread::sleep_for(std::chrono::milliseconds(1300));
    CHECK(enrolAndWait(*app, url, QString::fromStdString(shortLived)) ==
          QStringLiteral("Koden har gått ut. Be samordnaren om en ny kod."));
    CHECK_FALSE(enrolment->enrolled());

    const QString code = QString::fromStdString(server.createEnrolmentCode("officer"));
    server.stop();
    const QString unreachable = enrolAndWait(*app, url, code);
    CHECK(unreachable.startsWith(QStringLiteral(
        "Servern går inte att nå. Kontrollera adressen och nätverket och försök igen.")));
    CHECK_FALSE(enrolment->enrolled());
    CHECK(enrolment->errorMessage() == unreachable);

    server.start();
    CHECK(enrolAndWait(*app, url, code).isEmpty());
    CHECK(enrolment->enrolled());
    CHECK(enrolment->role() == QStringLiteral("officer"));
    CHECK(enrolment->roleLabel() == QStringLiteral("Polis/kommun (handläggare)"));
    CHECK(enrolment->serverUrl() == url);
    CHECK(enrolment->errorMessage().isEmpty());
    const auto deviceId =
        app->services().store->setting(std::string(td::store::settings::kDeviceId));
    REQUIRE(deviceId.has_value());
    CHECK(deviceId->size() >= 16);

    // The same one-time code on a second device is refused.
    QTemporaryDir other;
    auto second = openApp(other.filePath(QStringLiteral("device.sqlite")));
    CHECK(enrolAndWait(*second, url, code) ==
          QStringLiteral("Koden har redan använts. Be samordnaren om en ny kod."));
    CHECK_FALSE(second->services().enrolment->enrolled());

    // The enrolment survives an app restart.
    app.reset();
    auto restarted = openApp(dir.filePath(QStringLiteral("device.sqlite")));
    CHECK(restarted->services().enrolment->enrolled());
    CHECK(restarted->services().enrolment->role() == QStringLiteral("officer"));
}

TEST_CASE("enrolment from the link the dashboard shows: nobody types the server address", "[e2e]") {
    E2eServer server;
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    // The coordinator API's code, with its link made from the origin the dashboard passes.
    td::test::HttpClient client(server.address());
    client.setToken(server.coordinatorToken());
    auto made =
        client.post("/api/v1/enrolment-codes?origin=" + server.url(), R"({"role":"officer"})");
    REQUIRE(made.status == 201);
    const QString link = QString::fromStdString(td::test::jsonString(made.body, "/link"));
    const QString code = QString::fromStdString(td::test::jsonString(made.body, "/code"));
    INFO(link.toStdString());
    CHECK(link == QString::fromStdString(server.url()) + QStringLiteral("/enrol#code=") + code);

    using td::app::EnrolmentController;
    const QVariantMap parts = EnrolmentController::parseEnrolmentLink(link);
    CHECK(parts.value(QStringLiteral("server")).toString() == QString::fromStdString(server.url()));
    CHECK(parts.value(QStringLiteral("code")).toString() == code);
    // Behind a path prefix, and with a trailing slash.
    const QVariantMap prefixed = EnrolmentController::parseEnrolmentLink(
        QStringLiteral("https://trygg.example.se:8443/td/enrol/#code=ABCD-EFGH"));
    CHECK(prefixed.value(QStringLiteral("server")).toString() ==
          QStringLiteral("https://trygg.example.se:8443/td"));
    CHECK(prefixed.value(QStringLiteral("code")).toString() == QStringLiteral("ABCD-EFGH"));
    for (const char* notALink :
         {"https://trygg.example.se/enrol", "https://trygg.example.se/#code=X",
          "ftp://trygg.example.se/enrol#code=X", "ABCD-EFGH", ""})
        CHECK(EnrolmentController::parseEnrolmentLink(QString::fromUtf8(notALink)).isEmpty());

    auto app = openApp(dir.filePath(QStringLiteral("device.sqlite")));
    EnrolmentController* enrolment = app->services().enrolment;
    CHECK_FALSE(enrolment->enrolFromLink(QStringLiteral("https://trygg.example.se/")));
    CHECK(enrolment->errorMessage().startsWith(QStringLiteral("Länken är ingen anslutningslänk")));
    CHECK_FALSE(enrolment->enrolled());

    REQUIRE(enrolment->enrolFromLink(link));
    REQUIRE(waitUntil([enrolment] { return !enrolment->busy(); }, 10000));
    CHECK(enrolment->errorMessage().isEmpty());
    CHECK(enrolment->enrolled());
    CHECK(enrolment->role() == QStringLiteral("officer"));
    CHECK(enrolment->serverUrl() == QString::fromStdString(server.url()));

    // The device answers one response and syncs; its push reports its app version and outbox
    // (the response itself), which the device list shows.
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok")); // the campaigns come with the first pull
    QString error;
    REQUIRE_FALSE(
        answerResponse(*app, QString::fromUtf8(td::test::kCampaignId), 3, &error).isEmpty());
    CHECK(syncAndWait(*app) == QStringLiteral("ok"));
    auto devices = client.get("/api/v1/devices");
    REQUIRE(devices.status == 200);
    const auto deviceId =
        app->services().store->setting(std::string(td::store::settings::kDeviceId));
    REQUIRE(deviceId);
    const auto list = boost::json::parse(devices.body);
    bool listed = false;
    for (const auto& d : list.at("devices").as_array()) {
        if (d.at("id").as_string() != *deviceId)
            continue;
        listed = true;
        CHECK(d.at("role").as_string() == "officer");
        CHECK(d.at("last_sync_at").is_string());
        CHECK(d.at("app_version").as_string() == TD_PROJECT_VERSION);
        CHECK(d.at("pending").as_int64() == 1);
    }
    CHECK(listed);
}
