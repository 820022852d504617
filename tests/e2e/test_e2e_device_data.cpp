// What a lost tablet gives away (docs/device-data.md): residents answer in kiosk mode through
// the real app core, the device syncs with the real server on loopback, and then the device
// database's files (main, -wal, -shm, -journal) are read as bytes. Once the server has a
// response, none of its answers is left in them; a response the server rejected keeps all of
// them. What the app shows about the sent responses (the dialogue's count, "all sent") stays.

#include "../store/database_files.hpp"
#include "app_driver.hpp"
#include "appcore/kioskcontroller.h"
#include "appcore/localstore.h"
#include "appcore/questioncontroller.h"
#include "appcore/surveycontroller.h"
#include "appcore/topicmodel.h"
#include "e2e_server.hpp"
#include "td/store/device_store.hpp"

#include <QTemporaryDir>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace td::e2e;

namespace {

constexpr const char* kDialogueCampaign = "dialog_2025";
constexpr const char* kPin = "2468";

/// The device database and its app, enrolled as an officer with the campaigns pulled.
struct Device {
    explicit Device(E2eServer& server) {
        app = openApp(path());
        const QString code = QString::fromStdString(server.createEnrolmentCode("officer"));
        REQUIRE(enrolAndWait(*app, QString::fromStdString(server.url()), code).isEmpty());
        REQUIRE(syncAndWait(*app) == QStringLiteral("ok"));
    }
    QString path() const { return dir.filePath(QStringLiteral("device.sqlite")); }
    std::string bytes() const { return td::test::databaseFileBytes(path().toStdString()); }
    td::app::KioskController& kiosk() { return *app->services().kiosk; }
    td::app::LocalStore& store() { return *app->services().store; }

    QTemporaryDir dir;
    std::unique_ptr<td::app::AppContext> app;
};

/// Answers the kiosk form for resident `n` through the survey runner the kiosk page drives:
/// free text and described places carry a marker unique to this resident; choices vary.
QString answerAsResident(td::app::KioskController& kiosk, int n) {
    td::app::SurveyController* runner = kiosk.runner();
    QString submitted;
    const auto connection = QObject::connect(runner, &td::app::SurveyController::submitted,
                                             [&](const QString& id) { submitted = id; });
    const QString marker = QStringLiteral("Kvastskaft%1").arg(4711 + n);
    for (int step = 0; runner->active() && step < 50; ++step) {
        td::app::QuestionController* q = runner->question();
        const QString type = q->type();
        const int options = q->options()->rowCount();
        if (type == QLatin1String("scale") || type == QLatin1String("single")) {
            q->selectOption(q->options()->keyAt((n + step) % options));
        } else if (type == QLatin1String("multi")) {
            q->toggleOption(q->options()->keyAt((n + step) % options));
        } else if (type == QLatin1String("text")) {
            q->setTextValue(QStringLiteral("Fritext %1: bättre ljus vid busskuren").arg(marker));
        } else if (type == QLatin1String("place")) {
            q->addDescribedPlace(QStringLiteral("Gångtunneln %1").arg(marker));
            q->toggleTimeOfDay(0,
                               q->timeOfDayOptions().value(n % 2).toMap().value("key").toString());
            q->toggleReason(0, q->reasonOptions().value(n % 3).toMap().value("key").toString());
        } else if (type == QLatin1String("number")) {
            q->setNumberText(QString::number(q->minimum() + n));
        } else if (type == QLatin1String("yes_no")) {
            q->selectOption(n % 2 ? QStringLiteral("yes") : QStringLiteral("no"));
        }
        REQUIRE((runner->isLast() ? runner->submit() : runner->next()));
    }
    QObject::disconnect(connection);
    kiosk.nextResident();
    return submitted;
}

/// What must not be left once the server has the response: each answer as the stored body
/// spells it ("q_id":value), and every marker of its free text. Each is checked to be in the
/// body, so a search for it can succeed.
std::vector<std::string> answerTexts(const std::string& body, int n) {
    std::vector<std::string> texts;
    const boost::json::object answers = boost::json::parse(body).at("answers").as_object();
    REQUIRE(answers.size() >= 4);
    for (const auto& [questionId, value] : answers) {
        texts.push_back("\"" + std::string(questionId) + "\":" + boost::json::serialize(value));
    }
    texts.push_back("Kvastskaft" + std::to_string(4711 + n));
    for (const std::string& text : texts) {
        INFO(text << " in " << body);
        REQUIRE(body.find(text) != std::string::npos);
    }
    return texts;
}

/// Runs a dialogue in kiosk mode where `residents` people answer; returns, per resident, the
/// answer texts of their stored response.
std::vector<std::vector<std::string>> kioskSession(Device& device, int residents) {
    td::app::KioskController& kiosk = device.kiosk();
    REQUIRE(kiosk.startDialogue(QString(), QString(), QStringLiteral("Ica Vindeln, entrén"),
                                QStringLiteral("Vindeln"), QStringLiteral("polis"),
                                QString::fromLatin1(kPin)));
    REQUIRE(kiosk.enterKiosk());
    std::vector<std::vector<std::string>> answers;
    for (int n = 0; n < residents; ++n) {
        const QString id = answerAsResident(kiosk, n);
        REQUIRE_FALSE(id.isEmpty());
        auto row = device.store().deviceStore().record(id.toStdString());
        REQUIRE(row);
        REQUIRE(*row);
        answers.push_back(answerTexts((*row)->body, n));
    }
    CHECK(kiosk.responses() == residents);
    return answers;
}

int countOnDisk(const std::string& bytes, const std::vector<std::vector<std::string>>& answers) {
    int found = 0;
    for (const auto& texts : answers) {
        for (const std::string& text : texts) {
            if (bytes.find(text) != std::string::npos) {
                UNSCOPED_INFO("on disk: " << text);
                ++found;
            }
        }
    }
    return found;
}

int answerCount(const std::vector<std::vector<std::string>>& answers) {
    int count = 0;
    for (const auto& texts : answers) {
        count += static_cast<int>(texts.size());
    }
    return count;
}

} // namespace

