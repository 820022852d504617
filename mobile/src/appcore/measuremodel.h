#pragma once
// Åtgärder: the measures this device has pulled (officer and kiosk devices see them), with
// their responsible party, priority, deadline and status in the UI language, whether a local
// status change waits to be synced, and which fields are flagged in conflict. An officer
// changes a status through setStatus (queued in the outbox, see measurestatus.h).

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
    /// The last failed setStatus's message; empty after a successful one.
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
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
        ConflictRole,       ///< the server flagged concurrent edits of this measure
        ConflictFieldsRole, ///< the fields in conflict as labels, e.g. "status"
        PendingRole,        ///< a local edit waits in the outbox
    };
    Q_ENUM(Role)

    /// The fields of the stored measure with this id flagged in conflict (empty: none).
    using ConflictLookup = std::function<std::vector<std::string>(const std::string& id)>;

    explicit MeasureModel(LocalStore* store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the conflict lookup (by default the device store's conflict list).
    void setConflictLookup(ConflictLookup lookup);
    QString lastError() const { return m_lastError; }

    /// Changes the status of measure `measureId` ("proposed", "decided", "in_progress",
    /// "done", or "rejected" with a non-blank `reason`) as a queued local edit. False, with
    /// lastError set, when the change is refused.
    Q_INVOKABLE bool setStatus(const QString& measureId, const QString& status,
                               const QString& reason = {});
    /// The statuses a measure with status `current` can be given (itself included), in
    /// workflow order: [{key, label}].
    Q_INVOKABLE QVariantList statusOptions(const QString& current) const;
    /// Reads the measures from the store again (done on every store change).
    Q_INVOKABLE void reload();

    static QString partyLabel(td::model::ResponsibleParty party);
    static QString priorityLabel(td::model::Priority priority);
    static QString statusLabel(td::model::MeasureStatus status);
    /// A measure field's name for the conflict marker (the wire name when unknown).
    static QString fieldLabel(const std::string& field);

Q_SIGNALS:
    void countChanged();
    void lastErrorChanged();

private:
    struct Row {
        td::model::Measure measure;
        std::vector<std::string> conflictFields;
        bool pending = false;
    };
    void setLastError(const QString& error);

    LocalStore* m_store;
    ConflictLookup m_conflict;
    std::vector<Row> m_rows;
    QString m_lastError;
};

} // namespace td::app
