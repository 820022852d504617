#include "appcore/surveycontroller.h"

#include "appcore/clock.h"
#include "appcore/issuetext.h"
#include "appcore/localstore.h"
#include "appcore/text.h"
#include "td/core/uuid.hpp"
#include "td/model/codec.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace td::app {

using td::model::Question;

SurveyController::SurveyController(QObject* parent)
    : QObject(parent) {
    connect(&m_question, &QuestionController::answerEdited, this,
            &SurveyController::onAnswerEdited);
}

void SurveyController::setPlaceNameLookup(std::function<QString(const QString&)> lookup) {
    m_question.setPlaceNameLookup(std::move(lookup));
}

void SurveyController::setSurvey(td::model::Survey survey) {
    m_survey = std::move(survey);
    m_started = false;
    clearAnswers();
    Q_EMIT surveyChanged();
    Q_EMIT positionChanged();
}

QString SurveyController::title() const {
    return localized(m_survey.title, m_language);
}

QString SurveyController::intro() const {
    return m_survey.intro ? localized(*m_survey.intro, m_language) : QString();
}

void SurveyController::setLanguage(const QString& language) {
    if (language == m_language) {
        return;
    }
    m_language = language;
    if (m_started && !m_currentId.empty()) {
        showQuestion(m_currentId);
    }
    Q_EMIT surveyChanged();
}

void SurveyController::setDraftsEnabled(bool enabled) {
    if (enabled != m_draftsEnabled) {
        m_draftsEnabled = enabled;
        Q_EMIT surveyChanged();
    }
}

std::vector<const Question*> SurveyController::visibleQuestions() const {
    std::vector<const Question*> visible;
    for (const Question* q : m_survey.questions()) {
        if (td::model::isVisible(*q, m_answers)) {
            visible.push_back(q);
        }
    }
    return visible;
}

int SurveyController::currentIndex() const {
    const auto visible = visibleQuestions();
    for (std::size_t i = 0; i < visible.size(); ++i) {
        if (visible[i]->id == m_currentId) {
            return static_cast<int>(i);
        }
    }
    return 0;
}

int SurveyController::visibleCount() const {
    return static_cast<int>(visibleQuestions().size());
}

double SurveyController::progress() const {
    const int count = visibleCount();
    return count == 0 ? 0.0 : static_cast<double>(currentIndex() + 1) / count;
}

bool SurveyController::isLast() const {
    const auto visible = visibleQuestions();
    return !visible.empty() && visible.back()->id == m_currentId;
}

bool SurveyController::start(const QString& campaignId, const QString& channel,
                             const QString& dialogueId) {
    const auto parsedChannel = td::model::enumFromString<td::model::Channel>(channel.toStdString());
    if (!parsedChannel || m_survey.sections.empty()) {
        return false;
    }
    clearAnswers();
    m_campaignId = campaignId.toStdString();
    m_channel = *parsedChannel;
    m_dialogueId =
        dialogueId.isEmpty() ? std::nullopt : std::optional<std::string>(dialogueId.toStdString());
    m_started = true;
    restoreDraft();
    const auto visible = visibleQuestions();
    const bool resume = std::any_of(visible.begin(), visible.end(),
                                    [&](const Question* q) { return q->id == m_currentId; });
    showQuestion(resume ? m_currentId : visible.front()->id);
    Q_EMIT surveyChanged();
    return true;
}

void SurveyController::showQuestion(const std::string& id) {
    const Question* q = m_survey.findQuestion(id);
    if (!q) {
        return;
    }
    m_currentId = id;
    const auto it = m_answers.find(id);
    m_question.setQuestion(
        *q,
        it == m_answers.end() ? std::nullopt : std::optional<td::model::AnswerValue>(it->second),
        m_language);
    setIssues({});
    Q_EMIT positionChanged();
}

void SurveyController::onAnswerEdited() {
    if (m_question.answer()) {
        m_answers[m_currentId] = *m_question.answer();
    } else {
        m_answers.erase(m_currentId);
    }
    saveDraft();
    setIssues({});
    Q_EMIT positionChanged(); // later questions may have appeared or disappeared
}

td::model::Response SurveyController::buildResponse() const {
    td::model::Response response;
    response.campaignId = m_campaignId;
    response.surveyId = m_survey.id;
    response.surveyVersion = m_survey.version;
    response.channel = m_channel;
    response.dialogueId = m_dialogueId;
    response.locale = m_language.toStdString();
    response.answers = m_answers;
    td::model::pruneHiddenAnswers(response.answers, m_survey);
    return response;
}

QStringList SurveyController::issuesFor(const td::model::Issues& issues,
                                        const std::string& questionId) const {
    const std::string prefix = "answers." + questionId;
    QStringList messages;
    for (const auto& issue : issues) {
        const bool matches =
            issue.path == prefix ||
            (issue.path.size() > prefix.size() &&
             issue.path.compare(0, prefix.size(), prefix) == 0 &&
             (issue.path[prefix.size()] == '.' || issue.path[prefix.size()] == '['));
        if (matches) {
            const QString message = issueMessage(issue);
            if (!messages.contains(message)) {
                messages.append(message);
            }
        }
    }
    return messages;
}

