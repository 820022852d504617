#include "appcore/summarycontroller.h"

#include "appcore/localstore.h"
#include "appcore/text.h"

#include <QDate>
#include <QLocale>
#include <algorithm>

namespace td::app {

SummaryController::SummaryController(LocalStore* store, QObject* parent)
    : QObject(parent)
    , m_store(store) {
    if (m_store)
        connect(m_store, &LocalStore::changed, this, &SummaryController::reload);
    reload();
}

void SummaryController::setLanguage(const QString& language) {
    if (language == m_language)
        return;
    m_language = language;
    fillModels();
    Q_EMIT languageChanged();
    Q_EMIT changed();
}

QStringList SummaryController::titles() const {
    QStringList out;
    for (const auto& s : m_summaries)
        out << localized(s.title, m_language);
    return out;
}

void SummaryController::setCurrentIndex(int index) {
    if (index < 0 || index >= count() || index == m_current)
        return;
    m_current = index;
    fillModels();
    Q_EMIT changed();
}

const td::model::PublicSummary* SummaryController::current() const {
    return m_current >= 0 && m_current < count() ? &m_summaries[static_cast<std::size_t>(m_current)]
                                                 : nullptr;
}

QString SummaryController::campaignId() const {
    return current() ? qs(current()->id) : QString();
}

QString SummaryController::title() const {
    return current() ? localized(current()->title, m_language) : QString();
}

QString SummaryController::publishedText() const {
    if (!current())
        return {};
    const QDate date = QDate::fromString(qs(current()->publishedAt.substr(0, 10)), Qt::ISODate);
    const QLocale locale(m_language == QLatin1String("en") ? QLocale::English : QLocale::Swedish);
    return tr("Publicerad %1").arg(locale.toString(date, QStringLiteral("d MMMM yyyy")));
}

QString SummaryController::respondentsText() const {
    const auto* s = current();
    if (!s)
        return {};
    if (!s->summary.respondents)
        return tooFewText();
    return tr("%n personer har svarat", "", static_cast<int>(*s->summary.respondents));
}

bool SummaryController::weighted() const {
    return current() && current()->summary.weighting.available;
}

int SummaryController::minCell() const {
    return current() ? static_cast<int>(current()->k) : 0;
}

void SummaryController::reload() {
    std::vector<td::model::PublicSummary> summaries;
    if (m_store)
        for (const std::string& body : m_store->recordBodies("public_summary"))
            if (auto decoded = td::model::fromJsonText<td::model::PublicSummary>(body)) {
                td::model::withholdDependents(decoded->summary); // published before the rule
                summaries.push_back(std::move(*decoded));
            }
    std::stable_sort(summaries.begin(), summaries.end(),
                     [](const auto& a, const auto& b) { return a.publishedAt > b.publishedAt; });
    const std::string keep = current() ? current()->id : std::string();
    if (summaries == m_summaries)
        return;
    m_summaries = std::move(summaries);
    m_current = m_summaries.empty() ? -1 : 0;
    for (std::size_t i = 0; i < m_summaries.size(); ++i)
        if (m_summaries[i].id == keep)
            m_current = static_cast<int>(i);
    fillModels();
    Q_EMIT changed();
}

void SummaryController::fillModels() {
    const auto* s = current();
    m_areas.setAreas(s ? s->summary.focusAreas : std::vector<td::model::SummaryFocusArea>{});
    m_questions.setQuestions(s ? s->summary.questions : std::vector<td::model::SummaryQuestion>{},
                             s && s->summary.weighting.available, m_language);
    m_places.setPlaces(s ? s->summary.places : std::vector<td::model::SummaryPlace>{});
}

} // namespace td::app
