// App benchmark over the real app core and the real td-sync-server binary:
//  (a) one local submit (SurveyController::submit: validate, encode, record + outbox entry in
//      one SQLite transaction with synchronous=FULL), against a bare SQLite insert+commit of
//      the same body in the same run;
//  (b) syncing N pending responses (default 10,000) to a local server, as responses/s and as a
//      ratio against a direct SQLite insert of the same rows in the same run (WAL,
//      synchronous=FULL, one transaction per batch of 200 — the baseline of bench_server);
//      first with the client as it was (plain JSON, batches of 200, one at a time), then as
//      it is.
//
//   bench_app [--submits N] [--responses N]

#include "app_driver.hpp"
#include "appcore/appcontext.h"
#include "appcore/contentrepository.h"
#include "appcore/httpclient.h"
#include "appcore/localstore.h"
#include "appcore/synccontroller.h"
#include "e2e_server.hpp"
#include "td/core/hlc.hpp"
#include "td/model/codec.hpp"
#include "td/store/device_store.hpp"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <sqlite3.h>
#include <string>
#include <vector>

using td::test::kCampaignId;

namespace {

struct Row {
    std::string id;
    std::string body;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

sqlite3* openBaseline(const std::string& path) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                 "CREATE TABLE records (kind TEXT NOT NULL, id TEXT PRIMARY KEY, rev INTEGER, "
                 "hlc TEXT, body TEXT NOT NULL)",
                 nullptr, nullptr, nullptr);
    return db;
}

