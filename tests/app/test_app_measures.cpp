// Changing a measure's status on the device, over a real device database: the edit is stored
// with its per-field clocks and queued in the outbox, shows at once as pending, and bad changes
// are refused without writing anything.

#include "appcore/localstore.h"
#include "appcore/measuremodel.h"
#include "appcore/walkservices.h"
#include "td/model/codec.hpp"
#include "td/store/device_store.hpp"
#include "testfixture.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTest>
#include <boost/json/parse.hpp>

using namespace td::app;

namespace {

constexpr const char* kMeasureId = "0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";

/// Pulls one proposed measure into the device store.
void pullMeasure(AppContext& ctx) {
    td::model::Measure m;
    m.id = kMeasureId;
    m.title = "Byt trasig belysning vid gång- och cykeltunneln";
    m.responsibleParty = td::model::ResponsibleParty::Kommun;
    m.priority = td::model::Priority::High;
    m.status = td::model::MeasureStatus::Proposed;
    std::vector<td::store::PulledRecord> records{
        {"measure", m.id, 3, "0199a1b2c3d4-00000000-server", td::model::toJsonText(m), false}};
    QVERIFY(ctx.services().store->deviceStore().applyPulled(records, "c1").ok());
    ctx.services().store->notifyChanged();
}

td::model::Measure storedMeasure(AppContext& ctx, std::int64_t* rev = nullptr) {
    auto row = ctx.services().store->deviceStore().record(kMeasureId);
    if (!row.ok() || !row->has_value()) {
        qFatal("measure missing");
    }
    if (rev) {
        *rev = (*row)->rev;
    }
    return td::model::fromJsonText<td::model::Measure>((*row)->body).value();
}

std::string statusOf(const td::model::Measure& m) {
    return std::string(td::model::toString(m.status));
}

std::vector<td::store::PendingRecord> pendingMeasures(AppContext& ctx) {
    std::vector<td::store::PendingRecord> out;
    auto pending = ctx.services().store->deviceStore().pending(1000, 1 << 24);
    if (pending.ok()) {
        for (auto& p : *pending) {
            if (p.record.kind == "measure") {
                out.push_back(std::move(p));
            }
        }
    }
    return out;
}

} // namespace

class TestAppMeasures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void statusChangeIsStoredAndQueued();
    void rejectionNeedsReason();
    void badChangesWriteNothing();
};

void TestAppMeasures::statusChangeIsStoredAndQueued() {
    QTemporaryDir dir;
    auto ctx = test::makeContext(dir.filePath(QStringLiteral("device.sqlite")));
    MeasureModel* model = WalkServices::of(ctx->services())->measures();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    pullMeasure(*ctx);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0).data(MeasureModel::PendingRole).toBool(), false);
    QVERIFY(pendingMeasures(*ctx).empty());

    QVERIFY2(model->setStatus(QString::fromLatin1(kMeasureId), QStringLiteral("decided")),
             qPrintable(model->lastError()));
    QVERIFY(model->lastError().isEmpty());

    // Stored under the next rev, with the status field's clock based on the pulled version.
    std::int64_t rev = 0;
    QCOMPARE(statusOf(storedMeasure(*ctx, &rev)), std::string("decided"));
    QCOMPARE(rev, std::int64_t(4));
    auto state = ctx->services().store->deviceStore().editable(kMeasureId);
    QVERIFY(state.ok() && state->has_value());
    const auto clocks = boost::json::parse((*state)->clocks).as_object();
    const auto& status = clocks.at("status").as_object();
    QVERIFY(status.contains("base"));
    QVERIFY(std::string(status.at("at").as_string()) > std::string(status.at("base").as_string()));
    QVERIFY((*state)->conflictFields.empty());

    // Queued in the outbox with its clocks, and shown at once as pending.
    const auto pending = pendingMeasures(*ctx);
    QCOMPARE(pending.size(), std::size_t(1));
    QCOMPARE(pending[0].record.id, std::string(kMeasureId));
    QCOMPARE(pending[0].record.rev, std::int64_t(4));
    QCOMPARE(model->index(0).data(MeasureModel::StatusKeyRole).toString(),
             QStringLiteral("decided"));
    QCOMPARE(model->index(0).data(MeasureModel::StatusRole).toString(), QStringLiteral("Beslutad"));
    QCOMPARE(model->index(0).data(MeasureModel::PendingRole).toBool(), true);

    // A second change before the sync supersedes the queued one.
    QVERIFY(model->setStatus(QString::fromLatin1(kMeasureId), QStringLiteral("in_progress")));
    QCOMPARE(pendingMeasures(*ctx).size(), std::size_t(1));
    QCOMPARE(pendingMeasures(*ctx)[0].record.rev, std::int64_t(5));
    QCOMPARE(statusOf(storedMeasure(*ctx)), std::string("in_progress"));

    // The same status again writes nothing.
    QVERIFY(model->setStatus(QString::fromLatin1(kMeasureId), QStringLiteral("in_progress")));
    storedMeasure(*ctx, &rev);
    QCOMPARE(rev, std::int64_t(5));

    // Only one step forward at a time, or rejected; the options offered follow the same rule.
    QVERIFY(!model->setStatus(QString::fromLatin1(kMeasureId), QStringLiteral("proposed")));
    QCOMPARE(model->lastError(), QStringLiteral("Åtgärden kan inte få den statusen nu."));
    storedMeasure(*ctx, &rev);
    QCOMPARE(rev, std::int64_t(5));
    const QVariantList options = model->statusOptions(QStringLiteral("in_progress"));
    QCOMPARE(options.size(), 3);
    QCOMPARE(options[0].toMap().value("key").toString(), QStringLiteral("in_progress"));
    QCOMPARE(options[1].toMap().value("key").toString(), QStringLiteral("done"));
    QCOMPARE(options[2].toMap().value("key").toString(), QStringLiteral("rejected"));
    QCOMPARE(options[2].toMap().value("label").toString(), QStringLiteral("Avslagen"));
    QCOMPARE(model->statusOptions(QStringLiteral("rejected")).size(), 1);
}

