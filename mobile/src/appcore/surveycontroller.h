#pragma once
// The survey runner: walks the visible questions of a shared survey definition, validates
// with the shared validator, keeps a draft in the device store and submits the response and
// its outbox entry in one local transaction.

#include "appcore/questioncontroller.h"
#include "td/model/campaign.hpp"
#include "td/model/response.hpp"
#include "td/model/survey.hpp"
#include "td/model/validator.hpp"

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <optional>

namespace td::app {

class Clock;
class LocalStore;

class SurveyController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the application")
    Q_PROPERTY(bool active READ active NOTIFY surveyChanged)
    Q_PROPERTY(QString title READ title NOTIFY surveyChanged)
    Q_PROPERTY(QString intro READ intro NOTIFY surveyChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY surveyChanged)
    Q_PROPERTY(td::app::QuestionController* question READ question CONSTANT)
    /// 0-based position of the current question among the visible ones.
    Q_PROPERTY(int currentIndex READ currentIndex NOTIFY positionChanged)
    Q_PROPERTY(int visibleCount READ visibleCount NOTIFY positionChanged)
    Q_PROPERTY(double progress READ progress NOTIFY positionChanged)
    Q_PROPERTY(bool canGoBack READ canGoBack NOTIFY positionChanged)
    Q_PROPERTY(bool isLast READ isLast NOTIFY positionChanged)
    /// How many questions have an answer (0 for a fresh form).
    Q_PROPERTY(int answeredCount READ answeredCount NOTIFY positionChanged)
    /// Translated validation messages for the current question (or the submit).
    Q_PROPERTY(QStringList issues READ issues NOTIFY issuesChanged)
    /// Saving drafts (off in kiosk mode so nothing of a resident's answers stays behind).
    Q_PROPERTY(bool draftsEnabled READ draftsEnabled WRITE setDraftsEnabled NOTIFY surveyChanged)
public:
    explicit SurveyController(QObject* parent = nullptr);

    void setClock(Clock* clock) { m_clock = clock; }
    void setLocalStore(LocalStore* store) { m_store = store; }
    /// Resolves registry place ids to names for display.
    void setPlaceNameLookup(std::function<QString(const QString&)> lookup);
    /// The survey definition to run; ends any running response without saving.
    void setSurvey(td::model::Survey survey);
    const td::model::Survey& survey() const { return m_survey; }

    bool active() const { return m_started; }
    QString title() const;
    QString intro() const;
    QString language() const { return m_language; }
    void setLanguage(const QString& language);
    QuestionController* question() { return &m_question; }
    int currentIndex() const;
    int visibleCount() const;
    double progress() const;
    bool canGoBack() const { return currentIndex() > 0; }
    bool isLast() const;
    QStringList issues() const { return m_issues; }
    int answeredCount() const { return static_cast<int>(m_answers.size()); }
    bool draftsEnabled() const { return m_draftsEnabled; }
    void setDraftsEnabled(bool enabled);
    const td::model::Answers& answers() const { return m_answers; }

    /// Starts a response for `campaignId` on `channel` ("survey", "dialogue", "kiosk", "web"),
    /// restoring the saved draft for that campaign and channel if there is one.
    Q_INVOKABLE bool start(const QString& campaignId, const QString& channel,
                           const QString& dialogueId = {});
    /// Validates the current question; moves to the next visible one when it has no issues.
    Q_INVOKABLE bool next();
    Q_INVOKABLE void back();
    /// Validates the whole response and, when valid, stores it with its outbox entry in one
    /// transaction and deletes the draft. Emits submitted(id) and clears all answers.
    Q_INVOKABLE bool submit();
    /// Drops the running response and its draft.
    Q_INVOKABLE void discard();

Q_SIGNALS:
    void surveyChanged();
    void positionChanged();
    void issuesChanged();
    void submitted(const QString& responseId);

private:
    std::vector<const td::model::Question*> visibleQuestions() const;
    void showQuestion(const std::string& id);
    void onAnswerEdited();
    td::model::Response buildResponse() const;
    QStringList issuesFor(const td::model::Issues& issues, const std::string& questionId) const;
    void setIssues(QStringList issues);
    std::string draftId() const;
    void saveDraft();
    void restoreDraft();
    void clearAnswers();

    td::model::Survey m_survey;
    td::model::Answers m_answers;
    std::string m_currentId;
    std::string m_campaignId;
    td::model::Channel m_channel = td::model::Channel::Survey;
    std::optional<std::string> m_dialogueId;
    QString m_language = QStringLiteral("sv");
    QStringList m_issues;
    bool m_started = false;
    bool m_draftsEnabled = true;
    QuestionController m_question;
    Clock* m_clock = nullptr;
    LocalStore* m_store = nullptr;
};

} // namespace td::app
