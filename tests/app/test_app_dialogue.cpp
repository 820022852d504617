// A running medborgardialog survives an app restart: the AppContext is destroyed and created
// again on the same SQLite file (as after a kill), and the dialogue comes back with its start
// data, topics, people met and responses — in kiosk mode when residents had the device, with
// the officer's PIN still needed to leave.

#include "appcore/kioskcontroller.h"
#include "appcore/localstore.h"
#include "appcore/questioncontroller.h"
#include "appcore/surveycontroller.h"
#include "appcore/topicmodel.h"
#include "td/model/codec.hpp"
#include "td/store/device_store.hpp"
#include "testfixture.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(TrygghetsdialogPlugin)

using namespace td::app;

namespace {

constexpr auto kPin = "2468";

// One resident answers the required questions of the kiosk form and submits.
bool answerAsResident(SurveyController* runner) {
    for (int step = 0; runner->active() && step < 20; ++step) {
        QuestionController* q = runner->question();
        if (q->required()) {
            q->selectOption(q->options()->keyAt(0));
        }
        if (!(runner->isLast() ? runner->submit() : runner->next())) {
            return false;
        }
    }
    return !runner->active();
}

int topicCount(KioskController* kiosk, int row) {
    return kiosk->topics()->data(kiosk->topics()->index(row), TopicModel::CountRole).toInt();
}

QString topicNote(KioskController* kiosk, int row) {
    return kiosk->topics()->data(kiosk->topics()->index(row), TopicModel::NoteRole).toString();
}

} // namespace

