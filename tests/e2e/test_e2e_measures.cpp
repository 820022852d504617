// A measure's status changed on an offline device and, concurrently, in the dashboard (PATCH
// /api/v1/measures/{id} with base_rev): the real app core and the real server converge on one
// status after both sync, and the device shows the conflict on "status".

#include "../server/http_client.hpp"
#include "app_driver.hpp"
#include "appcore/localstore.h"
#include "appcore/measuremodel.h"
#include "appcore/walkservices.h"
#include "e2e_server.hpp"
#include "td/store/device_store.hpp"

#include <QTemporaryDir>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace td::e2e;

namespace {

namespace bj = boost::json;

/// The model row of measure `id`, or -1.
int rowOf(td::app::MeasureModel& model, const std::string& id) {
    for (int i = 0; i < model.rowCount(); ++i) {
        if (model.index(i).data(td::app::MeasureModel::IdRole).toString().toStdString() == id)
            return i;
    }
    return -1;
}

QVariant roleOf(td::app::MeasureModel& model, const std::string& id, int role) {
    const int row = rowOf(model, id);
    REQUIRE(row >= 0);
    return model.index(row).data(role);
}

} // namespace

TEST_CASE("a status changed offline on the device and in the dashboard converges and is flagged",
          "[e2e]") {
    const bool deviceFirst = GENERATE(true, false);
    INFO((deviceFirst ? "device edits first" : "dashboard edits first"));
    E2eServer server;
    td::test::HttpClient dashboard(server.address());
    dashboard.setToken(server.coordinatorToken());
    auto created = dashboard.post(
        "/api/v1/measures",
        R"({"title":"Byt trasig belysning i gångtunneln","responsible_party":"kommun"})");
    INFO(created.body);
    REQUIRE(created.status == 201);
    const std::string id(bj::parse(created.body).at("measure").at("id").as_string());
    const std::int64_t baseRev = bj::parse(created.body).at("rev").as_int64();

    QTemporaryDir dir;
    auto app = openApp(dir.filePath(QStringLiteral("device.sqlite")));
    const QString code = QString::fromStdString(server.createEnrolmentCode("officer"));
    REQUIRE(enrolAndWait(*app, QString::fromStdString(server.url()), code).isEmpty());
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));
    td::app::MeasureModel& model = *td::app::WalkServices::of(app->services())->measures();
    REQUIRE(roleOf(model, id, td::app::MeasureModel::StatusKeyRole).toString() ==
            QStringLiteral("proposed"));

    const auto dashboardEdit = [&] {
        // The coordinator saw the measure as created and rejects it.
        auto res = dashboard.request(
            "PATCH", "/api/v1/measures/" + id,
            R"({"base_rev":)" + std::to_string(baseRev) +
                R"(,"status":"rejected","rejection_reason":"Belysningen byts i vägprojektet."})",
            {{"Content-Type", "application/json"}});
        INFO(res.body);
        REQUIRE(res.status == 200);
    };
    const auto deviceEdit = [&] {
        // Offline: the server is down while the officer marks the measure as decided.
        server.stop();
        REQUIRE(model.setStatus(QString::fromStdString(id), QStringLiteral("decided")));
        CHECK(roleOf(model, id, td::app::MeasureModel::StatusKeyRole).toString() ==
              QStringLiteral("decided"));
        CHECK(roleOf(model, id, td::app::MeasureModel::PendingRole).toBool());
        CHECK(syncAndWait(*app) == QStringLiteral("network_error"));
        CHECK(roleOf(model, id, td::app::MeasureModel::PendingRole).toBool());
        server.start();
    };
    if (deviceFirst) {
        deviceEdit();
        dashboardEdit();
    } else {
        dashboardEdit();
        deviceEdit();
    }

    // Both sync: the device pushes its edit, the server merges it per field, the device pulls
    // the merged state (a second run pulls whatever the first one's push produced).
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));
    REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));
    CHECK(app->services().store->pendingCount() == 0);

    auto got = dashboard.get("/api/v1/measures/" + id);
    REQUIRE(got.status == 200);
    const bj::object onServer = bj::parse(got.body).as_object();
    const std::string serverStatus(onServer.at("measure").at("status").as_string());
    // The later write wins: the dashboard's when the device edited first, else the device's.
    CHECK(serverStatus == (deviceFirst ? "rejected" : "decided"));
    CHECK(onServer.at("conflict").as_bool());
    REQUIRE(onServer.at("conflicts").as_array().size() == 1);
    CHECK(onServer.at("conflicts").at(0).at("field").as_string() == "status");

    // The device shows the converged status and the conflict marker on "status".
    CHECK(roleOf(model, id, td::app::MeasureModel::StatusKeyRole).toString().toStdString() ==
          serverStatus);
    CHECK(roleOf(model, id, td::app::MeasureModel::ConflictRole).toBool());
    CHECK(roleOf(model, id, td::app::MeasureModel::ConflictFieldsRole).toString() ==
          QStringLiteral("status"));
    CHECK_FALSE(roleOf(model, id, td::app::MeasureModel::PendingRole).toBool());
    auto local = app->services().store->deviceStore().editable(id);
    REQUIRE(local.ok());
    REQUIRE(local->has_value());
    CHECK((*local)->conflictFields == std::vector<std::string>{"status"});
}
