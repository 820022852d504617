#pragma once
// Sync: the shared SyncClient over HttpClient (QNetworkAccessManager), step by step on the
// event loop. Runs on "Synka nu", when the network comes back, and on a timer with backoff.

#include "appcore/rejectedmodel.h"
#include "td/sync/backoff.hpp"
#include "td/sync/sync_client.hpp"

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <optional>

namespace td::app {

class Clock;
class ContentRepository;
class EnrolmentController;
class HttpClient;
class LocalStore;

class SyncController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    /// Share of this run's outbox pushed (0..1); -1 while pulling.
    Q_PROPERTY(double progress READ progress NOTIFY stateChanged)
    /// When the last sync ran and how it ended, for people.
    Q_PROPERTY(QString lastSyncText READ lastSyncText NOTIFY stateChanged)
    /// "ok", an error code, or empty before the first sync.
    Q_PROPERTY(QString lastOutcome READ lastOutcome NOTIFY stateChanged)
    Q_PROPERTY(td::app::RejectedModel* rejected READ rejected CONSTANT)
public:
    SyncController(LocalStore* store, HttpClient* http, EnrolmentController* enrolment,
                   Clock* clock, QObject* parent = nullptr);
    ~SyncController() override;

    void setContent(ContentRepository* content) { m_content = content; }
    /// Bounds for push batches and pull pages; applies from the next run (ignored while busy).
    void setClientLimits(const td::sync::ClientLimits& limits);
    /// Syncs on its own: on a timer (`intervalMs`, with backoff after failures) and when the
    /// network comes back (QNetworkInformation, when a backend is available).
    void startAutomatic(int intervalMs = 5 * 60 * 1000);

    bool busy() const { return m_busy; }
    double progress() const { return m_progress; }
    QString lastSyncText() const;
    QString lastOutcome() const;
    RejectedModel* rejected() { return &m_rejected; }

    /// Starts a sync now, overriding any backoff wait; no-op while one runs or when the device
    /// is not enrolled.
    Q_INVOKABLE void syncNow();

Q_SIGNALS:
    void stateChanged();
    /// A sync run ended: `outcome` is "ok" or the error code.
    void finished(const QString& outcome);

private:
    void run();
    void pushNext();
    /// `sent` (may be empty) runs once the request's body has gone out.
    void sendPush(std::shared_ptr<const td::sync::PushPlan> plan, std::function<void()> sent);
    void onPushReply(const std::shared_ptr<const td::sync::PushPlan>& plan,
                     const td::sync::TransportReply& reply);
    /// Stores a push's answer; `sentNext`: the batch after it is already on its way.
    void storePushReply(const td::sync::PushPlan& plan, const td::sync::TransportReply& reply,
                        bool sentNext, std::optional<td::Error> failure);
    void pullNext();
    void finish(const td::Status& status);
    void scheduleNext();

    LocalStore* m_store;
    HttpClient* m_http;
    EnrolmentController* m_enrolment;
    Clock* m_clock;
    ContentRepository* m_content = nullptr;
    std::unique_ptr<td::sync::SyncClient> m_client;
    td::sync::Backoff m_backoff;
    RejectedModel m_rejected;
    QTimer m_timer;
    int m_intervalMs = 5 * 60 * 1000;
    bool m_automatic = false;
    bool m_busy = false;
    double m_progress = 0;
    std::int64_t m_total = 0;
    std::int64_t m_done = 0;
    /// A failure met while the next batch was already sent: the run ends with it once that
    /// batch is answered.
    std::optional<td::Error> m_deferredError;
};

} // namespace td::app
