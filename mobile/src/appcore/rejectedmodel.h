#pragma once
// "Behöver åtgärdas": outbox entries the server rejected or found in conflict.

#include "td/store/device_store.hpp"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace td::app {

class LocalStore;

class RejectedModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the sync controller")
public:
    enum Role {
        RecordIdRole = Qt::UserRole + 1,
        KindRole,
        KindLabelRole,
        ReasonRole, ///< the server's reason with its code
        StateRole,  ///< "rejected" or "conflict"
    };
    Q_ENUM(Role)

    explicit RejectedModel(LocalStore* store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Reads the rejected entries from the device store again.
    Q_INVOKABLE void reload();

private:
    LocalStore* m_store;
    std::vector<td::store::OutboxEntry> m_entries;
};

} // namespace td::app
