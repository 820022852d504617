#include "appcore/synccontroller.h"

#include "appcore/clock.h"
#include "appcore/contentrepository.h"
#include "appcore/enrolmentcontroller.h"
#include "appcore/httpclient.h"
#include "appcore/localstore.h"
#include "appcore/text.h"

#include <QNetworkInformation>

namespace td::app {

SyncController::SyncController(LocalStore* store, HttpClient* http, EnrolmentController* enrolment,
                               Clock* clock, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_http(http)
    , m_enrolment(enrolment)
    , m_clock(clock)
    , m_client(std::make_unique<td::sync::SyncClient>(store->deviceStore()))
    , m_backoff(td::sync::BackoffPolicy{}, clock->coreClock())
    , m_rejected(store) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SyncController::run);
}

SyncController::~SyncController() = default;

void SyncController::setClientLimits(const td::sync::ClientLimits& limits) {
    if (!m_busy) {
        m_client = std::make_unique<td::sync::SyncClient>(m_store->deviceStore(), limits);
    }
}

void SyncController::startAutomatic(int intervalMs) {
    m_intervalMs = intervalMs;
    m_automatic = true;
    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability r) {
                    if (r == QNetworkInformation::Reachability::Online) {
                        syncNow();
                    }
                });
    }
    m_timer.start(0);
}

QString SyncController::lastOutcome() const {
    auto state = m_store->deviceStore().syncState();
    return state ? qs(state->lastOutcome) : QString();
}

QString SyncController::lastSyncText() const {
    auto state = m_store->deviceStore().syncState();
    if (!state || !state->lastSyncAtMs) {
        return tr("Ingen synkronisering har gjorts ännu.");
    }
    const QString when = QDateTime::fromMSecsSinceEpoch(*state->lastSyncAtMs)
                             .toLocalTime()
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    const std::string& outcome = state->lastOutcome;
    if (outcome == "ok") {
        return tr("Senast synkad %1 – allt gick bra.").arg(when);
    }
    if (outcome == "network_error") {
        return tr("Senaste försöket %1: servern gick inte att nå. Nytt försök görs automatiskt.")
            .arg(when);
    }
    if (outcome == "unauthorized") {
        return tr("Senaste försöket %1: enheten är inte längre godkänd. Anslut igen.").arg(when);
    }
    if (outcome == "server_unavailable") {
        return tr("Senaste försöket %1: servern var upptagen. Nytt försök görs automatiskt.")
            .arg(when);
    }
    return tr("Senaste försöket %1 misslyckades (%2).").arg(when, qs(outcome));
}

void SyncController::syncNow() {
    m_backoff.syncNow();
    run();
}

void SyncController::run() {
    if (m_busy) {
        return;
    }
    if (!m_enrolment->enrolled()) {
        scheduleNext();
        return;
    }
    m_busy = true;
    auto pending = m_store->deviceStore().pendingCount();
    m_total = pending ? *pending : 0;
    m_done = 0;
    m_progress = 0;
    Q_EMIT stateChanged();
    pushNext();
}

void SyncController::pushNext() {
    auto plan = m_client->preparePush();
    if (!plan) {
        finish(plan.error());
        return;
    }
    if (!plan->has_value()) {
        m_progress = -1;
        Q_EMIT stateChanged();
        pullNext();
        return;
    }
    sendPush(std::make_shared<const td::sync::PushPlan>(std::move(**plan)), {});
}

void SyncController::sendPush(std::shared_ptr<const td::sync::PushPlan> plan,
                              std::function<void()> sent) {
    m_http->post(qs(td::sync::kPushPath), QByteArray::fromStdString(plan->body), std::move(sent),
                 [this, plan](const td::sync::TransportReply& reply) { onPushReply(plan, reply); });
}

// While this batch's answer is stored (an fsync on the device), the next batch is already on
// its way: it holds only outbox entries after this one's. The request leaves only while the
// event loop runs, so the answer is stored once the next body has gone out (storing first
// would hold the next request back for the whole fsync).
void SyncController::onPushReply(const std::shared_ptr<const td::sync::PushPlan>& plan,
                                 const td::sync::TransportReply& reply) {
    if (m_deferredError) {
        (void)m_client->applyPushReply(*plan, reply); // stored if it can be; else resent later
        td::Error error = std::move(*m_deferredError);
        m_deferredError.reset();
        finish(error);
        return;
    }
    std::optional<td::Error> failure;
    if (reply.status == 200 && m_client->limits().pipeline) {
        auto prepared = m_client->preparePush(plan.get());
        if (!prepared) {
            failure = prepared.error();
        } else if (prepared->has_value()) {
            auto answer = std::make_shared<td::sync::TransportReply>(reply);
            sendPush(std::make_shared<const td::sync::PushPlan>(std::move(**prepared)),
                     [this, plan, answer] { storePushReply(*plan, *answer, true, {}); });
            return;
        }
    }
    storePushReply(*plan, reply, false, std::move(failure));
}

void SyncController::storePushReply(const td::sync::PushPlan& plan,
                                    const td::sync::TransportReply& reply, bool sentNext,
                                    std::optional<td::Error> failure) {
    auto summary = m_client->applyPushReply(plan, reply);
    if (!summary && !failure) {
        failure = summary.error();
    }
    if (failure) {
        if (sentNext) {
            m_deferredError = std::move(failure);
        } else {
            finish(*failure);
        }
        return;
    }
    m_done += static_cast<std::int64_t>(summary->acked + summary->rejected + summary->conflicts);
    m_progress = m_total > 0 ? std::min(1.0, double(m_done) / double(m_total)) : 1.0;
    m_store->notifyChanged();
    Q_EMIT stateChanged();
    if (!sentNext) {
        pushNext(); // nothing more pending, or a refused batch to resend in smaller parts
    }
}

void SyncController::pullNext() {
    auto path = m_client->pullPath();
    if (!path) {
        finish(path.error());
        return;
    }
    m_http->get(qs(*path), [this](const td::sync::TransportReply& reply) {
        auto summary = m_client->applyPullReply(reply);
        if (!summary) {
            finish(summary.error());
            return;
        }
        if (summary->more) {
            pullNext();
        } else {
            finish({});
        }
    });
}

void SyncController::finish(const td::Status& run) {
    // What the server acknowledged leaves the device's files now (docs/device-data.md).
    const auto ended = m_client->finishRun();
    const td::Status status = !run ? run : ended ? td::Status{} : td::Status(ended.error());
    const std::string outcome = status ? "ok" : status.error().code;
    (void)m_store->deviceStore().recordSyncOutcome(outcome);
    m_busy = false;
    m_progress = 0;
    if (status) {
        m_backoff.recordSuccess();
        if (m_content) {
            m_content->reload();
        }
    } else if (status.error().code == "unauthorized") {
        m_enrolment->markRevoked();
    } else {
        m_backoff.recordFailure();
    }
    m_rejected.reload();
    m_store->notifyChanged();
    Q_EMIT stateChanged();
    Q_EMIT finished(qs(outcome));
    scheduleNext();
}

void SyncController::scheduleNext() {
    if (!m_automatic) {
        return;
    }
    const std::int64_t wait =
        m_backoff.consecutiveFailures() > 0 ? m_backoff.msUntilDue() : m_intervalMs;
    m_timer.start(static_cast<int>(std::clamp<std::int64_t>(wait, 0, m_intervalMs)));
}

} // namespace td::app
