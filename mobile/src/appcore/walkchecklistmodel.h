#pragma once
// The safety-walk checklist of one observation: each item (lighting, sightlines, …) with its
// rating 0–3, "not applicable", or not rated yet ("not checked"). The quick path rates every
// item not rated yet as 0 ("checked, no problem") and marks those items, so the form shows
// what it set and each can be changed (or the whole step undone) before saving.

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
    /// Items in the checklist.
    Q_PROPERTY(int count READ rowCount NOTIFY ratingsChanged)
    /// Items the quick path rated 0 that have not been changed since.
    Q_PROPERTY(int quickCount READ quickCount NOTIFY ratingsChanged)
public:
    enum Role { ItemIdRole = Qt::UserRole + 1, LabelRole, HelpRole, RatingRole, QuickRole };
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
    /// The quick path: every item not rated yet becomes 0 ("checked, no problem"), marked as
    /// set by it. Items already rated or not applicable are left alone. Returns how many.
    Q_INVOKABLE int rateRestNoProblem();
    /// Undoes the quick path: the items it set and nobody changed since are not rated again.
    Q_INVOKABLE int undoRestNoProblem();
    void clearRatings();
    int ratedCount() const;
    int quickCount() const;

    /// The ratings as an observation carries them (unrated items are left out).
    std::map<std::string, td::model::ChecklistRating> ratings() const;

Q_SIGNALS:
    void ratingsChanged();

private:
    td::model::WalkChecklist m_checklist;
    QString m_language;
    std::vector<int> m_ratings;
    std::vector<bool> m_quick; ///< rated 0 by the quick path and unchanged since
};

} // namespace td::app
