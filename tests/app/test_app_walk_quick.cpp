// Qt Quick test of a whole safety walk through the real pages over a real device database:
// the reference NMEA track replayed through Qt's NMEA source into the running walk,
// observations made at its five stops, the walk ended, and the stored records checked.

#include "appcore/localstore.h"
#include "appcore/walkservices.h"
#include "td/store/device_store.hpp"
#include "testfixture.h"
#include "walktestsupport.h"

#include <QFile>
#include <QNmeaPositionInfoSource>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QVariantList>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>
#include <boost/json/parse.hpp>

Q_IMPORT_QML_PLUGIN(TrygghetsdialogPlugin)

/// What the QML test reads back from the device store.
class WalkStoreInspector : public QObject {
    Q_OBJECT
public:
    explicit WalkStoreInspector(td::app::LocalStore* store)
        : m_store(store) {}

    /// Bodies (JSON text) of the stored records of `kind`.
    Q_INVOKABLE QStringList bodies(const QString& kind) const {
        QStringList out;
        for (const auto& body : m_store->recordBodies(kind.toStdString())) {
            out << QString::fromStdString(body);
        }
        return out;
    }
    /// [{kind, id}] of the pending outbox entries, in push order.
    Q_INVOKABLE QVariantList pending() const {
        QVariantList out;
        auto entries = m_store->deviceStore().pending(1000, 64 * 1024 * 1024);
        if (entries) {
            for (const auto& e : *entries) {
                out.append(QVariantMap{{"kind", QString::fromStdString(e.record.kind)},
                                       {"id", QString::fromStdString(e.record.id)}});
            }
        }
        return out;
    }
    /// The true stop positions of the reference walk: [{name, lat, lon}].
    Q_INVOKABLE QVariantList referenceStops() const {
        QFile file(QStringLiteral(TD_REFERENCE_DATA_DIR "/vindeln.json"));
        QVariantList out;
        if (!file.open(QIODevice::ReadOnly)) {
            return out;
        }
        const auto doc = boost::json::parse(file.readAll().toStdString());
        for (const auto& s : doc.at("walk_track").at("stops").as_array()) {
            out.append(
                QVariantMap{{"name", QString::fromStdString(std::string(s.at("name").as_string()))},
                            {"lat", s.at("lat").to_number<double>()},
                            {"lon", s.at("lon").to_number<double>()}});
        }
        return out;
    }
    Q_INVOKABLE double routeLength() const {
        QFile file(QStringLiteral(TD_REFERENCE_DATA_DIR "/vindeln.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            return 0;
        }
        const auto doc = boost::json::parse(file.readAll().toStdString());
        return doc.at("walk_track").at("route_length_m").to_number<double>();
    }

private:
    td::app::LocalStore* m_store;
};

class Setup : public QObject {
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable() {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        m_context = td::app::test::makeContext(m_dir.filePath(QStringLiteral("device.sqlite")));
        m_context->registerWithQml();
        m_driver = std::make_unique<td::app::test::WalkReplayDriver>(
            td::app::test::referenceTrackPath(), m_context->services().clock);
        td::app::WalkServices::of(m_context->services())->setPositionSource(m_driver->source());
        m_inspector = std::make_unique<WalkStoreInspector>(m_context->services().store);
    }
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        m_context->setEngine(engine);
        engine->rootContext()->setContextProperty(QStringLiteral("WalkReplay"), m_driver.get());
        engine->rootContext()->setContextProperty(QStringLiteral("WalkStore"), m_inspector.get());
    }
    void cleanupTestCase() {
        m_context.reset();
        m_driver.reset();
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<td::app::AppContext> m_context;
    std::unique_ptr<td::app::test::WalkReplayDriver> m_driver;
    std::unique_ptr<WalkStoreInspector> m_inspector;
};

int main(int argc, char** argv) {
    QTEST_SET_MAIN_SOURCE_PATH
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "test_app_walk_quick",
                                      TD_SOURCE_DIR "/tests/app/qml/tst_walk.qml", &setup);
}

#include "test_app_walk_quick.moc"
