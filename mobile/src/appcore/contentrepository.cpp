#include "appcore/contentrepository.h"

#include "appcore/campaignmodel.h"
#include "appcore/localstore.h"
#include "appcore/placeregistrymodel.h"
#include "appcore/surveycontroller.h"
#include "td/model/codec.hpp"

#include <QDirIterator>
#include <QFile>
#include <algorithm>

namespace td::app {

using td::model::Survey;

namespace {

std::string readResource(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll().toStdString();
}

} // namespace

ContentRepository::ContentRepository(PlaceRegistryModel* places, CampaignModel* campaigns,
                                     QObject* parent)
    : QObject(parent)
    , m_placeModel(places)
    , m_campaignModel(campaigns) {}

void ContentRepository::setCampaignFilter(const QString& campaignId) {
    m_campaignFilter = campaignId;
}

void ContentRepository::reload() {
    m_surveys.clear();
    m_campaigns.clear();
    std::vector<td::model::Place> places;

    if (m_store) {
        for (const auto& body : m_store->recordBodies("survey")) {
            if (auto s = td::model::fromJsonText<Survey>(body); s.ok()) {
                m_surveys.push_back(std::move(s.value()));
            }
        }
        for (const auto& body : m_store->recordBodies("campaign")) {
            if (auto c = td::model::fromJsonText<td::model::Campaign>(body); c.ok()) {
                if (m_campaignFilter.isEmpty() || c->id == m_campaignFilter.toStdString()) {
                    m_campaigns.push_back(std::move(c.value()));
                }
            }
        }
        for (const auto& body : m_store->recordBodies("place")) {
            if (auto p = td::model::fromJsonText<td::model::Place>(body); p.ok()) {
                places.push_back(std::move(p.value()));
            }
        }
    }

    // Bundled definitions: the app works before its first sync.
    QDirIterator it(QStringLiteral(":/content"), {QStringLiteral("*.json")}, QDir::Files);
    while (it.hasNext()) {
        const QString path = it.next();
        const std::string text = readResource(path);
        if (auto s = td::model::fromJsonText<Survey>(text); s.ok()) {
            if (!survey(s->id, s->version)) {
                m_surveys.push_back(std::move(s.value()));
            }
        } else if (auto r = td::model::fromJsonText<td::model::PlaceRegistry>(text);
                   r.ok() && places.empty()) {
            places = std::move(r->places);
        }
    }
    m_placeModel->setPlaces(std::move(places));
    m_campaignModel->setCampaigns(m_campaigns);
    Q_EMIT reloaded();
}

std::optional<Survey> ContentRepository::survey(const std::string& id, std::int64_t version) const {
    const auto it = std::find_if(m_surveys.begin(), m_surveys.end(), [&](const Survey& s) {
        return s.id == id && s.version == version;
    });
    return it == m_surveys.end() ? std::nullopt : std::optional<Survey>(*it);
}

bool ContentRepository::prepareSurvey(SurveyController* runner, const QString& campaignId) {
    const auto c = std::find_if(m_campaigns.begin(), m_campaigns.end(),
                                [&](const auto& x) { return x.id == campaignId.toStdString(); });
    if (!runner || c == m_campaigns.end()) {
        setLastError(tr("Undersökningen finns inte på enheten. Synka och försök igen."));
        return false;
    }
    auto s = survey(c->surveyId, c->surveyVersion);
    if (!s) {
        setLastError(tr("Enkäten för undersökningen saknas på enheten. Synka och försök igen."));
        return false;
    }
    runner->setSurvey(std::move(*s));
    setLastError({});
    return true;
}

QString ContentRepository::prepareDialogueSurvey(SurveyController* runner) {
    for (const auto& c : m_campaigns) {
        const bool channelOk =
            std::any_of(c.channels.begin(), c.channels.end(), [](td::model::Channel ch) {
                return ch == td::model::Channel::Kiosk || ch == td::model::Channel::Dialogue;
            });
        if (!runner || !channelOk || c.status != td::model::CampaignStatus::Open) {
            continue;
        }
        auto s = survey(c.surveyId, c.surveyVersion);
        if (s && s->kind == td::model::SurveyKind::Dialogue) {
            runner->setSurvey(std::move(*s));
            setLastError({});
            return QString::fromStdString(c.id);
        }
    }
    setLastError(tr("Ingen undersökning för medborgardialog finns på enheten. Synka och försök "
                    "igen."));
    return {};
}

void ContentRepository::setLastError(const QString& error) {
    if (error != m_lastError) {
        m_lastError = error;
        Q_EMIT lastErrorChanged();
    }
}

} // namespace td::app
