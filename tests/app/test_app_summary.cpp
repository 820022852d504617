// "Vad invånarna har sagt" and "Medborgarlöften" over a real device database: before anything
// is pulled both pages say so; after a public summary and promises arrive through
// DeviceStore::applyPulled, the models (under QAbstractItemModelTester) and the real QML pages
// show them, a withheld figure as "För få svar för att visa" and never as a number.

#include "appcore/languagecontroller.h"
#include "appcore/promisemodel.h"
#include "appcore/summarycontroller.h"
#include "publications_fixture.h"
#include "testfixture.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>
#include <algorithm>

Q_IMPORT_QML_PLUGIN(TrygghetsdialogPlugin)

using namespace td::app;

namespace {

QQuickItem* findItem(QQuickItem* root, const QString& name) {
    if (!root)
        return nullptr;
    if (root->objectName() == name)
        return root;
    for (QQuickItem* child : root->childItems())
        if (QQuickItem* found = findItem(child, name))
            return found;
    return nullptr;
}

// Every text shown under `root` (visible Labels only).
QStringList textsUnder(QQuickItem* root) {
    QStringList out;
    if (!root || !root->isVisible())
        return out;
    const QVariant text = root->property("text");
    if (text.isValid() && root->inherits("QQuickText"))
        out << text.toString();
    for (QQuickItem* child : root->childItems())
        out << textsUnder(child);
    return out;
}

QString text(QQuickItem* root, const QString& name) {
    QQuickItem* item = findItem(root, name);
    return item ? item->property("text").toString() : QStringLiteral("<no %1>").arg(name);
}

} // namespace

