#include "walktestsupport.h"

#include "appcore/clock.h"
#include "appcore/localstore.h"
#include "appcore/measurestatus.h"
#include "appcore/walkcontroller.h"
#include "appcore/walkservices.h"
#include "td/model/codec.hpp"
#include "td/store/device_store.hpp"
#include "td/sync/editable_sync.hpp"
#include "td/sync/merge.hpp"

#include <QCoreApplication>
#include <QFile>
#include <QNmeaPositionInfoSource>
#include <boost/json/serialize.hpp>

namespace td::app::test {

namespace {

/// hhmmss(.ss) from a GGA/RMC time field and ddmmyy from an RMC date field.
QDateTime epochTime(const QByteArray& text) {
    for (const QByteArray& line : text.split('\n')) {
        const QList<QByteArray> f = line.trimmed().split(',');
        if (line.startsWith("$GPRMC") && f.size() > 9) {
            const QDate date =
                QDate::fromString(QString::fromLatin1(f[9]), QStringLiteral("ddMMyy"))
                    .addYears(100);
            const QTime time =
                QTime::fromString(QString::fromLatin1(f[1].left(6)), QStringLiteral("HHmmss"));
            return QDateTime(date, time, Qt::UTC);
        }
    }
    return {};
}

bool groundSpeedZero(const QByteArray& text) {
    for (const QByteArray& line : text.split('\n')) {
        const QList<QByteArray> f = line.trimmed().split(',');
        if (line.startsWith("$GPRMC") && f.size() > 7) {
            return f[2] == "A" && f[7].toDouble() == 0.0;
        }
    }
    return false;
}

} // namespace

QString referenceTrackPath() {
    return QStringLiteral(TD_REFERENCE_DATA_DIR "/walk-vindeln-centrum.nmea");
}

WalkReplayDriver::WalkReplayDriver(const QString& nmeaPath, Clock* clock, QObject* parent)
    : QObject(parent)
    , m_source(new QNmeaPositionInfoSource(QNmeaPositionInfoSource::RealTimeMode, this))
    , m_clock(clock) {
    QFile file(nmeaPath);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(nmeaPath));
    }
    for (const QByteArray& raw : file.readAll().split('\n')) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty()) {
            continue;
        }
        if (line.startsWith("$GPGGA") || m_epochs.empty()) {
            m_epochs.push_back({});
        }
        m_epochs.back().text += line + "\r\n";
    }
    for (Epoch& e : m_epochs) {
        e.time = epochTime(e.text);
        e.still = groundSpeedZero(e.text);
    }
    // The walk starts when the log does.
    if (m_clock && !m_epochs.empty() && m_epochs.front().time.isValid()) {
        m_clock->setCurrentDateTime(m_epochs.front().time);
    }
    m_buffer.open(QIODevice::ReadOnly);
    m_source->setUserEquivalentRangeError(5.0);
    m_source->setDevice(&m_buffer);
}

void WalkReplayDriver::feedOne() {
    const Epoch& e = m_epochs[static_cast<std::size_t>(m_next++)];
    if (m_clock && e.time.isValid()) {
        m_clock->setCurrentDateTime(e.time);
    }
    m_buffer.buffer().append(e.text);
    Q_EMIT m_buffer.readyRead();
    QCoreApplication::processEvents();
    m_stillRun = e.still ? m_stillRun + 1 : 0;
}

bool WalkReplayDriver::feedUntilStop(int stillEpochs) {
    while (!finished()) {
        feedOne();
        if (m_stillRun == stillEpochs) {
            Q_EMIT fedChanged();
            return true;
        }
    }
    Q_EMIT fedChanged();
    return false;
}

void WalkReplayDriver::feed(int count) {
    for (int i = 0; i < count && !finished(); ++i) {
        feedOne();
    }
    Q_EMIT fedChanged();
}

void WalkReplayDriver::feedToEnd() {
    feed(epochCount());
}

