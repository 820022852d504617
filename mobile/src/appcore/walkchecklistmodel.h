#pragma once
// The safety-walk checklist of one observation: each item (lighting, sightlines, …) with its
// rating 0–3, "not applicable", or not rated yet.

#include "td/model/checklist.hpp"
#include "td/model/walk.hpp"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <map>
#include <string>
#include <vector>

namespace td::app {

class WalkChecklistModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the walk controller")
    Q_PROPERTY(int ratedCount READ ratedCount NOTIFY ratingsChanged)
public:
    enum Role { ItemIdRole = Qt::UserRole + 1, LabelRole, HelpRole, RatingRole };
    Q_ENUM(Role)
    /// Rating values besides 0..3.
    enum Rating { Unrated = -1, NotApplicable = -2 };
    Q_ENUM(Rating)

    explicit WalkChecklistModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the items (labels in `language`); every rating is cleared.
    void setChecklist(const td::model::WalkChecklist& checklist, const QString& language);
    /// Relabels the items in `language`, keeping the ratings.
    void setLanguage(const QString& language);
    /// Sets the rating of the item at `row`: 0..3, NotApplicable or Unrated. False when the
    /// row or value is out of range.
    Q_INVOKABLE bool setRating(int row, int rating);
    Q_INVOKABLE int ratingOf(const QString& itemId) const;
    void clearRatings();
    int ratedCount() const;

    /// The ratings as an observation carries them (unrated items are left out).
    std::map<std::string, td::model::ChecklistRating> ratings() const;

Q_SIGNALS:
    void ratingsChanged();

private:
    td::model::WalkChecklist m_checklist;
    QString m_language;
    std::vector<int> m_ratings;
};

} // namespace td::app
