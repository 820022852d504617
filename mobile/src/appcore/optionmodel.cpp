#include "appcore/optionmodel.h"

namespace td::app {

OptionModel::OptionModel(QObject* parent)
    : QAbstractListModel(parent) {}

int OptionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_options.size());
}

QVariant OptionModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Option& option = m_options[static_cast<std::size_t>(index.row())];
    switch (role) {
    case KeyRole:
        return option.key;
    case Qt::DisplayRole:
    case LabelRole:
        return option.label;
    case SelectedRole:
        return m_selected.contains(option.key);
    default:
        return {};
    }
}

QHash<int, QByteArray> OptionModel::roleNames() const {
    return {{KeyRole, "key"}, {LabelRole, "label"}, {SelectedRole, "selected"}};
}

void OptionModel::setOptions(std::vector<Option> options) {
    beginResetModel();
    m_options = std::move(options);
    m_selected.clear();
    endResetModel();
}

void OptionModel::setSelectedKeys(const QStringList& keys) {
    if (keys == m_selected) {
        return;
    }
    m_selected = keys;
    if (!m_options.empty()) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {SelectedRole});
    }
}

QString OptionModel::keyAt(int row) const {
    if (row < 0 || row >= rowCount()) {
        return {};
    }
    return m_options[static_cast<std::size_t>(row)].key;
}

} // namespace td::app
