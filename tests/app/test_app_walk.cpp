// Safety walks in the app core over a real device database: the reference NMEA track replayed
// through Qt's NMEA source into a running walk, observations at the five stops, the stored
// SafetyWalk and Observation records with their outbox entries, resuming after a restart, an
// interrupted end, the sketch projection, and the walk and measure models under
// QAbstractItemModelTester.

#include "appcore/clock.h"
#include "appcore/contentrepository.h"
#include "appcore/localstore.h"
#include "appcore/measuremodel.h"
#include "appcore/nmeareplay.h"
#include "appcore/placeregistrymodel.h"
#include "appcore/walkcontroller.h"
#include "appcore/walkjournal.h"
#include "appcore/walkservices.h"
#include "appcore/walksketch.h"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"
#include "td/store/device_store.hpp"
#include "td/walk/geo.hpp"
#include "td/walk/track_thinning.hpp"
#include "testfixture.h"
#include "walktestsupport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QGuiApplication>
#include <QNmeaPositionInfoSource>
#include <QTemporaryDir>
#include <QTest>
#include <boost/json/parse.hpp>

using namespace td::app;

namespace {

struct Stop {
    QString name;
    double lat = 0;
    double lon = 0;
};

struct Reference {
    std::vector<Stop> stops;
    double routeLengthM = 0;
};

Reference readReference() {
    QFile file(QStringLiteral(TD_REFERENCE_DATA_DIR "/vindeln.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read vindeln.json");
    }
    const auto doc = boost::json::parse(file.readAll().toStdString());
    const auto& track = doc.at("walk_track").as_object();
    Reference r;
    r.routeLengthM = track.at("route_length_m").to_number<double>();
    for (const auto& s : track.at("stops").as_array()) {
        const auto& o = s.as_object();
        r.stops.push_back({QString::fromStdString(std::string(o.at("name").as_string())),
                           o.at("lat").to_number<double>(), o.at("lon").to_number<double>()});
    }
    return r;
}

std::vector<td::store::RecordRow> records(AppContext& ctx, std::string_view kind) {
    auto rows = ctx.services().store->deviceStore().recordsOfKind(kind);
    return rows ? rows.value() : std::vector<td::store::RecordRow>{};
}

std::vector<td::store::Draft> drafts(AppContext& ctx) {
    auto all = ctx.services().store->deviceStore().drafts();
    return all ? all.value() : std::vector<td::store::Draft>{};
}

td::model::WalkChecklist bundledChecklist() {
    QFile file(QStringLiteral(":/walk/walk_checklist.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("the checklist is not bundled");
    }
    auto checklist =
        td::model::fromJsonText<td::model::WalkChecklist>(file.readAll().toStdString());
    if (!checklist) {
        qFatal("%s", checklist.error().describe().c_str());
    }
    return checklist.value();
}

} // namespace

class TestAppWalk : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void walkFromStartToStoredRecords();
    void startRejectsInvalidDetails();
    void observationNeedsFeelingAndPosition();
    void walkResumesAfterRestart();
    void interruptedEndIsCompletedOnNextStart();
    void discardRemovesEverything();
    void sketchIsNorthUpWithGapsAndScale();
    void checklistModelUnderTester();
    void measureModelUnderTester();
    void localityIds();
    void nmeaFileSourceReachesWalks();
    void retiredPlacesAreNotOffered();
};

