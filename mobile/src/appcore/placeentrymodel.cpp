#include "appcore/placeentrymodel.h"

#include "appcore/text.h"

namespace td::app {

PlaceEntryModel::PlaceEntryModel(QObject* parent)
    : QAbstractListModel(parent) {}

int PlaceEntryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant PlaceEntryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& entry = m_entries[static_cast<std::size_t>(index.row())];
    switch (role) {
    case KindRole:
        return entry.placeId    ? QStringLiteral("registry")
               : entry.position ? QStringLiteral("position")
                                : QStringLiteral("description");
    case Qt::DisplayRole:
    case LabelRole:
        return label(entry);
    case TimesOfDayRole: {
        QStringList ids;
        for (auto t : entry.timesOfDay) {
            ids.append(qs(td::model::toString(t)));
        }
        return ids;
    }
    case ReasonsRole: {
        QStringList ids;
        for (const auto& r : entry.reasons) {
            ids.append(qs(r));
        }
        return ids;
    }
    case AccuracyRole:
        return entry.position ? entry.position->accuracyM : -1.0;
    default:
        return {};
    }
}

QHash<int, QByteArray> PlaceEntryModel::roleNames() const {
    return {{KindRole, "kind"},
            {LabelRole, "label"},
            {TimesOfDayRole, "timesOfDay"},
            {ReasonsRole, "reasons"},
            {AccuracyRole, "accuracy"}};
}

void PlaceEntryModel::setPlaceNameLookup(std::function<QString(const QString&)> lookup) {
    m_lookup = std::move(lookup);
}

void PlaceEntryModel::setEntries(std::vector<td::model::PlaceEntry> entries) {
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

QString PlaceEntryModel::label(const td::model::PlaceEntry& entry) const {
    if (entry.placeId) {
        const QString id = qs(*entry.placeId);
        const QString name = m_lookup ? m_lookup(id) : QString();
        return name.isEmpty() ? id : name;
    }
    if (entry.position) {
        return tr("Här jag står nu (%1, %2, ±%3 m)")
            .arg(entry.position->lat, 0, 'f', 5)
            .arg(entry.position->lon, 0, 'f', 5)
            .arg(qRound(entry.position->accuracyM));
    }
    return entry.description ? qs(*entry.description) : QString();
}

} // namespace td::app
