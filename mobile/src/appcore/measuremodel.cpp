#include "appcore/measuremodel.h"

#include "appcore/localstore.h"
#include "appcore/text.h"
#include "td/model/codec.hpp"

#include <algorithm>

namespace td::app {

using td::model::MeasureStatus;
using td::model::Priority;
using td::model::ResponsibleParty;

MeasureModel::MeasureModel(LocalStore* store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store) {
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
        return row.conflict;
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
            {ConflictRole, "conflict"}};
}

void MeasureModel::setConflictLookup(ConflictLookup lookup) {
    m_conflict = std::move(lookup);
    reload();
}

void MeasureModel::reload() {
    std::vector<Row> rows;
    for (const auto& body : m_store->recordBodies("measure")) {
        // The device store only holds measures that passed the strict decoder on pull.
        auto measure = td::model::fromJsonText<td::model::Measure>(body);
        if (!measure) {
            continue;
        }
        Row row{std::move(measure.value()), false};
        row.conflict = m_conflict && m_conflict(row.measure.id);
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
