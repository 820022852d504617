// Renders every main screen offscreen at 390×844 (a phone in portrait) and saves PNGs under
// <build>/app-screens/ for people to look at. Fails when a screen does not load, renders
// blank, or logs a warning: any QML or JavaScript warning (binding loops, required properties
// left unset, unresolved types, TypeErrors, …) and any other warning too, since neither xcb
// under Xvfb nor the offscreen platform logs anything while these screens render (a platform
// message that must be tolerated would be listed in checkNoWarnings with its reason). Opens
// every dialog and reads its button texts in Swedish and English.

#include "appcore/contentrepository.h"
#include "appcore/kioskcontroller.h"
#include "appcore/languagecontroller.h"
#include "appcore/measuremodel.h"
#include "appcore/messagecollector.h"
#include "appcore/questioncontroller.h"
#include "appcore/surveycontroller.h"
#include "appcore/walkchecklistmodel.h"
#include "appcore/walkcontroller.h"
#include "appcore/walkservices.h"
#include "publications_fixture.h"
#include "testfixture.h"
#include "walktestsupport.h"

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <algorithm>

Q_IMPORT_QML_PLUGIN(TrygghetsdialogPlugin)

using namespace td::app;

class TestAppScreens : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        m_messages = std::make_unique<MessageCollector>();
        QQuickStyle::setStyle(QStringLiteral("Material"));
        m_context = test::makeContext(m_dir.filePath(QStringLiteral("device.sqlite")));
        test::attachEngine(*m_context, m_engine);
        m_out = QStringLiteral(TD_BINARY_DIR "/app-screens");
        QVERIFY(QDir().mkpath(m_out));
    }

    void screens_data() {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("language");
        QTest::newRow("enrolment") << "EnrolmentPage"
                                   << ""
                                   << "sv";
        QTest::newRow("home") << "HomePage"
                              << ""
                              << "sv";
        QTest::newRow("home-en") << "HomePage"
                                 << ""
                                 << "en";
        QTest::newRow("survey-scale") << "SurveyPage"
                                      << "survey"
                                      << "sv";
        QTest::newRow("survey-multi") << "SurveyPage"
                                      << "multi"
                                      << "sv";
        QTest::newRow("survey-place") << "SurveyPage"
                                      << "place"
                                      << "sv";
        QTest::newRow("survey-place-en") << "SurveyPage"
                                         << "place"
                                         << "en";
        QTest::newRow("thank-you") << "ThankYouPage"
                                   << ""
                                   << "sv";
        QTest::newRow("dialogue-start") << "DialogueStartPage"
                                        << ""
                                        << "sv";
        QTest::newRow("dialogue-officer") << "DialogueOfficerPage"
                                          << "dialogue"
                                          << "sv";
        QTest::newRow("kiosk") << "KioskPage"
                               << "kiosk"
                               << "sv";
        QTest::newRow("settings") << "SettingsPage"
                                  << ""
                                  << "sv";
        QTest::newRow("needs-attention") << "NeedsAttentionPage"
                                         << ""
                                         << "sv";
        QTest::newRow("summary-empty") << "SummaryPage"
                                       << ""
                                       << "sv";
        QTest::newRow("summary") << "SummaryPage"
                                 << "publications"
                                 << "sv";
        QTest::newRow("summary-en") << "SummaryPage"
                                    << "publications"
                                    << "en";
        QTest::newRow("promises") << "PromisesPage"
                                  << "publications"
                                  << "sv";
        QTest::newRow("promises-en") << "PromisesPage"
                                     << "publications"
                                     << "en";
        // The walk rows run with the clock at the replayed track's time; "measures" restores it.
        QTest::newRow("walk-start") << "WalkStartPage"
                                    << ""
                                    << "sv";
        QTest::newRow("walk-running") << "WalkPage"
                                      << "walk"
                                      << "sv";
        QTest::newRow("walk-observation") << "WalkObservationPage"
                                          << "observation"
                                          << "sv";
        QTest::newRow("walk-observation-en") << "WalkObservationPage"
                                             << "observation"
                                             << "en";
        QTest::newRow("walk-observation-rest") << "WalkObservationPage"
                                               << "observation-rest"
                                               << "sv";
        QTest::newRow("measures") << "MeasuresPage"
                                  << "measures"
                                  << "sv";
        QTest::newRow("measures-en") << "MeasuresPage"
                                     << "measures-status"
                                     << "en";
        QTest::newRow("measures-status") << "MeasuresPage"
                                         << "measures-status"
                                         << "sv";
    }

    void screens() {
        QFETCH(QString, page);
        QFETCH(QString, state);
        QFETCH(QString, language);
        std::unique_ptr<QObject> object = openScreen(page, state, language);
        QVERIFY(object);
        auto* window = qobject_cast<QQuickWindow*>(object.get());
        QVERIFY(window);
        QVERIFY(window->isExposed());
        if (state == QLatin1String("measures-status")) {
            checkMeasureMarkers(window);
            if (QLatin1String(QTest::currentDataTag()) == QLatin1String("measures-status")) {
                openStatusDialog(window);
            }
        }
        // The open status dialog covers the page on purpose.
        if (QLatin1String(QTest::currentDataTag()) != QLatin1String("measures-status")) {
            checkNoTextOverlaps(window);
        }
        const QImage image = window->grabWindow();
        QCOMPARE(image.size(), QSize(390, 844) * window->devicePixelRatio());
        const QString file = m_out + QLatin1Char('/') +
                             QString::fromLatin1(QTest::currentDataTag()) + QStringLiteral(".png");
        QVERIFY(image.save(file));
        // Not blank: the page shows more than a couple of colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7) {
                colours.insert(image.pixel(x, y));
            }
        }
        QVERIFY2(colours.size() > 8, qPrintable(file));
        m_context->services().survey->discard();
        object.reset();
        checkNoWarnings();
    }

    void dialogs_data() {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("dialog");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("buttons");
        const auto row = [](const char* tag, const char* page, const char* state,
                            const char* dialog, const char* language, QStringList buttons) {
            QTest::newRow(tag) << page << state << dialog << language << buttons;
        };
        // In screen order, left to right (Material puts the rejecting button first).
        row("dialog-pin", "KioskPage", "kiosk", "pinDialog", "sv", {"Avbryt", "Bekräfta"});
        row("dialog-pin-en", "KioskPage", "kiosk", "pinDialog", "en", {"Cancel", "Confirm"});
        row("dialog-place", "SurveyPage", "place", "placePicker", "sv", {"Avbryt"});
        row("dialog-place-en", "SurveyPage", "place", "placePicker", "en", {"Cancel"});
        row("dialog-end-walk", "WalkPage", "walk", "endWalkDialog", "sv",
            {"Fortsätt vandra", "Avsluta vandringen"});
        row("dialog-end-walk-en", "WalkPage", "walk", "endWalkDialog", "en",
            {"Keep walking", "End the walk"});
        row("dialog-status", "MeasuresPage", "measures", "statusDialog", "sv", {"Avbryt", "Spara"});
        row("dialog-status-en", "MeasuresPage", "measures", "statusDialog", "en",
            {"Cancel", "Save"});
    }

    /// Each dialog shows the app's own button texts in the UI's language (Quick Controls'
    /// standard buttons would say "Cancel" in the Swedish UI), and its buttons work: the
    /// rejecting one closes it.
    void dialogs() {
        QFETCH(QString, page);
        QFETCH(QString, state);
        QFETCH(QString, dialog);
        QFETCH(QString, language);
        QFETCH(QStringList, buttons);
        std::unique_ptr<QObject> object = openScreen(page, state, language);
        QVERIFY(object);
        auto* window = qobject_cast<QQuickWindow*>(object.get());
        QVERIFY(window);
        QObject* popup = findObject(window, dialog);
        QVERIFY2(popup, qPrintable(dialog));
        QVERIFY(QMetaObject::invokeMethod(popup, "open"));
        QVERIFY(QTest::qWaitFor([&] { return popup->property("opened").toBool(); }, 3000));

        auto* footer = qvariant_cast<QQuickItem*>(popup->property("footer"));
        QVERIFY(footer);
        std::vector<QQuickItem*> shown;
        std::vector<QQuickItem*> items{footer};
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (QQuickItem* child : items[i]->childItems()) {
                items.push_back(child);
                if (child->inherits("QQuickAbstractButton") && child->isVisible()) {
                    shown.push_back(child);
                }
            }
        }
        std::sort(shown.begin(), shown.end(), [](QQuickItem* a, QQuickItem* b) {
            return a->mapToScene({}).x() < b->mapToScene({}).x();
        });
        QStringList texts;
        for (QQuickItem* button : shown) {
            texts.append(button->property("text").toString());
            QVERIFY(button->width() >= 48 && button->height() >= 48);
        }
        QCOMPARE(texts, buttons);
        QVERIFY(window->grabWindow().save(m_out + QLatin1Char('/') +
                                          QString::fromLatin1(QTest::currentDataTag()) +
                                          QStringLiteral(".png")));

        // A real tap on the rejecting button closes the dialog.
        auto found = std::find_if(shown.begin(), shown.end(), [](QQuickItem* b) {
            return b->objectName() == QLatin1String("dialogRejectButton");
        });
        QVERIFY(found != shown.end());
        QQuickItem* reject = *found;
        QTest::mouseClick(
            window, Qt::LeftButton, {},
            reject->mapToScene({reject->width() / 2, reject->height() / 2}).toPoint());
        QVERIFY(QTest::qWaitFor([&] { return !popup->property("visible").toBool(); }, 3000));
        m_context->services().survey->discard();
        object.reset();
        checkNoWarnings();
    }

    void cleanupTestCase() {
        m_context.reset();
        m_messages.reset();
    }