class TestAppSummary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QQuickStyle::setStyle(QStringLiteral("Material"));
        m_context = test::makeContext(m_dir.filePath(QStringLiteral("device.sqlite")));
        test::attachEngine(*m_context, m_engine);
        m_summaries = singleton<SummaryController>("Summaries");
        m_promises = singleton<PromiseModel>("Promises");
        QVERIFY(m_summaries);
        QVERIFY(m_promises);
    }

    void emptyBeforeTheFirstPull() {
        QCOMPARE(m_summaries->count(), 0);
        QCOMPARE(m_promises->count(), 0);
        auto window = show(QStringLiteral("SummaryPage"));
        QVERIFY(window);
        QQuickItem* root = window->contentItem();
        QVERIFY(findItem(root, QStringLiteral("summaryEmpty"))->isVisible());
        QVERIFY(!findItem(root, QStringLiteral("summaryTitle"))->isVisible());
        auto promises = show(QStringLiteral("PromisesPage"));
        QVERIFY(findItem(promises->contentItem(), QStringLiteral("promisesEmpty"))->isVisible());
        QVERIFY(!findItem(promises->contentItem(), QStringLiteral("agreement"))->isVisible());
    }

    void modelsShowThePulledSummary() {
        test::pullPublications(*m_context);
        QCOMPARE(m_summaries->count(), 1);
        QAbstractItemModelTester areasTester(m_summaries->areas());
        QAbstractItemModelTester questionsTester(m_summaries->questions());
        QAbstractItemModelTester placesTester(m_summaries->places());
        QAbstractItemModelTester promisesTester(m_promises);
        QCOMPARE(m_summaries->campaignId(), QString::fromLatin1(test::kSummaryCampaign));
        QCOMPARE(m_summaries->title(), QStringLiteral("Trygghetsenkät 2025"));
        QCOMPARE(m_summaries->publishedText(), QStringLiteral("Publicerad 30 juni 2025"));
        QVERIFY(m_summaries->weighted());

        // Ranked areas first; traffic's score is withheld.
        SummaryAreaModel* areas = m_summaries->areas();
        QCOMPARE(areas->rowCount(), 5);
        QCOMPARE(areas->index(0).data(SummaryAreaModel::AreaRole).toString(), "drugs");
        QCOMPARE(areas->index(0).data(SummaryAreaModel::ScoreTextRole).toString(),
                 "41 % (95 % KI 36–46 %)");
        QCOMPARE(areas->index(1).data(SummaryAreaModel::ScoreTextRole).toString(), "33 %");
        // Drugs and unsafe places are too close to tell apart: both say so.
        QCOMPARE(
            areas->index(0).data(SummaryAreaModel::RankNoteRole).toString(),
            "Plats 1–2 med hänsyn till osäkerheten; går inte att skilja från Otrygga platser.");
        QCOMPARE(areas->index(3).data(SummaryAreaModel::RankNoteRole).toString(), QString());
        QCOMPARE(areas->index(3).data(SummaryAreaModel::AreaRole).toString(), "economic_crime");
        QCOMPARE(areas->index(4).data(SummaryAreaModel::AreaRole).toString(), "traffic");
        QVERIFY(areas->index(4).data(SummaryAreaModel::SuppressedRole).toBool());
        QCOMPARE(areas->index(4).data(SummaryAreaModel::ScoreTextRole).toString(),
                 "För få svar för att visa");

        // Background questions are left out; the withheld one has no number.
        SummaryQuestionModel* questions = m_summaries->questions();
        QCOMPARE(questions->rowCount(), 2);
        const QModelIndex kvall = questions->index(0);
        QCOMPARE(kvall.data(SummaryQuestionModel::QuestionIdRole).toString(), "q_trygg_kvall");
        QCOMPARE(kvall.data(SummaryQuestionModel::ShareRole).toDouble(), 0.38);
        QCOMPARE(kvall.data(SummaryQuestionModel::CiLowRole).toDouble(), 0.31);
        QCOMPARE(kvall.data(SummaryQuestionModel::ShareTextRole).toString(),
                 "38 % viktat (95 % KI 31–45 %)");
        QCOMPARE(kvall.data(SummaryQuestionModel::BaseTextRole).toString(), "120 svar");
        const QModelIndex fraud = questions->index(1);
        QVERIFY(fraud.data(SummaryQuestionModel::SuppressedRole).toBool());
        QCOMPARE(fraud.data(SummaryQuestionModel::ShareTextRole).toString(),
                 "För få svar för att visa");
        QCOMPARE(fraud.data(SummaryQuestionModel::BaseTextRole).toString(), QString());

        SummaryPlaceModel* places = m_summaries->places();
        QCOMPARE(places->rowCount(), 2);
        QCOMPARE(places->index(0).data(SummaryPlaceModel::NameRole).toString(), "Stationen");
        // Stationen's two components are withheld (fewer than k): no number in its text.
        const QString withheld =
            places->index(0).data(SummaryPlaceModel::MentionsTextRole).toString();
        QCOMPARE(withheld, "För få för att visa antal");
        QVERIFY(!withheld.contains(QRegularExpression("\\d")));
        QVERIFY(!places->index(0).data(SummaryPlaceModel::MentionsRole).isValid());
        QCOMPARE(places->index(1).data(SummaryPlaceModel::MentionsTextRole).toString(),
                 "6 omnämnanden");
        QCOMPARE(places->index(1).data(SummaryPlaceModel::MentionsRole).toLongLong(), 6);
        // The fixture is shaped as summaries published before the rule on dependent figures:
        // Stationen's times of day stand beside its withheld components, so the device
        // withholds them too.
        QCOMPARE(places->index(0).data(SummaryPlaceModel::TimesTextRole).toString(), QString());
        QCOMPARE(places->index(1).data(SummaryPlaceModel::TimesTextRole).toString(), "kväll");
        QVERIFY(places->index(1)
                    .data(SummaryPlaceModel::NameRole)
                    .toString()
                    .startsWith("Plats vid 64.201"));

        QCOMPARE(m_promises->rowCount(), 2);
        const QModelIndex drugs = m_promises->index(0);
        QCOMPARE(drugs.data(PromiseModel::AreaNameRole).toString(), "Narkotika");
        QCOMPARE(drugs.data(PromiseModel::PeriodRole).toString(), "2023–2025");
        QCOMPARE(drugs.data(PromiseModel::OrganisationsRole).toString(), "Polisen och kommunen");
        QCOMPARE(drugs.data(PromiseModel::DoneCountRole).toInt(), 1);
        const QVariantList activities = drugs.data(PromiseModel::ActivitiesRole).toList();
        QCOMPARE(activities.size(), 2);
        QCOMPARE(activities[0].toMap().value("statusText").toString(), "Genomförd");
        QCOMPARE(m_promises->index(1).data(PromiseModel::AreaRole).toString(), "traffic");
    }

    void pagesShowItWithTheWithheldFigureAsWords() {
        auto window = show(QStringLiteral("SummaryPage"));
        QVERIFY(window);
        QQuickItem* root = window->contentItem();
        QVERIFY(!findItem(root, QStringLiteral("summaryEmpty"))->isVisible());
        QCOMPARE(text(root, "summaryTitle"), "Trygghetsenkät 2025");
        QCOMPARE(text(root, "summaryPublished"), "Publicerad 30 juni 2025");
        QCOMPARE(text(root, "summaryRespondents"), "130 personer har svarat");
        QQuickItem* kvall = findItem(root, QStringLiteral("question_q_trygg_kvall"));
        QVERIFY(kvall);
        QCOMPARE(text(kvall, "shareText"), "38 % viktat (95 % KI 31–45 %) · 120 svar");
        QCOMPARE(
            text(findItem(root, QStringLiteral("area_0")), "rankNote"),
            "Plats 1–2 med hänsyn till osäkerheten; går inte att skilja från Otrygga platser.");
        QQuickItem* fraud = findItem(root, QStringLiteral("question_q_oro_bedrageri"));
        QVERIFY(fraud);
        const QStringList shown = textsUnder(fraud);
        QVERIFY2(shown.contains("För få svar för att visa"), qPrintable(shown.join('|')));
        for (const QString& t : shown)
            QVERIFY2(!t.contains(QRegularExpression("\\d")), qPrintable(t));
        QCOMPARE(text(findItem(root, QStringLiteral("area_4")), "scoreText"),
                 "För få svar för att visa");
        QVERIFY(textsUnder(root).contains("1. Stationen"));
        // Its times of day stand beside withheld components: withheld with them.
        QVERIFY2(textsUnder(root).contains("För få för att visa antal"),
                 qPrintable(textsUnder(root).join('|')));
        QVERIFY2(!textsUnder(root).join('|').contains("kväll, natt"),
                 qPrintable(textsUnder(root).join('|')));

        m_context->services().language->setLanguage(QStringLiteral("en"));
        QTRY_COMPARE(text(root, "summaryPublished"), "Published 30 June 2025");
        QCOMPARE(text(root, "summaryTitle"), "Safety survey 2025");
        // The rows are rebuilt in the new language: look the delegates up again.
        const auto shareOf = [root](const char* question) {
            return text(findItem(root, QStringLiteral("question_") + question), "shareText");
        };
        const QString fraudEn = shareOf("q_oro_bedrageri");
        const QString kvallEn = shareOf("q_trygg_kvall");
        const QStringList textsEn = textsUnder(root);
        m_context->services().language->setLanguage(QStringLiteral("sv"));
        QVERIFY2(
            std::any_of(textsEn.begin(), textsEn.end(),
                        [](const QString& t) { return t.startsWith("Too few to show the count"); }),
            qPrintable(textsEn.join('|')));
        QCOMPARE(fraudEn, "Too few answers to show");
        QCOMPARE(kvallEn, "38% weighted (95% CI 31–45%) · 120 answers");
    }

    void promisesPageShowsPromisesAndActivities() {
        auto window = show(QStringLiteral("PromisesPage"));
        QVERIFY(window);
        QQuickItem* root = window->contentItem();
        QVERIFY(!findItem(root, QStringLiteral("promisesEmpty"))->isVisible());
        QQuickItem* drugs = findItem(root, QStringLiteral("promise_lofte_narkotika"));
        QVERIFY(drugs);
        QCOMPARE(text(drugs, "promiseText"), "Vi arbetar för att minska narkotikan bland unga.");
        const QStringList shown = textsUnder(drugs);
        QVERIFY2(shown.contains("Genomförd · Polisen och kommunen · 2024"),
                 qPrintable(shown.join('|')));
        QVERIFY(shown.contains("Aktiviteter (1 av 2 genomförda)"));
        QVERIFY(findItem(root, QStringLiteral("promise_lofte_trafik")));
        QVERIFY(findItem(root, QStringLiteral("agreement"))->isVisible());
        QCOMPARE(text(root, "agreementParties"), "Polismyndigheten och Vindelns kommun");
        QCOMPARE(text(root, "agreementPeriod"),
                 "1 januari 2023 – 31 december 2025, gäller tills en ny överenskommelse skrivs "
                 "under");
        QCOMPARE(text(root, "agreementSignatories"),
                 "Undertecknad av: Kommunstyrelsens ordförande, Kommunen; "
                 "Lokalpolisområdeschef, Polisen");
    }

    void homeLeadsToBothPages() {
        auto window = show(QStringLiteral("HomePage"));
        QVERIFY(window);
        QQuickItem* stack = findItem(window->contentItem(), QStringLiteral("stack"));
        QVERIFY(stack);
        for (const auto& [button, page] : {std::pair{"summaryButton", "summaryPage"},
                                           std::pair{"promisesButton", "promisesPage"}}) {
            QQuickItem* b = findItem(window->contentItem(), QString::fromLatin1(button));
            QVERIFY(b);
            QVERIFY(b->isVisible());
            QTRY_VERIFY(!stack->property("busy").toBool()); // the pop transition
            QTest::mouseClick(window.get(), Qt::LeftButton, {},
                              b->mapToScene(QPointF(b->width() / 2, b->height() / 2)).toPoint());
            QTRY_COMPARE(stack->property("currentItem").value<QQuickItem*>()->objectName(),
                         QString::fromLatin1(page));
            QTRY_VERIFY(!stack->property("busy").toBool()); // the push transition
            QQuickItem* back = findItem(stack->property("currentItem").value<QQuickItem*>(),
                                        QStringLiteral("backButton"));
            QVERIFY(back);
            QTest::mouseClick(
                window.get(), Qt::LeftButton, {},
                back->mapToScene(QPointF(back->width() / 2, back->height() / 2)).toPoint());
            QTRY_COMPARE(stack->property("depth").toInt(), 1);
        }
    }

    void cleanupTestCase() { m_context.reset(); }