void TestAppWalk::walkFromStartToStoredRecords() {
    QTemporaryDir dir;
    auto ctx = test::makeContext(dir.filePath(QStringLiteral("device.sqlite")));
    WalkServices* services = WalkServices::of(ctx->services());
    WalkController* walk = services->walk();
    test::WalkReplayDriver driver(test::referenceTrackPath(), ctx->services().clock);
    services->setPositionSource(driver.source());
    const Reference ref = readReference();
    const int pendingBefore = ctx->services().store->pendingCount();

    QVERIFY2(walk->start(QStringLiteral("Vindeln centrum"), QStringLiteral("vindeln"),
                         QStringLiteral("2025-09-18"), 6, 2, 2, 1, 0),
             qPrintable(walk->lastError()));
    QVERIFY(walk->active());
    QVERIFY(walk->recording());
    // Nothing is stored as a record before the walk ends.
    QCOMPARE(ctx->services().store->pendingCount(), pendingBefore);

    for (std::size_t i = 0; i < ref.stops.size(); ++i) {
        QVERIFY2(driver.feedUntilStop(), "the track ended before all stops");
        QVERIFY(walk->hasRecentFix());
        QVERIFY(walk->beginObservation());
        WalkObservationForm* form = walk->observation();
        QCOMPARE(form->stopNumber(), int(i) + 1);
        QVERIFY(form->hasPosition());
        const double error = td::walk::haversineM(form->latitude(), form->longitude(),
                                                  ref.stops[i].lat, ref.stops[i].lon);
        QVERIFY2(
            error <= 15.0,
            qPrintable(QStringLiteral("%1: %2 m from the stop").arg(ref.stops[i].name).arg(error)));
        QVERIFY(form->accuracy() >= 1.0 && form->accuracy() <= 15.0);
        QVERIFY(form->checklist()->setRating(0, int(i) % 4));
        QVERIFY(form->checklist()->setRating(1, WalkChecklistModel::NotApplicable));
        form->setOverallFeeling(int(i) % 5 + 1);
        form->setNote(QStringLiteral("Stopp vid %1").arg(ref.stops[i].name));
        form->setProposedMeasure(QStringLiteral("Bättre belysning"));
        form->setResponsibleParty(QStringLiteral("kommun"));
        QVERIFY2(walk->saveObservation(), qPrintable(walk->lastError()));
        QCOMPARE(walk->stopCount(), int(i) + 1);
    }
    driver.feedToEnd();
    QVERIFY(driver.finished());
    QCOMPARE(walk->gapCount(), 2);          // the poor-accuracy stretch and the fix loss
    QCOMPARE(walk->droppedCount(), 60);     // exactly the HDOP 4.5 fixes
    const double length = walk->distance(); // within 5 % of the true route
    QVERIFY2(std::abs(length - ref.routeLengthM) <= 0.05 * ref.routeLengthM,
             qPrintable(QString::number(length)));
    QVERIFY(walk->duration() > 20 * 60);
    const int fixCount = walk->fixCount();

    QVERIFY2(walk->end(), qPrintable(walk->lastError()));
    QVERIFY(!walk->active());
    QVERIFY(!walk->recording());

    // The SafetyWalk and the five Observations are stored, each with a pending outbox entry.
    const auto walks = records(*ctx, "safety_walk");
    QCOMPARE(walks.size(), std::size_t(1));
    auto stored = td::model::fromJsonText<td::model::SafetyWalk>(walks[0].body);
    QVERIFY(stored.ok());
    QVERIFY(td::model::validateSafetyWalk(*stored).empty());
    QCOMPARE(stored->areaName, std::string("Vindeln centrum"));
    QCOMPARE(stored->locality, std::string("vindeln"));
    QVERIFY(stored->participants == (td::model::Participants{6, 2, 2, 1, 0}));
    // The track is stored thinned: its ends and both gaps kept (each marked by a repeated
    // point), far fewer points than fixes.
    QVERIFY2(stored->track.size() < std::size_t(fixCount) / 2,
             qPrintable(QString::number(stored->track.size())));
    QCOMPARE(stored->track.front().t, std::string("2025-09-18T18:30:00.000Z"));
    const auto gaps = td::walk::storedGaps(stored->track);
    QCOMPARE(gaps.size(), std::size_t(2));
    QCOMPARE(stored->track[gaps[0]].t, std::string("2025-09-18T18:38:39.000Z"));
    QCOMPARE(stored->track[gaps[0] + 2].t, std::string("2025-09-18T18:39:40.000Z"));
    QVERIFY(stored->endedAt.has_value());
    QVERIFY(*stored->endedAt >= stored->startedAt);

    const auto observations = records(*ctx, "observation");
    QCOMPARE(observations.size(), ref.stops.size());
    const td::model::WalkChecklist checklist = bundledChecklist();
    std::vector<td::model::Observation> decoded;
    for (const auto& row : observations) {
        auto o = td::model::fromJsonText<td::model::Observation>(row.body);
        QVERIFY(o.ok());
        QVERIFY(td::model::validateObservation(*o, checklist).empty());
        QCOMPARE(o->walkId, stored->id);
        QVERIFY(o->responsibleParty == std::optional(td::model::ResponsibleParty::Kommun));
        QVERIFY(!o->ratings.at(checklist.items[1].id).has_value()); // not applicable
        decoded.push_back(std::move(o.value()));
    }
    std::sort(decoded.begin(), decoded.end(),
              [](auto& a, auto& b) { return a.recordedAt < b.recordedAt; });
    for (std::size_t i = 0; i < decoded.size(); ++i) {
        QCOMPARE(
            decoded[i].note,
            std::optional(QStringLiteral("Stopp vid %1").arg(ref.stops[i].name).toStdString()));
        QVERIFY(td::walk::haversineM(decoded[i].position.lat, decoded[i].position.lon,
                                     ref.stops[i].lat, ref.stops[i].lon) <= 15.0);
    }

    auto pending = ctx->services().store->deviceStore().pending(100, 10 * 1024 * 1024);
    QVERIFY(pending.ok());
    QCOMPARE(int(pending->size()), pendingBefore + 6);
    // The walk is pushed before its observations.
    QCOMPARE(pending->at(std::size_t(pendingBefore)).record.kind, std::string("safety_walk"));
    for (std::size_t i = std::size_t(pendingBefore) + 1; i < pending->size(); ++i) {
        QCOMPARE(pending->at(i).record.kind, std::string("observation"));
    }
    // The walk's body fits one sync record (256 KiB).
    QVERIFY(walks[0].body.size() < 256 * 1024);
    // No draft of the walk is left.
    QVERIFY(drafts(*ctx).empty());
}