private:
    /// Fails on every warning, critical or fatal message logged since the last check; QML and
    /// JavaScript ones are marked as such.
    void checkNoWarnings() {
        QStringList logged;
        for (const LoggedMessage& message : m_messages->take()) {
            logged.append((message.fromQml() ? QStringLiteral("[QML] ") : QString()) +
                          message.describe());
        }
        QVERIFY2(logged.isEmpty(), qPrintable(logged.join(QLatin1Char('\n'))));
    }

    /// The page in `state` and `language`, in a phone-sized window, shown and settled; null
    /// when preparing the state failed or the page did not load.
    std::unique_ptr<QObject> openScreen(const QString& page, const QString& state,
                                        const QString& language) {
        m_context->services().language->setLanguage(language);
        prepare(state);
        if (QTest::currentTestFailed()) {
            return nullptr;
        }
        QQmlComponent component(&m_engine);
        component.setData(QStringLiteral(R"(
            import QtQuick
            import QtQuick.Controls
            ApplicationWindow {
                width: 390; height: 844; visible: true
                StackView { anchors.fill: parent
                    initialItem: "qrc:/qt/qml/Trygghetsdialog/pages/%1.qml" }
            })")
                              .arg(page)
                              .toUtf8(),
                          QUrl(QStringLiteral("qrc:/screens.qml")));
        std::unique_ptr<QObject> object(component.create());
        if (!object) {
            qWarning("%s", qPrintable(component.errorString()));
            return object;
        }
        if (auto* window = qobject_cast<QQuickWindow*>(object.get())) {
            if (QTest::qWaitForWindowExposed(window)) {
                QTest::qWait(300); // transitions
            }
        }
        return object;
    }

    /// The object named `name` in the window's item tree or among its popups.
    static QObject* findObject(QQuickWindow* window, const QString& name) {
        if (QObject* o = window->contentItem()->findChild<QObject*>(name)) {
            return o;
        }
        return window->findChild<QObject*>(name);
    }

    /// No two visible texts on the screen cover each other (a layout that has not made room
    /// for a wrapped line draws one text over the next).
    void checkNoTextOverlaps(QQuickWindow* window) {
        std::vector<QQuickItem*> items{window->contentItem()};
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (QQuickItem* child : items[i]->childItems()) {
                if (child->isVisible() && child->opacity() > 0) {
                    items.push_back(child);
                }
            }
        }
        const QRectF screen(0, 0, window->width(), window->height());
        std::vector<std::pair<QRectF, QString>> texts;
        for (QQuickItem* item : items) {
            if (!item->inherits("QQuickText") || item->property("text").toString().isEmpty()) {
                continue;
            }
            // The painted text: its content size, placed by its alignment inside the item.
            // (Text is not clipped: a stale item height still paints every line.)
            const qreal w = item->property("contentWidth").toReal();
            const qreal h = item->property("contentHeight").toReal();
            const int hAlign = item->property("horizontalAlignment").toInt();
            const int vAlign = item->property("verticalAlignment").toInt();
            const qreal x = (hAlign & Qt::AlignRight)     ? item->width() - w
                            : (hAlign & Qt::AlignHCenter) ? (item->width() - w) / 2
                                                          : 0;
            const qreal y = (vAlign & Qt::AlignBottom)    ? item->height() - h
                            : (vAlign & Qt::AlignVCenter) ? (item->height() - h) / 2
                                                          : 0;
            QRectF box = item->mapRectToScene(QRectF(x, y, w, h));
            // What a clipping ancestor (a scrolled area) cuts off is not drawn.
            for (QQuickItem* a = item->parentItem(); a; a = a->parentItem()) {
                if (a->clip()) {
                    box = box.intersected(a->mapRectToScene(QRectF(0, 0, a->width(), a->height())));
                }
            }
            if (box.intersects(screen) && box.width() > 0 && box.height() > 0) {
                texts.emplace_back(box, item->property("text").toString());
            }
        }
        for (std::size_t a = 0; a < texts.size(); ++a) {
            for (std::size_t b = a + 1; b < texts.size(); ++b) {
                const QRectF both = texts[a].first.intersected(texts[b].first);
                QVERIFY2(both.width() <= 2 || both.height() <= 2,
                         qPrintable(QStringLiteral("\"%1\" overlaps \"%2\"")
                                        .arg(texts[a].second.left(40), texts[b].second.left(40))));
            }
        }
    }

    /// The measures page shows the pending change and the conflict on "status".
    void checkMeasureMarkers(QQuickWindow* window) {
        int pending = 0;
        int conflicts = 0;
        // Delegates are visual children only: walk the item tree.
        std::vector<QQuickItem*> items{window->contentItem()};
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (QQuickItem* child : items[i]->childItems()) {
                items.push_back(child);
            }
        }
        for (QQuickItem* item : items) {
            if (item->objectName() == QLatin1String("pendingMarker") && item->isVisible()) {
                ++pending;
            }
            if (item->objectName() == QLatin1String("conflictMarker") && item->isVisible()) {
                ++conflicts;
                QVERIFY(item->property("text").toString().contains(QStringLiteral("(status)")));
            }
        }
        QCOMPARE(pending, 1);
        QCOMPARE(conflicts, 1);
    }

    /// Opens the status dialog for the decided measure with "rejected" chosen.
    void openStatusDialog(QQuickWindow* window) {
        MeasureModel* measures = WalkServices::of(m_context->services())->measures();
        QString id;
        QString title;
        for (int i = 0; i < measures->rowCount(); ++i) {
            const QModelIndex index = measures->index(i);
            if (index.data(MeasureModel::StatusKeyRole).toString() == QLatin1String("decided")) {
                id = index.data(MeasureModel::IdRole).toString();
                title = index.data(MeasureModel::TitleRole).toString();
            }
        }
        QVERIFY(!id.isEmpty());
        QObject* dialog = findObject(window, QStringLiteral("statusDialog"));
        QVERIFY(dialog);
        QVERIFY(QMetaObject::invokeMethod(dialog, "openFor", Q_ARG(QVariant, id),
                                          Q_ARG(QVariant, title), Q_ARG(QVariant, "decided"),
                                          Q_ARG(QVariant, QString())));
        dialog->setProperty("chosen", QStringLiteral("rejected"));
        QTest::qWait(400); // the dialog's enter transition
        QVERIFY(dialog->property("visible").toBool());
    }

    void prepare(const QString& state) {
        SurveyController* survey = m_context->services().survey;
        KioskController* kiosk = m_context->services().kiosk;
        if (state == QLatin1String("survey")) {
            QVERIFY(m_context->services().content->prepareSurvey(survey, test::kSurveyCampaign));
            QVERIFY(survey->start(QString::fromLatin1(test::kSurveyCampaign), "survey"));
            QVERIFY(!survey->next()); // shows the required-answer message
        } else if (state == QLatin1String("multi")) {
            QVERIFY(m_context->services().content->prepareSurvey(survey, test::kSurveyCampaign));
            QVERIFY(survey->start(QString::fromLatin1(test::kSurveyCampaign), "survey"));
            for (int i = 0; i < 40 && survey->question()->type() != QLatin1String("multi"); ++i) {
                QuestionController* q = survey->question();
                if (q->type() == QLatin1String("yes_no")) {
                    q->selectOption(QStringLiteral("yes"));
                } else if (q->required()) {
                    q->selectOption(q->options()->keyAt(0));
                }
                QVERIFY(survey->next());
            }
            survey->question()->toggleOption(survey->question()->options()->keyAt(1));
        } else if (state == QLatin1String("place")) {
            QVERIFY(m_context->services().content->prepareSurvey(survey, test::kDialogueCampaign));
            QVERIFY(survey->start(QString::fromLatin1(test::kDialogueCampaign), "dialogue"));
            for (int i = 0; i < 10 && survey->question()->type() != QLatin1String("place"); ++i) {
                QuestionController* q = survey->question();
                if (q->required()) {
                    q->selectOption(q->options()->keyAt(0));
                }
                QVERIFY(survey->next());
            }
            QuestionController* q = survey->question();
            q->addRegistryPlace(QStringLiteral("vindeln_stationen"));
            q->toggleTimeOfDay(0, QStringLiteral("evening"));
            q->toggleReason(0, q->reasonOptions().value(0).toMap().value("key").toString());
        } else if (state == QLatin1String("publications")) {
            test::pullPublications(*m_context);
        } else if (state == QLatin1String("observation-rest")) {
            // The quick path taken: the items not rated yet read "no problem", marked as such.
            QVERIFY(test::prepareWalkScreen(*m_context, QStringLiteral("observation")));
            WalkChecklistModel* checklist =
                WalkServices::of(m_context->services())->walk()->observation()->checklist();
            QCOMPARE(checklist->rateRestNoProblem(), 5);
        } else if (state == QLatin1String("measures-status")) {
            QVERIFY(test::prepareWalkScreen(*m_context, QStringLiteral("measures-edited")));
        } else if (state == QLatin1String("walk") || state == QLatin1String("observation") ||
                   state == QLatin1String("measures")) {
            QVERIFY(test::prepareWalkScreen(*m_context, state));
        } else if (state == QLatin1String("dialogue") || state == QLatin1String("kiosk")) {
            if (!kiosk->active()) {
                QVERIFY(kiosk->startDialogue("vindeln_stationen", "Stationen", {}, "Vindeln",
                                             "polis", "2468"));
            }
            kiosk->topics()->adjust(1, 3);
            if (state == QLatin1String("kiosk")) {
                QVERIFY(kiosk->enterKiosk());
            }
        }
    }

    std::unique_ptr<MessageCollector> m_messages;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    QQmlEngine m_engine;
    QString m_out;
};

int main(int argc, char* argv[]) {
    // Offscreen by default; run under a display (e.g. xvfb-run with QT_QPA_PLATFORM=xcb) to
    // render through OpenGL like a device does.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QGuiApplication app(argc, argv);
    TestAppScreens test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_app_screens.moc"
