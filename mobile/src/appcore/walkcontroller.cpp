#include "appcore/walkcontroller.h"

#include "appcore/clock.h"
#include "appcore/issuetext.h"
#include "appcore/languagecontroller.h"
#include "appcore/localstore.h"
#include "appcore/placeregistrymodel.h"
#include "appcore/text.h"
#include "appcore/walksketch.h"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"
#include "td/walk/track_thinning.hpp"

#include <QDirIterator>
#include <QFile>
#include <QGeoPositionInfoSource>
#include <algorithm>

namespace td::app {

namespace {

/// A source that has said nothing for this long is asked to start again: another user of the
/// same source (a one-off "Här jag står nu") may have stopped its updates.
constexpr std::int64_t kRestartSourceAfterMs = 10000;
/// Accuracy given to an observation placed at a registry place instead of a GPS fix.
constexpr double kRegistryPlaceAccuracyM = 25.0;

std::string readResource(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll().toStdString();
}

} // namespace

WalkController::WalkController(LocalStore* store, Clock* clock, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_journal(*store)
    , m_recorder(nullptr)
    , m_form(this) {
    connect(&m_recorder, &WalkRecorder::fixKept, this, &WalkController::onFixKept);
    connect(&m_recorder, &WalkRecorder::fixDropped, this, &WalkController::onFixDropped);
    connect(&m_recorder, &WalkRecorder::trackChanged, this, &WalkController::trackChanged);
    connect(&m_recorder, &WalkRecorder::recordingChanged, this, &WalkController::changed);
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &WalkController::onTick);
}

WalkController::~WalkController() = default;

void WalkController::setPositionSource(QGeoPositionInfoSource* source) {
    m_recorder.setSource(source);
    if (m_walk && !m_recorder.isRecording()) {
        startRecording();
    }
    Q_EMIT changed();
}

void WalkController::setLanguage(LanguageController* language) {
    m_language = language;
    m_form.setLanguage(language->language());
    connect(language, &LanguageController::languageChanged, this,
            [this] { m_form.setLanguage(m_language->language()); });
}

void WalkController::setPlaces(PlaceRegistryModel* places) {
    m_places = places;
    connect(places, &QAbstractItemModel::modelReset, this, &WalkController::placesChanged);
    Q_EMIT placesChanged();
}

void WalkController::setChecklist(const td::model::WalkChecklist& checklist) {
    m_checklist = checklist;
    m_form.setChecklist(checklist, m_language ? m_language->language() : QStringLiteral("sv"));
}

bool WalkController::resume() {
    auto draft = m_journal.load();
    if (!draft) {
        setError(tr("Den pågående trygghetsvandringen kunde inte läsas: %1")
                     .arg(qs(draft.error().describe())));
        return false;
    }
    if (!draft->has_value()) {
        return true;
    }
    WalkDraft& d = **draft;
    m_walk = std::move(d.walk);
    m_observations = std::move(d.observations);
    m_recorder.restore(d.keptFixes, d.droppedFixes);
    if (!d.keptFixes.empty() && d.keptFixes.back().accuracyM) {
        m_lastAccuracy = *d.keptFixes.back().accuracyM;
    }
    startRecording();
    setError({});
    Q_EMIT changed();
    return true;
}

QString WalkController::walkId() const {
    return m_walk ? qs(m_walk->id) : QString();
}

QString WalkController::areaName() const {
    return m_walk ? qs(m_walk->areaName) : QString();
}

QString WalkController::locality() const {
    return m_walk ? qs(m_walk->locality) : QString();
}

QString WalkController::localityName() const {
    const QString id = locality();
    for (const QVariant& l : localities()) {
        const QVariantMap entry = l.toMap();
        if (entry.value(QStringLiteral("id")).toString() == id) {
            return entry.value(QStringLiteral("name")).toString();
        }
    }
    return id;
}

QString WalkController::date() const {
    return m_walk ? qs(m_walk->date) : QString();
}

QVariantMap WalkController::participants() const {
    const td::model::Participants p = m_walk ? m_walk->participants : td::model::Participants{};
    return {{QStringLiteral("residents"), qint64(p.residents)},
            {QStringLiteral("police"), qint64(p.police)},
            {QStringLiteral("municipality"), qint64(p.municipality)},
            {QStringLiteral("propertyOwner"), qint64(p.propertyOwner)},
            {QStringLiteral("other"), qint64(p.other)}};
}

int WalkController::duration() const {
    if (!m_walk) {
        return 0;
    }
    const QDateTime started = QDateTime::fromString(qs(m_walk->startedAt), Qt::ISODateWithMs);
    return started.isValid() ? static_cast<int>(std::max<qint64>(0, started.secsTo(m_clock->now())))
                             : 0;
}

bool WalkController::hasRecentFix() const {
    return m_walk && m_lastUpdateAtMs &&
           nowMs() - *m_lastUpdateAtMs <= m_recorder.track().rules().observationWindowMs &&
           m_recorder.lastFixMs() && m_recorder.positionAt(*m_recorder.lastFixMs()).ok();
}

QVariantList WalkController::stops() const {
    QVariantList out;
    int number = 0;
    for (const auto& o : m_observations) {
        out.append(QVariantMap{{QStringLiteral("number"), ++number},
                               {QStringLiteral("latitude"), o.position.lat},
                               {QStringLiteral("longitude"), o.position.lon},
                               {QStringLiteral("accuracy"), o.position.accuracyM},
                               {QStringLiteral("feeling"), qint64(o.overallFeeling)},
                               {QStringLiteral("note"), qs(o.note.value_or(std::string()))}});
    }
    return out;
}

QVariantList WalkController::localities() const {
    QVariantList out;
    if (!m_places) {
        return out;
    }
    // Each locality id with the word of one of its places' names that spells it
    // ("Parken i Hällnäs" names "hallnas"), else the id itself.
    QStringList ids;
    QHash<QString, QString> names;
    for (int row = 0; row < m_places->rowCount(); ++row) {
        const QModelIndex index = m_places->index(row);
        const QString id = index.data(PlaceRegistryModel::LocalityRole).toString();
        if (!ids.contains(id)) {
            ids.append(id);
        }
        const QStringList words =
            index.data(PlaceRegistryModel::NameRole).toString().split(QLatin1Char(' '));
        for (const QString& word : words) {
            if (!names.contains(id) && idFromName(word) == id) {
                names.insert(id, word);
            }
        }
    }
    for (const QString& id : ids) {
        out.append(
            QVariantMap{{QStringLiteral("id"), id}, {QStringLiteral("name"), names.value(id, id)}});
    }
    return out;
}

QString WalkController::localityId(const QString& name) {
    return idFromName(name);
}

bool WalkController::start(const QString& areaName, const QString& locality, const QString& date,
                           int residents, int police, int municipality, int propertyOwner,
                           int other) {
    if (m_walk) {
        setError(tr("En trygghetsvandring pågår redan."));
        return false;
    }
    const QDateTime now = m_clock->now();
    td::model::SafetyWalk walk;
    walk.id = m_clock->newUuid();
    walk.areaName = areaName.trimmed().toStdString();
    walk.locality = locality.trimmed().toStdString();
    walk.date = date.trimmed().isEmpty()
                    ? now.toLocalTime().date().toString(Qt::ISODate).toStdString()
                    : date.trimmed().toStdString();
    walk.startedAt = td::walk::isoTimestamp(now.toMSecsSinceEpoch());
    walk.participants = {residents, police, municipality, propertyOwner, other};
    const td::model::Issues issues = td::model::validateSafetyWalk(walk);
    if (!issues.empty()) {
        const auto& issue = issues.front();
        if (issue.path == "area_name") {
            setError(tr("Ange vilket område ni går i."));
        } else if (issue.path == "locality") {
            setError(tr("Välj ort."));
        } else if (issue.path == "date") {
            setError(tr("Ange datum som ÅÅÅÅ-MM-DD."));
        } else if (issue.code == "no_participants") {
            setError(tr("Ange hur många som deltar."));
        } else {
            setError(issueMessage(issue));
        }
        return false;
    }
    if (const td::Status saved = m_journal.saveWalk(walk, 0); !saved) {
        setError(tr("Vandringen kunde inte sparas: %1").arg(qs(saved.error().describe())));
        return false;
    }
    m_walk = std::move(walk);
    m_observations.clear();
    m_recorder.restore({}, 0);
    m_lastAccuracy = -1;
    m_lastUpdateAtMs.reset();
    startRecording();
    setError({});
    Q_EMIT changed();
    Q_EMIT tick();
    return true;
}

void WalkController::startRecording() {
    m_ticker.start();
    m_recorder.start();
}

bool WalkController::beginObservation() {
    if (!m_walk) {
        setError(tr("Ingen trygghetsvandring pågår."));
        return false;
    }
    m_form.reset(stopCount() + 1, defaultTimeOfDay());
    if (hasRecentFix()) {
        auto position = m_recorder.positionAt(*m_recorder.lastFixMs());
        if (position) {
            m_form.setPosition(*position);
        }
    }
    m_observing = true;
    setError({});
    Q_EMIT changed();
    return true;
}

bool WalkController::useRegistryPlace(const QString& placeId) {
    const auto place = findPlace(placeId.toStdString());
    if (!place) {
        setError(tr("Platsen finns inte i platsregistret."));
        return false;
    }
    if (place->retired()) {
        setError(tr("Platsen är avvecklad och kan inte väljas."));
        return false;
    }
    m_form.setPosition({place->lat, place->lon, kRegistryPlaceAccuracyM}, placeId);
    setError({});
    return true;
}

bool WalkController::saveObservation() {
    if (!m_walk || !m_observing) {
        setError(tr("Ingen iakttagelse är öppen."));
        return false;
    }
    if (!m_form.hasPosition()) {
        setError(tr("Ingen aktuell GPS-position. Välj platsen i platsregistret."));
        return false;
    }
    if (m_form.overallFeeling() == 0) {
        setError(tr("Välj hur trygg platsen känns."));
        return false;
    }
    td::model::Observation o;
    o.id = m_clock->newUuid();
    o.walkId = m_walk->id;
    o.recordedAt = td::walk::isoTimestamp(nowMs());
    if (!m_form.fill(o)) {
        setError(tr("Välj tid på dygnet och ansvarig bland alternativen."));
        return false;
    }
    const td::model::Issues issues = td::model::validateObservation(o, m_checklist);
    if (!issues.empty()) {
        setError(issueMessage(issues.front()));
        return false;
    }
    if (const td::Status saved = m_journal.saveObservation(o); !saved) {
        setError(tr("Iakttagelsen kunde inte sparas: %1").arg(qs(saved.error().describe())));
        return false;
    }
    m_observations.push_back(std::move(o));
    m_observing = false;
    setError({});
    Q_EMIT changed();
    return true;
}

void WalkController::cancelObservation() {
    m_observing = false;
    setError({});
    Q_EMIT changed();
}

bool WalkController::end() {
    if (!m_walk) {
        setError(tr("Ingen trygghetsvandring pågår."));
        return false;
    }
    td::model::SafetyWalk walk = *m_walk;
    walk.endedAt = td::walk::isoTimestamp(nowMs());
    // The stored track is thinned to fit the record size limit (docs/walk-recording.md).
    std::vector<td::model::Position> stops;
    for (const auto& o : m_observations) {
        stops.push_back(o.position);
    }
    td::walk::ThinningRules thinning;
    thinning.recorder = m_recorder.track().rules();
    const auto thinned = td::walk::thinTrack(m_recorder.track().keptFixes(), stops, thinning);
    if (!thinned) {
        setError(tr("Spåret kunde inte sparas: %1").arg(qs(thinned.error().describe())));
        return false;
    }
    walk.track = td::walk::storedTrack(*thinned, thinning.recorder);
    const td::model::Issues issues = td::model::validateSafetyWalk(walk);
    if (!issues.empty()) {
        setError(issueMessage(issues.front()));
        return false;
    }
    if (const td::Status stored = m_journal.finish(walk); !stored) {
        setError(tr("Vandringen kunde inte sparas: %1").arg(qs(stored.error().describe())));
        return false;
    }
    resetWalk();
    return true;
}

bool WalkController::discard() {
    if (!m_walk) {
        return true;
    }
    if (const td::Status removed = m_journal.discard(m_walk->id); !removed) {
        setError(tr("Vandringen kunde inte tas bort: %1").arg(qs(removed.error().describe())));
        return false;
    }
    resetWalk();
    return true;
}

void WalkController::resetWalk() {
    m_recorder.stop();
    m_ticker.stop();
    m_walk.reset();
    m_observations.clear();
    m_observing = false;
    m_recorder.restore({}, 0);
    m_lastAccuracy = -1;
    m_lastUpdateAtMs.reset();
    setError({});
    Q_EMIT changed();
    Q_EMIT tick();
}

QVariantMap WalkController::sketch(double width, double height, double margin) const {
    std::vector<td::model::Position> stops;
    for (const auto& o : m_observations) {
        stops.push_back(o.position);
    }
    const WalkSketch s = projectWalk(m_recorder.track().keptFixes(), stops, width, height, margin,
                                     m_recorder.track().rules().gapAfterMs);
    QVariantList segments;
    for (const auto& segment : s.segments) {
        QVariantList flat;
        flat.reserve(static_cast<qsizetype>(segment.size() * 2));
        for (const QPointF& p : segment) {
            flat.append(p.x());
            flat.append(p.y());
        }
        segments.append(QVariant(flat));
    }
    QVariantList stopPoints;
    for (std::size_t i = 0; i < s.stops.size(); ++i) {
        stopPoints.append(QVariantMap{{QStringLiteral("number"), static_cast<int>(i + 1)},
                                      {QStringLiteral("x"), s.stops[i].x()},
                                      {QStringLiteral("y"), s.stops[i].y()}});
    }
    return {{QStringLiteral("segments"), segments},
            {QStringLiteral("stops"), stopPoints},
            {QStringLiteral("scaleBarPixels"), s.scaleBarPixels},
            {QStringLiteral("scaleBarMetres"), s.scaleBarMetres}};
}

void WalkController::setError(const QString& error) {
    if (error != m_lastError) {
        m_lastError = error;
        Q_EMIT changed();
    }
}

void WalkController::onFixKept(const td::walk::Fix& fix) {
    m_lastUpdateAtMs = nowMs();
    m_lastAccuracy = fix.accuracyM.value_or(m_recorder.track().rules().assumedAccuracyM);
    if (!m_walk) {
        return;
    }
    if (const td::Status saved = m_journal.appendFix(m_walk->id, fix); !saved) {
        setError(tr("Spåret kunde inte sparas: %1").arg(qs(saved.error().describe())));
    }
    Q_EMIT tick();
}

void WalkController::onFixDropped() {
    if (!m_walk) {
        return;
    }
    if (const td::Status saved = m_journal.saveWalk(*m_walk, m_recorder.droppedCount()); !saved) {
        setError(tr("Vandringen kunde inte sparas: %1").arg(qs(saved.error().describe())));
    }
}

void WalkController::onTick() {
    if (m_walk && m_recorder.isRecording() && m_recorder.source()) {
        const std::int64_t silentSince = m_lastUpdateAtMs.value_or(0);
        if (nowMs() - silentSince > kRestartSourceAfterMs) {
            m_recorder.source()->startUpdates();
        }
    }
    Q_EMIT tick();
}

QString WalkController::defaultTimeOfDay() const {
    const int hour = m_clock->now().toLocalTime().time().hour();
    const char* key = hour >= 5 && hour < 10    ? "morning"
                      : hour >= 10 && hour < 17 ? "day"
                      : hour >= 17 && hour < 22 ? "evening"
                                                : "night";
    const auto& offered = m_checklist.timesOfDay;
    const bool available = std::any_of(offered.begin(), offered.end(), [&](const auto& t) {
        return td::model::toString(t.id) == key;
    });
    if (available || offered.empty()) {
        return QLatin1String(key);
    }
    return qs(td::model::toString(offered.front().id));
}

std::optional<td::model::Place> WalkController::findPlace(const std::string& id) const {
    // Pulled places first, then the registry bundled with the app.
    for (const auto& body : m_store->recordBodies("place")) {
        if (auto p = td::model::fromJsonText<td::model::Place>(body); p && p->id == id) {
            return p.value();
        }
    }
    QDirIterator it(QStringLiteral(":/content"), {QStringLiteral("*.json")}, QDir::Files);
    while (it.hasNext()) {
        auto registry = td::model::fromJsonText<td::model::PlaceRegistry>(readResource(it.next()));
        if (!registry) {
            continue;
        }
        for (auto& p : registry->places) {
            if (p.id == id) {
                return p;
            }
        }
    }
    return std::nullopt;
}

std::int64_t WalkController::nowMs() const {
    return m_clock->now().toMSecsSinceEpoch();
}

} // namespace td::app
