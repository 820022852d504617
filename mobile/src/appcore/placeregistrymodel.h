#pragma once
// The place registry (plats) for choosing a place in a place question, a dialogue or a walk.
// Its rows are the places in service; retired places are not offered, but their names are
// still known (a draft or a finished answer may name one).

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

    /// Replaces the registry; places in service are listed by locality, then name.
    void setPlaces(std::vector<td::model::Place> places);
    /// Whether `id` names a place in service (not retired, not unknown).
    Q_INVOKABLE bool isOffered(const QString& id) const;
    /// The name of the place with `id`; empty when unknown.
    Q_INVOKABLE QString nameOf(const QString& id) const;
    Q_INVOKABLE QString localityOf(const QString& id) const;

private:
    const td::model::Place* find(const QString& id) const;
    std::vector<td::model::Place> m_places;  // in service: the rows
    std::vector<td::model::Place> m_retired; // named, not offered
};

} // namespace td::app
