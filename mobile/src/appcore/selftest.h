#pragma once
// `--self-test`: loads and instantiates every QML file of the app's module.

#include <QStringList>

class QQmlEngine;

namespace td::app {

/// Every QML file compiled into the "Trygghetsdialog" module (resource paths).
QStringList appQmlFiles();

/// Creates each QML file once with `engine`; prints each failure to stderr.
/// Returns the number of files that failed to load or instantiate.
int runSelfTest(QQmlEngine& engine);

} // namespace td::app
