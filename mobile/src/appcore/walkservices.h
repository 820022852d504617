#pragma once
// The safety-walk services of one app service graph: the walk controller (QML "Walk") and the
// pulled measures (QML "Measures"). Made on first use over the graph's store, clock, language
// and place registry, and owned by its LocalStore, so they live exactly as long as the graph.

#include "appcore/appservices.h"

#include <QObject>

class QGeoPositionInfoSource;

namespace td::app {

class AppContext;
class MeasureModel;
class WalkController;

class WalkServices : public QObject {
    Q_OBJECT
public:
    /// The walk services of `services` (all of whose members must be set), made on the first
    /// call: the bundled checklist is loaded and a walk left running is resumed.
    static WalkServices* of(const AppServices& services);

    WalkController* walk() { return m_walk; }
    MeasureModel* measures() { return m_measures; }

    /// The GPS source walks record from (not owned). Without one, the platform's default
    /// source is created when a walk starts.
    void setPositionSource(QGeoPositionInfoSource* source);

    /// Registers "Walk" and "Measures" as QML singletons of `uri`.
    void registerWithQml(const char* uri);

private:
    explicit WalkServices(const AppServices& services);
    void ensureSource();

    WalkController* m_walk;
    MeasureModel* m_measures;
    bool m_sourceSet = false;
};

/// Makes `source` (not owned) the position source of the whole app: "Här jag står nu" and
/// safety walks. The binary calls this for `--nmea-file` and the platform source alike.
void usePositionSource(AppContext& context, QGeoPositionInfoSource* source);

} // namespace td::app
