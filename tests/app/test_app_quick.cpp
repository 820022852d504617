// Qt Quick Tests of the real QML module over a real device database: a full survey in
// Swedish and English, and a kiosk session with three residents.

#include "appcore/appcontext.h"
#include "appcore/nmeareplay.h"
#include "appcore/positioncontroller.h"
#include "testfixture.h"

#include <QFile>
#include <QNmeaPositionInfoSource>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(TrygghetsdialogPlugin)

class Setup : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable() {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        m_context = td::app::test::makeContext(m_dir.filePath(QStringLiteral("device.sqlite")));
        QFile nmea(QStringLiteral(TD_REFERENCE_DATA_DIR "/walk-vindeln-centrum.nmea"));
        if (!nmea.open(QIODevice::ReadOnly)) {
            qFatal("cannot read the NMEA track");
        }
        m_nmea = nmea.readAll();
        m_replay = std::make_unique<td::app::NmeaReplay>(m_nmea);
        m_context->setPositionSource(m_replay->createSource(5.0, m_replay.get()));
        // The recorded track starts playing at the first "Här jag står nu" and keeps going
        // (about 25 s), so later requests get fresh fixes from the same source.
        td::app::PositionController* position = m_context->services().position;
        connect(position, &td::app::PositionController::stateChanged, this, [this, position] {
            if (position->state() == td::app::PositionController::Waiting && !m_playing) {
                m_playing = true;
                m_replay->start(20);
            }
        });
        m_context->registerWithQml();
    }
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        m_context->setEngine(engine);
    }
    void cleanupTestCase() {
        m_context.reset();
        m_replay.reset();
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<td::app::AppContext> m_context;
    QByteArray m_nmea;
    bool m_playing = false;
    std::unique_ptr<td::app::NmeaReplay> m_replay;
};

QUICK_TEST_MAIN_WITH_SETUP(test_app_quick, Setup)
#include "test_app_quick.moc"
