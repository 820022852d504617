#include "appcore/questioncontroller.h"

#include "appcore/text.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace td::app {

using td::model::AnswerValue;
using td::model::PlaceEntry;
using td::model::QuestionType;

namespace {

QString timeOfDayLabel(td::model::TimeOfDay t) {
    switch (t) {
    case td::model::TimeOfDay::Morning:
        return QuestionController::tr("Morgon");
    case td::model::TimeOfDay::Day:
        return QuestionController::tr("Dag");
    case td::model::TimeOfDay::Evening:
        return QuestionController::tr("Kväll");
    case td::model::TimeOfDay::Night:
        return QuestionController::tr("Natt");
    }
    return {};
}

template <class T> void toggle(std::vector<T>& items, const T& item) {
    auto it = std::find(items.begin(), items.end(), item);
    if (it == items.end()) {
        items.push_back(item);
    } else {
        items.erase(it);
    }
}

} // namespace

QuestionController::QuestionController(QObject* parent)
    : QObject(parent) {}

void QuestionController::setPlaceNameLookup(std::function<QString(const QString&)> lookup) {
    m_places.setPlaceNameLookup(std::move(lookup));
}

void QuestionController::setQuestion(const td::model::Question& question,
                                     std::optional<AnswerValue> answer, const QString& language) {
    m_question = question;
    m_language = language;
    m_answer = std::move(answer);
    m_numberText.clear();
    if (m_question.type == QuestionType::Number && m_answer) {
        if (const auto* i = std::get_if<std::int64_t>(&*m_answer)) {
            m_numberText = QString::number(*i);
        } else if (const auto* d = std::get_if<double>(&*m_answer)) {
            m_numberText = QString::number(*d);
        }
    }
    std::vector<OptionModel::Option> options;
    switch (m_question.type) {
    case QuestionType::Scale:
        for (const auto& point : m_question.points) {
            options.push_back({QString::number(point.value), localized(point.label, language)});
        }
        if (m_question.dontKnow) {
            options.push_back({qs(td::model::kDontKnow), tr("Vet ej")});
        }
        break;
    case QuestionType::Single:
    case QuestionType::Multi:
        for (const auto& choice : m_question.choices) {
            options.push_back({qs(choice.id), localized(choice.label, language)});
        }
        break;
    case QuestionType::YesNo:
        options.push_back({QStringLiteral("yes"), tr("Ja")});
        options.push_back({QStringLiteral("no"), tr("Nej")});
        break;
    default:
        break;
    }
    m_options.setOptions(std::move(options));
    m_places.setEntries(placeEntries());
    refreshSelection();
    Q_EMIT questionChanged();
    Q_EMIT answerChanged();
}

QString QuestionController::questionId() const {
    return qs(m_question.id);
}
QString QuestionController::type() const {
    return qs(td::model::toString(m_question.type));
}
QString QuestionController::text() const {
    return localized(m_question.text, m_language);
}
QString QuestionController::help() const {
    return m_question.help ? localized(*m_question.help, m_language) : QString();
}

QString QuestionController::inputError() const {
    if (m_question.type == QuestionType::Number && !m_numberText.trimmed().isEmpty() && !m_answer) {
        return tr("Skriv ett tal, till exempel 3.");
    }
    return {};
}

QString QuestionController::textValue() const {
    if (m_question.type == QuestionType::Text && m_answer) {
        if (const auto* s = std::get_if<std::string>(&*m_answer)) {
            return qs(*s);
        }
    }
    return {};
}

bool QuestionController::canAddPlace() const {
    return m_question.type == QuestionType::Place &&
           static_cast<std::int64_t>(placeEntries().size()) < m_question.maxPlaces;
}

QVariantList QuestionController::timeOfDayOptions() const {
    QVariantList list;
    for (auto t : m_question.timesOfDay) {
        list.append(QVariantMap{{QStringLiteral("key"), qs(td::model::toString(t))},
                                {QStringLiteral("label"), timeOfDayLabel(t)}});
    }
    return list;
}

QVariantList QuestionController::reasonOptions() const {
    QVariantList list;
    for (const auto& reason : m_question.reasons) {
        list.append(QVariantMap{{QStringLiteral("key"), qs(reason.id)},
                                {QStringLiteral("label"), localized(reason.label, m_language)}});
    }
    return list;
}

void QuestionController::selectOption(const QString& key) {
    switch (m_question.type) {
    case QuestionType::Scale: {
        if (key == qs(td::model::kDontKnow) && m_question.dontKnow) {
            setAnswer(AnswerValue{std::string(td::model::kDontKnow)});
            return;
        }
        bool ok = false;
        const qint64 value = key.toLongLong(&ok);
        if (ok) {
            setAnswer(AnswerValue{static_cast<std::int64_t>(value)});
        }
        return;
    }
    case QuestionType::Single:
        setAnswer(AnswerValue{key.toStdString()});
        return;
    case QuestionType::YesNo:
        if (key == QLatin1String("yes") || key == QLatin1String("no")) {
            setAnswer(AnswerValue{key == QLatin1String("yes")});
        }
        return;
    default:
        return;
    }
}

