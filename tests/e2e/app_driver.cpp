#include "app_driver.hpp"

#include "appcore/contentrepository.h"
#include "appcore/enrolmentcontroller.h"
#include "appcore/questioncontroller.h"
#include "appcore/surveycontroller.h"
#include "appcore/synccontroller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <stdexcept>

namespace td::e2e {

using td::app::AppContext;
using td::app::QuestionController;
using td::app::SurveyController;

void ensureQtApp() {
    if (QCoreApplication::instance()) {
        return;
    }
    static int argc = 1;
    static char name[] = "td-e2e";
    static char* argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
}

// Sleeps in the event loop between events: processEvents(flags, ms) would drop
// WaitForMoreEvents and spin, taking a core from the app and the server under test. The tick
// wakes the loop to look at the clock when nothing else happens.
bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    QTimer tick;
    tick.start(20);
    while (!done()) {
        if (timer.elapsed() >= timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

std::unique_ptr<AppContext> openApp(const QString& databasePath) {
    ensureQtApp();
    auto app = AppContext::create(databasePath);
    if (!app) {
        throw std::runtime_error("cannot open the app core: " + app.error().describe());
    }
    return std::move(app.value());
}

QString enrolAndWait(AppContext& app, const QString& serverUrl, const QString& code,
                     int timeoutMs) {
    td::app::EnrolmentController* enrolment = app.services().enrolment;
    enrolment->enrol(serverUrl, code);
    if (!waitUntil([enrolment] { return !enrolment->busy(); }, timeoutMs)) {
        return QStringLiteral("timeout");
    }
    return enrolment->enrolled() ? QString() : enrolment->errorMessage();
}

QString syncAndWait(AppContext& app, int timeoutMs) {
    td::app::SyncController* sync = app.services().sync;
    QString outcome;
    bool ended = false;
    const auto connection =
        QObject::connect(sync, &td::app::SyncController::finished, [&](const QString& o) {
            outcome = o;
            ended = true;
        });
    sync->syncNow();
    const bool ok = waitUntil([&] { return ended; }, timeoutMs);
    QObject::disconnect(connection);
    return ok ? outcome : QStringLiteral("timeout");
}

namespace {

// Gives the question on screen an answer, as a person would through its controls.
void answerQuestion(QuestionController& q, unsigned seed) {
    const QString type = q.type();
    const int options = q.options()->rowCount();
    if (type == QLatin1String("scale") || type == QLatin1String("single")) {
        q.selectOption(q.options()->keyAt(static_cast<int>(seed % unsigned(options))));
    } else if (type == QLatin1String("multi")) {
        q.toggleOption(q.options()->keyAt(static_cast<int>(seed % unsigned(options))));
    } else if (type == QLatin1String("yes_no")) {
        q.selectOption(seed % 2 ? QStringLiteral("yes") : QStringLiteral("no"));
    } else if (type == QLatin1String("number")) {
        q.setNumberText(QString::number(q.minimum()));
    } else if (type == QLatin1String("text")) {
        q.setTextValue(QStringLiteral("Bättre belysning vid stationen"));
    } else if (type == QLatin1String("place")) {
        q.addDescribedPlace(QStringLiteral("Gångtunneln under järnvägen"));
        const QVariantList times = q.timeOfDayOptions();
        if (!times.isEmpty()) {
            q.toggleTimeOfDay(0, times.front().toMap().value(QStringLiteral("key")).toString());
        }
        const QVariantList reasons = q.reasonOptions();
        if (!reasons.isEmpty()) {
            q.toggleReason(0, reasons.front().toMap().value(QStringLiteral("key")).toString());
        }
    }
}

} // namespace

QString answerResponse(AppContext& app, const QString& campaignId, unsigned seed, QString* error,
                       qint64* submitNs) {
    SurveyController* runner = app.services().survey;
    auto fail = [&](const QString& why) {
        if (error) {
            *error = why;
        }
        return QString();
    };
    if (!app.services().content->prepareSurvey(runner, campaignId)) {
        return fail(app.services().content->lastError());
    }
    if (!runner->start(campaignId, QStringLiteral("survey"))) {
        return fail(QStringLiteral("the survey runner did not start"));
    }
    QString submittedId;
    const auto connection = QObject::connect(runner, &SurveyController::submitted,
                                             [&](const QString& id) { submittedId = id; });
    for (int step = 0; runner->active() && step < 200; ++step) {
        answerQuestion(*runner->question(), seed + static_cast<unsigned>(step));
        bool moved = false;
        if (runner->isLast()) {
            QElapsedTimer timer;
            timer.start();
            moved = runner->submit();
            if (submitNs) {
                *submitNs = timer.nsecsElapsed();
            }
        } else {
            moved = runner->next();
        }
        if (!moved) {
            QObject::disconnect(connection);
            return fail(runner->issues().join(QStringLiteral("; ")));
        }
    }
    QObject::disconnect(connection);
    return submittedId.isEmpty() ? fail(QStringLiteral("no response was submitted")) : submittedId;
}

} // namespace td::e2e