void TestAppWalk::startRejectsInvalidDetails() {
    QTemporaryDir dir;
    auto ctx = test::makeContext(dir.filePath(QStringLiteral("device.sqlite")));
    WalkController* walk = WalkServices::of(ctx->services())->walk();
    QVERIFY(!walk->start(QString(), QStringLiteral("vindeln"), {}, 3, 1, 0, 0, 0));
    QCOMPARE(walk->lastError(), QStringLiteral("Ange vilket område ni går i."));
    QVERIFY(!walk->start(QStringLiteral("Centrum"), QString(), {}, 3, 1, 0, 0, 0));
    QCOMPARE(walk->lastError(), QStringLiteral("Välj ort."));
    QVERIFY(!walk->start(QStringLiteral("Centrum"), QStringLiteral("vindeln"),
                         QStringLiteral("2025-02-30"), 3, 1, 0, 0, 0));
    QCOMPARE(walk->lastError(), QStringLiteral("Ange datum som ÅÅÅÅ-MM-DD."));
    QVERIFY(!walk->start(QStringLiteral("Centrum"), QStringLiteral("vindeln"), {}, 0, 0, 0, 0, 0));
    QCOMPARE(walk->lastError(), QStringLiteral("Ange hur många som deltar."));
    QVERIFY(!walk->active());
    QVERIFY(drafts(*ctx).empty());

    QVERIFY(walk->start(QStringLiteral("Centrum"), QStringLiteral("vindeln"), {}, 3, 1, 0, 0, 0));
    QVERIFY(walk->lastError().isEmpty());
    QCOMPARE(walk->date(), ctx->services().clock->now().toLocalTime().date().toString(Qt::ISODate));
    QVERIFY(!walk->start(QStringLiteral("Centrum"), QStringLiteral("vindeln"), {}, 3, 1, 0, 0, 0));
    QCOMPARE(walk->lastError(), QStringLiteral("En trygghetsvandring pågår redan."));
}

