// Enrolment of the real app core against the real server: an officer code created through the
// coordinator API works; a wrong, an expired and a used code, and an unreachable server, each
// give the message the enrolment screen shows.

#include "app_driver.hpp"
#include "appcore/enrolmentcontroller.h"
#include "appcore/localstore.h"
#include "e2e_server.hpp"
#include "td/store/device_store.hpp"

#include <QTemporaryDir>
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
