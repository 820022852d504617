// "Här jag står nu" from the recorded safety-walk track through Qt's NMEA plugin: a
// QNmeaPositionInfoSource fed fix by fix from a QBuffer.

#include "appcore/nmeareplay.h"
#include "appcore/positioncontroller.h"
#include "appcore/questioncontroller.h"

#include <QFile>
#include <QNmeaPositionInfoSource>
#include <QSignalSpy>
#include <QTest>

using namespace td::app;

class TestAppPosition : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QFile file(QStringLiteral(TD_REFERENCE_DATA_DIR "/walk-vindeln-centrum.nmea"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        m_nmea = file.readAll();
    }

    void wholeTrackReplaysQuickly() {
        NmeaReplay replay(m_nmea);
        QCOMPARE(replay.fixCount(), 1273);
        auto* source = replay.createSource(5.0, this);
        QSignalSpy updates(source, &QGeoPositionInfoSource::positionUpdated);
        source->startUpdates();
        QSignalSpy finished(&replay, &NmeaReplay::finished);
        replay.start(0);
        QVERIFY(finished.wait(20000));
        QCoreApplication::processEvents();
        QVERIFY2(updates.size() > 1200, qPrintable(QString::number(updates.size())));
        const auto last = updates.constLast().at(0).value<QGeoPositionInfo>();
        // Vindeln centrum, 64.20 N 19.71 E.
        QVERIFY(qAbs(last.coordinate().latitude() - 64.20) < 0.02);
        QVERIFY(qAbs(last.coordinate().longitude() - 19.71) < 0.03);
        delete source;
    }

    void hereIAmGetsPositionAndAccuracy() {
        NmeaReplay replay(m_nmea);
        auto* source = replay.createSource(5.0, this);
        PositionController position;
        position.setSource(source);
        QSignalSpy state(&position, &PositionController::stateChanged);
        position.requestFix(10000);
        QCOMPARE(position.state(), PositionController::Waiting);
        replay.start(0);
        QTRY_COMPARE_WITH_TIMEOUT(position.state(), PositionController::Fixed, 10000);
        QVERIFY(qAbs(position.latitude() - 64.2010) < 0.001);
        QVERIFY(qAbs(position.longitude() - 19.7148) < 0.001);
        // HDOP 0.9 in the log, UERE 5 m: a few metres, never unknown.
        QVERIFY2(position.accuracy() > 0 && position.accuracy() < 20,
                 qPrintable(QString::number(position.accuracy())));

        td::model::Question q;
        q.id = "q_place";
        q.type = td::model::QuestionType::Place;
        q.maxPlaces = 3;
        QuestionController controller;
        controller.setQuestion(q, std::nullopt, QStringLiteral("sv"));
        controller.addPositionPlace(position.latitude(), position.longitude(), position.accuracy());
        QCOMPARE(controller.places()->rowCount(), 1);
        const auto& entry = controller.places()->entries().front();
        QVERIFY(entry.position.has_value());
        QCOMPARE(entry.position->accuracyM, position.accuracy());
        delete source;
    }

    void noFixTimesOut() {
        NmeaReplay replay(QByteArray{}); // a source that never speaks
        auto* source = replay.createSource(5.0, this);
        PositionController position;
        position.setSource(source);
        position.requestFix(200);
        QTRY_COMPARE_WITH_TIMEOUT(position.state(), PositionController::TimedOut, 5000);
        QCOMPARE(position.accuracy(), -1.0);
        delete source;
    }

    void noSourceIsUnavailable() {
        PositionController position;
        position.requestFix(100);
        QCOMPARE(position.state(), PositionController::Unavailable);
    }

private:
    QByteArray m_nmea;
};

QTEST_GUILESS_MAIN(TestAppPosition)
#include "test_app_position.moc"