void TestAppWalk::observationNeedsFeelingAndPosition() {
    QTemporaryDir dir;
    auto ctx = test::makeContext(dir.filePath(QStringLiteral("device.sqlite")));
    WalkController* walk = WalkServices::of(ctx->services())->walk();
    QVERIFY(!walk->beginObservation()); // no walk yet
    QVERIFY(walk->start(QStringLiteral("Centrum"), QStringLiteral("vindeln"), {}, 3, 1, 0, 0, 0));

    // No position source and no fix: the form has no position until a registry place is used.
    QVERIFY(walk->beginObservation());
    QVERIFY(!walk->observation()->hasPosition());
    walk->observation()->setOverallFeeling(2);
    QVERIFY(!walk->saveObservation());
    QCOMPARE(walk->lastError(),
             QStringLiteral("Ingen aktuell GPS-position. Välj platsen i platsregistret."));
    QVERIFY(!walk->useRegistryPlace(QStringLiteral("no_such_place")));
    QVERIFY(walk->useRegistryPlace(QStringLiteral("vindeln_gc_tunneln")));
    QVERIFY(walk->observation()->hasPosition());
    QCOMPARE(walk->observation()->placeId(), QStringLiteral("vindeln_gc_tunneln"));

    walk->observation()->setOverallFeeling(0);
    QVERIFY(!walk->saveObservation());
    QCOMPARE(walk->lastError(), QStringLiteral("Välj hur trygg platsen känns."));
    walk->observation()->setOverallFeeling(1);
    walk->observation()->setNote(QString(501, QLatin1Char('x'))); // the validator's limit is 500
    QVERIFY(!walk->saveObservation());
    QVERIFY(!walk->lastError().isEmpty());
    QCOMPARE(walk->stopCount(), 0);
    walk->observation()->setNote(QStringLiteral("Trasig lampa"));
    QVERIFY2(walk->saveObservation(), qPrintable(walk->lastError()));
    QCOMPARE(walk->stopCount(), 1);
    QCOMPARE(walk->stops().value(0).toMap().value("note").toString(),
             QStringLiteral("Trasig lampa"));
}

void TestAppWalk::walkResumesAfterRestart() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.sqlite"));
    int fixesBefore = 0;
    int fedBefore = 0;
    double distanceBefore = 0;
    QString walkId;
    {
        auto ctx = test::makeContext(path);
        WalkServices* services = WalkServices::of(ctx->services());
        WalkController* walk = services->walk();
        test::WalkReplayDriver driver(test::referenceTrackPath(), ctx->services().clock);
        services->setPositionSource(driver.source());
        QVERIFY(walk->start(QStringLiteral("Vindeln centrum"), QStringLiteral("vindeln"),
                            QStringLiteral("2025-09-18"), 6, 2, 2, 1, 0));
        QVERIFY(driver.feedUntilStop());
        QVERIFY(walk->beginObservation());
        walk->observation()->setOverallFeeling(3);
        QVERIFY(walk->saveObservation());
        driver.feed(600); // through the poor-accuracy stretch
        fixesBefore = walk->fixCount();
        distanceBefore = walk->distance();
        walkId = walk->walkId();
        fedBefore = driver.fed();
        QVERIFY(fixesBefore > 500);
        QCOMPARE(walk->droppedCount(), 60);
        // The app is killed here: nothing is ended or flushed.
    }
    auto ctx = test::makeContext(path);
    WalkServices* services = WalkServices::of(ctx->services());
    WalkController* walk = services->walk();
    QVERIFY2(walk->active(), qPrintable(walk->lastError()));
    QCOMPARE(walk->walkId(), walkId);
    QCOMPARE(walk->areaName(), QStringLiteral("Vindeln centrum"));
    QCOMPARE(walk->participants().value("residents").toInt(), 6);
    QCOMPARE(walk->fixCount(), fixesBefore);
    QCOMPARE(walk->distance(), distanceBefore);
    QCOMPARE(walk->droppedCount(), 60);
    QCOMPARE(walk->stopCount(), 1);

    // Recording resumes from the new process's source.
    test::WalkReplayDriver driver(test::referenceTrackPath(), ctx->services().clock);
    services->setPositionSource(driver.source());
    QVERIFY(walk->recording());
    // The same receiver log from the start: fixes not later than the track's last are dropped
    // (Qt held back the last epoch fed before the restart, so that one is new).
    driver.feed(fedBefore - 1);
    QCOMPARE(walk->fixCount(), fixesBefore);
    driver.feedToEnd();
    const int fixesAfter = walk->fixCount();
    QVERIFY(fixesAfter > fixesBefore + 500);
    QVERIFY(walk->end());
    const auto walks = records(*ctx, "safety_walk");
    QCOMPARE(walks.size(), std::size_t(1));
    auto stored = td::model::fromJsonText<td::model::SafetyWalk>(walks[0].body);
    QVERIFY(stored.ok());
    QCOMPARE(QString::fromStdString(stored->id), walkId);
    QVERIFY(stored->track.size() < std::size_t(fixesAfter) / 2);
    // The restarted source continues the same log, so the restart leaves no gap of its own.
    QCOMPARE(td::walk::storedGaps(stored->track).size(), std::size_t(2));
    QCOMPARE(records(*ctx, "observation").size(), std::size_t(1));
    QVERIFY(drafts(*ctx).empty());
}

