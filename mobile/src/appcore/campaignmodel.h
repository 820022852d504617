#pragma once
// The campaigns (undersökningsomgångar) this device may use, for the home screen.

#include "td/model/campaign.hpp"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace td::app {

class CampaignModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        YearRole,
        SurveyIdRole,
        ChannelsRole, ///< QStringList of channel wire names
        PeriodRole,   ///< "YYYY-MM-DD – YYYY-MM-DD"
        OpenRole,
    };
    Q_ENUM(Role)

    explicit CampaignModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString language() const { return m_language; }
    void setLanguage(const QString& language);
    int count() const { return rowCount(); }
    /// Replaces the campaigns; newest year first, then by name.
    void setCampaigns(std::vector<td::model::Campaign> campaigns);
    const td::model::Campaign* find(const QString& id) const;
    /// The id of the first open campaign offering `channel`; empty when none.
    Q_INVOKABLE QString firstWithChannel(const QString& channel) const;

Q_SIGNALS:
    void languageChanged();
    void countChanged();

private:
    std::vector<td::model::Campaign> m_campaigns;
    QString m_language = QStringLiteral("sv");
};

} // namespace td::app
