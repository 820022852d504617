#include "appcore/topicmodel.h"

#include "appcore/text.h"

#include <algorithm>

namespace td::app {

using td::model::FocusArea;

TopicModel::TopicModel(QObject* parent)
    : QAbstractListModel(parent) {}

QString TopicModel::focusAreaLabel(FocusArea area) {
    switch (area) {
    case FocusArea::Drugs:
        return tr("Narkotika");
    case FocusArea::Traffic:
        return tr("Trafik");
    case FocusArea::CloseViolence:
        return tr("Våld i nära relationer");
    case FocusArea::EconomicCrime:
        return tr("Ekonomisk brottslighet och bedrägerier");
    case FocusArea::UnsafePlaces:
        return tr("Otrygga platser");
    case FocusArea::General:
        return tr("Övrigt");
    }
    return {};
}

int TopicModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kRows;
}

QVariant TopicModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto area = static_cast<FocusArea>(index.row());
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case FocusAreaRole:
        return qs(td::model::toString(area));
    case Qt::DisplayRole:
    case LabelRole:
        return focusAreaLabel(area);
    case CountRole:
        return row.count;
    case NoteRole:
        return row.note;
    default:
        return {};
    }
}

QHash<int, QByteArray> TopicModel::roleNames() const {
    return {{FocusAreaRole, "focusArea"},
            {LabelRole, "label"},
            {CountRole, "count"},
            {NoteRole, "note"}};
}

void TopicModel::adjust(int row, int delta) {
    if (row < 0 || row >= kRows) {
        return;
    }
    Row& r = m_rows[static_cast<std::size_t>(row)];
    const int count = std::max(0, r.count + delta);
    if (count != r.count) {
        r.count = count;
        Q_EMIT dataChanged(index(row), index(row), {CountRole});
    }
}

void TopicModel::setNote(int row, const QString& note) {
    if (row < 0 || row >= kRows) {
        return;
    }
    const QString trimmed = note.trimmed().left(500);
    Row& r = m_rows[static_cast<std::size_t>(row)];
    if (trimmed != r.note) {
        r.note = trimmed;
        Q_EMIT dataChanged(index(row), index(row), {NoteRole});
    }
}

void TopicModel::clear() {
    beginResetModel();
    m_rows = {};
    endResetModel();
}

std::vector<td::model::DialogueTopic> TopicModel::topics() const {
    std::vector<td::model::DialogueTopic> topics;
    for (int i = 0; i < kRows; ++i) {
        const Row& r = m_rows[static_cast<std::size_t>(i)];
        if (r.count == 0 && r.note.isEmpty()) {
            continue;
        }
        td::model::DialogueTopic topic;
        topic.focusArea = static_cast<FocusArea>(i);
        topic.count = r.count;
        if (!r.note.isEmpty()) {
            topic.note = r.note.toStdString();
        }
        topics.push_back(std::move(topic));
    }
    return topics;
}

} // namespace td::app
