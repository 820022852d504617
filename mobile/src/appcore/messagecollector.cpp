#include "appcore/messagecollector.h"

#include <QMutexLocker>
#include <QRegularExpression>
#include <atomic>

namespace td::app {

namespace {

std::atomic<MessageCollector*> g_current{nullptr};

bool namesScript(const QString& source) {
    static const QRegularExpression script(QStringLiteral(R"(\.(qml|js|mjs)(:\d+)*(:|$))"));
    return script.match(source).hasMatch();
}

} // namespace

bool LoggedMessage::fromQml() const {
    if (category == QLatin1String("qml") || category == QLatin1String("js") ||
        category.startsWith(QLatin1String("qt.qml")) ||
        category.startsWith(QLatin1String("qt.quick"))) {
        return true;
    }
    // The engine's own warnings start with the source location ("qrc:/…/Page.qml:12:5: …").
    const QString head = text.section(QLatin1Char(' '), 0, 0);
    return namesScript(file) || namesScript(head);
}

QString LoggedMessage::describe() const {
    return category + QStringLiteral(": ") + text;
}

MessageCollector::MessageCollector() {
    MessageCollector* expected = nullptr;
    if (!g_current.compare_exchange_strong(expected, this)) {
        qFatal("MessageCollector: only one may be installed at a time");
    }
    m_previous = qInstallMessageHandler(&MessageCollector::handle);
}

MessageCollector::~MessageCollector() {
    qInstallMessageHandler(m_previous);
    g_current.store(nullptr);
}

std::vector<LoggedMessage> MessageCollector::take() {
    QMutexLocker lock(&m_mutex);
    return std::exchange(m_messages, {});
}

void MessageCollector::handle(QtMsgType type, const QMessageLogContext& context,
                              const QString& text) {
    MessageCollector* self = g_current.load();
    if (!self) {
        return;
    }
    if (type != QtDebugMsg && type != QtInfoMsg) {
        LoggedMessage message{type, QString::fromUtf8(context.category ? context.category : ""),
                              QString::fromUtf8(context.file ? context.file : ""), text};
        QMutexLocker lock(&self->m_mutex);
        self->m_messages.push_back(std::move(message));
    }
    self->m_previous(type, context, text); // Qt returns its default handler when none was set
}

} // namespace td::app
