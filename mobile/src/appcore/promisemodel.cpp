#include "appcore/promisemodel.h"

#include "appcore/localstore.h"
#include "appcore/text.h"
#include "appcore/topicmodel.h"
#include "td/model/codec.hpp"

#include <QDate>
#include <QLocale>
#include <QVariantMap>
#include <algorithm>

namespace td::app {

using td::model::ActivityOwner;
using td::model::ActivityStatus;
using td::model::Organisation;
using td::model::Promise;

namespace {

QString ownerText(const td::model::Activity& a) {
    switch (a.who) {
    case ActivityOwner::Polis:
        return PromiseModel::tr("Polisen");
    case ActivityOwner::Kommun:
        return PromiseModel::tr("Kommunen");
    case ActivityOwner::Both:
        return PromiseModel::tr("Polisen och kommunen");
    case ActivityOwner::Partner:
        return a.partnerName ? qs(*a.partnerName) : PromiseModel::tr("En samarbetspartner");
    }
    return {};
}

QString organisationsText(const std::vector<Organisation>& orgs) {
    const bool polis = std::find(orgs.begin(), orgs.end(), Organisation::Polis) != orgs.end();
    const bool kommun = std::find(orgs.begin(), orgs.end(), Organisation::Kommun) != orgs.end();
    if (polis && kommun)
        return PromiseModel::tr("Polisen och kommunen");
    if (polis)
        return PromiseModel::tr("Polisen");
    return kommun ? PromiseModel::tr("Kommunen") : QString();
}

} // namespace

PromiseModel::PromiseModel(LocalStore* store, QObject* parent)
    : QAbstractListModel(parent)
    , m_store(store) {
    if (m_store)
        connect(m_store, &LocalStore::changed, this, &PromiseModel::reload);
    reload();
}

QString PromiseModel::statusText(ActivityStatus status) {
    switch (status) {
    case ActivityStatus::Planned:
        return tr("Planerad");
    case ActivityStatus::Ongoing:
        return tr("Pågår");
    case ActivityStatus::Done:
        return tr("Genomförd");
    case ActivityStatus::Cancelled:
        return tr("Inställd");
    }
    return {};
}

int PromiseModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_promises.size());
}

QVariantList PromiseModel::activities(const Promise& promise) const {
    QVariantList out;
    for (const auto& a : promise.activities) {
        QVariantMap m;
        m.insert(QStringLiteral("what"), localized(a.what, m_language));
        m.insert(QStringLiteral("who"), ownerText(a));
        m.insert(QStringLiteral("when"), qs(a.when));
        m.insert(QStringLiteral("status"), qs(td::model::toString(a.status)));
        m.insert(QStringLiteral("statusText"), statusText(a.status));
        out.push_back(m);
    }
    return out;
}

QVariant PromiseModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Promise& p = m_promises[static_cast<std::size_t>(index.row())];
    switch (role) {
    case PromiseIdRole:
        return qs(p.id);
    case AreaRole:
        return qs(td::model::toString(p.focusArea));
    case AreaNameRole:
        return TopicModel::focusAreaLabel(p.focusArea);
    case Qt::DisplayRole:
    case TextRole:
        return localized(p.text, m_language);
    case PeriodRole:
        return p.period.fromYear == p.period.toYear
                   ? QString::number(p.period.fromYear)
                   : QStringLiteral("%1–%2").arg(p.period.fromYear).arg(p.period.toYear);
    case OrganisationsRole:
        return organisationsText(p.organisations);
    case ActivitiesRole:
        return activities(p);
    case DoneCountRole:
        return static_cast<int>(
            std::count_if(p.activities.begin(), p.activities.end(),
                          [](const auto& a) { return a.status == ActivityStatus::Done; }));
    default:
        return {};
    }
}

QHash<int, QByteArray> PromiseModel::roleNames() const {
    return {{PromiseIdRole, "promiseId"},   {AreaRole, "area"},
            {AreaNameRole, "areaName"},     {TextRole, "text"},
            {PeriodRole, "period"},         {OrganisationsRole, "organisations"},
            {ActivitiesRole, "activities"}, {DoneCountRole, "doneCount"}};
}

void PromiseModel::setLanguage(const QString& language) {
    if (language == m_language)
        return;
    m_language = language;
    if (!m_promises.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    Q_EMIT languageChanged();
    Q_EMIT agreementChanged();
}

QString PromiseModel::agreementParties() const {
    if (!m_agreement)
        return {};
    QStringList names;
    for (const auto& p : m_agreement->parties)
        names << qs(p.name);
    if (names.size() < 2)
        return names.join(QString());
    const QString last = names.takeLast();
    return tr("%1 och %2").arg(names.join(QStringLiteral(", ")), last);
}

QString PromiseModel::agreementPeriod() const {
    if (!m_agreement)
        return {};
    const QLocale locale(m_language == QLatin1String("en") ? QLocale::English : QLocale::Swedish);
    const auto date = [&](const std::string& iso) {
        return locale.toString(QDate::fromString(qs(iso), Qt::ISODate),
                               QStringLiteral("d MMMM yyyy"));
    };
    const QString period =
        QStringLiteral("%1 – %2").arg(date(m_agreement->period.from), date(m_agreement->period.to));
    return m_agreement->continuesUntilReplaced
               ? tr("%1, gäller tills en ny överenskommelse skrivs under").arg(period)
               : period;
}

QStringList PromiseModel::agreementSignatories() const {
    QStringList out;
    if (!m_agreement)
        return out;
    for (const auto& s : m_agreement->signatories)
        out << tr("%1, %2").arg(localized(s.role, m_language), s.organisation == Organisation::Polis
                                                                   ? tr("Polisen")
                                                                   : tr("Kommunen"));
    return out;
}

void PromiseModel::reload() {
    std::vector<Promise> promises;
    if (m_store)
        for (const std::string& body : m_store->recordBodies("promise"))
            if (auto decoded = td::model::fromJsonText<Promise>(body))
                promises.push_back(std::move(*decoded));
    std::stable_sort(promises.begin(), promises.end(), [](const Promise& a, const Promise& b) {
        if (a.period.toYear != b.period.toYear)
            return a.period.toYear > b.period.toYear;
        return a.focusArea < b.focusArea;
    });
    std::optional<td::model::Agreement> agreement;
    if (m_store)
        for (const std::string& body : m_store->recordBodies("agreement"))
            if (auto decoded = td::model::fromJsonText<td::model::Agreement>(body))
                if (!agreement || decoded->signedOn > agreement->signedOn)
                    agreement = std::move(*decoded);
    if (agreement != m_agreement) {
        m_agreement = std::move(agreement);
        Q_EMIT agreementChanged();
    }
    if (promises == m_promises)
        return;
    const int before = rowCount();
    beginResetModel();
    m_promises = std::move(promises);
    endResetModel();
    if (before != rowCount())
        Q_EMIT countChanged();
}

} // namespace td::app
