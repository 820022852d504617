#pragma once
// Builds the app's service graph over a temporary device database, with the two campaigns
// a device receives from the server (as pulled records), for the app tests.

#include "appcore/appcontext.h"

#include <QString>
#include <memory>

class QQmlEngine;

namespace td::app::test {

/// Campaign ids the fixture seeds.
inline constexpr const char* kSurveyCampaign = "trygghetsenkat_2025";
inline constexpr const char* kDialogueCampaign = "medborgardialog_2025";

/// Creates an AppContext over `databasePath`, seeds the campaigns and reloads the content.
/// Aborts the test process (qFatal) when the database cannot be opened.
std::unique_ptr<AppContext> makeContext(const QString& databasePath);

/// Registers the context's services as the QML singletons (once per process) and lets
/// `engine` import the app's module and follow its language.
void attachEngine(AppContext& context, QQmlEngine& engine);

/// Writes the fixture's campaigns into the store as records pulled from the server.
void seedCampaigns(AppContext& context);

} // namespace td::app::test
