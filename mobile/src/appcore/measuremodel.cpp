#include "appcore/measuremodel.h"

#include "appcore/localstore.h"
#include "appcore/measurestatus.h"
#include "appcore/text.h"
#include "td/model/codec.hpp"
#include "td/store/device_store.hpp"
#include "td/sync/editable_sync.hpp"

#include <QStringList>
#include <algorithm>
#include <limits>
#include <set>

namespace td::app {

using td::model::MeasureStatus;
using td::model::Priority;
using td::model::ResponsibleParty;

MeasureModel::MeasureModel(LocalStore* store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_conflict([store](const std::string& id) { return measureConflictFields(*store, id); }) {
    connect(m_store, &LocalStore::changed, this, &MeasureModel::reload);
    reload();
}

int MeasureModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant MeasureModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const td::model::Measure& m = row.measure;
    switch (role) {
    case IdRole:
        return qs(m.id);
    case Qt::DisplayRole:
    case TitleRole:
        return qs(m.title);
    case DescriptionRole:
        return qs(m.description);
    case ResponsiblePartyRole:
        return partyLabel(m.responsibleParty);
    case PriorityRole:
        return priorityLabel(m.priority);
    case PriorityKeyRole:
        return qs(td::model::toString(m.priority));
    case DeadlineRole:
        return qs(m.deadline.value_or(std::string()));
    case StatusRole:
        return statusLabel(m.status);
    case StatusKeyRole:
        return qs(td::model::toString(m.status));
    case RejectionReasonRole:
        return qs(m.rejectionReason.value_or(std::string()));
    case ConflictRole:
        return !row.conflictFields.empty();
    case ConflictFieldsRole: {
        QStringList labels;
        for (const auto& field : row.conflictFields) {
            labels.append(fieldLabel(field));
        }
        return labels.join(QStringLiteral(", "));
    }
    case PendingRole:
        return row.pending;
    default:
        return {};
    }
}

QHash<int, QByteArray> MeasureModel::roleNames() const {
    return {{IdRole, "measureId"},
            {TitleRole, "title"},
            {DescriptionRole, "description"},
            {ResponsiblePartyRole, "responsibleParty"},
            {PriorityRole, "priority"},
            {PriorityKeyRole, "priorityKey"},
            {DeadlineRole, "deadline"},
            {StatusRole, "status"},
            {StatusKeyRole, "statusKey"},
            {RejectionReasonRole, "rejectionReason"},
            {ConflictRole, "conflict"},
            {ConflictFieldsRole, "conflictFields"},
            {PendingRole, "pending"}};
}

void MeasureModel::setConflictLookup(ConflictLookup lookup) {
    m_conflict = std::move(lookup);
    reload();
}

bool MeasureModel::setStatus(const QString& measureId, const QString& status,
                             const QString& reason) {
    const td::Status changed = changeMeasureStatus(*m_store, measureId.toStdString(),
                                                   status.toStdString(), reason.toStdString());
    if (!changed) {
        const td::Error& e = changed.error();
        setLastError(e.code == "rejection_reason_required"
                         ? tr("Ange ett skäl för att avslå åtgärden.")
                     : e.code == "invalid_transition"
                         ? tr("Åtgärden kan inte få den statusen nu.")
                         : tr("Statusen kunde inte ändras: %1").arg(qs(e.describe())));
        return false;
    }
    setLastError({});
    return true;
}

QVariantList MeasureModel::statusOptions(const QString& current) const {
    QVariantList options;
    const std::string from = current.toStdString();
    for (const auto status :
         {MeasureStatus::Proposed, MeasureStatus::Decided, MeasureStatus::InProgress,
          MeasureStatus::Done, MeasureStatus::Rejected}) {
        if (!isAllowedStatusChange(from, td::model::toString(status))) {
            continue;
        }
        options.append(QVariantMap{{QStringLiteral("key"), qs(td::model::toString(status))},
                                   {QStringLiteral("label"), statusLabel(status)}});
    }
    return options;
}

void MeasureModel::setLastError(const QString& error) {
    if (error != m_lastError) {
        m_lastError = error;
        Q_EMIT lastErrorChanged();
    }
}

void MeasureModel::reload() {
    std::set<std::string> pendingIds;
    if (auto pending = m_store->deviceStore().pending(std::numeric_limits<std::size_t>::max(),
                                                      std::numeric_limits<std::size_t>::max())) {
        for (const auto& entry : *pending) {
            pendingIds.insert(entry.record.id);
        }
    }
    std::vector<Row> rows;
    for (const auto& body : m_store->recordBodies("measure")) {
        // The device store only holds measures that passed the strict decoder on pull.
        auto measure = td::model::fromJsonText<td::model::Measure>(body);
        if (!measure) {
            continue;
        }
        Row row{td::sync::effectiveMeasure(std::move(measure.value())), {}, false};
        if (m_conflict) {
            row.conflictFields = m_conflict(row.measure.id);
        }
        row.pending = pendingIds.count(row.measure.id) > 0;
        rows.push_back(std::move(row));
    }
    // Open measures first (by status, then the nearest deadline), finished ones last.
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        const auto& x = a.measure;
        const auto& y = b.measure;
        const std::string noDeadline = "9999-99-99";
        return std::tuple(x.status, x.deadline.value_or(noDeadline), x.title, x.id) <
               std::tuple(y.status, y.deadline.value_or(noDeadline), y.title, y.id);
    });
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges) {
        Q_EMIT countChanged();
    }
}

QString MeasureModel::partyLabel(ResponsibleParty party) {
    switch (party) {
    case ResponsibleParty::Kommun:
        return tr("Kommunen");
    case ResponsibleParty::Polis:
        return tr("Polisen");
    case ResponsibleParty::Fastighetsagare:
        return tr("Fastighetsägare");
    case ResponsibleParty::Trafikverket:
        return tr("Trafikverket");
    case ResponsibleParty::Other:
        return tr("Annan");
    }
    return {};
}

QString MeasureModel::priorityLabel(Priority priority) {
    switch (priority) {
    case Priority::Low:
        return tr("Låg");
    case Priority::Medium:
        return tr("Medel");
    case Priority::High:
        return tr("Hög");
    }
    return {};
}

QString MeasureModel::fieldLabel(const std::string& field) {
    if (field == "status") {
        return tr("status");
    }
    if (field == "rejection_reason") {
        return tr("skäl");
    }
    if (field == "priority") {
        return tr("prioritet");
    }
    if (field == "deadline") {
        return tr("slutdatum");
    }
    if (field == "responsible_party") {
        return tr("ansvarig");
    }
    if (field == "title") {
        return tr("rubrik");
    }
    if (field == "description") {
        return tr("beskrivning");
    }
    return qs(field);
}

QString MeasureModel::statusLabel(MeasureStatus status) {
    switch (status) {
    case MeasureStatus::Proposed:
        return tr("Föreslagen");
    case MeasureStatus::Decided:
        return tr("Beslutad");
    case MeasureStatus::InProgress:
        return tr("Pågår");
    case MeasureStatus::Done:
        return tr("Genomförd");
    case MeasureStatus::Rejected:
        return tr("Avslagen");
    }
    return {};
}

} // namespace td::app
