#pragma once
// Enrolment: connects the device to a server with an officer/kiosk one-time code or a
// resident campaign code, keeps the token in the device store, and handles revocation (the
// device asks to enrol again and keeps its local data).

#include <QObject>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace td::app {

class HttpClient;
class LocalStore;

class EnrolmentController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    Q_PROPERTY(bool enrolled READ enrolled NOTIFY enrolledChanged)
    /// The server no longer accepts this device's token.
    Q_PROPERTY(bool revoked READ revoked NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY stateChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY stateChanged)
    /// "officer", "kiosk" or "resident"; empty before enrolment.
    Q_PROPERTY(QString role READ role NOTIFY stateChanged)
    Q_PROPERTY(QString roleLabel READ roleLabel NOTIFY stateChanged)
    /// The campaign a resident device is limited to.
    Q_PROPERTY(QString campaignId READ campaignId NOTIFY stateChanged)
public:
    EnrolmentController(LocalStore* store, HttpClient* http, QObject* parent = nullptr);

    bool enrolled() const { return !m_token.isEmpty(); }
    bool revoked() const { return m_revoked; }
    bool busy() const { return m_busy; }
    QString errorMessage() const { return m_error; }
    QString serverUrl() const { return m_serverUrl; }
    QString role() const { return m_role; }
    QString roleLabel() const;
    QString campaignId() const { return m_campaignId; }

    /// Sends `code` to `serverUrl`'s enrolment endpoint; on success stores the token and role.
    /// Failures set errorMessage (Swedish/English): wrong code, expired, used, unreachable…
    Q_INVOKABLE void enrol(const QString& serverUrl, const QString& code);
    /// The server address and code of an enrolment link, "https://HOST[:PORT][/PREFIX]/enrol
    /// #code=CODE" as the dashboard makes it: {"server", "code"}, or an empty map when `text`
    /// is not one.
    Q_INVOKABLE static QVariantMap parseEnrolmentLink(const QString& text);
    /// Enrols with the server and code an enrolment link carries; false (with errorMessage
    /// set) when `link` is not one.
    Q_INVOKABLE bool enrolFromLink(const QString& link);
    /// The server answered 401: drop the token, ask to enrol again; local data stays.
    Q_INVOKABLE void markRevoked();
    /// Forgets the token to enrol with a new code; local data stays.
    Q_INVOKABLE void forget();

Q_SIGNALS:
    void enrolledChanged();
    void stateChanged();

private:
    void load();
    void applyToHttp();
    void finish(int status, const QByteArray& body, const QString& networkError);
    void setError(const QString& error);

    LocalStore* m_store;
    HttpClient* m_http;
    QByteArray m_token;
    QString m_serverUrl;
    QString m_pendingUrl;
    QString m_role;
    QString m_campaignId;
    QString m_error;
    bool m_revoked = false;
    bool m_busy = false;
};

} // namespace td::app