private:
    template <class T> T* singleton(const char* name) {
        const int id = qmlTypeId("Trygghetsdialog.Services", 1, 0, name);
        return id < 0 ? nullptr : m_engine.singletonInstance<T*>(id);
    }

    std::unique_ptr<QQuickWindow> show(const QString& page) {
        QQmlComponent component(&m_engine);
        component.setData(QStringLiteral(R"(
            import QtQuick
            import QtQuick.Controls
            ApplicationWindow {
                width: 390; height: 2400; visible: true
                StackView { objectName: "stack"; anchors.fill: parent
                    initialItem: "qrc:/qt/qml/Trygghetsdialog/pages/%1.qml" }
            })")
                              .arg(page)
                              .toUtf8(),
                          QUrl(QStringLiteral("qrc:/summary.qml")));
        std::unique_ptr<QObject> object(component.create());
        if (!object) {
            qWarning() << component.errorString();
            return {};
        }
        std::unique_ptr<QQuickWindow> window(qobject_cast<QQuickWindow*>(object.release()));
        if (!window || !QTest::qWaitForWindowExposed(window.get()))
            return {};
        QTest::qWait(100);
        return window;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    QQmlEngine m_engine;
    SummaryController* m_summaries = nullptr;
    PromiseModel* m_promises = nullptr;
};

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestAppSummary test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_app_summary.moc"
