// A walk observation through the real pages at phone size (390×844), from "Ny iakttagelse" to
// saved, with real input: taps are mouse clicks at the controls' centres, scrolling is a
// finger drag on the touch screen. Both are counted. When most checklist items are fine an
// observation takes at most 6 taps, and its keystroke-level estimate (below) at most 30 s. What the
// quick path sets is on screen and changeable, and "not checked" stays apart from "no problem".

#include "appcore/localstore.h"
#include "appcore/walkchecklistmodel.h"
#include "appcore/walkcontroller.h"
#include "appcore/walkservices.h"
#include "td/model/codec.hpp"
#include "td/store/device_store.hpp"
#include "testfixture.h"
#include "walktestsupport.h"

#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <map>
#include <optional>
#include <set>

Q_IMPORT_QML_PLUGIN(TrygghetsdialogPlugin)

using namespace td::app;

namespace {

// Keystroke-level model operators for touch (Card, Moran & Newell 1980; pointing by Fitts'
// law at phone distances): deciding what to do next, moving the finger to the target, the
// tap itself, a scroll drag, and reading one checklist label.
constexpr double kMentalS = 1.35;
constexpr double kPointS = 1.1;
constexpr double kTapS = 0.2;
constexpr double kDragS = 1.0;
constexpr double kReadLabelS = 0.3;

} // namespace

