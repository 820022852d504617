// The one composition root: chooses the configuration (database, position source, automatic
// sync), builds the services and shows the UI.

#include "appcore/appcontext.h"
#include "appcore/enrolmentcontroller.h"
#include "appcore/nmeareplay.h"
#include "appcore/selftest.h"
#include "appcore/synccontroller.h"
#include "appcore/walkservices.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QGeoPositionInfoSource>
#include <QGuiApplication>
#include <QNmeaPositionInfoSource>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(TrygghetsdialogPlugin)

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("trygghetsdialog"));
    QCoreApplication::setOrganizationName(QStringLiteral("Trygghetsdialog"));
    QQuickStyle::setStyle(QStringLiteral("Material"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption selfTest(
        QStringLiteral("self-test"),
        QStringLiteral("Load every QML file, report errors and QML warnings, and exit."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Directory of the device database."),
                                     QStringLiteral("dir"));
    const QCommandLineOption nmea(QStringLiteral("nmea-file"),
                                  QStringLiteral("Replay an NMEA log as the position source."),
                                  QStringLiteral("file"));
    parser.addOptions({selfTest, dataDir, nmea});
    parser.addPositionalArgument(
        QStringLiteral("link"),
        QStringLiteral("An enrolment link (https://HOST/enrol#code=CODE) to connect with."),
        QStringLiteral("[link]"));
    parser.process(app);

    QTextStream err(stderr);
    // The self-test leaves the device's own database alone unless told otherwise.
    QTemporaryDir selfTestDir;
    const QString dir = parser.isSet(dataDir) ? parser.value(dataDir)
                        : parser.isSet(selfTest)
                            ? selfTestDir.path()
                            : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!QDir().mkpath(dir)) {
        err << "cannot create " << dir << '\n';
        return 1;
    }
    auto context = td::app::AppContext::create(dir + QStringLiteral("/device.sqlite"));
    if (!context) {
        err << "cannot open the device database: "
            << QString::fromStdString(context.error().describe()) << '\n';
        return 1;
    }

    QGeoPositionInfoSource* source = nullptr;
    if (parser.isSet(nmea)) {
        QFile file(parser.value(nmea));
        if (!file.open(QIODevice::ReadOnly)) {
            err << "cannot read " << file.fileName() << '\n';
            return 1;
        }
        auto* replay = new td::app::NmeaReplay(file.readAll(), &app);
        source = replay->createSource(5.0, &app);
        replay->start(1000);
    } else {
        source = QGeoPositionInfoSource::createDefaultSource(&app);
    }
    td::app::usePositionSource(**context, source);

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    (*context)->setEngine(&engine);
    (*context)->registerWithQml();

    if (parser.isSet(selfTest)) {
        return td::app::runSelfTest(engine) == 0 ? 0 : 1;
    }
    // An enrolment link given on the command line (as a phone's camera hands it over).
    if (const QStringList links = parser.positionalArguments(); !links.isEmpty()) {
        td::app::EnrolmentController* enrolment = (*context)->services().enrolment;
        if (!enrolment->enrolled())
            enrolment->enrolFromLink(links.first());
    }
    (*context)->services().sync->startAutomatic();
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Trygghetsdialog/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        return 1;
    }
    return app.exec();
}
