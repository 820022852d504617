#include "appcore/selftest.h"

#include "appcore/messagecollector.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QTextStream>
#include <memory>

namespace td::app {

QStringList appQmlFiles() {
    QStringList files;
    QDirIterator it(QStringLiteral(":/qt/qml/Trygghetsdialog"), {QStringLiteral("*.qml")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files.append(it.next());
    }
    files.sort();
    return files;
}

QVariantMap selfTestFixture(const QString& file) {
    if (file.contains(QLatin1String("/pages/"))) {
        // A page is shown filling the window of a phone in portrait (the StackView sizes it).
        return {{QStringLiteral("width"), 390}, {QStringLiteral("height"), 844}};
    }
    if (file.endsWith(QLatin1String("/components/ChecklistItemRating.qml"))) {
        // One row of the walk observation's checklist, as WalkObservationPage's Repeater
        // hands it over: the model's roles and the form's rating options.
        QVariantList options;
        const char* labels[] = {"Inget problem", "Litet problem", "Betydande problem",
                                "Allvarligt problem"};
        for (int value = 0; value < 4; ++value) {
            options.append(
                QVariantMap{{QStringLiteral("value"), value},
                            {QStringLiteral("label"), QString::fromUtf8(labels[value])}});
        }
        options.append(QVariantMap{{QStringLiteral("value"), -2},
                                   {QStringLiteral("label"), QStringLiteral("Ej tillämpligt")}});
        return {
            {QStringLiteral("index"), 0},
            {QStringLiteral("itemId"), QStringLiteral("lighting")},
            {QStringLiteral("label"), QStringLiteral("Belysning")},
            {QStringLiteral("help"), QStringLiteral("Är platsen jämnt och tillräckligt upplyst?")},
            {QStringLiteral("rating"), 0},
            {QStringLiteral("quick"), true},
            {QStringLiteral("options"), options}};
    }
    return {};
}

int runSelfTest(QQmlEngine& engine) {
    QTextStream err(stderr);
    const QStringList files = appQmlFiles();
    if (files.isEmpty()) {
        err << "self-test: no QML files found\n";
        return 1;
    }
    MessageCollector collector;
    int failures = 0;
    for (const QString& file : files) {
        QQmlComponent component(&engine, QUrl(QStringLiteral("qrc") + file));
        std::unique_ptr<QObject> object(
            component.createWithInitialProperties(selfTestFixture(file)));
        QCoreApplication::processEvents(); // deferred bindings and Component.onCompleted work
        bool failed = false;
        if (component.isError() || !object) {
            failed = true;
            err << "self-test: " << file << ": " << component.errorString() << '\n';
        }
        object.reset();
        for (const LoggedMessage& message : collector.take()) {
            if (message.fromQml()) {
                failed = true;
                err << "self-test: " << file << ": warning: " << message.describe() << '\n';
            }
        }
        failures += failed ? 1 : 0;
    }
    err << "self-test: " << files.size() - failures << '/' << files.size() << " QML files ok\n";
    err.flush();
    return failures;
}

} // namespace td::app