void TestAppMeasures::rejectionNeedsReason() {
    QTemporaryDir dir;
    auto ctx = test::makeContext(dir.filePath(QStringLiteral("device.sqlite")));
    MeasureModel* model = WalkServices::of(ctx->services())->measures();
    pullMeasure(*ctx);
    const QString id = QString::fromLatin1(kMeasureId);

    QVERIFY(!model->setStatus(id, QStringLiteral("rejected"), QStringLiteral("   ")));
    QCOMPARE(model->lastError(), QStringLiteral("Ange ett skäl för att avslå åtgärden."));
    std::int64_t rev = 0;
    QCOMPARE(statusOf(storedMeasure(*ctx, &rev)), std::string("proposed"));
    QCOMPARE(rev, std::int64_t(3));
    QVERIFY(pendingMeasures(*ctx).empty());

    QVERIFY(
        model->setStatus(id, QStringLiteral("rejected"), QStringLiteral(" Vägen är statlig. ")));
    QVERIFY(model->lastError().isEmpty());
    auto m = storedMeasure(*ctx);
    QCOMPARE(statusOf(m), std::string("rejected"));
    QCOMPARE(m.rejectionReason.value_or(""), std::string("Vägen är statlig."));
    QCOMPARE(model->index(0).data(MeasureModel::RejectionReasonRole).toString(),
             QStringLiteral("Vägen är statlig."));

    // A rejected measure stays rejected; its reason can still be corrected.
    QVERIFY(!model->setStatus(id, QStringLiteral("decided")));
    QVERIFY(model->setStatus(id, QStringLiteral("rejected"), QStringLiteral("Frågan är statlig.")));
    m = storedMeasure(*ctx);
    QCOMPARE(statusOf(m), std::string("rejected"));
    QCOMPARE(m.rejectionReason.value_or(""), std::string("Frågan är statlig."));
}

void TestAppMeasures::badChangesWriteNothing() {
    QTemporaryDir dir;
    auto ctx = test::makeContext(dir.filePath(QStringLiteral("device.sqlite")));
    MeasureModel* model = WalkServices::of(ctx->services())->measures();
    pullMeasure(*ctx);
    QVERIFY(!model->setStatus(QString::fromLatin1(kMeasureId), QStringLiteral("finished")));
    QVERIFY(model->lastError().contains(QStringLiteral("finished")));
    QVERIFY(!model->setStatus(QStringLiteral("0199a1b2-c3d4-7e5f-8a6b-000000000000"),
                              QStringLiteral("done")));
    QVERIFY(!model->lastError().isEmpty());
    std::int64_t rev = 0;
    storedMeasure(*ctx, &rev);
    QCOMPARE(rev, std::int64_t(3));
    QVERIFY(pendingMeasures(*ctx).empty());
}

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    TestAppMeasures test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_app_measures.moc"