void TestAppWalk::interruptedEndIsCompletedOnNextStart() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("device.sqlite"));
    std::string walkId;
    {
        auto ctx = test::makeContext(path);
        WalkController* walk = WalkServices::of(ctx->services())->walk();
        QVERIFY(
            walk->start(QStringLiteral("Centrum"), QStringLiteral("vindeln"), {}, 2, 1, 0, 0, 0));
        for (int i = 0; i < 2; ++i) {
            QVERIFY(walk->beginObservation());
            QVERIFY(walk->useRegistryPlace(QStringLiteral("vindeln_stationen")));
            walk->observation()->setOverallFeeling(4);
            QVERIFY(walk->saveObservation());
        }
        walkId = walk->walkId().toStdString();
        // end() is cut short after its first step: the walk record (which removes the walk's
        // state draft in the same transaction) is written, the observations are not.
        td::model::SafetyWalk ended;
        ended.id = walkId;
        ended.areaName = "Centrum";
        ended.locality = "vindeln";
        ended.date = walk->date().toStdString();
        ended.startedAt = "2025-09-18T18:30:00Z";
        ended.endedAt = "2025-09-18T19:00:00Z";
        ended.participants.residents = 2;
        QVERIFY(ctx->services()
                    .store
                    ->submitRecord("safety_walk", walkId, td::model::toJsonText(ended),
                                   "walk_state:" + walkId)
                    .ok());
        QCOMPARE(records(*ctx, "observation").size(), std::size_t(0));
    }
    auto ctx = test::makeContext(path);
    WalkController* walk = WalkServices::of(ctx->services())->walk();
    QVERIFY(!walk->active());
    QCOMPARE(records(*ctx, "observation").size(), std::size_t(2));
    for (const auto& row : records(*ctx, "observation")) {
        QVERIFY(row.body.find(walkId) != std::string::npos);
    }
    QVERIFY(drafts(*ctx).empty());
}

void TestAppWalk::discardRemovesEverything() {
    QTemporaryDir dir;
    auto ctx = test::makeContext(dir.filePath(QStringLiteral("device.sqlite")));
    WalkServices* services = WalkServices::of(ctx->services());
    WalkController* walk = services->walk();
    test::WalkReplayDriver driver(test::referenceTrackPath(), ctx->services().clock);
    services->setPositionSource(driver.source());
    QVERIFY(walk->start(QStringLiteral("Centrum"), QStringLiteral("vindeln"), {}, 2, 1, 0, 0, 0));
    QVERIFY(driver.feedUntilStop());
    QVERIFY(walk->beginObservation());
    walk->observation()->setOverallFeeling(4);
    QVERIFY(walk->saveObservation());
    QVERIFY(!drafts(*ctx).empty());
    QVERIFY(walk->discard());
    QVERIFY(!walk->active());
    QVERIFY(drafts(*ctx).empty());
    QCOMPARE(records(*ctx, "safety_walk").size(), std::size_t(0));
    QCOMPARE(records(*ctx, "observation").size(), std::size_t(0));
}

