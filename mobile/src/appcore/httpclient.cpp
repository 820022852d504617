#include "appcore/httpclient.h"

#include <QNetworkReply>

namespace td::app {

HttpClient::HttpClient(QObject* parent)
    : QObject(parent) {}

QNetworkRequest HttpClient::request(const QString& pathAndQuery) const {
    QString base = m_base.toString();
    while (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    QNetworkRequest req(QUrl(base + pathAndQuery));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty()) {
        req.setRawHeader("Authorization", "Bearer " + m_token);
    }
    req.setTransferTimeout(m_timeoutMs);
    return req;
}

void HttpClient::post(const QString& path, const QByteArray& body, Callback done) {
    watch(m_nam.post(request(path), body), std::move(done));
}

void HttpClient::get(const QString& pathAndQuery, Callback done) {
    watch(m_nam.get(request(pathAndQuery)), std::move(done));
}

void HttpClient::watch(QNetworkReply* reply, Callback done) {
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        td::sync::TransportReply result;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        result.status = status.isValid() ? status.toInt() : 0;
        result.body = reply->readAll().toStdString();
        if (result.status == 0) {
            result.error = reply->errorString().toStdString();
        }
        done(result);
    });
}

} // namespace td::app