class TestAppDialogue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QQuickStyle::setStyle(QStringLiteral("Material"));
    }

    /// The locality field is free text: a typed name is stored as the registry's id for it,
    /// so the dialogue can be restored and ended; a name with no letters is refused.
    void typedLocalityBecomesAnId() {
        const QString path = m_dir.filePath(QStringLiteral("locality.sqlite"));
        {
            auto context = test::makeContext(path);
            KioskController* kiosk = context->services().kiosk;
            QVERIFY(!kiosk->startDialogue(QString(), QString(), QStringLiteral("Skolan"),
                                          QStringLiteral(" ?! "), QStringLiteral("polis"),
                                          QString::fromLatin1(kPin)));
            QCOMPARE(kiosk->lastError(), QStringLiteral("Ange ort."));
            QVERIFY(kiosk->startDialogue(QString(), QString(), QStringLiteral("Skolan"),
                                         QStringLiteral(" Hällnäs "), QStringLiteral("polis"),
                                         QString::fromLatin1(kPin)));
            QCOMPARE(kiosk->locality(), QStringLiteral("hallnas"));
        }
        auto context = test::makeContext(path);
        KioskController* kiosk = context->services().kiosk;
        QVERIFY(kiosk->active());
        QCOMPARE(kiosk->locality(), QStringLiteral("hallnas"));
        QVERIFY(kiosk->endDialogue());
        auto dialogues = context->services().store->deviceStore().recordsOfKind("dialogue");
        QVERIFY(dialogues.ok());
        QCOMPARE(dialogues->size(), std::size_t(1));
        auto stored = td::model::fromJsonText<td::model::Dialogue>(dialogues->front().body);
        QVERIFY(stored.ok());
        QCOMPARE(stored->locality, std::string("hallnas"));
    }

    void kioskDialogueSurvivesRestart() {
        const QString path = m_dir.filePath(QStringLiteral("kiosk.sqlite"));
        QString startedAt;
        {
            auto context = test::makeContext(path);
            KioskController* kiosk = context->services().kiosk;
            QVERIFY(kiosk->startDialogue(
                QStringLiteral("vindeln_stationen"), QStringLiteral("Stationen"), QString(),
                QStringLiteral("vindeln"), QStringLiteral("kommun"), QString::fromLatin1(kPin)));
            kiosk->topics()->adjust(1, 3);
            kiosk->topics()->setNote(1, QStringLiteral("Fortkörning på Storgatan"));
            kiosk->topics()->adjust(4, 1);
            kiosk->setPeopleMet(7);
            QVERIFY(kiosk->enterKiosk());
            QVERIFY(answerAsResident(kiosk->runner()));
            kiosk->nextResident();
            QVERIFY(kiosk->runner()->active());
            QVERIFY(answerAsResident(kiosk->runner()));
            kiosk->nextResident();
            QCOMPARE(kiosk->responses(), 2);
            // A resident is half-way through the next form when the app is killed.
            kiosk->runner()->question()->selectOption(
                kiosk->runner()->question()->options()->keyAt(0));
            startedAt = kiosk->startedAtText();
        }

        auto context = test::makeContext(path);
        KioskController* kiosk = context->services().kiosk;
        QVERIFY(kiosk->active());
        QVERIFY(kiosk->inKiosk());
        QCOMPARE(kiosk->placeLabel(), QStringLiteral("Stationen"));
        QCOMPARE(kiosk->locality(), QStringLiteral("vindeln"));
        QCOMPARE(kiosk->startedAtText(), startedAt);
        QCOMPARE(kiosk->peopleMet(), 7);
        QCOMPARE(kiosk->responses(), 2);
        QCOMPARE(topicCount(kiosk, 1), 3);
        QCOMPARE(topicNote(kiosk, 1), QStringLiteral("Fortkörning på Storgatan"));
        QCOMPARE(topicCount(kiosk, 4), 1);
        QCOMPARE(topicCount(kiosk, 0), 0);
        // A fresh form: nothing of the half-filled one is reachable.
        QVERIFY(kiosk->runner()->active());
        QCOMPARE(kiosk->runner()->answeredCount(), 0);
        QCOMPARE(kiosk->runner()->currentIndex(), 0);

        // Leaving still needs the PIN; then the officer ends the dialogue as usual.
        QVERIFY(!kiosk->leaveKiosk(QStringLiteral("1111")));
        QVERIFY(kiosk->inKiosk());
        QVERIFY(kiosk->leaveKiosk(QString::fromLatin1(kPin)));
        QVERIFY(kiosk->endDialogue());
        const int pending = context->services().store->pendingCount();
        auto dialogues = context->services().store->deviceStore().recordsOfKind("dialogue");
        QVERIFY(dialogues.ok());
        QCOMPARE(dialogues->size(), std::size_t(1));
        auto stored = td::model::fromJsonText<td::model::Dialogue>(dialogues->front().body);
        QVERIFY(stored.ok());
        QCOMPARE(stored->peopleMet, 7);
        QCOMPARE(stored->topics.size(), std::size_t(2));
        QCOMPARE(stored->locality, std::string("vindeln"));
        QVERIFY(stored->organisation == td::model::Organisation::Kommun);
        QVERIFY(stored->endedAt.has_value());

        // Ended: a further restart has no running dialogue, and the record is not lost.
        context.reset();
        auto after = test::makeContext(path);
        QVERIFY(!after->services().kiosk->active());
        QVERIFY(!after->services().kiosk->inKiosk());
        QCOMPARE(after->services().store->pendingCount(), pending);
    }

    // The real window: a dialogue restored in kiosk mode opens on the kiosk page, not on the
    // officer's home page (which would bypass the PIN).
    void restoredKioskOpensTheKioskPage() {
        const QString path = m_dir.filePath(QStringLiteral("window.sqlite"));
        {
            auto context = test::makeContext(path);
            KioskController* kiosk = context->services().kiosk;
            QVERIFY(kiosk->startDialogue(
                QStringLiteral("vindeln_stationen"), QStringLiteral("Stationen"), QString(),
                QStringLiteral("vindeln"), QStringLiteral("kommun"), QString::fromLatin1(kPin)));
            QVERIFY(kiosk->enterKiosk());
        }
        auto context = test::makeContext(path);
        QVERIFY(context->services().kiosk->inKiosk());
        QQmlApplicationEngine engine;
        test::attachEngine(*context, engine);
        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Trygghetsdialog/Main.qml")));
        QCOMPARE(engine.rootObjects().size(), qsizetype(1));
        auto* stack = engine.rootObjects().front()->findChild<QQuickItem*>(QStringLiteral("stack"));
        QVERIFY(stack);
        QTRY_VERIFY(stack->property("currentItem").value<QObject*>() != nullptr);
        auto* current = stack->property("currentItem").value<QObject*>();
        QCOMPARE(current->objectName(), QStringLiteral("kioskPage"));
        QCOMPARE(stack->property("depth").toInt(), 1);
    }

    void officerPageDialogueSurvivesRestart() {
        const QString path = m_dir.filePath(QStringLiteral("officer.sqlite"));
        {
            auto context = test::makeContext(path);
            KioskController* kiosk = context->services().kiosk;
            QVERIFY(kiosk->startDialogue(
                QString(), QString(), QStringLiteral("Bygdegården i Tvärålund"),
                QStringLiteral("tvaralund"), QStringLiteral("polis"), QString::fromLatin1(kPin)));
            kiosk->setPeopleMet(3);
        }
        auto context = test::makeContext(path);
        KioskController* kiosk = context->services().kiosk;
        QVERIFY(kiosk->active());
        QVERIFY(!kiosk->inKiosk());
        QCOMPARE(kiosk->placeLabel(), QStringLiteral("Bygdegården i Tvärålund"));
        QCOMPARE(kiosk->peopleMet(), 3);
        QCOMPARE(kiosk->responses(), 0);
        // The restored PIN guards kiosk mode entered after the restart.
        QVERIFY(kiosk->enterKiosk());
        QVERIFY(!kiosk->leaveKiosk(QStringLiteral("0000")));
        QVERIFY(kiosk->leaveKiosk(QString::fromLatin1(kPin)));
        QVERIFY(kiosk->endDialogue());
    }

    void unreadableStateIsReportedNotLost() {
        const QString path = m_dir.filePath(QStringLiteral("broken.sqlite"));
        {
            auto context = test::makeContext(path);
            context->services().store->saveDraft("dialogue:running", "dialogue", "",
                                                 "{\"dialogue\":{}}");
        }
        auto context = test::makeContext(path);
        QVERIFY(!context->services().kiosk->active());
        QVERIFY(context->services().kiosk->lastError().startsWith(
            QStringLiteral("Den pågående dialogen kunde inte återställas")));
        // The draft stays for inspection; nothing is deleted.
        QVERIFY(context->services().store->loadDraft("dialogue:running").has_value());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestAppDialogue)
#include "test_app_dialogue.moc"