TEST_CASE("once the server has a kiosk response, the device's files hold none of its answers",
          "[e2e]") {
    E2eServer server;
    server.publishDialogueCampaign(kDialogueCampaign);
    auto device = std::make_unique<Device>(server);
    const auto answers = kioskSession(*device, 3);
    // Before the sync every answer is on disk (in the main file or the -wal): the search works.
    REQUIRE(countOnDisk(device->bytes(), answers) == answerCount(answers));

    REQUIRE(syncAndWait(*device->app) == QStringLiteral("ok"));
    CHECK(device->store().pendingCount() == 0);
    CHECK(device->store().rejectedCount() == 0);
    CHECK(server.responseIds().size() == 3);
    CHECK(countOnDisk(device->bytes(), answers) == 0);

    // The dialogue still counts its three residents, also after the app restarts.
    CHECK(device->kiosk().responses() == 3);
    const QString path = device->path();
    device->app.reset();
    CHECK(countOnDisk(device->bytes(), answers) == 0);
    device->app = openApp(path);
    INFO(device->kiosk().lastError().toStdString());
    CHECK(device->kiosk().active());
    CHECK(device->kiosk().inKiosk());
    CHECK(device->kiosk().responses() == 3);
    CHECK(device->store().pendingCount() == 0);

    // The officer's own dialogue record goes the same way: its topic notes leave with it.
    REQUIRE(device->kiosk().leaveKiosk(QString::fromLatin1(kPin)));
    device->kiosk().topics()->adjust(0, 2);
    device->kiosk().topics()->setNote(0, QStringLiteral("Anteckning Tallkotte31 om langning"));
    REQUIRE(device->kiosk().endDialogue());
    REQUIRE(device->bytes().find("Tallkotte31") != std::string::npos);
    REQUIRE(syncAndWait(*device->app) == QStringLiteral("ok"));
    CHECK(device->bytes().find("Tallkotte31") == std::string::npos);
    CHECK(device->store().pendingCount() == 0);
}

TEST_CASE("a kiosk response the server rejects keeps its answers on the device", "[e2e]") {
    E2eServer server;
    server.publishDialogueCampaign(kDialogueCampaign);
    Device device(server);
    const auto answers = kioskSession(device, 2);
    std::vector<std::string> bodies;
    const auto before = device.store().deviceStore().recordsOfKind("response");
    REQUIRE(before);
    for (const auto& row : *before)
        bodies.push_back(row.body);

    // The campaign closes before the device syncs: the server refuses both responses.
    REQUIRE(server.closeCampaign(kDialogueCampaign));
    REQUIRE(syncAndWait(*device.app) == QStringLiteral("ok"));
    CHECK(device.store().rejectedCount() == 2);
    CHECK(server.responseIds().empty());
    auto rejected = device.store().deviceStore().rejected();
    REQUIRE(rejected);
    for (const auto& entry : *rejected)
        CHECK(entry.reasonCode == "campaign_closed");

    CHECK(countOnDisk(device.bytes(), answers) == answerCount(answers));
    std::vector<std::string> kept;
    const auto after = device.store().deviceStore().recordsOfKind("response");
    REQUIRE(after);
    for (const auto& row : *after) {
        kept.push_back(row.body);
        CHECK_FALSE(*device.store().deviceStore().isScrubbed(row.id));
    }
    CHECK(kept == bodies);
    CHECK(device.kiosk().responses() == 2);
}
