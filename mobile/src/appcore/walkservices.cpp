#include "appcore/walkservices.h"

#include "appcore/appcontext.h"
#include "appcore/clock.h"
#include "appcore/languagecontroller.h"
#include "appcore/localstore.h"
#include "appcore/measuremodel.h"
#include "appcore/placeregistrymodel.h"
#include "appcore/walkcontroller.h"
#include "td/model/codec.hpp"

#include <QFile>
#include <QGeoPositionInfoSource>
#include <QQmlEngine>

namespace td::app {

namespace {

constexpr const char* kChecklistResource = ":/walk/walk_checklist.json";

} // namespace

WalkServices* WalkServices::of(const AppServices& services) {
    if (auto* existing =
            services.store->findChild<WalkServices*>(QString(), Qt::FindDirectChildrenOnly)) {
        return existing;
    }
    return new WalkServices(services);
}

WalkServices::WalkServices(const AppServices& s)
    : QObject(s.store)
    , m_walk(new WalkController(s.store, s.clock, this))
    , m_measures(new MeasureModel(s.store, this)) {
    m_walk->setLanguage(s.language);
    m_walk->setPlaces(s.places);
    QFile file(QString::fromLatin1(kChecklistResource));
    if (file.open(QIODevice::ReadOnly)) {
        auto checklist =
            td::model::fromJsonText<td::model::WalkChecklist>(file.readAll().toStdString());
        if (checklist) {
            m_walk->setChecklist(checklist.value());
        } else {
            qWarning("walk checklist: %s", checklist.error().describe().c_str());
        }
    } else {
        qWarning("walk checklist: cannot read %s", kChecklistResource);
    }
    connect(s.language, &LanguageController::languageChanged, m_measures, &MeasureModel::reload);
    connect(m_walk, &WalkController::changed, this, [this] {
        if (m_walk->active()) {
            ensureSource();
        }
    });
    m_walk->resume();
}

void WalkServices::setPositionSource(QGeoPositionInfoSource* source) {
    m_sourceSet = true;
    m_walk->setPositionSource(source);
}

void WalkServices::ensureSource() {
    if (m_sourceSet) {
        return;
    }
    m_sourceSet = true;
    m_walk->setPositionSource(QGeoPositionInfoSource::createDefaultSource(this));
}

void usePositionSource(AppContext& context, QGeoPositionInfoSource* source) {
    context.setPositionSource(source);
    WalkServices::of(context.services())->setPositionSource(source);
}

void WalkServices::registerWithQml(const char* uri) {
    qmlRegisterSingletonInstance(uri, 1, 0, "Walk", m_walk);
    qmlRegisterSingletonInstance(uri, 1, 0, "Measures", m_measures);
}

} // namespace td::app
