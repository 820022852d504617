#pragma once
// The places of one `place` answer: each from the registry, the current position or a
// description, with its chosen times of day and reasons.

#include "td/model/response.hpp"

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <vector>

namespace td::app {

class PlaceEntryModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by a question controller")
public:
    enum Role {
        KindRole = Qt::UserRole + 1, ///< "registry", "position" or "description"
        LabelRole,
        TimesOfDayRole, ///< QStringList of time-of-day ids
        ReasonsRole,    ///< QStringList of reason ids
        AccuracyRole,   ///< metres, or -1 when the entry is not a position
    };
    Q_ENUM(Role)

    explicit PlaceEntryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Resolves a registry place id to its name for display.
    void setPlaceNameLookup(std::function<QString(const QString&)> lookup);
    void setEntries(std::vector<td::model::PlaceEntry> entries);
    const std::vector<td::model::PlaceEntry>& entries() const { return m_entries; }

private:
    QString label(const td::model::PlaceEntry& entry) const;

    std::vector<td::model::PlaceEntry> m_entries;
    std::function<QString(const QString&)> m_lookup;
};

} // namespace td::app
