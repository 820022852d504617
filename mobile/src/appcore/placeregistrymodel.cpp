#include "appcore/placeregistrymodel.h"

#include "appcore/text.h"

#include <algorithm>

namespace td::app {

PlaceRegistryModel::PlaceRegistryModel(QObject* parent)
    : QAbstractListModel(parent) {}

int PlaceRegistryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_places.size());
}

QVariant PlaceRegistryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& place = m_places[static_cast<std::size_t>(index.row())];
    switch (role) {
    case IdRole:
        return qs(place.id);
    case Qt::DisplayRole:
    case NameRole:
        return qs(place.name);
    case LocalityRole:
        return qs(place.locality);
    case KindRole:
        return qs(place.kind);
    default:
        return {};
    }
}

QHash<int, QByteArray> PlaceRegistryModel::roleNames() const {
    return {
        {IdRole, "placeId"}, {NameRole, "name"}, {LocalityRole, "locality"}, {KindRole, "kind"}};
}

void PlaceRegistryModel::setPlaces(std::vector<td::model::Place> places) {
    std::sort(places.begin(), places.end(), [](const auto& a, const auto& b) {
        return std::tie(a.locality, a.name) < std::tie(b.locality, b.name);
    });
    const auto retired = std::stable_partition(places.begin(), places.end(),
                                               [](const auto& p) { return !p.retired(); });
    beginResetModel();
    m_retired.assign(std::make_move_iterator(retired), std::make_move_iterator(places.end()));
    places.erase(retired, places.end());
    m_places = std::move(places);
    endResetModel();
}

const td::model::Place* PlaceRegistryModel::find(const QString& id) const {
    const std::string key = id.toStdString();
    for (const auto* list : {&m_places, &m_retired}) {
        const auto it =
            std::find_if(list->begin(), list->end(), [&](const auto& p) { return p.id == key; });
        if (it != list->end()) {
            return &*it;
        }
    }
    return nullptr;
}

bool PlaceRegistryModel::isOffered(const QString& id) const {
    const auto* place = find(id);
    return place && !place->retired();
}

QString PlaceRegistryModel::nameOf(const QString& id) const {
    const auto* place = find(id);
    return place ? qs(place->name) : QString();
}

QString PlaceRegistryModel::localityOf(const QString& id) const {
    const auto* place = find(id);
    return place ? qs(place->locality) : QString();
}

} // namespace td::app
