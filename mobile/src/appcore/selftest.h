#pragma once
// `--self-test`: loads and instantiates every QML file of the app's module, and fails on any
// load error and on any warning QML or JavaScript logs while doing so.

#include <QStringList>
#include <QVariantMap>

class QQmlEngine;

namespace td::app {

/// Every QML file compiled into the "Trygghetsdialog" module (resource paths).
QStringList appQmlFiles();

/// The initial properties `file` is created with: a page at the size the app shows it, a
/// component's required properties as the page that uses it sets them (empty for the rest).
QVariantMap selfTestFixture(const QString& file);

/// Creates each QML file once with `engine` (with its fixture); prints each failure and each
/// QML or JavaScript warning to stderr. Returns the number of files that failed to load or
/// instantiate or logged such a warning.
int runSelfTest(QQmlEngine& engine);

} // namespace td::app