void TestAppWalk::sketchIsNorthUpWithGapsAndScale() {
    using td::walk::Fix;
    // 200 m north-south, with a gap of 60 s between the 2nd and 3rd fix.
    const double north = 64.2 + 200.0 / 111195.0;
    const std::vector<Fix> fixes{{0, 64.2, 19.7, 5.0, {}, true},
                                 {1000, 64.2005, 19.7, 5.0, {}, true},
                                 {61000, 64.201, 19.7, 5.0, {}, true},
                                 {62000, north, 19.7, 5.0, {}, true}};
    const std::vector<td::model::Position> stops{{64.2, 19.7, 3.0}, {north, 19.7, 3.0}};
    const WalkSketch s = projectWalk(fixes, stops, 400, 300, 20, 5000);
    QCOMPARE(s.segments.size(), std::size_t(2));
    QCOMPARE(s.segments[0].size(), std::size_t(2));
    QCOMPARE(s.segments[1].size(), std::size_t(2));
    QCOMPARE(s.stops.size(), std::size_t(2));
    // North is up: the northern stop is higher (smaller y); same longitude, same x.
    QVERIFY(s.stops[1].y() < s.stops[0].y());
    QVERIFY(std::abs(s.stops[1].x() - s.stops[0].x()) < 1e-6);
    // The 200 m span fills the 260 px of height: 200 / 260 m per pixel (within 0.5 %).
    QVERIFY(std::abs(s.metresPerPixel - 200.0 / 260.0) < 0.005 * 200.0 / 260.0);
    QVERIFY(std::abs((s.stops[0].y() - s.stops[1].y()) - 260.0) < 1.5);
    // The scale bar is a round length not longer than a third of the inner width.
    QCOMPARE(s.scaleBarMetres, 50.0); // a third of 360 px is 92 m
    QVERIFY(std::abs(s.scaleBarPixels - 50.0 / s.metresPerPixel) < 1e-6);
    QCOMPARE(roundScaleLength(999), 500.0);
    QCOMPARE(roundScaleLength(1000), 1000.0);
    QCOMPARE(roundScaleLength(30), 20.0);
    QCOMPARE(roundScaleLength(0.3), 1.0);
    // A walk standing still is not magnified: the view spans at least 100 m.
    const WalkSketch still = projectWalk({fixes[0]}, {}, 400, 300, 20, 5000);
    QVERIFY(still.metresPerPixel >= 100.0 / 260.0 - 1e-9);
    QVERIFY(projectWalk({}, {}, 400, 300, 20, 5000).segments.empty());
}

void TestAppWalk::checklistModelUnderTester() {
    WalkChecklistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const td::model::WalkChecklist checklist = bundledChecklist();
    QVERIFY(checklist.items.size() >= 8);
    model.setChecklist(checklist, QStringLiteral("sv"));
    QCOMPARE(model.rowCount(), int(checklist.items.size()));
    QCOMPARE(model.index(0).data(WalkChecklistModel::LabelRole).toString(),
             QStringLiteral("Belysning"));
    QCOMPARE(model.index(0).data(WalkChecklistModel::RatingRole).toInt(),
             int(WalkChecklistModel::Unrated));
    QVERIFY(model.setRating(0, 3));
    QVERIFY(model.setRating(2, WalkChecklistModel::NotApplicable));
    QVERIFY(!model.setRating(1, 4));
    QVERIFY(!model.setRating(-1, 0));
    QVERIFY(!model.setRating(model.rowCount(), 0));
    QCOMPARE(model.ratedCount(), 2);
    const auto ratings = model.ratings();
    QCOMPARE(ratings.size(), std::size_t(2));
    QVERIFY(ratings.at("lighting") == std::optional<std::int64_t>(3));
    QVERIFY(!ratings.at(checklist.items[2].id).has_value());
    model.setLanguage(QStringLiteral("en"));
    QCOMPARE(model.index(0).data(WalkChecklistModel::LabelRole).toString(),
             QStringLiteral("Lighting"));
    QCOMPARE(model.ratingOf(QStringLiteral("lighting")), 3); // kept across the language switch
    model.clearRatings();
    QCOMPARE(model.ratedCount(), 0);
}