bool SurveyController::next() {
    if (!m_started) {
        return false;
    }
    QStringList messages;
    if (!m_question.inputError().isEmpty()) {
        messages.append(m_question.inputError());
    } else {
        auto response = buildResponse();
        response.id = "00000000-0000-7000-8000-000000000000";
        response.submittedAt = "2000-01-01T00:00:00Z";
        messages = issuesFor(td::model::validateResponse(response, m_survey), m_currentId);
    }
    if (!messages.isEmpty()) {
        setIssues(messages);
        return false;
    }
    const auto visible = visibleQuestions();
    const int index = currentIndex();
    if (index + 1 < static_cast<int>(visible.size())) {
        showQuestion(visible[static_cast<std::size_t>(index) + 1]->id);
        saveDraft();
    }
    return true;
}

void SurveyController::back() {
    const auto visible = visibleQuestions();
    const int index = currentIndex();
    if (m_started && index > 0) {
        showQuestion(visible[static_cast<std::size_t>(index) - 1]->id);
        saveDraft();
    }
}

bool SurveyController::submit() {
    if (!m_started) {
        return false;
    }
    auto response = buildResponse();
    response.id = m_clock ? m_clock->newUuid() : td::newUuidV7().toString();
    const QDateTime now = m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
    response.submittedAt = now.toString(Qt::ISODateWithMs).toStdString();
    const auto issues = td::model::validateResponse(response, m_survey);
    if (!issues.empty()) {
        // Take the person to the first question with a problem.
        for (const Question* q : visibleQuestions()) {
            if (const auto messages = issuesFor(issues, q->id); !messages.isEmpty()) {
                showQuestion(q->id);
                setIssues(messages);
                return false;
            }
        }
        QStringList messages;
        for (const auto& issue : issues) {
            messages.append(issueMessage(issue));
        }
        setIssues(messages);
        return false;
    }
    if (!m_store) {
        setIssues({tr("Svaret kunde inte sparas: ingen lokal lagring.")});
        return false;
    }
    const auto stored =
        m_store->submitRecord("response", response.id, td::model::toJsonText(response), draftId());
    if (!stored) {
        setIssues(
            {tr("Svaret kunde inte sparas på enheten: %1").arg(qs(stored.error().describe()))});
        return false;
    }
    const QString id = qs(response.id);
    m_started = false;
    clearAnswers();
    Q_EMIT surveyChanged();
    Q_EMIT positionChanged();
    Q_EMIT submitted(id);
    return true;
}

void SurveyController::discard() {
    if (m_store && m_started) {
        m_store->deleteDraft(draftId());
    }
    m_started = false;
    clearAnswers();
    Q_EMIT surveyChanged();
    Q_EMIT positionChanged();
}

void SurveyController::setIssues(QStringList issues) {
    if (issues != m_issues) {
        m_issues = std::move(issues);
        Q_EMIT issuesChanged();
    }
}

std::string SurveyController::draftId() const {
    return "survey:" + m_survey.id + ":" + m_campaignId + ":" +
           std::string(td::model::toString(m_channel));
}

void SurveyController::saveDraft() {
    if (!m_store || !m_started || !m_draftsEnabled) {
        return;
    }
    boost::json::object answers;
    for (const auto& [id, value] : m_answers) {
        answers[id] = td::model::encode(value);
    }
    boost::json::object draft{{"current", m_currentId}, {"answers", std::move(answers)}};
    m_store->saveDraft(draftId(), "response", m_campaignId, boost::json::serialize(draft));
}

void SurveyController::restoreDraft() {
    if (!m_store || !m_draftsEnabled) {
        return;
    }
    const auto text = m_store->loadDraft(draftId());
    if (!text) {
        return;
    }
    boost::system::error_code ec;
    const auto parsed = boost::json::parse(*text, ec);
    if (ec || !parsed.is_object()) {
        return;
    }
    const auto& draft = parsed.as_object();
    if (const auto* answers = draft.if_contains("answers"); answers && answers->is_object()) {
        for (const auto& [key, value] : answers->as_object()) {
            const std::string id(key);
            if (!m_survey.findQuestion(id)) {
                continue;
            }
            if (auto decoded = td::model::decode<td::model::AnswerValue>(value); decoded.ok()) {
                m_answers[id] = std::move(decoded.value());
            }
        }
    }
    if (const auto* current = draft.if_contains("current"); current && current->is_string()) {
        m_currentId = std::string(current->as_string());
    }
}

void SurveyController::clearAnswers() {
    m_answers.clear();
    m_currentId.clear();
    m_issues.clear();
    m_question.setQuestion(td::model::Question{}, std::nullopt, m_language);
    Q_EMIT issuesChanged();
}

} // namespace td::app