void QuestionController::toggleOption(const QString& key) {
    if (m_question.type != QuestionType::Multi) {
        return;
    }
    std::vector<std::string> selected;
    if (m_answer) {
        if (const auto* list = std::get_if<std::vector<std::string>>(&*m_answer)) {
            selected = *list;
        }
    }
    const std::string id = key.toStdString();
    const auto& exclusive = m_question.exclusive;
    const bool isExclusive = std::find(exclusive.begin(), exclusive.end(), id) != exclusive.end();
    const bool wasSelected = std::find(selected.begin(), selected.end(), id) != selected.end();
    if (wasSelected) {
        std::erase(selected, id);
    } else if (isExclusive) {
        selected = {id};
    } else {
        std::erase_if(selected, [&](const std::string& s) {
            return std::find(exclusive.begin(), exclusive.end(), s) != exclusive.end();
        });
        selected.push_back(id);
    }
    setAnswer(selected.empty() ? std::nullopt : std::optional<AnswerValue>(std::move(selected)));
}

void QuestionController::setNumberText(const QString& text) {
    if (m_question.type != QuestionType::Number) {
        return;
    }
    m_numberText = text;
    QString normalized = text.trimmed();
    normalized.replace(QLatin1Char(','), QLatin1Char('.'));
    bool ok = false;
    const double value = QLocale::c().toDouble(normalized, &ok);
    if (!ok || !std::isfinite(value)) {
        setAnswer(std::nullopt);
        Q_EMIT answerChanged();
        return;
    }
    if (value == std::floor(value) && std::abs(value) < 9.0e15) {
        setAnswer(AnswerValue{static_cast<std::int64_t>(value)});
    } else {
        setAnswer(AnswerValue{value});
    }
}

void QuestionController::setTextValue(const QString& text) {
    if (m_question.type != QuestionType::Text) {
        return;
    }
    if (text.trimmed().isEmpty()) {
        setAnswer(std::nullopt);
    } else {
        setAnswer(AnswerValue{text.toStdString()});
    }
}

void QuestionController::addRegistryPlace(const QString& placeId) {
    if (!canAddPlace() || placeId.isEmpty()) {
        return;
    }
    auto entries = placeEntries();
    PlaceEntry entry;
    entry.placeId = placeId.toStdString();
    entries.push_back(std::move(entry));
    setPlaceEntries(std::move(entries));
}

void QuestionController::addPositionPlace(double lat, double lon, double accuracyM) {
    // A position without a usable accuracy is not an answer; the person describes the place.
    if (!canAddPlace() || !(accuracyM > 0.0 && accuracyM <= 10000.0)) {
        return;
    }
    auto entries = placeEntries();
    PlaceEntry entry;
    entry.position = td::model::Position{lat, lon, accuracyM};
    entries.push_back(std::move(entry));
    setPlaceEntries(std::move(entries));
}

void QuestionController::addDescribedPlace(const QString& description) {
    if (!canAddPlace() || description.trimmed().isEmpty()) {
        return;
    }
    auto entries = placeEntries();
    PlaceEntry entry;
    entry.description = description.trimmed().toStdString();
    entries.push_back(std::move(entry));
    setPlaceEntries(std::move(entries));
}

void QuestionController::removePlace(int row) {
    auto entries = placeEntries();
    if (row < 0 || row >= static_cast<int>(entries.size())) {
        return;
    }
    entries.erase(entries.begin() + row);
    setPlaceEntries(std::move(entries));
}

void QuestionController::toggleTimeOfDay(int row, const QString& key) {
    auto entries = placeEntries();
    const auto t = td::model::enumFromString<td::model::TimeOfDay>(key.toStdString());
    if (row < 0 || row >= static_cast<int>(entries.size()) || !t) {
        return;
    }
    toggle(entries[static_cast<std::size_t>(row)].timesOfDay, *t);
    setPlaceEntries(std::move(entries));
}

void QuestionController::toggleReason(int row, const QString& key) {
    auto entries = placeEntries();
    if (row < 0 || row >= static_cast<int>(entries.size())) {
        return;
    }
    toggle(entries[static_cast<std::size_t>(row)].reasons, key.toStdString());
    setPlaceEntries(std::move(entries));
}

void QuestionController::clearAnswer() {
    m_numberText.clear();
    setAnswer(std::nullopt);
    m_places.setEntries({});
}

void QuestionController::setAnswer(std::optional<AnswerValue> answer) {
    if (answer == m_answer) {
        return;
    }
    m_answer = std::move(answer);
    refreshSelection();
    Q_EMIT answerChanged();
    Q_EMIT answerEdited();
}

void QuestionController::refreshSelection() {
    QStringList keys;
    if (m_answer) {
        std::visit(
            [&](const auto& v) {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, bool>) {
                    keys.append(v ? QStringLiteral("yes") : QStringLiteral("no"));
                } else if constexpr (std::is_same_v<V, std::int64_t>) {
                    keys.append(QString::number(v));
                } else if constexpr (std::is_same_v<V, std::string>) {
                    keys.append(qs(v));
                } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
                    for (const auto& s : v) {
                        keys.append(qs(s));
                    }
                }
            },
            *m_answer);
    }
    m_options.setSelectedKeys(keys);
}

std::vector<PlaceEntry> QuestionController::placeEntries() const {
    if (m_answer) {
        if (const auto* entries = std::get_if<std::vector<PlaceEntry>>(&*m_answer)) {
            return *entries;
        }
    }
    return {};
}

void QuestionController::setPlaceEntries(std::vector<PlaceEntry> entries) {
    m_places.setEntries(entries);
    setAnswer(entries.empty() ? std::nullopt : std::optional<AnswerValue>(std::move(entries)));
}

} // namespace td::app
