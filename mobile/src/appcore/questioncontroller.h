#pragma once
// The question on screen: its definition in the UI language and its answer, edited through
// small typed operations so that QML holds no answer logic.

#include "appcore/optionmodel.h"
#include "appcore/placeentrymodel.h"
#include "td/model/response.hpp"
#include "td/model/survey.hpp"

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <optional>

namespace td::app {

class QuestionController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the survey controller")
    Q_PROPERTY(QString questionId READ questionId NOTIFY questionChanged)
    /// The wire name of the type: scale, single, multi, yes_no, number, text, place.
    Q_PROPERTY(QString type READ type NOTIFY questionChanged)
    Q_PROPERTY(QString text READ text NOTIFY questionChanged)
    Q_PROPERTY(QString help READ help NOTIFY questionChanged)
    Q_PROPERTY(bool required READ required NOTIFY questionChanged)
    /// Scale points (plus "vet_ej"), choices, or yes/no — whatever the type offers.
    Q_PROPERTY(td::app::OptionModel* options READ options CONSTANT)
    Q_PROPERTY(bool answered READ answered NOTIFY answerChanged)
    Q_PROPERTY(QString numberText READ numberText NOTIFY answerChanged)
    /// A message when the number text cannot be read as a number; empty otherwise.
    Q_PROPERTY(QString inputError READ inputError NOTIFY answerChanged)
    Q_PROPERTY(QString textValue READ textValue NOTIFY answerChanged)
    Q_PROPERTY(double minimum READ minimum NOTIFY questionChanged)
    Q_PROPERTY(double maximum READ maximum NOTIFY questionChanged)
    Q_PROPERTY(bool integer READ integer NOTIFY questionChanged)
    Q_PROPERTY(int maxLength READ maxLength NOTIFY questionChanged)
    Q_PROPERTY(int maxChoices READ maxChoices NOTIFY questionChanged)
    Q_PROPERTY(int maxPlaces READ maxPlaces NOTIFY questionChanged)
    Q_PROPERTY(td::app::PlaceEntryModel* places READ places CONSTANT)
    Q_PROPERTY(bool canAddPlace READ canAddPlace NOTIFY answerChanged)
    /// [{key, label}] of the times of day / reasons the place question offers.
    Q_PROPERTY(QVariantList timeOfDayOptions READ timeOfDayOptions NOTIFY questionChanged)
    Q_PROPERTY(QVariantList reasonOptions READ reasonOptions NOTIFY questionChanged)
public:
    explicit QuestionController(QObject* parent = nullptr);

    /// Shows `question` with its current `answer` in `language` ("sv" or "en").
    void setQuestion(const td::model::Question& question,
                     std::optional<td::model::AnswerValue> answer, const QString& language);
    const std::optional<td::model::AnswerValue>& answer() const { return m_answer; }
    /// Resolves registry place ids to names for display.
    void setPlaceNameLookup(std::function<QString(const QString&)> lookup);

    QString questionId() const;
    QString type() const;
    QString text() const;
    QString help() const;
    bool required() const { return m_question.required; }
    OptionModel* options() { return &m_options; }
    bool answered() const { return m_answer.has_value(); }
    QString numberText() const { return m_numberText; }
    QString inputError() const;
    QString textValue() const;
    double minimum() const { return m_question.min; }
    double maximum() const { return m_question.max; }
    bool integer() const { return m_question.integer; }
    int maxLength() const { return static_cast<int>(m_question.maxLength); }
    int maxChoices() const { return static_cast<int>(m_question.maxChoices.value_or(0)); }
    int maxPlaces() const { return static_cast<int>(m_question.maxPlaces); }
    PlaceEntryModel* places() { return &m_places; }
    bool canAddPlace() const;
    QVariantList timeOfDayOptions() const;
    QVariantList reasonOptions() const;

    /// scale, single, yes_no: chooses the option with `key` (a point value, "vet_ej", a choice
    /// id, "yes"/"no").
    Q_INVOKABLE void selectOption(const QString& key);
    /// multi: adds or removes a choice; an exclusive choice clears the others and vice versa.
    Q_INVOKABLE void toggleOption(const QString& key);
    /// number: the typed text (decimal comma or point); the answer is set when it parses.
    Q_INVOKABLE void setNumberText(const QString& text);
    /// text: the typed text; blank clears the answer.
    Q_INVOKABLE void setTextValue(const QString& text);
    Q_INVOKABLE void addRegistryPlace(const QString& placeId);
    Q_INVOKABLE void addPositionPlace(double lat, double lon, double accuracyM);
    /// Adds a described place; blank text is ignored.
    Q_INVOKABLE void addDescribedPlace(const QString& description);
    Q_INVOKABLE void removePlace(int row);
    Q_INVOKABLE void toggleTimeOfDay(int row, const QString& key);
    Q_INVOKABLE void toggleReason(int row, const QString& key);
    Q_INVOKABLE void clearAnswer();

Q_SIGNALS:
    void questionChanged();
    void answerChanged();
    /// The person changed the answer (not emitted by setQuestion).
    void answerEdited();

private:
    void setAnswer(std::optional<td::model::AnswerValue> answer);
    void refreshSelection();
    std::vector<td::model::PlaceEntry> placeEntries() const;
    void setPlaceEntries(std::vector<td::model::PlaceEntry> entries);

    td::model::Question m_question;
    std::optional<td::model::AnswerValue> m_answer;
    QString m_language = QStringLiteral("sv");
    QString m_numberText;
    OptionModel m_options;
    PlaceEntryModel m_places;
};

} // namespace td::app
