// A device process over the real app core, for the kill runs: opens a data directory, enrols
// if asked, answers responses through the survey runner, and syncs. It reports each step on
// stdout (one line each, flushed) so the test can kill it at a chosen moment.
//
//   td_e2e_device --data-dir DIR [--enrol URL CODE | --enrol-link LINK]
//                 [--answer N --campaign ID --seed S] [--batch N] [--sync]
//
// Lines: "enrolled", "answered N", "sync-start", "sync-end OUTCOME pending=N".
// Exit 0 when every step worked and (with --sync) nothing is left pending.

#include "app_driver.hpp"
#include "appcore/enrolmentcontroller.h"
#include "appcore/localstore.h"
#include "appcore/synccontroller.h"
#include "td/sync/sync_client.hpp"

#include <QCoreApplication>
#include <QDir>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

void say(const QString& line) {
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

int usage() {
    std::fprintf(stderr, "usage: td_e2e_device --data-dir DIR [--enrol URL CODE | --enrol-link "
                         "LINK] [--answer N --campaign ID --seed S] [--batch N] [--sync]\n");
    return 64;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication qt(argc, argv);
    QString dataDir, enrolUrl, enrolCode, enrolLink, campaign;
    int answer = 0;
    unsigned seed = 1;
    std::size_t batch = 0;
    bool sync = false;
    for (int i = 1; i < argc; ++i) {
        const auto has = [&](int n) {
            return i + n < argc;
        };
        if (!std::strcmp(argv[i], "--data-dir") && has(1)) {
            dataDir = QString::fromLocal8Bit(argv[++i]);
        } else if (!std::strcmp(argv[i], "--enrol") && has(2)) {
            enrolUrl = QString::fromLocal8Bit(argv[++i]);
            enrolCode = QString::fromLocal8Bit(argv[++i]);
        } else if (!std::strcmp(argv[i], "--enrol-link") && has(1)) {
            enrolLink = QString::fromLocal8Bit(argv[++i]);
        } else if (!std::strcmp(argv[i], "--answer") && has(1)) {
            answer = std::atoi(argv[++i]);
        } else if (!std::strcmp(argv[i], "--campaign") && has(1)) {
            campaign = QString::fromLocal8Bit(argv[++i]);
        } else if (!std::strcmp(argv[i], "--seed") && has(1)) {
            seed = static_cast<unsigned>(std::stoul(argv[++i]));
        } else if (!std::strcmp(argv[i], "--batch") && has(1)) {
            batch = static_cast<std::size_t>(std::stoul(argv[++i]));
        } else if (!std::strcmp(argv[i], "--sync")) {
            sync = true;
        } else {
            return usage();
        }
    }
    if (dataDir.isEmpty() || (answer > 0 && campaign.isEmpty()) || !QDir().mkpath(dataDir)) {
        return usage();
    }

    auto app = td::e2e::openApp(dataDir + QStringLiteral("/device.sqlite"));
    if (batch > 0) {
        td::sync::ClientLimits limits;
        limits.maxBatchRecords = batch;
        app->services().sync->setClientLimits(limits);
    }
    if (!enrolUrl.isEmpty() || !enrolLink.isEmpty()) {
        QString error;
        if (enrolLink.isEmpty()) {
            error = td::e2e::enrolAndWait(*app, enrolUrl, enrolCode);
        } else {
            // The link as the dashboard shows it: the app finds the server and the code in it.
            td::app::EnrolmentController* enrolment = app->services().enrolment;
            if (enrolment->enrolFromLink(enrolLink) &&
                !td::e2e::waitUntil([enrolment] { return !enrolment->busy(); }, 30000))
                error = QStringLiteral("timeout");
            else if (!enrolment->enrolled())
                error = enrolment->errorMessage();
        }
        if (!error.isEmpty()) {
            say(QStringLiteral("enrol-failed ") + error);
            return 2;
        }
        say(QStringLiteral("enrolled"));
        // The campaigns this device may use come with the first pull.
        if (const QString outcome = td::e2e::syncAndWait(*app); outcome != QLatin1String("ok")) {
            say(QStringLiteral("sync-end ") + outcome);
            return 3;
        }
    }
    for (int n = 0; n < answer; ++n) {
        QString error;
        if (td::e2e::answerResponse(*app, campaign, seed + static_cast<unsigned>(n), &error)
                .isEmpty()) {
            say(QStringLiteral("answer-failed ") + error);
            return 4;
        }
    }
    if (answer > 0) {
        say(QStringLiteral("answered %1").arg(answer));
    }
    if (!sync) {
        return 0;
    }
    say(QStringLiteral("sync-start"));
    const QString outcome = td::e2e::syncAndWait(*app);
    const int pending = app->services().store->pendingCount();
    say(QStringLiteral("sync-end %1 pending=%2").arg(outcome).arg(pending));
    return outcome == QLatin1String("ok") && pending == 0 ? 0 : 3;
}
