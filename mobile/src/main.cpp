// The one composition root: builds the services, wires them and exposes them to QML.

#include "appcore/clock.h"
#include "appcore/languagecontroller.h"
#include "appcore/selftest.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(TrygghetsdialogPlugin)

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("trygghetsdialog"));
    QCoreApplication::setOrganizationName(QStringLiteral("Trygghetsdialog"));
    QQuickStyle::setStyle(QStringLiteral("Material"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                      QStringLiteral("Load every QML file and exit."));
    parser.addOption(selfTest);
    parser.process(app);

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));

    td::app::Clock clock;
    td::app::LanguageController language;
    language.setEngine(&engine);
    qmlRegisterSingletonInstance("Trygghetsdialog.Services", 1, 0, "Clock", &clock);
    qmlRegisterSingletonInstance("Trygghetsdialog.Services", 1, 0, "Language", &language);

    if (parser.isSet(selfTest)) {
        return td::app::runSelfTest(engine) == 0 ? 0 : 1;
    }
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Trygghetsdialog/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        return 1;
    }
    return app.exec();
}
