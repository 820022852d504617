// Replays the reference NMEA track of a Vindeln safety walk through Qt's NMEA position source
// into the walk recorder, and checks its rules against the true route and stops.

#include "td/core/uuid.hpp"
#include "td/model/validator.hpp"
#include "td/walk/geo.hpp"
#include "walk/walkrecorder.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QNmeaPositionInfoSource>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr double kUereM = 5.0; // accuracy = 2 x HDOP x UERE: HDOP 0.9 -> 9 m, 4.5 -> 45 m

QDateTime utc(const char* iso) {
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The NMEA file as one chunk per epoch (its GGA line and the RMC line after it).
std::vector<QByteArray> nmeaEpochs(const QByteArray& nmea) {
    std::vector<QByteArray> epochs;
    for (const QByteArray& raw : nmea.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith("$GPGGA") || epochs.empty())
            epochs.emplace_back();
        epochs.back() += line + "\r\n";
    }
    return epochs;
}

struct Stationary {
    QDateTime from;
    QDateTime to;
};

} // namespace

TEST_CASE("replaying the Vindeln walk through Qt's NMEA source records it by the rules") {
    int argc = 1;
    char name[] = "test_walk_replay";
    char* argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);

    const std::string dataDir = TD_REFERENCE_DATA_DIR;
    const auto reference = boost::json::parse(readFile(dataDir + "/vindeln.json"));
    const auto& walkTrack = reference.at("walk_track").as_object();

    // True route length from the route's corner points.
    double routeLengthM = 0;
    const auto& route = walkTrack.at("route").as_array();
    for (std::size_t i = 1; i < route.size(); ++i) {
        const auto& a = route[i - 1].as_array();
        const auto& b = route[i].as_array();
        routeLengthM += td::walk::haversineM(a[0].to_number<double>(), a[1].to_number<double>(),
                                             b[0].to_number<double>(), b[1].to_number<double>());
    }
    REQUIRE(routeLengthM == Approx(walkTrack.at("route_length_m").to_number<double>()).margin(1));

    QFile file(QString::fromStdString(dataDir + "/walk-vindeln-centrum.nmea"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    const std::vector<QByteArray> epochs = nmeaEpochs(file.readAll());
    REQUIRE(epochs.size() == 1273);

    QBuffer buffer;
    buffer.open(QIODevice::ReadOnly);
    QNmeaPositionInfoSource source(QNmeaPositionInfoSource::RealTimeMode);
    source.setUserEquivalentRangeError(kUereM);
    source.setDevice(&buffer);

    td::app::WalkRecorder recorder(&source);
    std::vector<QDateTime> dropped;
    QObject::connect(&recorder, &td::app::WalkRecorder::fixDropped,
                     [&](const QDateTime& t, td::walk::FixVerdict) { dropped.push_back(t); });

    // Stops, derived from the track: runs of at least 50 s of zero ground speed.
    std::vector<Stationary> stops;
    std::optional<Stationary> run;
    int updates = 0;
    QObject::connect(&source, &QGeoPositionInfoSource::positionUpdated,
                     [&](const QGeoPositionInfo& info) {
                         ++updates;
                         const bool still = info.hasAttribute(QGeoPositionInfo::GroundSpeed) &&
                                            info.attribute(QGeoPositionInfo::GroundSpeed) == 0.0;
                         if (still && !run)
                             run = Stationary{info.timestamp(), info.timestamp()};
                         else if (still)
                             run->to = info.timestamp();
                         if (!still && run) {
                             if (run->from.secsTo(run->to) >= 50)
                                 stops.push_back(*run);
                             run.reset();
                         }
                     });

    recorder.start();
    REQUIRE(recorder.isRecording());
    for (const QByteArray& epoch : epochs) {
        buffer.buffer().append(epoch);
        Q_EMIT buffer.readyRead();
        QCoreApplication::processEvents();
    }
    recorder.stop();

    // Qt emits no update for the 20 epochs without a fix and holds back the last epoch until
    // a later sentence would complete it.
    CHECK(updates == 1273 - 20 - 1);

    SECTION("the poor-accuracy stretch is dropped, and nothing else") {
        CHECK(recorder.droppedCount() == 60);
        CHECK(recorder.track().droppedCount(td::walk::FixVerdict::PoorAccuracy) == 60);
        REQUIRE(dropped.size() == 60);
        CHECK(dropped.front() == utc("2025-09-18T18:38:40Z")); // fix 520
        CHECK(dropped.back() == utc("2025-09-18T18:39:39Z"));  // fix 579
        CHECK(recorder.fixCount() == updates - 60);
    }

    SECTION("both stretches leave a gap, bounded by the fixes around them") {
        REQUIRE(recorder.gapCount() == 2);
        const auto& gaps = recorder.track().gaps();
        CHECK(gaps[0].fromMs == utc("2025-09-18T18:38:39Z").toMSecsSinceEpoch());
        CHECK(gaps[0].toMs == utc("2025-09-18T18:39:40Z").toMSecsSinceEpoch());
        CHECK(gaps[1].fromMs == utc("2025-09-18T18:41:39Z").toMSecsSinceEpoch()); // fix 699
        CHECK(gaps[1].toMs == utc("2025-09-18T18:42:00Z").toMSecsSinceEpoch());   // fix 720
        // About 61 s and 21 s of walking at 1.29 m/s, counted as straight segments.
        CHECK(gaps[0].lengthM == Approx(61 * 1.286).epsilon(0.25));
        CHECK(gaps[1].lengthM == Approx(21 * 1.286).epsilon(0.5));
    }

    SECTION("the recorded length is within 5 % of the true route") {
        INFO("recorded " << recorder.length() << " m, route " << routeLengthM << " m");
        CHECK(std::abs(recorder.length() - routeLengthM) <= 0.05 * routeLengthM);
    }

    SECTION("the kept fixes form a valid track for the walk record") {
        td::model::SafetyWalk walk;
        walk.id = td::newUuidV7().toString();
        walk.areaName = "Vindeln centrum";
        walk.locality = "vindeln";
        walk.date = "2025-09-18";
        walk.startedAt = "2025-09-18T18:30:00Z";
        walk.participants.residents = 6;
        walk.track = recorder.track().trackPoints();
        CHECK(walk.track.size() == static_cast<std::size_t>(recorder.fixCount()));
        const td::model::Issues issues = td::model::validateSafetyWalk(walk);
        INFO((issues.empty() ? std::string() : issues.front().path + " " + issues.front().code));
        CHECK(issues.empty());
    }

    SECTION("observations at the five stops are placed within 15 m of them") {
        const auto& trueStops = walkTrack.at("stops").as_array();
        REQUIRE(stops.size() == trueStops.size());
        for (std::size_t i = 0; i < stops.size(); ++i) {
            const auto& truth = trueStops[i].as_object();
            const double lat = truth.at("lat").to_number<double>();
            const double lon = truth.at("lon").to_number<double>();
            CHECK(stops[i].from.secsTo(stops[i].to) == 59);
            for (const QDateTime& at : {stops[i].from.addSecs(30), stops[i].to}) {
                auto p = recorder.addObservation(at);
                INFO("stop " << i << " at " << at.toString(Qt::ISODate).toStdString());
                REQUIRE(p.ok());
                const double error = td::walk::haversineM(p->lat, p->lon, lat, lon);
                INFO("error " << error << " m, reported accuracy " << p->accuracyM << " m");
                CHECK(error <= 15.0);
                CHECK(p->accuracyM <= 15.0);
            }
        }
        CHECK(recorder.observations().size() == 2 * stops.size());
    }
}

TEST_CASE("Qt position updates become fixes; nothing is recorded before start()") {
    int argc = 1;
    char name[] = "test_walk_replay";
    char* argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);

    const QDateTime t = utc("2025-09-18T18:30:00Z");
    const td::walk::Fix empty = td::app::WalkRecorder::toFix(QGeoPositionInfo());
    CHECK_FALSE(empty.valid);

    QGeoPositionInfo info(QGeoCoordinate(64.2, 19.7), t);
    info.setAttribute(QGeoPositionInfo::HorizontalAccuracy, 9.0);
    info.setAttribute(QGeoPositionInfo::GroundSpeed, 1.25);
    const td::walk::Fix fix = td::app::WalkRecorder::toFix(info);
    CHECK(fix.valid);
    CHECK(fix.tMs == t.toMSecsSinceEpoch());
    CHECK(fix.lat == 64.2);
    CHECK(fix.lon == 19.7);
    CHECK(fix.accuracyM == 9.0);
    CHECK(fix.speedMps == 1.25);
    const td::walk::Fix bare =
        td::app::WalkRecorder::toFix(QGeoPositionInfo(QGeoCoordinate(64.2, 19.7), t));
    CHECK_FALSE(bare.accuracyM.has_value());
    CHECK_FALSE(bare.speedMps.has_value());

    QBuffer buffer;
    buffer.open(QIODevice::ReadOnly);
    QNmeaPositionInfoSource source(QNmeaPositionInfoSource::RealTimeMode);
    source.setDevice(&buffer);
    td::app::WalkRecorder recorder(&source);
    CHECK(recorder.addObservation().error().code == "no_recent_fix");
    int updates = 0;
    QObject::connect(&source, &QGeoPositionInfoSource::positionUpdated,
                     [&](const QGeoPositionInfo&) { ++updates; });
    source.startUpdates(); // updates flow, but the recorder was not started
    QFile file(
        QString::fromStdString(std::string(TD_REFERENCE_DATA_DIR) + "/walk-vindeln-centrum.nmea"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    const std::vector<QByteArray> epochs = nmeaEpochs(file.readAll());
    for (std::size_t i = 0; i < 3; ++i) {
        buffer.buffer().append(epochs[i]);
        Q_EMIT buffer.readyRead();
        QCoreApplication::processEvents();
    }
    CHECK(updates == 2); // the third epoch waits for a later sentence
    CHECK(recorder.fixCount() == 0);
    CHECK(recorder.droppedCount() == 0);
    CHECK_FALSE(recorder.isRecording());
}
