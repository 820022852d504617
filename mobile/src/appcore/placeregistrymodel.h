#pragma once
// The place registry (plats) for choosing a place in a place question or a dialogue.

#include "td/model/place.hpp"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace td::app {

class PlaceRegistryModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, LocalityRole, KindRole };
    Q_ENUM(Role)

    explicit PlaceRegistryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the registry; places are listed by locality, then name.
    void setPlaces(std::vector<td::model::Place> places);
    /// The name of the place with `id`; empty when unknown.
    Q_INVOKABLE QString nameOf(const QString& id) const;
    Q_INVOKABLE QString localityOf(const QString& id) const;

private:
    const td::model::Place* find(const QString& id) const;
    std::vector<td::model::Place> m_places;
};

} // namespace td::app
