#pragma once
// "Vad invånarna har sagt": the public summaries this device has pulled (record kind
// public_summary), one campaign at a time, with the models the page shows.

#include "appcore/summarymodels.h"
#include "td/model/public_summary.hpp"

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace td::app {

class LocalStore;

class SummaryController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    /// How many campaigns have a pulled summary; 0 before the first one arrives.
    Q_PROPERTY(int count READ count NOTIFY changed)
    /// The campaigns' titles, newest publication first (for a selector).
    Q_PROPERTY(QStringList titles READ titles NOTIFY changed)
    Q_PROPERTY(int currentIndex READ currentIndex WRITE setCurrentIndex NOTIFY changed)
    Q_PROPERTY(QString campaignId READ campaignId NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    /// "Publicerad 30 juni 2025".
    Q_PROPERTY(QString publishedText READ publishedText NOTIFY changed)
    /// "412 personer har svarat", or the suppression text below k.
    Q_PROPERTY(QString respondentsText READ respondentsText NOTIFY changed)
    /// Whether shares are weighted to the population (else unweighted).
    Q_PROPERTY(bool weighted READ weighted NOTIFY changed)
    Q_PROPERTY(int minCell READ minCell NOTIFY changed)
    Q_PROPERTY(td::app::SummaryAreaModel* areas READ areas CONSTANT)
    Q_PROPERTY(td::app::SummaryQuestionModel* questions READ questions CONSTANT)
    Q_PROPERTY(td::app::SummaryPlaceModel* places READ places CONSTANT)
public:
    explicit SummaryController(LocalStore* store, QObject* parent = nullptr);

    QString language() const { return m_language; }
    void setLanguage(const QString& language);
    int count() const { return static_cast<int>(m_summaries.size()); }
    QStringList titles() const;
    int currentIndex() const { return m_current; }
    void setCurrentIndex(int index);
    QString campaignId() const;
    QString title() const;
    QString publishedText() const;
    QString respondentsText() const;
    bool weighted() const;
    int minCell() const;
    SummaryAreaModel* areas() { return &m_areas; }
    SummaryQuestionModel* questions() { return &m_questions; }
    SummaryPlaceModel* places() { return &m_places; }

    /// Re-reads the pulled summaries; records that do not decode are skipped (the device store
    /// checked them when they were pulled). Keeps the current campaign when it is still there.
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void languageChanged();
    void changed();

private:
    const td::model::PublicSummary* current() const;
    void fillModels();

    LocalStore* m_store;
    QString m_language = QStringLiteral("sv");
    std::vector<td::model::PublicSummary> m_summaries;
    int m_current = -1;
    SummaryAreaModel m_areas;
    SummaryQuestionModel m_questions;
    SummaryPlaceModel m_places;
};

} // namespace td::app