void TestAppWalk::measureModelUnderTester() {
    QTemporaryDir dir;
    auto ctx = test::makeContext(dir.filePath(QStringLiteral("device.sqlite")));
    MeasureModel* model = WalkServices::of(ctx->services())->measures();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 0);
    QVERIFY(test::prepareWalkScreen(*ctx, QStringLiteral("measures")));
    QCOMPARE(model->rowCount(), 3);
    // Open measures first: proposed, then in progress, the rejected one last.
    QCOMPARE(model->index(0).data(MeasureModel::StatusRole).toString(),
             QStringLiteral("Föreslagen"));
    QCOMPARE(model->index(1).data(MeasureModel::StatusKeyRole).toString(),
             QStringLiteral("in_progress"));
    QCOMPARE(model->index(1).data(MeasureModel::StatusRole).toString(), QStringLiteral("Pågår"));
    QCOMPARE(model->index(1).data(MeasureModel::PriorityRole).toString(), QStringLiteral("Hög"));
    QCOMPARE(model->index(1).data(MeasureModel::DeadlineRole).toString(),
             QStringLiteral("2025-12-01"));
    QCOMPARE(model->index(1).data(MeasureModel::ResponsiblePartyRole).toString(),
             QStringLiteral("Kommunen"));
    QCOMPARE(model->index(2).data(MeasureModel::StatusRole).toString(), QStringLiteral("Avslagen"));
    QVERIFY(!model->index(2).data(MeasureModel::RejectionReasonRole).toString().isEmpty());
    QCOMPARE(model->index(2).data(MeasureModel::ResponsiblePartyRole).toString(),
             QStringLiteral("Trafikverket"));
    QCOMPARE(model->index(0).data(MeasureModel::ConflictRole).toBool(), false);

    // A conflict flag from the store shows on that measure only.
    const std::string flagged = model->index(1).data(MeasureModel::IdRole).toString().toStdString();
    model->setConflictLookup([flagged](const std::string& id) {
        return id == flagged ? std::vector<std::string>{"status"} : std::vector<std::string>{};
    });
    QCOMPARE(model->index(1).data(MeasureModel::ConflictRole).toBool(), true);
    QCOMPARE(model->index(1).data(MeasureModel::ConflictFieldsRole).toString(),
             QStringLiteral("status"));
    QCOMPARE(model->index(0).data(MeasureModel::ConflictRole).toBool(), false);

    // A newer revision pulled from the server updates the list.
    auto row = ctx->services().store->deviceStore().record(flagged);
    QVERIFY(row.ok() && row->has_value());
    auto measure = td::model::fromJsonText<td::model::Measure>((*row)->body);
    QVERIFY(measure.ok());
    measure->status = td::model::MeasureStatus::Done;
    auto applied = ctx->services().store->deviceStore().applyPulled(
        {{"measure", flagged, 2, "000000000003-00000000-server", td::model::toJsonText(*measure),
          false}},
        "later");
    QVERIFY(applied.ok());
    ctx->services().store->notifyChanged();
    QCOMPARE(model->index(1).data(MeasureModel::StatusRole).toString(),
             QStringLiteral("Genomförd"));
}

void TestAppWalk::localityIds() {
    QCOMPARE(WalkController::localityId(QStringLiteral("Hällnäs")), QStringLiteral("hallnas"));
    QCOMPARE(WalkController::localityId(QStringLiteral(" Åmsele ")), QStringLiteral("amsele"));
    QCOMPARE(WalkController::localityId(QStringLiteral("Vindeln centrum")),
             QStringLiteral("vindeln_centrum"));
    QCOMPARE(WalkController::localityId(QStringLiteral("!!")), QString());
    QTemporaryDir dir;
    auto ctx = test::makeContext(dir.filePath(QStringLiteral("device.sqlite")));
    const QVariantList localities = WalkServices::of(ctx->services())->walk()->localities();
    QStringList names;
    for (const QVariant& l : localities) {
        names << l.toMap().value("name").toString();
    }
    QVERIFY2(names.contains(QStringLiteral("Hällnäs")), qPrintable(names.join(',')));
    QVERIFY2(names.contains(QStringLiteral("Vindeln")), qPrintable(names.join(',')));
}

