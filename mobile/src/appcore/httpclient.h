#pragma once
// JSON over HTTP to the sync server with QNetworkAccessManager: the device token as a bearer
// token, a transfer time-out, and replies in the shared library's TransportReply form.

#include "td/sync/transport.hpp"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <functional>

namespace td::app {

class HttpClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const td::sync::TransportReply&)>;

    explicit HttpClient(QObject* parent = nullptr);

    /// The server's base URL, e.g. "http://127.0.0.1:8080".
    void setBaseUrl(const QUrl& url) { m_base = url; }
    QUrl baseUrl() const { return m_base; }
    /// The bearer token sent with every request (empty: none).
    void setToken(const QByteArray& token) { m_token = token; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    /// Whether POST bodies go gzip-compressed (Content-Encoding: gzip); on by default. Answers
    /// are asked for gzip and inflated by Qt either way.
    void setCompressRequests(bool on) { m_compress = on; }

    /// POSTs JSON `body` to `path`; `done` runs on this thread when the reply (or failure)
    /// arrives, with the time it took. Status 0 in the reply means no answer (network error
    /// or time-out).
    void post(const QString& path, const QByteArray& body, Callback done);
    /// As post; `sent` runs once, when the body has gone out (or, at the latest, just before
    /// `done`). The request leaves only while this thread's event loop runs, so long work
    /// meant to overlap with it belongs there.
    void post(const QString& path, const QByteArray& body, std::function<void()> sent,
              Callback done);
    void get(const QString& pathAndQuery, Callback done);

private:
    QNetworkRequest request(const QString& pathAndQuery) const;
    void watch(QNetworkReply* reply, std::function<void()> sent, Callback done);

    QNetworkAccessManager m_nam;
    QUrl m_base;
    QByteArray m_token;
    int m_timeoutMs = 30000;
    bool m_compress = true;
};

} // namespace td::app
