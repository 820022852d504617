// Every list model under QAbstractItemModelTester, and the survey runner's drafts and submit
// over a real device database.

#include "appcore/campaignmodel.h"
#include "appcore/contentrepository.h"
#include "appcore/kioskcontroller.h"
#include "appcore/localstore.h"
#include "appcore/optionmodel.h"
#include "appcore/placeregistrymodel.h"
#include "appcore/questioncontroller.h"
#include "appcore/rejectedmodel.h"
#include "appcore/surveycontroller.h"
#include "appcore/synccontroller.h"
#include "appcore/topicmodel.h"
#include "td/model/codec.hpp"
#include "td/store/device_store.hpp"
#include "testfixture.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using namespace td::app;

namespace {
using Tester = QAbstractItemModelTester;
constexpr auto kFatal = QAbstractItemModelTester::FailureReportingMode::Fatal;
} // namespace

class TestAppModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("device-%1.sqlite").arg(m_counter++));
        m_context = test::makeContext(m_path);
    }
    void cleanup() { m_context.reset(); }

    void optionModelThroughQuestions() {
        SurveyController* runner = m_context->services().survey;
        Tester tester(runner->question()->options(), kFatal);
        Tester placeTester(runner->question()->places(), kFatal);
        QVERIFY(m_context->services().content->prepareSurvey(runner, test::kSurveyCampaign));
        QVERIFY(runner->start(test::kSurveyCampaign, QStringLiteral("survey")));
        QuestionController* q = runner->question();
        QCOMPARE(q->type(), QStringLiteral("scale"));
        QVERIFY(q->options()->rowCount() >= 4);
        // "vet ej" is offered as the last option of a scale with dont_know.
        QCOMPARE(q->options()->keyAt(q->options()->rowCount() - 1), QStringLiteral("vet_ej"));
        q->selectOption(QStringLiteral("2"));
        QVERIFY(q->answered());
        QCOMPARE(q->options()->index(1).data(OptionModel::SelectedRole).toBool(), true);
        QCOMPARE(q->options()->index(0).data(OptionModel::SelectedRole).toBool(), false);
        QVERIFY(runner->next());
        QCOMPARE(runner->currentIndex(), 1);
    }

    void requiredQuestionIsNotSkipped() {
        SurveyController* runner = m_context->services().survey;
        QVERIFY(m_context->services().content->prepareSurvey(runner, test::kSurveyCampaign));
        QVERIFY(runner->start(test::kSurveyCampaign, QStringLiteral("survey")));
        QVERIFY(!runner->next());
        QCOMPARE(runner->currentIndex(), 0);
        QCOMPARE(runner->issues(), QStringList{QStringLiteral("Den här frågan måste besvaras.")});
    }

    void multiExclusiveChoice() {
        td::model::Question q;
        q.id = "q_multi";
        q.type = td::model::QuestionType::Multi;
        q.choices = {{"a", {"A", "A"}}, {"b", {"B", "B"}}, {"none", {"Inget", "None"}}};
        q.exclusive = {"none"};
        QuestionController c;
        Tester tester(c.options(), kFatal);
        c.setQuestion(q, std::nullopt, QStringLiteral("sv"));
        c.toggleOption(QStringLiteral("a"));
        c.toggleOption(QStringLiteral("b"));
        QCOMPARE(c.options()->index(0).data(OptionModel::SelectedRole).toBool(), true);
        c.toggleOption(QStringLiteral("none"));
        QCOMPARE(c.options()->index(0).data(OptionModel::SelectedRole).toBool(), false);
        QCOMPARE(c.options()->index(2).data(OptionModel::SelectedRole).toBool(), true);
        c.toggleOption(QStringLiteral("a"));
        QCOMPARE(c.options()->index(2).data(OptionModel::SelectedRole).toBool(), false);
        c.toggleOption(QStringLiteral("a"));
        QVERIFY(!c.answered());
    }

    void placeEntriesAndRegistry() {
        auto* places = m_context->services().places;
        Tester registryTester(places, kFatal);
        QVERIFY(places->rowCount() > 0);
        const QString firstId = places->index(0).data(PlaceRegistryModel::IdRole).toString();
        QVERIFY(!places->nameOf(firstId).isEmpty());

        td::model::Question q;
        q.id = "q_place";
        q.type = td::model::QuestionType::Place;
        q.maxPlaces = 2;
        q.timesOfDay = {td::model::TimeOfDay::Evening, td::model::TimeOfDay::Night};
        q.reasons = {{"poor_lighting", {"Dålig belysning", "Poor lighting"}}};
        QuestionController c;
        c.setPlaceNameLookup([places](const QString& id) { return places->nameOf(id); });
        Tester entryTester(c.places(), kFatal);
        c.setQuestion(q, std::nullopt, QStringLiteral("sv"));
        c.addRegistryPlace(firstId);
        c.addPositionPlace(64.2, 19.71, 0); // no accuracy: refused
        QCOMPARE(c.places()->rowCount(), 1);
        c.addPositionPlace(64.2, 19.71, 9.0);
        QVERIFY(!c.canAddPlace());
        c.addDescribedPlace(QStringLiteral("Gångtunneln")); // over max_places: refused
        QCOMPARE(c.places()->rowCount(), 2);
        c.toggleTimeOfDay(0, QStringLiteral("night"));
        c.toggleReason(1, QStringLiteral("poor_lighting"));
        QCOMPARE(c.places()->index(0).data(PlaceEntryModel::LabelRole).toString(),
                 places->nameOf(firstId));
        QCOMPARE(c.places()->index(0).data(PlaceEntryModel::TimesOfDayRole).toStringList(),
                 QStringList{QStringLiteral("night")});
        QCOMPARE(c.places()->index(1).data(PlaceEntryModel::AccuracyRole).toDouble(), 9.0);
        c.removePlace(0);
        QCOMPARE(c.places()->rowCount(), 1);
        QCOMPARE(c.places()->index(0).data(PlaceEntryModel::KindRole).toString(),
                 QStringLiteral("position"));
    }

    void campaignModel() {
        auto* campaigns = m_context->services().campaigns;
        Tester tester(campaigns, kFatal);
        QCOMPARE(campaigns->rowCount(), 2);
        QCOMPARE(campaigns->firstWithChannel(QStringLiteral("kiosk")),
                 QString::fromLatin1(test::kDialogueCampaign));
        campaigns->setLanguage(QStringLiteral("en"));
        QVERIFY(campaigns->index(0)
                    .data(CampaignModel::NameRole)
                    .toString()
                    .startsWith(QStringLiteral("Campaign")));
        test::seedCampaigns(*m_context); // the same pulled records again: a reset, same rows
        QCOMPARE(campaigns->rowCount(), 2);
    }

    void topicModel() {
        TopicModel topics;
        Tester tester(&topics, kFatal);
        QCOMPARE(topics.rowCount(), 6);
        topics.adjust(0, 2);
        topics.adjust(0, -5);
        topics.adjust(1, 1);
        topics.setNote(4, QStringLiteral("  Mörkt vid stationen  "));
        const auto list = topics.topics();
        QCOMPARE(list.size(), std::size_t(2));
        QVERIFY(list[0].focusArea == td::model::FocusArea::Traffic);
        QCOMPARE(list[1].note.value_or(""), std::string("Mörkt vid stationen"));
        topics.clear();
        QVERIFY(topics.topics().empty());
    }

    void rejectedModelShowsRejectedRecords() {
        auto* store = m_context->services().store;
        RejectedModel model(store);
        Tester tester(&model, kFatal);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(
            store->submitRecord("response", "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b", R"({"x":1})"));
        td::store::PushResult result;
        result.id = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
        result.rev = 1;
        result.outcome = td::store::PushOutcome::Rejected;
        result.reasonCode = "validation_failed";
        result.reason = "answers.q_trygg_dag: required";
        QVERIFY(store->deviceStore().applyPushResults({result}));
        model.reload();
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(RejectedModel::KindLabelRole).toString(),
                 QStringLiteral("Enkätsvar"));
        QVERIFY(model.index(0)
                    .data(RejectedModel::ReasonRole)
                    .toString()
                    .contains(QStringLiteral("validation_failed")));
        QCOMPARE(store->rejectedCount(), 1);
    }

    void draftSurvivesRestartAndSubmitWritesOutbox() {
        {
            SurveyController* runner = m_context->services().survey;
            QVERIFY(m_context->services().content->prepareSurvey(runner, test::kSurveyCampaign));
            QVERIFY(runner->start(test::kSurveyCampaign, QStringLiteral("survey")));
            runner->question()->selectOption(QStringLiteral("1"));
            QVERIFY(runner->next());
            runner->question()->selectOption(QStringLiteral("3"));
            QCOMPARE(runner->answeredCount(), 2);
        }
        m_context.reset(); // the app is closed
        m_context = test::makeContext(m_path);
        SurveyController* runner = m_context->services().survey;
        QVERIFY(m_context->services().content->prepareSurvey(runner, test::kSurveyCampaign));
        QVERIFY(runner->start(test::kSurveyCampaign, QStringLiteral("survey")));
        QCOMPARE(runner->answeredCount(), 2);
        QCOMPARE(runner->currentIndex(), 1);
        QVERIFY(runner->question()->answered());

        // Answer the remaining required questions minimally and submit.
        int guard = 0;
        while (!runner->isLast() && guard++ < 100) {
            QuestionController* q = runner->question();
            if (q->required() && !q->answered()) {
                q->selectOption(q->options()->keyAt(0));
            }
            QVERIFY2(runner->next(), qPrintable(runner->issues().join(QLatin1Char(';'))));
        }
        auto* store = m_context->services().store;
        QCOMPARE(store->pendingCount(), 0);
        QVERIFY2(runner->submit(), qPrintable(runner->issues().join(QLatin1Char(';'))));
        QCOMPARE(store->pendingCount(), 1);
        QCOMPARE(runner->answeredCount(), 0);
        auto drafts = store->deviceStore().drafts();
        QVERIFY(drafts);
        QVERIFY(drafts->empty());
        auto records = store->deviceStore().recordsOfKind("response");
        QVERIFY(records);
        QCOMPARE(records->size(), std::size_t(1));
        auto response = td::model::fromJsonText<td::model::Response>(records->front().body);
        QVERIFY(response);
        QVERIFY(response->answers.at("q_trygg_dag") == td::model::AnswerValue{std::int64_t(1)});
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
    std::unique_ptr<AppContext> m_context;
};

QTEST_GUILESS_MAIN(TestAppModels)
#include "test_app_models.moc"