class TestAppWalkTaps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        m_context = test::makeContext(m_dir.filePath(QStringLiteral("device.sqlite")));
        test::attachEngine(*m_context, m_engine);
        QVERIFY(test::prepareWalkScreen(*m_context, QStringLiteral("walk")));
        m_walk = WalkServices::of(m_context->services())->walk();
        QVERIFY(m_walk->active());
        QVERIFY(m_walk->hasRecentFix());

        QQmlComponent component(&m_engine);
        component.setData(R"(
            import QtQuick
            import QtQuick.Controls
            ApplicationWindow {
                width: 390; height: 844; visible: true
                StackView { objectName: "stack"; anchors.fill: parent
                    initialItem: "qrc:/qt/qml/Trygghetsdialog/pages/WalkPage.qml" }
            })",
                          QUrl(QStringLiteral("qrc:/taps.qml")));
        m_window.reset(qobject_cast<QQuickWindow*>(component.create()));
        QVERIFY2(m_window, qPrintable(component.errorString()));
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_stack = m_window->findChild<QQuickItem*>(QStringLiteral("stack"));
        QVERIFY(m_stack);
        (void)lastObservation(); // the stops made while preparing
    }

    /// One problem (the first item): feeling, its rating, the rest, save.
    void problemAtTheTop() {
        const int stopsBefore = m_walk->stopCount();
        beginCounting();
        QVERIFY(tap(QStringLiteral("newObservationButton")));
        QVERIFY(waitForPage(QStringLiteral("walkObservationPage")));
        QVERIFY(tap(QStringLiteral("feeling_2")));
        QVERIFY(tap(QStringLiteral("rating_lighting_2")));
        QCOMPARE(ratingText(QStringLiteral("sightlines")), QStringLiteral("Inte bedömd"));
        QVERIFY(tap(QStringLiteral("restNoProblemButton")));
        // What the quick path set is on screen, named as its doing, before anything is saved.
        QCOMPARE(ratingText(QStringLiteral("lighting")), QStringLiteral("Betydande problem"));
        for (const char* id : {"sightlines", "vegetation", "traffic_safety"}) {
            QCOMPARE(ratingText(QString::fromLatin1(id)),
                     QStringLiteral("Inget problem – satt med ”Resten: inget problem”"));
        }
        QVERIFY(item(QStringLiteral("undoRestButton"))->isVisible());
        QVERIFY(tap(QStringLiteral("saveObservationButton")));
        QVERIFY(waitForPage(QStringLiteral("walkPage")));

        QCOMPARE(m_walk->stopCount(), stopsBefore + 1);
        QVERIFY2(m_taps <= 6, qPrintable(QString::number(m_taps)));
        QCOMPARE(m_taps, 5);
        QCOMPARE(m_drags, 0);
        checkEstimate();
        const auto saved = lastObservation();
        QVERIFY(saved);
        QCOMPARE(saved->overallFeeling, 2);
        QCOMPARE(saved->ratings.size(), std::size_t(8));
        for (const auto& [itemId, rating] : saved->ratings) {
            QVERIFY(rating.has_value());
            QCOMPARE(*rating, itemId == "lighting" ? 2 : 0);
        }
    }

    /// One problem at the bottom of the list: the rest first, then a drag down to change it.
    void problemAtTheBottom() {
        const int stopsBefore = m_walk->stopCount();
        beginCounting();
        QVERIFY(tap(QStringLiteral("newObservationButton")));
        QVERIFY(waitForPage(QStringLiteral("walkObservationPage")));
        QVERIFY(tap(QStringLiteral("feeling_4")));
        QVERIFY(tap(QStringLiteral("restNoProblemButton")));
        QVERIFY(tap(QStringLiteral("rating_traffic_safety_1")));
        QCOMPARE(ratingText(QStringLiteral("traffic_safety")), QStringLiteral("Litet problem"));
        QVERIFY(tap(QStringLiteral("saveObservationButton")));
        QVERIFY(waitForPage(QStringLiteral("walkPage")));

        QCOMPARE(m_walk->stopCount(), stopsBefore + 1);
        QVERIFY2(m_taps <= 6, qPrintable(QString::number(m_taps)));
        QVERIFY(m_drags >= 1); // the last item is below the fold on a phone
        checkEstimate();
        const auto saved = lastObservation();
        QVERIFY(saved);
        QCOMPARE(saved->overallFeeling, 4);
        QCOMPARE(saved->ratings.size(), std::size_t(8));
        for (const auto& [itemId, rating] : saved->ratings) {
            QVERIFY(rating.has_value());
            QCOMPARE(*rating, itemId == "traffic_safety" ? 1 : 0);
        }
    }

    /// Without the quick path, items not rated are "not checked": left out of the record, not
    /// stored as "no problem". The quick path can be undone, and a rating taken back.
    void notCheckedStaysApart() {
        QVERIFY(tap(QStringLiteral("newObservationButton")));
        QVERIFY(waitForPage(QStringLiteral("walkObservationPage")));
        WalkChecklistModel* checklist = m_walk->observation()->checklist();
        QVERIFY(tap(QStringLiteral("feeling_3")));
        QVERIFY(tap(QStringLiteral("rating_lighting_1")));
        QVERIFY(tap(QStringLiteral("rating_vegetation_na")));
        QVERIFY(tap(QStringLiteral("restNoProblemButton")));
        QCOMPARE(checklist->quickCount(), 6);
        QVERIFY(tap(QStringLiteral("undoRestButton")));
        QCOMPARE(checklist->quickCount(), 0);
        QCOMPARE(checklist->ratedCount(), 2);
        QCOMPARE(ratingText(QStringLiteral("sightlines")), QStringLiteral("Inte bedömd"));
        QCOMPARE(ratingText(QStringLiteral("vegetation")), QStringLiteral("Ej tillämpligt"));
        // A second tap on the chosen rating takes it back.
        QVERIFY(tap(QStringLiteral("rating_lighting_1")));
        QCOMPARE(checklist->ratingOf(QStringLiteral("lighting")), int(WalkChecklistModel::Unrated));
        QVERIFY(tap(QStringLiteral("rating_lighting_3")));
        QVERIFY(tap(QStringLiteral("saveObservationButton")));
        QVERIFY(waitForPage(QStringLiteral("walkPage")));

        const auto saved = lastObservation();
        QVERIFY(saved);
        QCOMPARE(saved->ratings.size(), std::size_t(2));
        QCOMPARE(saved->ratings.at("lighting"), std::optional<std::int64_t>(3));
        QCOMPARE(saved->ratings.at("vegetation"), std::optional<std::int64_t>());
    }

    void cleanupTestCase() {
        m_window.reset();
        m_context.reset();
    }

