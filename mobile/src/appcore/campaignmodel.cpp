#include "appcore/campaignmodel.h"

#include "appcore/text.h"

#include <algorithm>

namespace td::app {

CampaignModel::CampaignModel(QObject* parent)
    : QAbstractListModel(parent) {}

int CampaignModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_campaigns.size());
}

QVariant CampaignModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& c = m_campaigns[static_cast<std::size_t>(index.row())];
    switch (role) {
    case IdRole:
        return qs(c.id);
    case Qt::DisplayRole:
    case NameRole:
        return localized(c.name, m_language);
    case YearRole:
        return static_cast<int>(c.year);
    case SurveyIdRole:
        return qs(c.surveyId);
    case ChannelsRole: {
        QStringList channels;
        for (auto ch : c.channels) {
            channels.append(qs(td::model::toString(ch)));
        }
        return channels;
    }
    case PeriodRole:
        return QStringLiteral("%1 – %2").arg(qs(c.periodStart), qs(c.periodEnd));
    case OpenRole:
        return c.status == td::model::CampaignStatus::Open;
    default:
        return {};
    }
}

QHash<int, QByteArray> CampaignModel::roleNames() const {
    return {{IdRole, "campaignId"},     {NameRole, "name"},         {YearRole, "year"},
            {SurveyIdRole, "surveyId"}, {ChannelsRole, "channels"}, {PeriodRole, "period"},
            {OpenRole, "open"}};
}

void CampaignModel::setLanguage(const QString& language) {
    if (language == m_language) {
        return;
    }
    m_language = language;
    if (!m_campaigns.empty()) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {NameRole, Qt::DisplayRole});
    }
    Q_EMIT languageChanged();
}

void CampaignModel::setCampaigns(std::vector<td::model::Campaign> campaigns) {
    std::sort(campaigns.begin(), campaigns.end(), [](const auto& a, const auto& b) {
        return a.year != b.year ? a.year > b.year : a.name.sv < b.name.sv;
    });
    beginResetModel();
    m_campaigns = std::move(campaigns);
    endResetModel();
    Q_EMIT countChanged();
}

const td::model::Campaign* CampaignModel::find(const QString& id) const {
    const std::string key = id.toStdString();
    const auto it = std::find_if(m_campaigns.begin(), m_campaigns.end(),
                                 [&](const auto& c) { return c.id == key; });
    return it == m_campaigns.end() ? nullptr : &*it;
}

QString CampaignModel::firstWithChannel(const QString& channel) const {
    const auto ch = td::model::enumFromString<td::model::Channel>(channel.toStdString());
    for (const auto& c : m_campaigns) {
        if (ch && c.status == td::model::CampaignStatus::Open &&
            std::find(c.channels.begin(), c.channels.end(), *ch) != c.channels.end()) {
            return qs(c.id);
        }
    }
    return {};
}

} // namespace td::app
