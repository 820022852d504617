#pragma once
// Åtgärder: the measures this device has pulled (officer and kiosk devices see them), with
// their responsible party, priority, deadline and status in the UI language, and whether the
// server flagged a conflicting edit. Read-only.

#include "td/model/measure.hpp"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <string>
#include <vector>

namespace td::app {

class LocalStore;

class MeasureModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        DescriptionRole,
        ResponsiblePartyRole, ///< label, e.g. "Kommunen"
        PriorityRole,         ///< label, e.g. "Hög"
        PriorityKeyRole,      ///< "low", "medium", "high"
        DeadlineRole,         ///< YYYY-MM-DD or empty
        StatusRole,           ///< label, e.g. "Pågår"
        StatusKeyRole,        ///< "proposed", "decided", "in_progress", "done", "rejected"
        RejectionReasonRole,
        ConflictRole, ///< the server flagged concurrent edits of this measure
    };
    Q_ENUM(Role)

    /// Whether the stored measure with this id carries a conflict flag.
    using ConflictLookup = std::function<bool(const std::string& id)>;

    explicit MeasureModel(LocalStore* store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setConflictLookup(ConflictLookup lookup);
    /// Reads the measures from the store again (done on every store change).
    Q_INVOKABLE void reload();

    static QString partyLabel(td::model::ResponsibleParty party);
    static QString priorityLabel(td::model::Priority priority);
    static QString statusLabel(td::model::MeasureStatus status);

Q_SIGNALS:
    void countChanged();

private:
    struct Row {
        td::model::Measure measure;
        bool conflict = false;
    };

    LocalStore* m_store;
    ConflictLookup m_conflict;
    std::vector<Row> m_rows;
};

} // namespace td::app
