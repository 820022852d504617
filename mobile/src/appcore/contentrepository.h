#pragma once
// Surveys, campaigns and places the device knows: those pulled from the server (device store)
// and, for surveys and places, the definitions bundled with the app.

#include "appcore/surveycontroller.h"
#include "td/model/campaign.hpp"
#include "td/model/place.hpp"
#include "td/model/survey.hpp"

#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <optional>
#include <vector>

namespace td::app {

class CampaignModel;
class LocalStore;
class PlaceRegistryModel;

class ContentRepository : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    /// Why the last prepare call failed; empty after a successful one.
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    ContentRepository(PlaceRegistryModel* places, CampaignModel* campaigns,
                      QObject* parent = nullptr);

    void setLocalStore(LocalStore* store) { m_store = store; }
    /// Campaigns limited to one (a resident device); empty: all campaigns.
    void setCampaignFilter(const QString& campaignId);

    /// Reloads surveys, campaigns and places from the bundle and the device store.
    Q_INVOKABLE void reload();
    /// The survey definition with `id` and `version` (pulled first, then bundled).
    std::optional<td::model::Survey> survey(const std::string& id, std::int64_t version) const;
    const std::vector<td::model::Campaign>& campaigns() const { return m_campaigns; }

    /// Loads the campaign's survey into `runner`; false (and lastError) when unknown.
    Q_INVOKABLE bool prepareSurvey(td::app::SurveyController* runner, const QString& campaignId);
    /// Loads the short dialogue survey of the first open campaign offering the kiosk or
    /// dialogue channel; returns that campaign's id, or empty (and lastError).
    Q_INVOKABLE QString prepareDialogueSurvey(td::app::SurveyController* runner);
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void lastErrorChanged();
    void reloaded();

private:
    void setLastError(const QString& error);

    PlaceRegistryModel* m_placeModel;
    CampaignModel* m_campaignModel;
    LocalStore* m_store = nullptr;
    QString m_campaignFilter;
    std::vector<td::model::Survey> m_surveys;
    std::vector<td::model::Campaign> m_campaigns;
    QString m_lastError;
};

} // namespace td::app