// Inserts `rows` into a fresh table, `perTransaction` rows per transaction; returns the time
// of each transaction in milliseconds.
std::vector<double> directInsert(const std::string& path, const std::vector<Row>& rows,
                                 std::size_t perTransaction) {
    sqlite3* db = openBaseline(path);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO records VALUES ('response', ?1, 1, ?2, ?3)", -1, &insert,
                       nullptr);
    std::vector<double> times;
    for (std::size_t i = 0; i < rows.size(); i += perTransaction) {
        QElapsedTimer timer;
        timer.start();
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        for (std::size_t j = i; j < std::min(rows.size(), i + perTransaction); ++j) {
            sqlite3_bind_text(insert, 1, rows[j].id.c_str(), static_cast<int>(rows[j].id.size()),
                              SQLITE_STATIC);
            sqlite3_bind_text(insert, 2, "0001746100000000-0000-test", -1, SQLITE_STATIC);
            sqlite3_bind_text(insert, 3, rows[j].body.c_str(),
                              static_cast<int>(rows[j].body.size()), SQLITE_STATIC);
            if (sqlite3_step(insert) != SQLITE_DONE)
                std::fprintf(stderr, "direct insert failed: %s\n", sqlite3_errmsg(db));
            sqlite3_reset(insert);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return times;
}

// (a) Local submit through the app core vs a bare insert+commit of the same bodies.
bool benchSubmit(const QTemporaryDir& dir, int submits) {
    auto app = td::e2e::openApp(dir.filePath(QStringLiteral("submit.sqlite")));
    // The campaign as a device receives it from the server.
    td::model::Campaign campaign;
    campaign.id = kCampaignId;
    campaign.name = {"Trygghetsenkät 2025", "Safety survey 2025"};
    campaign.surveyId = "trygghetsenkat_vindeln";
    campaign.surveyVersion = 1;
    campaign.year = 2025;
    campaign.periodStart = "2025-01-01";
    campaign.periodEnd = "2025-12-31";
    campaign.channels = {td::model::Channel::Survey};
    campaign.publicCode = "BENCH2025";
    campaign.status = td::model::CampaignStatus::Open;
    td::store::PulledRecord pulled{
        "campaign", kCampaignId, 1, "000000000001-00000000-server", td::model::toJsonText(campaign),
        false};
    if (!app->services().store->deviceStore().applyPulled({pulled}, "bench")) {
        std::fprintf(stderr, "cannot seed the campaign\n");
        return false;
    }
    app->services().content->reload();

    std::vector<double> appMs;
    for (int i = 0; i < submits; ++i) {
        qint64 ns = 0;
        QString error;
        if (td::e2e::answerResponse(*app, QString::fromLatin1(kCampaignId),
                                    static_cast<unsigned>(i), &error, &ns)
                .isEmpty()) {
            std::fprintf(stderr, "submit failed: %s\n", qPrintable(error));
            return false;
        }
        appMs.push_back(static_cast<double>(ns) / 1e6);
    }
    auto stored = app->services().store->deviceStore().recordsOfKind("response");
    if (!stored || stored->size() != static_cast<std::size_t>(submits)) {
        std::fprintf(stderr, "the device store does not hold the submitted responses\n");
        return false;
    }
    std::vector<Row> rows;
    std::size_t bytes = 0;
    for (const auto& r : *stored) {
        rows.push_back({r.id, r.body});
        bytes += r.body.size();
    }
    const auto bareMs =
        directInsert(dir.filePath(QStringLiteral("bare.db")).toStdString(), rows, 1);
    const double app50 = median(appMs);
    const double bare50 = median(bareMs);
    std::printf("(a) local submit, %d responses, %.0f bytes each on average\n", submits,
                static_cast<double>(bytes) / static_cast<double>(rows.size()));
    std::printf("    app core SurveyController::submit (validate, encode, record + outbox, "
                "FULL): median %.2f ms, mean %.2f ms\n",
                app50, std::accumulate(appMs.begin(), appMs.end(), 0.0) / double(appMs.size()));
    std::printf("    bare SQLite insert+commit of the same body (WAL, FULL): median %.2f ms, "
                "mean %.2f ms\n",
                bare50, std::accumulate(bareMs.begin(), bareMs.end(), 0.0) / double(bareMs.size()));
    std::printf("    ratio app/bare (median): %.2f\n", app50 / bare50);
    return true;
}

// (b) Sync of `count` pending responses to the real server vs a direct insert of the rows.
// With `before`, the client as it was before batches were sized to the link: plain JSON,
// batches of 200, no pipelining.
bool benchSync(const QTemporaryDir& dir, std::size_t count, bool before) {
    td::e2e::E2eServer server;
    const QString path =
        dir.filePath(before ? QStringLiteral("before.sqlite") : QStringLiteral("sync.sqlite"));
    {
        auto app = td::e2e::openApp(path);
        const QString code = QString::fromStdString(server.createEnrolmentCode("officer"));
        const QString error =
            td::e2e::enrolAndWait(*app, QString::fromStdString(server.url()), code);
        if (!error.isEmpty() || td::e2e::syncAndWait(*app) != QLatin1String("ok")) {
            std::fprintf(stderr, "enrolment or first sync failed: %s\n", qPrintable(error));
            return false;
        }
    }
    // The pending responses, written to the outbox without fsync to save set-up time.
    std::vector<Row> rows;
    {
        td::store::DeviceStoreOptions options;
        options.synchronous = td::store::Synchronous::Off;
        auto store = td::store::DeviceStore::open(path.toStdString(), options);
        if (!store) {
            std::fprintf(stderr, "%s\n", store.error().describe().c_str());
            return false;
        }
        td::Hlc hlc("0123456789ab");
        for (std::size_t i = 0; i < count; ++i) {
            const std::string id = td::test::newRecordId();
            auto response = td::test::makeResponse(td::test::vindelnSurvey(), kCampaignId, id,
                                                   static_cast<unsigned>(i));
            td::store::LocalRecord record{"response", id, 1, hlc.now().toString(),
                                          td::model::toJsonText(response)};
            if (auto s = store->submit(record); !s) {
                std::fprintf(stderr, "%s\n", s.error().describe().c_str());
                return false;
            }
            rows.push_back({id, record.body});
        }
    }
    auto app = td::e2e::openApp(path);
    if (before) {
        td::sync::ClientLimits limits;
        limits.maxBatchRecords = 200;
        limits.sizing.targetRequestTime = std::chrono::milliseconds(0);
        limits.pipeline = false;
        app->services().sync->setClientLimits(limits);
        app->http()->setCompressRequests(false);
    }
    if (app->services().store->pendingCount() != static_cast<int>(count)) {
        std::fprintf(stderr, "expected %zu pending\n", count);
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    const QString outcome = td::e2e::syncAndWait(*app, 600000);
    const double syncS = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    const auto onServer = server.responseIds();
    if (outcome != QLatin1String("ok") || app->services().store->pendingCount() != 0 ||
        onServer.size() != count) {
        std::fprintf(stderr, "sync failed: %s, %zu on the server\n", qPrintable(outcome),
                     onServer.size());
        return false;
    }
    const auto batchMs =
        directInsert(dir.filePath(QStringLiteral("direct.db")).toStdString(), rows, 200);
    const double directS = std::accumulate(batchMs.begin(), batchMs.end(), 0.0) / 1000.0;
    const double syncRate = static_cast<double>(count) / syncS;
    const double directRate = static_cast<double>(count) / directS;
    std::printf("(b) sync of %zu pending responses to the local server (%s, durable "
                "acknowledgements): %.2f s, %.0f responses/s\n",
                count,
                before ? "before: plain JSON, batches of 200, one at a time"
                       : "gzip, batches sized to the link, pipelined",
                syncS, syncRate);
    std::printf("    direct SQLite insert of the same rows (WAL, FULL, one transaction per 200): "
                "%.2f s, %.0f responses/s\n",
                directS, directRate);
    std::printf("    ratio sync/direct: %.3f\n", syncRate / directRate);
    return true;
}

} // namespace

int main(int argc, char** argv) {
    int submits = 200;
    std::size_t responses = 10'000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--submits"))
            submits = std::stoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--responses"))
            responses = std::stoul(argv[i + 1]);
    }
    td::e2e::ensureQtApp();
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    const bool ok = benchSubmit(dir, submits) && benchSync(dir, responses, true) &&
                    benchSync(dir, responses, false);
    return ok ? 0 : 1;
}
