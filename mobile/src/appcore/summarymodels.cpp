#include "appcore/summarymodels.h"

#include "appcore/text.h"
#include "appcore/topicmodel.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace td::app {

using td::model::SummaryFocusArea;
using td::model::SummaryPlace;
using td::model::SummaryQuestion;

QString percentText(double share) {
    return QCoreApplication::translate("Summary", "%1 %").arg(std::lround(share * 100.0));
}

QString tooFewText() {
    return QCoreApplication::translate("Summary", "För få svar för att visa");
}

// --- focus areas -------------------------------------------------------------------------

SummaryAreaModel::SummaryAreaModel(QObject* parent)
    : QAbstractListModel(parent) {}

int SummaryAreaModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_areas.size());
}

QVariant SummaryAreaModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SummaryFocusArea& a = m_areas[static_cast<std::size_t>(index.row())];
    switch (role) {
    case AreaRole:
        return qs(td::model::toString(a.area));
    case Qt::DisplayRole:
    case NameRole:
        return TopicModel::focusAreaLabel(a.area);
    case RankRole:
        return static_cast<int>(a.rank);
    case ScoreRole:
        return a.concernScore.value_or(0.0);
    case ScoreTextRole:
        if (!a.concernScore)
            return tooFewText();
        if (!a.score)
            return percentText(*a.concernScore);
        return tr("%1 (95 % KI %2–%3)")
            .arg(percentText(a.score->share))
            .arg(std::lround(a.score->ciLow * 100.0))
            .arg(percentText(a.score->ciHigh));
    case SuppressedRole:
        return !a.concernScore.has_value();
    case RankNoteRole:
        return rankNote(a);
    default:
        return {};
    }
}

QString SummaryAreaModel::rankNote(const SummaryFocusArea& a) {
    QStringList parts;
    if (a.rankInterval && a.rankInterval->low != a.rankInterval->high)
        parts << tr("Plats %1–%2 med hänsyn till osäkerheten")
                     .arg(a.rankInterval->low)
                     .arg(a.rankInterval->high);
    QStringList others;
    for (td::model::FocusArea other : a.indistinguishableFrom)
        others << TopicModel::focusAreaLabel(other);
    if (!others.isEmpty())
        parts << tr("går inte att skilja från %1").arg(others.join(tr(" och ")));
    if (parts.isEmpty())
        return {};
    QString note = parts.join(QStringLiteral("; "));
    note[0] = note[0].toUpper();
    return note + QLatin1Char('.');
}

QHash<int, QByteArray> SummaryAreaModel::roleNames() const {
    return {{AreaRole, "area"},        {NameRole, "name"},           {RankRole, "rank"},
            {ScoreRole, "score"},      {ScoreTextRole, "scoreText"}, {SuppressedRole, "suppressed"},
            {RankNoteRole, "rankNote"}};
}

void SummaryAreaModel::setAreas(std::vector<SummaryFocusArea> areas) {
    std::stable_sort(areas.begin(), areas.end(), [](const auto& a, const auto& b) {
        const auto key = [](const SummaryFocusArea& x) {
            return x.rank > 0 ? x.rank : std::int64_t{1000};
        };
        return key(a) < key(b);
    });
    beginResetModel();
    m_areas = std::move(areas);
    endResetModel();
}

// --- questions ---------------------------------------------------------------------------

SummaryQuestionModel::SummaryQuestionModel(QObject* parent)
    : QAbstractListModel(parent) {}

int SummaryQuestionModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant SummaryQuestionModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case QuestionIdRole:
        return r.id;
    case Qt::DisplayRole:
    case TextRole:
        return r.text;
    case AreaNameRole:
        return r.areaName;
    case ShareRole:
        return r.suppressed ? 0.0 : r.share.share;
    case CiLowRole:
        return r.suppressed ? 0.0 : r.share.ciLow;
    case CiHighRole:
        return r.suppressed ? 0.0 : r.share.ciHigh;
    case ShareTextRole:
        if (r.suppressed)
            return tooFewText();
        return (r.weighted ? tr("%1 viktat (95 % KI %2–%3)") : tr("%1 oviktat (95 % KI %2–%3)"))
            .arg(percentText(r.share.share))
            .arg(std::lround(r.share.ciLow * 100.0))
            .arg(percentText(r.share.ciHigh));
    case BaseTextRole:
        return r.suppressed ? QString() : tr("%n svar", "", static_cast<int>(std::lround(r.base)));
    case SuppressedRole:
        return r.suppressed;
    default:
        return {};
    }
}

