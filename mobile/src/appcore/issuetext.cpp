#include "appcore/issuetext.h"

#include <QCoreApplication>
#include <string_view>

namespace td::app {

namespace {

struct CodeText {
    std::string_view code;
    const char* text;
};

// Source texts are marked for lupdate here and translated in issueMessage().
constexpr CodeText kTexts[] = {
    {"required_unanswered", QT_TRANSLATE_NOOP("IssueText", "Den här frågan måste besvaras.")},
    {"empty_answer", QT_TRANSLATE_NOOP("IssueText", "Välj eller ange minst ett svar.")},
    {"answer_to_hidden_question",
     QT_TRANSLATE_NOOP("IssueText", "Den här frågan ska inte besvaras med dina tidigare svar.")},
    {"unknown_question", QT_TRANSLATE_NOOP("IssueText", "Frågan finns inte i enkäten.")},
    {"wrong_answer_type", QT_TRANSLATE_NOOP("IssueText", "Svaret har fel form för frågan.")},
    {"invalid_scale_value", QT_TRANSLATE_NOOP("IssueText", "Välj ett av alternativen på skalan.")},
    {"dont_know_not_allowed",
     QT_TRANSLATE_NOOP("IssueText", "\"Vet ej\" går inte att välja på den här frågan.")},
    {"unknown_choice", QT_TRANSLATE_NOOP("IssueText", "Välj bland alternativen som visas.")},
    {"duplicate_choice", QT_TRANSLATE_NOOP("IssueText", "Samma alternativ är valt flera gånger.")},
    {"too_many_choices", QT_TRANSLATE_NOOP("IssueText", "Du har valt för många alternativ.")},
    {"exclusive_choice_combined",
     QT_TRANSLATE_NOOP("IssueText", "Det här alternativet går inte att kombinera med andra.")},
    {"number_out_of_range",
     QT_TRANSLATE_NOOP("IssueText", "Talet ligger utanför det tillåtna intervallet.")},
    {"number_not_integer", QT_TRANSLATE_NOOP("IssueText", "Ange ett heltal.")},
    {"text_too_long", QT_TRANSLATE_NOOP("IssueText", "Texten är för lång.")},
    {"blank_text", QT_TRANSLATE_NOOP("IssueText", "Skriv något, eller lämna frågan tom.")},
    {"too_many_places", QT_TRANSLATE_NOOP("IssueText", "Du har angett för många platser.")},
    {"place_entry_source",
     QT_TRANSLATE_NOOP("IssueText", "Välj en plats, din position eller beskriv platsen.")},
    {"unknown_time_of_day", QT_TRANSLATE_NOOP("IssueText", "Välj en tid på dygnet som visas.")},
    {"unknown_reason", QT_TRANSLATE_NOOP("IssueText", "Välj ett skäl bland dem som visas.")},
    {"position_out_of_range", QT_TRANSLATE_NOOP("IssueText", "Positionen är ogiltig.")},
    {"invalid_locale", QT_TRANSLATE_NOOP("IssueText", "Språket för svaret är ogiltigt.")},
    {"survey_mismatch", QT_TRANSLATE_NOOP("IssueText", "Svaret hör till en annan enkät.")},
    {"survey_version_mismatch",
     QT_TRANSLATE_NOOP("IssueText", "Svaret hör till en annan version av enkäten.")},
    {"invalid_id", QT_TRANSLATE_NOOP("IssueText", "Ett id i svaret är ogiltigt.")},
    {"invalid_timestamp", QT_TRANSLATE_NOOP("IssueText", "En tidpunkt i svaret är ogiltig.")},
};

} // namespace

QString issueMessage(const td::model::Issue& issue) {
    for (const auto& entry : kTexts) {
        if (entry.code == issue.code) {
            return QCoreApplication::translate("IssueText", entry.text);
        }
    }
    return QCoreApplication::translate("IssueText", "Svaret är inte giltigt (%1).")
        .arg(QString::fromStdString(issue.code));
}

} // namespace td::app
