// Survey definitions: conditions, questions, sections, surveys.

#include "codec_util.hpp"

namespace td::model {

using namespace detail;

namespace {

inline constexpr std::size_t kMaxConditionItems = 50;
inline constexpr std::size_t kMaxChoices = 100;
inline constexpr std::size_t kMaxPoints = 11;

Result<ConditionValue> decodeConditionValue(const bj::value& v, const std::string& path) {
    if (v.is_bool())
        return ConditionValue(v.get_bool());
    if (v.is_int64())
        return ConditionValue(v.get_int64());
    if (v.is_double())
        return ConditionValue(v.get_double());
    if (v.is_string()) {
        auto s = json::readString(v, path, kMaxName);
        if (!s.ok())
            return s.error();
        return ConditionValue(std::move(s).value());
    }
    return makeError(std::string(json::kWrongType), "expected a boolean, number or string", path);
}

bj::value encodeConditionValue(const ConditionValue& v) {
    return std::visit([](const auto& x) { return bj::value(x); }, v);
}

Result<Choice> decodeChoice(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Choice c;
    readId(r, "id", c.id);
    readText(r, "label", c.label);
    return finishWith(r, c);
}

bj::value encodeChoice(const Choice& c) {
    return bj::object{{"id", c.id}, {"label", encode(c.label)}};
}

Result<ScalePoint> decodeScalePoint(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    ScalePoint p;
    readInt(r, "value", p.value, -100, 100);
    readText(r, "label", p.label);
    return finishWith(r, p);
}

void decodeTypeFields(ObjectReader& r, Question& q) {
    const auto intItem = [](const bj::value& v, const std::string& path) {
        return json::readInt(v, path, -100, 100);
    };
    switch (q.type) {
    case QuestionType::Scale:
        readList(r, "points", q.points, kMaxPoints, true, decodeScalePoint);
        readBoolOr(r, "dont_know", q.dontKnow);
        readList(r, "negative", q.negativePoints, kMaxPoints, false, intItem);
        break;
    case QuestionType::Single:
        readList(r, "choices", q.choices, kMaxChoices, true, decodeChoice);
        readIdList(r, "negative", q.negativeChoices, false);
        readIdList(r, "non_substantive", q.nonSubstantiveChoices, false);
        break;
    case QuestionType::Multi:
        readList(r, "choices", q.choices, kMaxChoices, true, decodeChoice);
        readOptInt(r, "max_choices", q.maxChoices, 1, static_cast<std::int64_t>(kMaxChoices));
        readIdList(r, "exclusive", q.exclusive, false);
        readIdList(r, "non_substantive", q.nonSubstantiveChoices, false);
        break;
    case QuestionType::YesNo:
        if (const bj::value* v = r.optional("negative")) {
            bool negative = false;
            if (r.take(json::readBool(*v, r.fieldPath("negative")), negative))
                q.negativeAnswer = negative;
        }
        break;
    case QuestionType::Number:
        readNumber(r, "min", q.min, -1e12, 1e12);
        readNumber(r, "max", q.max, -1e12, 1e12);
        readBoolOr(r, "integer", q.integer);
        break;
    case QuestionType::Text:
        readInt(r, "max_length", q.maxLength, 1, static_cast<std::int64_t>(kMaxLongText));
        break;
    case QuestionType::Place:
        readInt(r, "max_places", q.maxPlaces, 1, 20);
        readList(r, "times_of_day", q.timesOfDay, 4, true, decodeEnum<TimeOfDay>);
        readList(r, "reasons", q.reasons, kMaxChoices, true, decodeChoice);
        break;
    }
}

void encodeNonSubstantive(bj::object& o, const Question& q) {
    if (!q.nonSubstantiveChoices.empty())
        o["non_substantive"] =
            encodeList(q.nonSubstantiveChoices, [](auto& v) { return bj::value(v); });
}

void encodeTypeFields(bj::object& o, const Question& q) {
    switch (q.type) {
    case QuestionType::Scale:
        o["points"] = encodeList(q.points, [](const ScalePoint& p) {
            return bj::value(bj::object{{"value", p.value}, {"label", encode(p.label)}});
        });
        o["dont_know"] = q.dontKnow;
        if (!q.negativePoints.empty())
            o["negative"] = encodeList(q.negativePoints, [](auto v) { return bj::value(v); });
        break;
    case QuestionType::Single:
        o["choices"] = encodeList(q.choices, encodeChoice);
        if (!q.negativeChoices.empty())
            o["negative"] = encodeList(q.negativeChoices, [](auto& v) { return bj::value(v); });
        encodeNonSubstantive(o, q);
        break;
    case QuestionType::Multi:
        o["choices"] = encodeList(q.choices, encodeChoice);
        if (q.maxChoices)
            o["max_choices"] = *q.maxChoices;
        if (!q.exclusive.empty())
            o["exclusive"] = encodeList(q.exclusive, [](auto& v) { return bj::value(v); });
        encodeNonSubstantive(o, q);
        break;
    case QuestionType::YesNo:
        if (q.negativeAnswer)
            o["negative"] = *q.negativeAnswer;
        break;
    case QuestionType::Number:
        o["min"] = q.min;
        o["max"] = q.max;
        o["integer"] = q.integer;
        break;
    case QuestionType::Text:
        o["max_length"] = q.maxLength;
        break;
    case QuestionType::Place:
        o["max_places"] = q.maxPlaces;
        o["times_of_day"] = encodeList(q.timesOfDay, encodeEnum<TimeOfDay>);
        o["reasons"] = encodeList(q.reasons, encodeChoice);
        break;
    }
}

Result<Section> decodeSection(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Section s;
    readId(r, "id", s.id);
    readText(r, "title", s.title);
    readList(r, "questions", s.questions, kMaxList, true, decode<Question>);
    return finishWith(r, s);
}

} // namespace

bj::value encode(const Condition& c) {
    const auto children = [&] {
        return encodeList(c.children, [](auto& x) { return encode(x); });
    };
    switch (c.op) {
    case Condition::Op::Equals:
        return bj::object{{"question", c.question}, {"equals", encodeConditionValue(c.equals)}};
    case Condition::Op::In:
        return bj::object{{"question", c.question}, {"in", encodeList(c.in, encodeConditionValue)}};
    case Condition::Op::Includes:
        return bj::object{{"question", c.question}, {"includes", c.includes}};
    case Condition::Op::Answered:
        return bj::object{{"question", c.question}, {"answered", c.answered}};
    case Condition::Op::All:
        return bj::object{{"all", children()}};
    case Condition::Op::Any:
        return bj::object{{"any", children()}};
    case Condition::Op::Not:
        return bj::object{{"not", c.children.empty() ? bj::value() : encode(c.children.front())}};
    }
    return {};
}

template <> Result<Condition> decode<Condition>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Condition c;
    if (!v.is_object())
        return r.finish().error();
    const bj::object& o = v.get_object();
    if (o.contains("all") || o.contains("any")) {
        const std::string_view key = o.contains("all") ? "all" : "any";
        c.op = key == "all" ? Condition::Op::All : Condition::Op::Any;
        readList(r, key, c.children, kMaxConditionItems, true, decode<Condition>);
        if (!r.failed() && c.children.empty()) {
            r.fail(makeError(std::string(json::kInvalidValue), "needs at least one condition",
                             r.fieldPath(key)));
        }
    } else if (o.contains("not")) {
        c.op = Condition::Op::Not;
        Condition inner;
        if (r.take(decode<Condition>(*r.required("not"), r.fieldPath("not")), inner))
            c.children.push_back(std::move(inner));
    } else if (o.contains("question")) {
        readId(r, "question", c.question);
        const int operators = int(o.contains("equals")) + int(o.contains("in")) +
                              int(o.contains("includes")) + int(o.contains("answered"));
        if (!r.failed() && operators != 1) {
            r.fail(makeError(std::string(json::kInvalidValue),
                             "needs exactly one of \"equals\", \"in\", \"includes\", \"answered\"",
                             path));
        }
        if (const bj::value* eq = r.optional("equals")) {
            c.op = Condition::Op::Equals;
            r.take(decodeConditionValue(*eq, r.fieldPath("equals")), c.equals);
        } else if (r.optional("in") != nullptr) {
            c.op = Condition::Op::In;
            readList(r, "in", c.in, kMaxConditionItems, true, decodeConditionValue);
        } else if (r.optional("includes") != nullptr) {
            c.op = Condition::Op::Includes;
            readId(r, "includes", c.includes);
        } else {
            c.op = Condition::Op::Answered;
            const bj::value* answered = r.optional("answered");
            if (answered != nullptr)
                r.take(json::readBool(*answered, r.fieldPath("answered")), c.answered);
        }
    } else {
        r.fail(makeError(std::string(json::kInvalidValue),
                         "expected a condition with \"question\", \"all\", \"any\" or \"not\"",
                         path));
    }
    return finishWith(r, std::move(c));
}

