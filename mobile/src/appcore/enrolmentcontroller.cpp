#include "appcore/enrolmentcontroller.h"

#include "appcore/httpclient.h"
#include "appcore/localstore.h"
#include "td/store/device_store.hpp"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>
#include <string>

namespace td::app {

namespace keys {
constexpr std::string_view kRole = "device_role";
constexpr std::string_view kCampaign = "campaign_id";
constexpr std::string_view kRevoked = "device_revoked";
} // namespace keys

namespace {

QString settingText(LocalStore* store, std::string_view key) {
    const auto value = store->setting(std::string(key));
    return value ? QString::fromStdString(*value) : QString();
}

} // namespace

EnrolmentController::EnrolmentController(LocalStore* store, HttpClient* http, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_http(http) {
    load();
}

void EnrolmentController::load() {
    m_serverUrl = settingText(m_store, td::store::settings::kServerUrl);
    m_token = settingText(m_store, td::store::settings::kDeviceToken).toUtf8();
    m_role = settingText(m_store, keys::kRole);
    m_campaignId = settingText(m_store, keys::kCampaign);
    m_revoked = settingText(m_store, keys::kRevoked) == QLatin1String("1");
    applyToHttp();
}

void EnrolmentController::applyToHttp() {
    m_http->setBaseUrl(QUrl(m_serverUrl));
    m_http->setToken(m_token);
}

QString EnrolmentController::roleLabel() const {
    if (m_role == QLatin1String("officer")) {
        return tr("Polis/kommun (handläggare)");
    }
    if (m_role == QLatin1String("kiosk")) {
        return tr("Kiosk för medborgardialog");
    }
    if (m_role == QLatin1String("resident")) {
        return tr("Invånare");
    }
    return tr("Inte ansluten");
}

void EnrolmentController::enrol(const QString& serverUrl, const QString& code) {
    if (m_busy) {
        return;
    }
    QString url = serverUrl.trimmed();
    if (!url.contains(QLatin1String("://"))) {
        url.prepend(QLatin1String("https://"));
    }
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() ||
        (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https"))) {
        setError(tr("Serveradressen är inte giltig."));
        return;
    }
    const QString typed = code.trimmed();
    if (typed.isEmpty()) {
        setError(tr("Skriv koden du har fått."));
        return;
    }
    m_busy = true;
    m_error.clear();
    m_pendingUrl = url;
    Q_EMIT stateChanged();
    m_http->setBaseUrl(QUrl(url));
    m_http->setToken({});
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("code"), typed},
                                  {QStringLiteral("label"), QStringLiteral("Trygghetsdialog")}})
            .toJson(QJsonDocument::Compact);
    m_http->post(QStringLiteral("/api/v1/devices/enrol"), body,
                 [this](const td::sync::TransportReply& reply) {
                     finish(reply.status, QByteArray::fromStdString(reply.body),
                            QString::fromStdString(reply.error));
                 });
}

QVariantMap EnrolmentController::parseEnrolmentLink(const QString& text) {
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (!path.endsWith(QLatin1String("/enrol")))
        return {};
    const QString code = QUrlQuery(url.fragment()).queryItemValue(QStringLiteral("code")).trimmed();
    if (code.isEmpty())
        return {};
    QUrl server = url.adjusted(QUrl::RemoveFragment | QUrl::RemoveQuery | QUrl::RemovePath);
    server.setPath(path.chopped(int(std::char_traits<char>::length("/enrol"))));
    return {{QStringLiteral("server"), server.toString(QUrl::StripTrailingSlash)},
            {QStringLiteral("code"), code}};
}

bool EnrolmentController::enrolFromLink(const QString& link) {
    const QVariantMap parts = parseEnrolmentLink(link);
    if (parts.isEmpty()) {
        setError(tr("Länken är ingen anslutningslänk. Den ska se ut som "
                    "https://server/enrol#code=KOD."));
        return false;
    }
    enrol(parts.value(QStringLiteral("server")).toString(),
          parts.value(QStringLiteral("code")).toString());
    return true;
}

void EnrolmentController::finish(int status, const QByteArray& body, const QString& networkError) {
    m_busy = false;
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (status == 201 || status == 200) {
        const QString token = json.value(QStringLiteral("token")).toString();
        const QString role = json.value(QStringLiteral("role")).toString();
        if (token.isEmpty() || role.isEmpty()) {
            applyToHttp();
            setError(tr("Servern svarade på ett oväntat sätt. Försök igen senare."));
            return;
        }
        m_store->setSetting(std::string(td::store::settings::kServerUrl),
                            m_pendingUrl.toStdString());
        m_store->setSetting(std::string(td::store::settings::kDeviceToken), token.toStdString());
        m_store->setSetting(std::string(td::store::settings::kDeviceId),
                            json.value(QStringLiteral("device_id")).toString().toStdString());
        m_store->setSetting(std::string(keys::kRole), role.toStdString());
        m_store->setSetting(std::string(keys::kCampaign),
                            json.value(QStringLiteral("campaign_id")).toString().toStdString());
        m_store->setSetting(std::string(keys::kRevoked), "0");
        load();
        m_error.clear();
        Q_EMIT stateChanged();
        Q_EMIT enrolledChanged();
        return;
    }
    applyToHttp();
    const QString code =
        json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    if (status == 0) {
        setError(tr("Servern går inte att nå. Kontrollera adressen och nätverket och försök "
                    "igen. (%1)")
                     .arg(networkError));
    } else if (code == QLatin1String("code_expired")) {
        setError(tr("Koden har gått ut. Be samordnaren om en ny kod."));
    } else if (code == QLatin1String("code_used")) {
        setError(tr("Koden har redan använts. Be samordnaren om en ny kod."));
    } else if (code == QLatin1String("invalid_code")) {
        setError(tr("Koden stämmer inte. Kontrollera att du har skrivit rätt."));
    } else if (code == QLatin1String("campaign_closed")) {
        setError(tr("Undersökningen är avslutad och tar inte emot fler svar."));
    } else if (status == 429) {
        setError(tr("För många försök. Vänta en stund och försök igen."));
    } else if (status >= 500) {
        setError(tr("Servern har tillfälliga problem. Försök igen senare."));
    } else {
        setError(tr("Anslutningen misslyckades (%1 %2).").arg(status).arg(code));
    }
}

void EnrolmentController::markRevoked() {
    m_store->setSetting(std::string(keys::kRevoked), "1");
    forget();
    m_revoked = true;
    Q_EMIT stateChanged();
}

void EnrolmentController::forget() {
    const bool was = enrolled();
    m_store->setSetting(std::string(td::store::settings::kDeviceToken), "");
    load();
    Q_EMIT stateChanged();
    if (was) {
        Q_EMIT enrolledChanged();
    }
}

void EnrolmentController::setError(const QString& error) {
    m_error = error;
    Q_EMIT stateChanged();
}

} // namespace td::app
