#include "walktestsupport.h"

#include "appcore/clock.h"
#include "appcore/localstore.h"
#include "appcore/walkcontroller.h"
#include "appcore/walkservices.h"
#include "td/model/codec.hpp"
#include "td/store/device_store.hpp"

#include <QCoreApplication>
#include <QFile>
#include <QNmeaPositionInfoSource>

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

bool prepareWalkScreen(AppContext& context, const QString& state) {
    WalkServices* services = WalkServices::of(context.services());
    WalkController* walk = services->walk();
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
        auto applied = context.services().store->deviceStore().applyPulled(records, "measures");
        context.services().store->notifyChanged();
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
