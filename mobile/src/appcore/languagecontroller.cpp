#include "appcore/languagecontroller.h"

#include <QCoreApplication>
#include <QQmlEngine>

namespace td::app {

LanguageController::LanguageController(QObject* parent)
    : QObject(parent) {}

void LanguageController::setLanguage(const QString& language) {
    if (language != QLatin1String("sv") && language != QLatin1String("en")) {
        return;
    }
    if (language == m_language) {
        return;
    }
    if (m_installed) {
        QCoreApplication::removeTranslator(&m_translator);
        m_installed = false;
    }
    // Source strings are Swedish; only English needs a translation catalogue.
    if (language == QLatin1String("en") &&
        m_translator.load(QStringLiteral(":/i18n/trygghetsdialog_en.qm"))) {
        m_installed = QCoreApplication::installTranslator(&m_translator);
    }
    m_language = language;
    if (m_engine) {
        m_engine->retranslate();
    }
    Q_EMIT languageChanged();
}

} // namespace td::app
