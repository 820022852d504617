// Twenty kill runs: a device process over the real app core answers new responses and syncs;
// the test kills it with SIGKILL at a random moment during the sync (seeded, printed) and
// restarts it until it reports a clean sync. Afterwards the server holds exactly the device's
// responses: none lost, none twice.
//
// The moment is drawn from the sync's measured length. That length is the median of every
// sync seen to its end so far (the calibration and each run that finished before its kill),
// so a slow first sync on a loaded machine does not leave most later kills landing after the
// end.

#include "app_driver.hpp"
#include "e2e_server.hpp"
#include "td/store/device_store.hpp"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <vector>

using namespace td::e2e;

namespace {

constexpr int kRuns = 20;
constexpr int kPerRun = 4;
constexpr int kBatch = 2; // small push batches: several requests per sync to land in

struct DeviceRun {
    QProcess process;

    void start(const QStringList& args) {
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(QStringLiteral(TD_E2E_DEVICE_BINARY), args);
        REQUIRE(process.waitForStarted(10000));
    }
    // Reads stdout lines until one starts with `prefix`; false when the process ended (or
    // `timeoutMs` passed) first. Lines already received are always looked at.
    bool waitForLine(const QString& prefix, QString* line = nullptr, int timeoutMs = 60000) {
        QElapsedTimer timer;
        timer.start();
        while (true) {
            while (process.canReadLine()) {
                const QString text = QString::fromUtf8(process.readLine()).trimmed();
                if (text.startsWith(prefix)) {
                    if (line)
                        *line = text;
                    return true;
                }
            }
            const qint64 left = timeoutMs - timer.elapsed();
            if (process.state() == QProcess::NotRunning || left <= 0)
                return false;
            process.waitForReadyRead(static_cast<int>(std::min<qint64>(left, 100)));
        }
    }
    // Waits for the end; true when it exited by itself with status 0.
    bool finishedCleanly(int timeoutMs = 120000) {
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            return false;
        }
        return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }
};

unsigned seedFromEnvironment() {
    if (const char* env = std::getenv("TD_E2E_SEED"); env && *env)
        return static_cast<unsigned>(std::strtoul(env, nullptr, 10));
    return std::random_device{}();
}

} // namespace

TEST_CASE("20 runs killed with SIGKILL during sync: the server ends with exactly the device's "
          "responses",
          "[e2e]") {
    ensureQtApp();
    E2eServer server;
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString dataDir = dir.filePath(QStringLiteral("device"));
    const QString campaign = QString::fromLatin1(td::test::kCampaignId);
    const unsigned seed = seedFromEnvironment();
    std::printf("kill runs: seed %u (set TD_E2E_SEED to repeat)\n", seed);
    std::fflush(stdout);
    std::mt19937 rng(seed);

    // Calibration: enrol, answer, and one clean sync, timed from its start to its end.
    qint64 syncMs = 0;
    {
        DeviceRun run;
        run.start({QStringLiteral("--data-dir"), dataDir, QStringLiteral("--enrol"),
                   QString::fromStdString(server.url()),
                   QString::fromStdString(server.createEnrolmentCode("officer")),
                   QStringLiteral("--answer"), QString::number(kPerRun),
                   QStringLiteral("--campaign"), campaign, QStringLiteral("--seed"),
                   QStringLiteral("1"), QStringLiteral("--batch"), QString::number(kBatch),
                   QStringLiteral("--sync")});
        REQUIRE(run.waitForLine(QStringLiteral("sync-start")));
        QElapsedTimer timer;
        timer.start();
        REQUIRE(run.waitForLine(QStringLiteral("sync-end ok pending=0")));
        syncMs = std::max<qint64>(timer.elapsed(), 20);
        REQUIRE(run.finishedCleanly());
    }
    std::printf("kill runs: a clean sync of %d responses takes about %lld ms\n", kPerRun,
                static_cast<long long>(syncMs));

    std::vector<qint64> syncLengths{syncMs};
    const auto typicalSync = [&syncLengths] {
        std::vector<qint64> sorted = syncLengths;
        std::sort(sorted.begin(), sorted.end());
        return std::max<qint64>(sorted[sorted.size() / 2], 10);
    };

    int killedMidSync = 0;
    int restarts = 0;
    for (int r = 0; r < kRuns; ++r) {
        std::uniform_int_distribution<int> delay(0, static_cast<int>(typicalSync()));
        const int delayMs = delay(rng);
        const std::size_t sizeBefore = syncLengths.size();
        DeviceRun run;
        run.start({QStringLiteral("--data-dir"), dataDir, QStringLiteral("--answer"),
                   QString::number(kPerRun), QStringLiteral("--campaign"), campaign,
                   QStringLiteral("--seed"), QString::number(1000 * (r + 1)),
                   QStringLiteral("--batch"), QString::number(kBatch), QStringLiteral("--sync")});
        REQUIRE(run.waitForLine(QStringLiteral("sync-start")));
        QElapsedTimer sinceStart;
        sinceStart.start();
        // Waits out the delay, noting when the sync ended first: its length is one more sample.
        if (run.waitForLine(QStringLiteral("sync-end"), nullptr, delayMs))
            syncLengths.push_back(sinceStart.elapsed());
        run.process.kill();
        run.process.waitForFinished(10000);
        const bool killed = run.process.exitStatus() == QProcess::CrashExit;
        // Killed before it could report the end of its sync: the kill landed inside the sync.
        const bool midSync = killed && syncLengths.size() == sizeBefore &&
                             !run.waitForLine(QStringLiteral("sync-end"), nullptr, 0);
        killedMidSync += midSync ? 1 : 0;
        std::printf("run %2d: kill after %3d ms: %s\n", r + 1, delayMs,
                    midSync  ? "killed during sync"
                    : killed ? "killed after its sync had ended"
                             : "the process had already exited");

        // Restart until a clean sync.
        bool clean = !killed && run.process.exitCode() == 0;
        for (int attempt = 0; !clean && attempt < 5; ++attempt) {
            DeviceRun again;
            again.start({QStringLiteral("--data-dir"), dataDir, QStringLiteral("--batch"),
                         QString::number(kBatch), QStringLiteral("--sync")});
            clean = again.finishedCleanly();
            ++restarts;
        }
        INFO("run " << r + 1);
        REQUIRE(clean);
    }
    std::printf("kill runs: %d of %d killed during sync, %d restarts; typical sync %lld ms\n",
                killedMidSync, kRuns, restarts, static_cast<long long>(typicalSync()));
    // Most kills must land inside a sync, or the runs prove little.
    CHECK(killedMidSync >= kRuns / 2);

    // The device's own database is the truth of what was answered.
    auto device = td::store::DeviceStore::open(
        dir.filePath(QStringLiteral("device/device.sqlite")).toStdString());
    REQUIRE(device);
    auto responses = device->recordsOfKind("response");
    REQUIRE(responses);
    std::set<std::string> answered;
    for (const auto& row : *responses)
        answered.insert(row.id);
    CHECK(answered.size() == static_cast<std::size_t>(kPerRun * (kRuns + 1)));
    CHECK(*device->pendingCount() == 0);
    CHECK(device->rejected()->empty());

    const auto onServer = server.responseIds();
    std::set<std::string> stored;
    for (const auto& [id, times] : onServer) {
        INFO(id);
        CHECK(times == 1);
        stored.insert(id);
    }
    CHECK(stored == answered);
}
