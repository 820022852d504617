#pragma once
// Owns and wires the app's services over one device database. main.cpp decides the
// configuration (database path, position source, automatic sync); tests build the same graph
// over a temporary database.

#include "appcore/appservices.h"
#include "td/core/result.hpp"

#include <QObject>
#include <QString>
#include <memory>

class QGeoPositionInfoSource;
class QQmlEngine;

namespace td::app {

class HttpClient;

class AppContext : public QObject {
    Q_OBJECT
public:
    /// Opens the device database at `databasePath` and builds every service.
    static td::Result<std::unique_ptr<AppContext>> create(const QString& databasePath);
    ~AppContext() override;

    /// The position source for "Här jag står nu" (not owned; may be null).
    void setPositionSource(QGeoPositionInfoSource* source);
    /// The engine retranslated when the language changes.
    void setEngine(QQmlEngine* engine);
    /// Registers the services as QML singletons (once per process).
    void registerWithQml();

    const AppServices& services() const { return m_services; }
    HttpClient* http() { return m_http.get(); }

private:
    AppContext() = default;
    void wire();

    std::unique_ptr<Clock> m_clock;
    std::unique_ptr<LanguageController> m_language;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<EnrolmentController> m_enrolment;
    std::unique_ptr<CampaignModel> m_campaigns;
    std::unique_ptr<PlaceRegistryModel> m_places;
    std::unique_ptr<ContentRepository> m_content;
    std::unique_ptr<SyncController> m_sync;
    std::unique_ptr<SurveyController> m_survey;
    std::unique_ptr<SurveyController> m_kioskSurvey;
    std::unique_ptr<KioskController> m_kiosk;
    std::unique_ptr<PositionController> m_position;
    AppServices m_services;
};

} // namespace td::app
