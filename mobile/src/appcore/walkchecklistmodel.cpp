#include "appcore/walkchecklistmodel.h"

#include "appcore/text.h"

#include <algorithm>

namespace td::app {

WalkChecklistModel::WalkChecklistModel(QObject* parent)
    : QAbstractListModel(parent) {}

int WalkChecklistModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_checklist.items.size());
}

QVariant WalkChecklistModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& item = m_checklist.items[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return localized(item.label, m_language);
    case ItemIdRole:
        return qs(item.id);
    case HelpRole:
        return localized(item.help, m_language);
    case RatingRole:
        return m_ratings[static_cast<std::size_t>(index.row())];
    case QuickRole:
        return bool(m_quick[static_cast<std::size_t>(index.row())]);
    default:
        return {};
    }
}

QHash<int, QByteArray> WalkChecklistModel::roleNames() const {
    return {{ItemIdRole, "itemId"},
            {LabelRole, "label"},
            {HelpRole, "help"},
            {RatingRole, "rating"},
            {QuickRole, "quick"}};
}

void WalkChecklistModel::setChecklist(const td::model::WalkChecklist& checklist,
                                      const QString& language) {
    beginResetModel();
    m_checklist = checklist;
    m_language = language;
    m_ratings.assign(m_checklist.items.size(), Unrated);
    m_quick.assign(m_checklist.items.size(), false);
    endResetModel();
    Q_EMIT ratingsChanged();
}

void WalkChecklistModel::setLanguage(const QString& language) {
    if (language == m_language) {
        return;
    }
    m_language = language;
    if (!m_checklist.items.empty()) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole, LabelRole, HelpRole});
    }
}

bool WalkChecklistModel::setRating(int row, int rating) {
    if (row < 0 || row >= rowCount() || rating < NotApplicable || rating > 3) {
        return false;
    }
    int& current = m_ratings[static_cast<std::size_t>(row)];
    const bool wasQuick = m_quick[static_cast<std::size_t>(row)];
    if (current != rating || wasQuick) {
        current = rating;
        m_quick[static_cast<std::size_t>(row)] = false; // the officer's own choice now
        Q_EMIT dataChanged(index(row), index(row), {RatingRole, QuickRole});
        Q_EMIT ratingsChanged();
    }
    return true;
}

int WalkChecklistModel::rateRestNoProblem() {
    int set = 0;
    for (std::size_t i = 0; i < m_ratings.size(); ++i) {
        if (m_ratings[i] == Unrated) {
            m_ratings[i] = 0;
            m_quick[i] = true;
            ++set;
        }
    }
    if (set > 0) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {RatingRole, QuickRole});
        Q_EMIT ratingsChanged();
    }
    return set;
}

int WalkChecklistModel::undoRestNoProblem() {
    int undone = 0;
    for (std::size_t i = 0; i < m_ratings.size(); ++i) {
        if (m_quick[i]) {
            m_ratings[i] = Unrated;
            m_quick[i] = false;
            ++undone;
        }
    }
    if (undone > 0) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {RatingRole, QuickRole});
        Q_EMIT ratingsChanged();
    }
    return undone;
}

int WalkChecklistModel::ratingOf(const QString& itemId) const {
    for (std::size_t i = 0; i < m_checklist.items.size(); ++i) {
        if (qs(m_checklist.items[i].id) == itemId) {
            return m_ratings[i];
        }
    }
    return Unrated;
}

void WalkChecklistModel::clearRatings() {
    if (m_ratings.empty()) {
        return;
    }
    m_ratings.assign(m_ratings.size(), Unrated);
    m_quick.assign(m_quick.size(), false);
    Q_EMIT dataChanged(index(0), index(rowCount() - 1), {RatingRole, QuickRole});
    Q_EMIT ratingsChanged();
}

int WalkChecklistModel::ratedCount() const {
    return static_cast<int>(
        std::count_if(m_ratings.begin(), m_ratings.end(), [](int r) { return r != Unrated; }));
}

int WalkChecklistModel::quickCount() const {
    return static_cast<int>(std::count(m_quick.begin(), m_quick.end(), true));
}

std::map<std::string, td::model::ChecklistRating> WalkChecklistModel::ratings() const {
    std::map<std::string, td::model::ChecklistRating> out;
    for (std::size_t i = 0; i < m_checklist.items.size(); ++i) {
        if (m_ratings[i] == NotApplicable) {
            out.emplace(m_checklist.items[i].id, std::nullopt);
        } else if (m_ratings[i] != Unrated) {
            out.emplace(m_checklist.items[i].id, m_ratings[i]);
        }
    }
    return out;
}

} // namespace td::app
