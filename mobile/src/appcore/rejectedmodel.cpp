#include "appcore/rejectedmodel.h"

#include "appcore/localstore.h"
#include "appcore/text.h"

namespace td::app {

RejectedModel::RejectedModel(LocalStore* store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store) {
    reload();
}

int RejectedModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant RejectedModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& e = m_entries[static_cast<std::size_t>(index.row())];
    switch (role) {
    case RecordIdRole:
        return qs(e.id);
    case KindRole:
        return qs(e.kind);
    case Qt::DisplayRole:
    case KindLabelRole:
        if (e.kind == "response") {
            return tr("Enkätsvar");
        }
        if (e.kind == "dialogue") {
            return tr("Medborgardialog");
        }
        return qs(e.kind);
    case ReasonRole:
        if (e.state == td::store::OutboxState::Conflict) {
            return tr("Konflikt med serverns version (%1)").arg(qs(e.reasonCode));
        }
        return e.reason.empty() ? qs(e.reasonCode)
                                : QStringLiteral("%1 (%2)").arg(qs(e.reason), qs(e.reasonCode));
    case StateRole:
        return qs(td::store::toString(e.state));
    default:
        return {};
    }
}

QHash<int, QByteArray> RejectedModel::roleNames() const {
    return {{RecordIdRole, "recordId"},
            {KindRole, "kind"},
            {KindLabelRole, "kindLabel"},
            {ReasonRole, "reason"},
            {StateRole, "state"}};
}

void RejectedModel::reload() {
    auto rejected = m_store->deviceStore().rejected();
    beginResetModel();
    m_entries = rejected ? std::move(rejected.value()) : std::vector<td::store::OutboxEntry>{};
    endResetModel();
}

} // namespace td::app
