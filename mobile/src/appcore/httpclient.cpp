#include "appcore/httpclient.h"

#include "td/core/gzip.hpp"
#include "td/sync/compat.hpp"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <memory>
#include <utility>

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
    // The record shapes this app decodes (td/sync/compat.hpp); the server answers in them.
    req.setRawHeader(QByteArray::fromStdString(std::string(td::sync::kProtocolHeader)),
                     QByteArray::number(td::sync::kProtocolVersion));
    if (!m_token.isEmpty()) {
        req.setRawHeader("Authorization", "Bearer " + m_token);
    }
    req.setTransferTimeout(m_timeoutMs);
    return req;
}

void HttpClient::post(const QString& path, const QByteArray& body, Callback done) {
    post(path, body, {}, std::move(done));
}

void HttpClient::post(const QString& path, const QByteArray& body, std::function<void()> sent,
                      Callback done) {
    QNetworkRequest req = request(path);
    // Bodies this small gain less from gzip than its header costs.
    constexpr qsizetype kGzipMinBytes = 256;
    if (m_compress && body.size() >= kGzipMinBytes) {
        if (auto packed = td::gzipCompress(std::string_view(body.constData(), body.size()))) {
            req.setRawHeader("Content-Encoding", "gzip");
            watch(m_nam.post(req, QByteArray::fromStdString(*packed)), std::move(sent),
                  std::move(done));
            return;
        }
    }
    watch(m_nam.post(req, body), std::move(sent), std::move(done));
}

void HttpClient::get(const QString& pathAndQuery, Callback done) {
    watch(m_nam.get(request(pathAndQuery)), {}, std::move(done));
}

void HttpClient::watch(QNetworkReply* reply, std::function<void()> sent, Callback done) {
    QElapsedTimer timer;
    timer.start();
    // Shared by the two connections below: whichever comes first runs it, once.
    auto once = std::make_shared<std::function<void()>>(std::move(sent));
    if (*once) {
        connect(reply, &QNetworkReply::uploadProgress, this, [once](qint64 done, qint64 total) {
            if (*once && total > 0 && done == total)
                std::exchange(*once, {})();
        });
    }
    connect(reply, &QNetworkReply::finished, this, [reply, timer, once, done = std::move(done)] {
        if (*once)
            std::exchange(*once, {})();
        reply->deleteLater();
        td::sync::TransportReply result;
        result.elapsed = std::chrono::milliseconds(timer.elapsed());
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        result.status = status.isValid() ? status.toInt() : 0;
        result.body = reply->readAll().toStdString();
        // A connection cut after the status line leaves a status and part of a body: it is no
        // answer (Qt's network-layer errors are the codes below 100).
        const int error = static_cast<int>(reply->error());
        if (error > 0 && error < 100) {
            result.status = 0;
        }
        if (result.status == 0) {
            result.error = reply->errorString().toStdString();
        }
        done(result);
    });
}

} // namespace td::app