bj::value encode(const Question& q) {
    bj::object o{{"id", q.id},
                 {"type", encodeEnum(q.type)},
                 {"text", encode(q.text)},
                 {"focus_area", encodeEnum(q.focusArea)},
                 {"required", q.required}};
    if (q.help)
        o["help"] = encode(*q.help);
    if (q.showIf)
        o["show_if"] = encode(*q.showIf);
    if (q.background)
        o["background"] = encodeEnum(*q.background);
    encodeTypeFields(o, q);
    return o;
}

template <> Result<Question> decode<Question>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Question q;
    readId(r, "id", q.id);
    if (readEnum(r, "type", q.type))
        decodeTypeFields(r, q);
    readText(r, "text", q.text);
    readOptText(r, "help", q.help);
    if (r.optional("focus_area") != nullptr)
        readEnum(r, "focus_area", q.focusArea);
    readBoolOr(r, "required", q.required);
    if (const bj::value* cond = r.optional("show_if")) {
        Condition c;
        if (r.take(decode<Condition>(*cond, r.fieldPath("show_if")), c))
            q.showIf = std::move(c);
    }
    readOptEnum(r, "background", q.background);
    return finishWith(r, std::move(q));
}

bj::value encode(const Survey& s) {
    bj::object o{{"id", s.id},
                 {"version", s.version},
                 {"kind", encodeEnum(s.kind)},
                 {"title", encode(s.title)}};
    if (s.intro)
        o["intro"] = encode(*s.intro);
    o["sections"] = encodeList(s.sections, [](const Section& section) {
        return bj::value(bj::object{
            {"id", section.id},
            {"title", encode(section.title)},
            {"questions", encodeList(section.questions, [](auto& q) { return encode(q); })}});
    });
    return o;
}

template <> Result<Survey> decode<Survey>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Survey s;
    readId(r, "id", s.id);
    readInt(r, "version", s.version, 1, 1'000'000);
    readEnum(r, "kind", s.kind);
    readText(r, "title", s.title);
    readOptText(r, "intro", s.intro);
    readList(r, "sections", s.sections, kMaxList, true, decodeSection);
    return finishWith(r, std::move(s));
}

} // namespace td::model
