#pragma once
// The UI language (Swedish by default, English via Qt Linguist) and its switch at run time.

#include <QObject>
#include <QTranslator>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;

namespace td::app {

class LanguageController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    /// "sv" or "en".
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
public:
    explicit LanguageController(QObject* parent = nullptr);

    QString language() const { return m_language; }
    /// Installs the translator for `language` ("sv" or "en"; anything else is ignored) and
    /// retranslates the engine's bindings.
    void setLanguage(const QString& language);
    /// The engine whose bindings are retranslated on a switch (may be null).
    void setEngine(QQmlEngine* engine) { m_engine = engine; }

Q_SIGNALS:
    void languageChanged();

private:
    QString m_language = QStringLiteral("sv");
    QTranslator m_translator;
    bool m_installed = false;
    QQmlEngine* m_engine = nullptr;
};

} // namespace td::app