// A place the server retired is pulled with retired_at (protocol 3): it is no longer offered in
// place questions or on walks, but its name is still known; reinstated, it is offered again.
void TestAppWalk::retiredPlacesAreNotOffered() {
    QTemporaryDir dir;
    auto ctx = test::makeContext(dir.filePath(QStringLiteral("device.sqlite")));
    auto& services = ctx->services();
    auto pullPlace = [&](const char* id, const char* name, std::int64_t rev,
                         std::optional<std::string> retiredAt) {
        td::model::Place p;
        p.id = id;
        p.name = name;
        p.locality = "vindeln";
        p.lat = 64.2;
        p.lon = 19.71;
        p.kind = "station";
        p.retiredAt = std::move(retiredAt);
        auto applied = services.store->deviceStore().applyPulled(
            {{"place", id, rev, "000000000003-00000000-server", td::model::toJsonText(p), false}},
            "c" + std::to_string(rev));
        QVERIFY(applied.ok());
    };
    pullPlace("vindeln_stationen", "Stationen", 1, std::nullopt);
    pullPlace("vindeln_skolan", "Skolan", 1, "2026-03-01T09:30:00Z");
    services.content->reload();

    PlaceRegistryModel* places = services.places;
    QAbstractItemModelTester tester(places, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto offeredIds = [places] {
        QStringList ids;
        for (int row = 0; row < places->rowCount(); ++row) {
            ids << places->index(row).data(PlaceRegistryModel::IdRole).toString();
        }
        return ids;
    };
    QCOMPARE(offeredIds(), QStringList{QStringLiteral("vindeln_stationen")});
    QVERIFY(!places->isOffered(QStringLiteral("vindeln_skolan")));
    QVERIFY(places->isOffered(QStringLiteral("vindeln_stationen")));
    QCOMPARE(places->nameOf(QStringLiteral("vindeln_skolan")), QStringLiteral("Skolan"));

    WalkController* walk = WalkServices::of(services)->walk();
    QVERIFY(walk->start(QStringLiteral("Centrum"), QStringLiteral("vindeln"), {}, 3, 1, 0, 0, 0));
    QVERIFY(walk->beginObservation());
    QVERIFY(!walk->useRegistryPlace(QStringLiteral("vindeln_skolan")));
    QCOMPARE(walk->lastError(), QStringLiteral("Platsen är avvecklad och kan inte väljas."));
    QVERIFY(!walk->observation()->hasPosition());
    QVERIFY(walk->useRegistryPlace(QStringLiteral("vindeln_stationen")));

    pullPlace("vindeln_skolan", "Skolan", 2, std::nullopt); // reinstated
    services.content->reload();
    QCOMPARE(offeredIds(),
             (QStringList{QStringLiteral("vindeln_skolan"), QStringLiteral("vindeln_stationen")}));
    QVERIFY(walk->useRegistryPlace(QStringLiteral("vindeln_skolan")));
}

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication app(argc, argv);
    TestAppWalk test;
    return QTest::qExec(&test, argc, argv);
}

// The wiring the binary uses for --nmea-file (main.cpp): the replayed log reaches a walk.
void TestAppWalk::nmeaFileSourceReachesWalks() {
    QTemporaryDir dir;
    auto ctx = test::makeContext(dir.filePath(QStringLiteral("device.sqlite")));
    QFile file(test::referenceTrackPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QObject owner;
    auto* replay = new NmeaReplay(file.readAll(), &owner);
    QGeoPositionInfoSource* source = replay->createSource(5.0, &owner);
    usePositionSource(*ctx, source);

    WalkController* walk = WalkServices::of(ctx->services())->walk();
    QVERIFY2(walk->start(QStringLiteral("Vindeln centrum"), QStringLiteral("vindeln"),
                         QStringLiteral("2025-09-18"), 4, 1, 1, 0, 0),
             qPrintable(walk->lastError()));
    QVERIFY(walk->recording());
    replay->start(0);
    QTRY_VERIFY_WITH_TIMEOUT(replay->fed() == replay->fixCount(), 60000);
    QTest::qWait(50);
    // Every epoch with a fix, less the 60 poor-accuracy ones.
    QCOMPARE(walk->fixCount(), 1273 - 20 - 60);
    QCOMPARE(walk->gapCount(), 2);
    QVERIFY(walk->end());
    const auto walks = records(*ctx, "safety_walk");
    QCOMPARE(walks.size(), std::size_t(1));
    auto stored = td::model::fromJsonText<td::model::SafetyWalk>(walks[0].body);
    QVERIFY(stored.ok());
    QCOMPARE(stored->track.front().t, std::string("2025-09-18T18:30:00.000Z"));
}

#include "test_app_walk.moc"
