#pragma once
// Collects what Qt logs (warnings and worse) while screens load, so the self-test and the
// screen tests can fail on QML and JavaScript warnings: binding loops, required properties
// left unset, unresolved types, TypeErrors and the like.

#include <QMutex>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <vector>

namespace td::app {

struct LoggedMessage {
    QtMsgType type = QtWarningMsg;
    QString category; ///< the logging category ("default" for plain qWarning)
    QString file;     ///< the source the message names, when any
    QString text;

    /// True when QML or JavaScript logged it: a "qml"/"js" category (console.*, qt.qml.*), or
    /// a message that names a .qml or .js source (the engine's warnings and errors).
    bool fromQml() const;
    /// "category: text" on one line.
    QString describe() const;
};

/// Installs itself as the Qt message handler for its lifetime (one at a time) and keeps every
/// warning, critical and fatal message; each message is also passed on to the handler that
/// was installed before. Thread-safe (the render thread logs too).
class MessageCollector {
public:
    MessageCollector();
    ~MessageCollector();
    MessageCollector(const MessageCollector&) = delete;
    MessageCollector& operator=(const MessageCollector&) = delete;

    /// The messages kept since the last take(); the collector starts empty again.
    std::vector<LoggedMessage> take();

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& text);

    QtMessageHandler m_previous = nullptr;
    QMutex m_mutex;
    std::vector<LoggedMessage> m_messages;
};

} // namespace td::app