namespace {

td::HlcTimestamp clockAt(const char* text) {
    return td::HlcTimestamp::parse(text).value();
}

bool pullConflict(LocalStore& store, const td::store::PulledRecord& pulled) {
    auto base = td::sync::editableFromText(pulled.body, "", pulled.hlc);
    if (!base) {
        return false;
    }
    auto measure = td::model::fromJsonText<td::model::Measure>(pulled.body).value();
    td::sync::EditableRecord done = *base;
    measure.status = td::model::MeasureStatus::Done;
    if (!td::sync::applyEdit(done, td::model::encode(measure).as_object(),
                             clockAt("000000000003-00000000-dev-b"))) {
        return false;
    }
    td::sync::EditableRecord rejected = *base;
    measure.status = td::model::MeasureStatus::Rejected;
    measure.rejectionReason = "Armaturerna byts i vägprojektet nästa år.";
    if (!td::sync::applyEdit(rejected, td::model::encode(measure).as_object(),
                             clockAt("000000000004-00000000-dashboard"))) {
        return false;
    }
    const td::sync::EditableRecord merged = td::sync::merge(done, rejected);
    td::sync::Change change;
    change.kind = "measure";
    change.id = pulled.id;
    change.rev = pulled.rev + 2;
    change.hlc = "000000000004-00000000-dashboard";
    change.body = boost::json::serialize(merged.body());
    change.clocks = boost::json::serialize(td::sync::encodeClocks(merged));
    const bool ok = td::sync::mergePulled(store.deviceStore(), change).ok();
    store.notifyChanged();
    return ok;
}

/// The proposed measure is decided on this device and waits for sync; the one in progress was
/// marked done on another device and rejected in the dashboard at the same time, both from the
/// pulled version, and the pull brings the conflict. Done once.
bool editMeasures(LocalStore& store) {
    auto rows = store.deviceStore().recordsOfKind("measure");
    if (!rows) {
        return false;
    }
    for (const auto& row : *rows) {
        if (row.body.find("\"status\":\"decided\"") != std::string::npos) {
            return true; // edited before
        }
    }
    for (const auto& row : *rows) {
        auto m = td::model::fromJsonText<td::model::Measure>(row.body);
        if (!m) {
            return false;
        }
        if (m->status == td::model::MeasureStatus::Proposed &&
            !changeMeasureStatus(store, row.id, "decided", "").ok()) {
            return false;
        }
        if (m->status == td::model::MeasureStatus::InProgress &&
            !pullConflict(store, {"measure", row.id, row.rev, row.hlc, row.body, false})) {
            return false;
        }
    }
    return true;
}

} // namespace

bool prepareWalkScreen(AppContext& context, const QString& state) {
    WalkServices* services = WalkServices::of(context.services());
    WalkController* walk = services->walk();
    LocalStore& store = *context.services().store;
    if (state == QLatin1String("measures-edited")) {
        if (store.recordBodies("measure").empty() &&
            !prepareWalkScreen(context, QStringLiteral("measures"))) {
            return false;
        }
        return editMeasures(store);
    }
    if (state == QLatin1String("measures")) {
        std::vector<td::store::PulledRecord> records;
        const char* titles[] = {"Byt trasig belysning vid gång- och cykeltunneln",
                                "Röj buskar vid Centrumparken", "Hastighetsdämpning vid skolan"};
        const td::model::MeasureStatus statuses[] = {td::model::MeasureStatus::InProgress,
                                                     td::model::MeasureStatus::Proposed,
                                                     td::model::MeasureStatus::Rejected};
        for (int i = 0; i < 3; ++i) {
            td::model::Measure m;
            m.id = context.services().clock->newUuid();
            m.title = titles[i];
            m.description = i == 0 ? "Två armaturer är trasiga sedan i våras." : "";
            m.responsibleParty = i == 2 ? td::model::ResponsibleParty::Trafikverket
                                        : td::model::ResponsibleParty::Kommun;
            m.priority = i == 0 ? td::model::Priority::High : td::model::Priority::Medium;
            m.deadline = i == 0 ? std::optional<std::string>("2025-12-01") : std::nullopt;
            m.status = statuses[i];
            if (m.status == td::model::MeasureStatus::Rejected) {
                m.rejectionReason = "Vägen är statlig; frågan lyfts med Trafikverket.";
            }
            records.push_back({"measure", m.id, 1, "000000000002-00000000-server",
                               td::model::toJsonText(m), false});
        }
        auto applied = store.deviceStore().applyPulled(records, "measures");
        store.notifyChanged();
        context.services().clock->setCurrentDateTime({}); // back to the system clock
        return applied.ok();
    }
    if (!walk->active()) {
        auto* driver =
            new WalkReplayDriver(referenceTrackPath(), context.services().clock, services);
        services->setPositionSource(driver->source());
        if (!walk->start(QStringLiteral("Vindeln centrum"), QStringLiteral("vindeln"),
                         QStringLiteral("2025-09-18"), 6, 2, 2, 1, 0)) {
            return false;
        }
        for (int stop = 0; stop < 2; ++stop) {
            if (!driver->feedUntilStop() || !walk->beginObservation()) {
                return false;
            }
            walk->observation()->setOverallFeeling(stop == 0 ? 2 : 4);
            walk->observation()->checklist()->setRating(0, stop == 0 ? 3 : 1);
            walk->observation()->setNote(stop == 0 ? QStringLiteral("Mörkt vid cykelstället")
                                                   : QString());
            if (!walk->saveObservation()) {
                return false;
            }
        }
        driver->feed(120);
    }
    if (state == QLatin1String("observation")) {
        if (!walk->beginObservation()) {
            return false;
        }
        auto* form = walk->observation();
        form->checklist()->setRating(0, 2);
        form->checklist()->setRating(1, 1);
        form->checklist()->setRating(2, td::app::WalkChecklistModel::NotApplicable);
        form->setOverallFeeling(2);
    }
    return true;
}

} // namespace td::app::test
