// Sync of the real app core with the real server: responses answered through the survey runner
// while the server is down reach it exactly once when it is back; a revoked device asks to
// enrol again, keeps its unsynced records, and syncs them after re-enrolment.

#include "app_driver.hpp"
#include "appcore/campaignmodel.h"
#include "appcore/contentrepository.h"
#include "appcore/enrolmentcontroller.h"
#include "appcore/localstore.h"
#include "appcore/placeregistrymodel.h"
#include "appcore/synccontroller.h"
#include "e2e_server.hpp"
#include "td/store/device_store.hpp"

#include <QTemporaryDir>
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

using namespace td::e2e;
using td::test::kCampaignId;

namespace {

// Enrols a fresh app core as an officer and pulls the campaigns.
std::unique_ptr<td::app::AppContext> enrolledApp(E2eServer& server, const QTemporaryDir& dir) {
    auto app = openApp(dir.filePath(QStringLiteral("device.sqlite")));
    const QString code = QString::fromStdString(server.createEnrolmentCode("officer"));
    REQUIRE(enrolAndWait(*app, QString::fromStdString(server.url()), code).isEmpty());
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));
    const auto& campaigns = app->services().content->campaigns();
    REQUIRE(std::any_of(campaigns.begin(), campaigns.end(),
                        [](const auto& c) { return c.id == kCampaignId; }));
    return app;
}

std::set<std::string> answer(td::app::AppContext& app, int count, unsigned seed) {
    std::set<std::string> ids;
    for (int i = 0; i < count; ++i) {
        QString error;
        const QString id =
            answerResponse(app, QString::fromLatin1(kCampaignId), seed + unsigned(i), &error);
        INFO(error.toStdString());
        REQUIRE_FALSE(id.isEmpty());
        ids.insert(id.toStdString());
    }
    return ids;
}

std::set<std::string> keysOf(const std::map<std::string, int>& seen) {
    std::set<std::string> keys;
    for (const auto& [id, times] : seen) {
        INFO(id);
        CHECK(times == 1);
        keys.insert(id);
    }
    return keys;
}

} // namespace

TEST_CASE("50 responses answered while the server is down reach it exactly once", "[e2e]") {
    E2eServer server;
    QTemporaryDir dir;
    auto app = enrolledApp(server, dir);
    td::app::LocalStore* store = app->services().store;
    td::app::SyncController* sync = app->services().sync;

    server.stop();
    const auto ids = answer(*app, 50, 100);
    REQUIRE(ids.size() == 50);
    CHECK(store->pendingCount() == 50);

    CHECK(syncAndWait(*app) == QStringLiteral("network_error"));
    CHECK(store->pendingCount() == 50);
    CHECK(sync->lastOutcome() == QStringLiteral("network_error"));
    CHECK(sync->lastSyncText().contains(QStringLiteral("servern gick inte att nå")));

    server.start();
    CHECK(syncAndWait(*app) == QStringLiteral("ok"));
    CHECK(store->pendingCount() == 0);
    CHECK(store->rejectedCount() == 0);
    CHECK(sync->lastOutcome() == QStringLiteral("ok"));
    CHECK(sync->lastSyncText().startsWith(QStringLiteral("Senast synkad ")));
    CHECK(sync->lastSyncText().endsWith(QStringLiteral("allt gick bra.")));

    const auto onServer = server.responseIds();
    CHECK(onServer.size() == 50);
    CHECK(keysOf(onServer) == ids);

    // Syncing again sends nothing new and changes nothing on the server.
    CHECK(syncAndWait(*app) == QStringLiteral("ok"));
    CHECK(server.responseIds() == onServer);
}

