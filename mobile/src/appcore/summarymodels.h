#pragma once
// The rows of "Vad invånarna har sagt": focus areas by concern, the negative share per
// question, and unsafe places, from one pulled public summary. A figure the summary withholds
// (fewer than k answers) has `suppressed` true and no number.

#include "td/model/public_summary.hpp"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace td::app {

class SummaryAreaModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the summary controller")
public:
    enum Role {
        AreaRole = Qt::UserRole + 1, ///< focus area wire name
        NameRole,
        RankRole,       ///< 1 = highest concern; 0 when not ranked
        ScoreRole,      ///< concern score in [0, 1]; 0 when suppressed
        ScoreTextRole,  ///< "42 % (95 % KI 37–47 %)", or the suppression text
        SuppressedRole, ///< the score rests on fewer than k answers
        RankNoteRole,   ///< the rank's interval and the areas it cannot be told apart from, or ""
    };
    Q_ENUM(Role)

    explicit SummaryAreaModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Ranked areas first, then unranked ones in their wire order.
    void setAreas(std::vector<td::model::SummaryFocusArea> areas);

private:
    static QString rankNote(const td::model::SummaryFocusArea& area);
    std::vector<td::model::SummaryFocusArea> m_areas;
};

class SummaryQuestionModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the summary controller")
public:
    enum Role {
        QuestionIdRole = Qt::UserRole + 1,
        TextRole,
        AreaNameRole,
        ShareRole, ///< negative share in [0, 1]
        CiLowRole, ///< 95 % interval
        CiHighRole,
        ShareTextRole, ///< "38 % viktat (95 % KI 31–45 %)", or the suppression text
        BaseTextRole,  ///< "37 svar", empty when suppressed
        SuppressedRole,
    };
    Q_ENUM(Role)

    explicit SummaryQuestionModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Keeps the questions with a negative share, or whose figures are withheld; background
    /// questions are left out. Weighted shares when `weighted`, else unweighted.
    void setQuestions(const std::vector<td::model::SummaryQuestion>& questions, bool weighted,
                      const QString& language);

private:
    struct Row {
        QString id;
        QString text;
        QString areaName;
        bool suppressed = false;
        bool weighted = false;
        td::model::SummaryShare share;
        double base = 0;
    };
    std::vector<Row> m_rows;
};

class SummaryPlaceModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the summary controller")
public:
    enum Role {
        RankRole = Qt::UserRole + 1,
        NameRole,         ///< registry name, or "Plats vid 64.20, 19.71"
        MentionsRole,     ///< survey mentions + walk observations
        MentionsTextRole, ///< "12 omnämnanden, 3 iakttagelser"
        TimesTextRole,    ///< the times of day published, most mentioned first
    };
    Q_ENUM(Role)

    explicit SummaryPlaceModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setPlaces(std::vector<td::model::SummaryPlace> places);

private:
    std::vector<td::model::SummaryPlace> m_places;
};

/// A share in [0, 1] as a whole percent ("42 %").
QString percentText(double share);
/// What is shown instead of a figure that rests on fewer than k answers.
QString tooFewText();

} // namespace td::app
