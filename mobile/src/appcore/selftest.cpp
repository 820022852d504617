#include "appcore/selftest.h"

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

int runSelfTest(QQmlEngine& engine) {
    QTextStream err(stderr);
    const QStringList files = appQmlFiles();
    int failures = 0;
    if (files.isEmpty()) {
        err << "self-test: no QML files found\n";
        return 1;
    }
    for (const QString& file : files) {
        QQmlComponent component(&engine, QUrl(QStringLiteral("qrc") + file));
        std::unique_ptr<QObject> object(component.create());
        if (component.isError() || !object) {
            ++failures;
            err << "self-test: " << file << ": " << component.errorString() << '\n';
        }
    }
    err << "self-test: " << files.size() - failures << '/' << files.size() << " QML files ok\n";
    return failures;
}

} // namespace td::app