private:
    void beginCounting() {
        m_taps = 0;
        m_drags = 0;
    }

    QQuickItem* item(const QString& name) const {
        QQuickItem* page = qvariant_cast<QQuickItem*>(m_stack->property("currentItem"));
        if (!page) {
            return nullptr;
        }
        if (page->objectName() == name) {
            return page;
        }
        std::vector<QQuickItem*> items{page};
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (QQuickItem* child : items[i]->childItems()) {
                if (child->objectName() == name) {
                    return child;
                }
                items.push_back(child);
            }
        }
        return nullptr;
    }

    bool waitForPage(const QString& name) {
        return QTest::qWaitFor(
            [&] {
                auto* page = qvariant_cast<QQuickItem*>(m_stack->property("currentItem"));
                return page && page->objectName() == name && !m_stack->property("busy").toBool();
            },
            5000);
    }

    QString ratingText(const QString& itemId) const {
        QQuickItem* label = item(QStringLiteral("ratingText_") + itemId);
        return label ? label->property("text").toString() : QString();
    }

    /// Whether `target` lies wholly on screen: in the header or footer of the page, or in the
    /// visible part of its scrolling body (under the header, above the footer).
    bool inView(QQuickItem* target) const {
        const QRectF box = target->mapRectToScene(QRectF(0, 0, target->width(), target->height()));
        auto* page = qvariant_cast<QQuickItem*>(m_stack->property("currentItem"));
        auto* body = qvariant_cast<QQuickItem*>(page->property("contentItem"));
        const auto sceneRect = [](QQuickItem* i) {
            return i->mapRectToScene(QRectF(0, 0, i->width(), i->height()));
        };
        bool inBody = false;
        for (QQuickItem* a = target; a; a = a->parentItem()) {
            inBody = inBody || a == body;
        }
        return sceneRect(inBody ? body : page).contains(box);
    }

    /// A finger drag on the page towards `target` (up when it is below the view), slow enough
    /// not to fling.
    void dragTowards(QQuickItem* target) {
        const QPointF centre =
            target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
        const bool below = centre.y() > m_window->height() / 2;
        const QPoint from(m_window->width() / 2, below ? 600 : 240);
        const QPoint to(from.x(), below ? 240 : 600);
        QTest::touchEvent(m_window.get(), m_touch.get()).press(0, from, m_window.get());
        for (int step = 1; step <= 12; ++step) {
            QTest::qWait(16);
            QTest::touchEvent(m_window.get(), m_touch.get())
                .move(0, from + (to - from) * step / 12, m_window.get());
        }
        QTest::qWait(200);
        QTest::touchEvent(m_window.get(), m_touch.get()).release(0, to, m_window.get());
        QTest::qWait(400);
        ++m_drags;
    }

    /// A tap on the control named `name` (dragging it into view first if needed); false, with
    /// the reason logged, when it cannot be tapped.
    bool tap(const QString& name) {
        QQuickItem* target = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    target = item(name);
                    return target && target->isVisible() && target->isEnabled();
                },
                5000)) {
            qWarning("%s is not shown", qPrintable(name));
            return false;
        }
        for (int i = 0; i < 8 && !inView(target); ++i) {
            dragTowards(target);
        }
        if (!inView(target)) {
            qWarning("%s cannot be brought into view", qPrintable(name));
            return false;
        }
        // A touch target of at least 48 dp.
        if (target->width() < 48 || target->height() < 48) {
            qWarning("%s is %.0f×%.0f", qPrintable(name), target->width(), target->height());
            return false;
        }
        const QPointF centre =
            target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
        QTest::mouseClick(m_window.get(), Qt::LeftButton, {}, centre.toPoint());
        ++m_taps;
        QTest::qWait(50);
        return true;
    }

    /// The keystroke-level estimate of the counted path stays within 30 s: each tap is a
    /// decision, a pointing move and the tap; each drag a decision and the drag; and the
    /// checklist's labels are read once.
    void checkEstimate() {
        const double seconds = m_taps * (kMentalS + kPointS + kTapS) +
                               m_drags * (kMentalS + kDragS) +
                               m_walk->observation()->checklist()->rowCount() * kReadLabelS;
        qInfo("%d taps, %d drags: about %.1f s", m_taps, m_drags, seconds);
        QVERIFY2(seconds <= 30.0, qPrintable(QString::number(seconds)));
    }

    /// The one observation saved since the last call (from the walk's journal on disk).
    std::optional<td::model::Observation> lastObservation() {
        auto drafts = m_context->services().store->deviceStore().drafts("walk_observation");
        if (!drafts) {
            return std::nullopt;
        }
        std::optional<td::model::Observation> added;
        int count = 0;
        for (const auto& draft : *drafts) {
            if (m_seen.insert(draft.id).second) {
                auto o = td::model::fromJsonText<td::model::Observation>(draft.body);
                if (o) {
                    added = *o;
                }
                ++count;
            }
        }
        return count == 1 ? added : std::nullopt;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    QQmlEngine m_engine;
    std::unique_ptr<QQuickWindow> m_window;
    QQuickItem* m_stack = nullptr;
    std::unique_ptr<QPointingDevice> m_touch{QTest::createTouchDevice()};
    WalkController* m_walk = nullptr;
    int m_taps = 0;
    int m_drags = 0;
    std::set<std::string> m_seen; ///< observation drafts already looked at
};

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication app(argc, argv);
    TestAppWalkTaps test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_app_walk_taps.moc"