QHash<int, QByteArray> SummaryQuestionModel::roleNames() const {
    return {
        {QuestionIdRole, "questionId"}, {TextRole, "text"},         {AreaNameRole, "areaName"},
        {ShareRole, "share"},           {CiLowRole, "ciLow"},       {CiHighRole, "ciHigh"},
        {ShareTextRole, "shareText"},   {BaseTextRole, "baseText"}, {SuppressedRole, "suppressed"}};
}

void SummaryQuestionModel::setQuestions(const std::vector<SummaryQuestion>& questions,
                                        bool weighted, const QString& language) {
    std::vector<Row> rows;
    for (const SummaryQuestion& q : questions) {
        if (q.background)
            continue;
        // Withheld: the question was answered, but by fewer than k (its counts are gone).
        const bool withheld = !q.answered.has_value();
        if (!q.negative && !withheld)
            continue;
        Row r;
        r.id = qs(q.id);
        r.text = localized(q.text, language);
        r.areaName = TopicModel::focusAreaLabel(q.focusArea);
        r.suppressed = !q.negative;
        r.weighted = weighted;
        if (q.negative) {
            r.share = weighted ? q.negative->weighted : q.negative->unweighted;
            r.base = q.negative->unweighted.base;
        }
        rows.push_back(std::move(r));
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

// --- places ------------------------------------------------------------------------------

SummaryPlaceModel::SummaryPlaceModel(QObject* parent)
    : QAbstractListModel(parent) {}

int SummaryPlaceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_places.size());
}

namespace {

QString timeOfDayLabel(std::size_t t) {
    switch (t) {
    case 0:
        return QCoreApplication::translate("Summary", "morgon");
    case 1:
        return QCoreApplication::translate("Summary", "dag");
    case 2:
        return QCoreApplication::translate("Summary", "kväll");
    default:
        return QCoreApplication::translate("Summary", "natt");
    }
}

QString timesText(const SummaryPlace& p) {
    std::vector<std::pair<std::int64_t, std::size_t>> times;
    for (std::size_t t = 0; t < p.timesOfDay.size(); ++t)
        if (p.timesOfDay[t] && *p.timesOfDay[t] > 0)
            times.emplace_back(*p.timesOfDay[t], t);
    std::stable_sort(times.begin(), times.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    QStringList labels;
    for (const auto& [count, t] : times)
        labels << timeOfDayLabel(t);
    return labels.join(QStringLiteral(", "));
}

} // namespace

QVariant SummaryPlaceModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SummaryPlace& p = m_places[static_cast<std::size_t>(index.row())];
    switch (role) {
    case RankRole:
        return static_cast<int>(p.rank);
    case Qt::DisplayRole:
    case NameRole:
        if (p.placeName)
            return qs(*p.placeName);
        return tr("Plats vid %1, %2").arg(p.lat, 0, 'f', 3).arg(p.lon, 0, 'f', 3);
    case MentionsRole:
        // Withheld components (fewer than k) have no total to show either.
        if (!p.surveyMentions || !p.observations)
            return {};
        return static_cast<qlonglong>(*p.surveyMentions + *p.observations);
    case MentionsTextRole: {
        if (!p.surveyMentions || !p.observations)
            return tr("För få för att visa antal");
        QString text = tr("%n omnämnanden", "", static_cast<int>(*p.surveyMentions));
        if (*p.observations > 0)
            text +=
                QStringLiteral(", ") + tr("%n iakttagelser", "", static_cast<int>(*p.observations));
        return text;
    }
    case TimesTextRole:
        return timesText(p);
    default:
        return {};
    }
}

QHash<int, QByteArray> SummaryPlaceModel::roleNames() const {
    return {{RankRole, "rank"},
            {NameRole, "name"},
            {MentionsRole, "mentions"},
            {MentionsTextRole, "mentionsText"},
            {TimesTextRole, "timesText"}};
}

void SummaryPlaceModel::setPlaces(std::vector<SummaryPlace> places) {
    std::stable_sort(places.begin(), places.end(),
                     [](const auto& a, const auto& b) { return a.rank < b.rank; });
    beginResetModel();
    m_places = std::move(places);
    endResetModel();
}

} // namespace td::app