TEST_CASE("a revoked device asks to enrol again, keeps its records and syncs them afterwards",
          "[e2e]") {
    E2eServer server;
    QTemporaryDir dir;
    auto app = enrolledApp(server, dir);
    td::app::EnrolmentController* enrolment = app->services().enrolment;
    const auto first = answer(*app, 2, 7);
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));

    const auto deviceId =
        app->services().store->setting(std::string(td::store::settings::kDeviceId));
    REQUIRE(deviceId.has_value());
    const auto unsynced = answer(*app, 3, 11);
    REQUIRE(server.revokeDevice(*deviceId));

    CHECK(syncAndWait(*app) == QStringLiteral("unauthorized"));
    CHECK_FALSE(enrolment->enrolled());
    CHECK(enrolment->revoked());
    CHECK(app->services().sync->lastSyncText().contains(
        QStringLiteral("enheten är inte längre godkänd. Anslut igen.")));
    CHECK(app->services().store->pendingCount() == 3);

    // Restarting the app keeps both the request to enrol again and the records.
    app.reset();
    app = openApp(dir.filePath(QStringLiteral("device.sqlite")));
    enrolment = app->services().enrolment;
    CHECK_FALSE(enrolment->enrolled());
    CHECK(enrolment->revoked());
    CHECK(app->services().store->pendingCount() == 3);
    // Not enrolled: "Synka nu" does nothing.
    app->services().sync->syncNow();
    CHECK_FALSE(app->services().sync->busy());

    const QString code = QString::fromStdString(server.createEnrolmentCode("officer"));
    REQUIRE(enrolAndWait(*app, QString::fromStdString(server.url()), code).isEmpty());
    CHECK_FALSE(enrolment->revoked());
    CHECK(syncAndWait(*app) == QStringLiteral("ok"));
    CHECK(app->services().store->pendingCount() == 0);

    std::set<std::string> all = first;
    all.insert(unsynced.begin(), unsynced.end());
    CHECK(keysOf(server.responseIds()) == all);
}

TEST_CASE("today's app says its protocol and gets a closing campaign as closing; what it queued "
          "before is stored",
          "[e2e]") {
    E2eServer server;
    QTemporaryDir dir;
    auto app = enrolledApp(server, dir);
    CHECK(app->services().campaigns->firstWithChannel(QStringLiteral("survey")) ==
          QString::fromLatin1(kCampaignId));
    const auto queued = answer(*app, 2, 21);
    REQUIRE(server.closingCampaign(kCampaignId, 7));
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));
    CHECK(app->services().store->pendingCount() == 0);
    CHECK(keysOf(server.responseIds()) == queued);
    // A first-release app would be sent "closed" (tests/server/test_campaign_run.cpp); this one
    // sends its TD-Protocol (kProtocolVersion), decodes the new state strictly, and offers no
    // new response.
    const auto& campaigns = app->services().content->campaigns();
    const auto it = std::find_if(campaigns.begin(), campaigns.end(),
                                 [](const auto& c) { return c.id == kCampaignId; });
    REQUIRE(it != campaigns.end());
    CHECK(it->status == td::model::CampaignStatus::Closing);
    CHECK(it->acceptQueuedUntil.has_value());
    // The start page offers no campaign for a new survey response any more.
    CHECK(app->services().campaigns->firstWithChannel(QStringLiteral("survey")).isEmpty());
}

TEST_CASE("a place the coordinator retires is no longer offered once the app has synced, and "
          "is offered again when reinstated",
          "[e2e]") {
    E2eServer server;
    QTemporaryDir dir;
    auto app = enrolledApp(server, dir);
    REQUIRE(server.coordinatorPost("/api/v1/places",
                                   R"({"id":"vindeln_gamla_macken","name":"Gamla macken",)"
                                   R"("locality":"vindeln","lat":64.1952,"lon":19.7301,)"
                                   R"("kind":"other"})") == 201);
    auto* places = app->services().places;
    const QString id = QStringLiteral("vindeln_gamla_macken");
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));
    CHECK(places->isOffered(id));

    REQUIRE(server.coordinatorPost("/api/v1/places/vindeln_gamla_macken/retire", "") == 200);
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));
    CHECK_FALSE(places->isOffered(id));
    CHECK(places->nameOf(id) == QStringLiteral("Gamla macken")); // still named where used
    for (int row = 0; row < places->rowCount(); ++row)
        CHECK(places->index(row).data(td::app::PlaceRegistryModel::IdRole).toString() != id);

    REQUIRE(server.coordinatorPost("/api/v1/places/vindeln_gamla_macken/reinstate", "") == 200);
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));
    CHECK(places->isOffered(id));
}
