#pragma once
// Drives the real app core (AppContext over a SQLite file, QNetworkAccessManager, the Qt event
// loop) the way its screens do, for end-to-end tests, the device process and the benchmark.

#include "appcore/appcontext.h"

#include <QString>
#include <functional>
#include <memory>

namespace td::e2e {

/// Creates the process's QCoreApplication if there is none yet (Catch2 owns main()).
void ensureQtApp();

/// Runs the event loop until `done()` holds or `timeoutMs` passes; returns done().
bool waitUntil(const std::function<bool()>& done, int timeoutMs);

/// Opens (creating if needed) the app core over `databasePath`; throws std::runtime_error when
/// the database cannot be opened.
std::unique_ptr<td::app::AppContext> openApp(const QString& databasePath);

/// Enrols with `code` at `serverUrl` through the EnrolmentController and waits for the answer;
/// returns the message the enrolment screen shows (empty on success).
QString enrolAndWait(td::app::AppContext& app, const QString& serverUrl, const QString& code,
                     int timeoutMs = 15000);

/// Runs "Synka nu" and waits for the run to end; returns its outcome ("ok" or an error code,
/// or "timeout").
QString syncAndWait(td::app::AppContext& app, int timeoutMs = 120000);

/// Answers one response to `campaignId` through the SurveyController, question by question as
/// the survey screen does (answers vary with `seed`), and submits it. Returns the stored
/// response's id, or empty when the runner refused (its issues are then in `error`).
/// `submitNs`, when given, receives how long the final submit took.
QString answerResponse(td::app::AppContext& app, const QString& campaignId, unsigned seed,
                       QString* error = nullptr, qint64* submitNs = nullptr);

} // namespace td::e2e
