// Campaigns and responses.

#include "codec_util.hpp"

namespace td::model {

using namespace detail;

namespace {

inline constexpr std::size_t kMaxPlaceEntries = 20;
inline constexpr std::size_t kMaxAnswers = 300;

Result<std::string> decodeLocale(const bj::value& v, const std::string& path) {
    auto index = json::readOneOf(v, path, {"sv", "en"});
    if (!index.ok())
        return index.error();
    return std::string(index.value() == 0 ? "sv" : "en");
}

} // namespace

bj::value encode(const Campaign& c) {
    bj::object o{{"id", c.id},
                 {"name", encode(c.name)},
                 {"survey_id", c.surveyId},
                 {"survey_version", c.surveyVersion},
                 {"year", c.year},
                 {"period_start", c.periodStart},
                 {"period_end", c.periodEnd},
                 {"channels", encodeList(c.channels, encodeEnum<Channel>)},
                 {"public_code", c.publicCode},
                 {"status", encodeEnum(c.status)}};
    putOpt(o, "retain_free_text_until", c.retainFreeTextUntil);
    putOpt(o, "retain_responses_until", c.retainResponsesUntil);
    putOpt(o, "accept_queued_until", c.acceptQueuedUntil);
    return o;
}

template <> Result<Campaign> decode<Campaign>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Campaign c;
    readId(r, "id", c.id, IdFormat::Record);
    readText(r, "name", c.name);
    readId(r, "survey_id", c.surveyId);
    readInt(r, "survey_version", c.surveyVersion, 1, 1'000'000);
    readInt(r, "year", c.year, 2000, 2100);
    readDate(r, "period_start", c.periodStart);
    readDate(r, "period_end", c.periodEnd);
    readList(r, "channels", c.channels, 4, true, decodeEnum<Channel>);
    if (const bj::value* code = r.required("public_code"))
        r.take(json::readString(*code, r.fieldPath("public_code"), 32, true), c.publicCode);
    readEnum(r, "status", c.status);
    readOptDate(r, "retain_free_text_until", c.retainFreeTextUntil);
    readOptDate(r, "retain_responses_until", c.retainResponsesUntil);
    readOptDate(r, "accept_queued_until", c.acceptQueuedUntil);
    return finishWith(r, std::move(c));
}

bj::value encode(const PlaceEntry& e) {
    bj::object o;
    putOpt(o, "place_id", e.placeId);
    if (e.position)
        o["position"] = encodePosition(*e.position);
    putOpt(o, "description", e.description);
    o["times_of_day"] = encodeList(e.timesOfDay, encodeEnum<TimeOfDay>);
    o["reasons"] = encodeList(e.reasons, [](auto& id) { return bj::value(id); });
    return o;
}

template <> Result<PlaceEntry> decode<PlaceEntry>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    PlaceEntry e;
    readOptId(r, "place_id", e.placeId);
    if (r.optional("position") != nullptr) {
        Position p;
        if (readPosition(r, "position", p))
            e.position = p;
    }
    readOptString(r, "description", e.description, kMaxNote);
    readList(r, "times_of_day", e.timesOfDay, 4, true, decodeEnum<TimeOfDay>);
    readIdList(r, "reasons", e.reasons, true);
    return finishWith(r, std::move(e));
}

bj::value encode(const AnswerValue& answer) {
    return std::visit(
        [](const auto& x) -> bj::value {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::vector<std::string>>)
                return encodeList(x, [](auto& id) { return bj::value(id); });
            else if constexpr (std::is_same_v<T, std::vector<PlaceEntry>>)
                return encodeList(x, [](auto& e) { return encode(e); });
            else
                return bj::value(x);
        },
        answer);
}

template <> Result<AnswerValue> decode<AnswerValue>(const bj::value& v, const std::string& path) {
    switch (v.kind()) {
    case bj::kind::bool_:
        return AnswerValue(v.get_bool());
    case bj::kind::int64:
        return AnswerValue(v.get_int64());
    case bj::kind::uint64:
        return makeError(std::string(json::kOutOfRange), "number too large", path);
    case bj::kind::double_:
        return AnswerValue(v.get_double());
    case bj::kind::string: {
        auto s = json::readString(v, path, kMaxLongText);
        if (!s.ok())
            return s.error();
        return AnswerValue(std::move(s).value());
    }
    case bj::kind::array: {
        const bj::array& a = v.get_array();
        if (a.empty() || a.front().is_string()) {
            std::vector<std::string> ids;
            ids.reserve(a.size());
            const auto decodeId = [](const bj::value& value, const std::string& p) {
                return decodeIdValue(value, p, IdFormat::Slug);
            };
            for (std::size_t i = 0; i < a.size(); ++i) {
                auto id = decodeLazy(decodeId, a[i], [&] { return json::indexPath(path, i); });
                if (!id.ok())
                    return id.error();
                ids.push_back(std::move(id).value());
            }
            if (ids.size() > kMaxList)
                return makeError(std::string(json::kTooLong), "too many choices", path);
            return AnswerValue(std::move(ids));
        }
        if (a.front().is_object()) {
            if (a.size() > kMaxPlaceEntries) {
                return makeError(std::string(json::kTooLong),
                                 "at most " + std::to_string(kMaxPlaceEntries) + " places", path);
            }
            std::vector<PlaceEntry> entries;
            entries.reserve(a.size());
            for (std::size_t i = 0; i < a.size(); ++i) {
                auto entry =
                    decodeLazy(decode<PlaceEntry>, a[i], [&] { return json::indexPath(path, i); });
                if (!entry.ok())
                    return entry.error();
                entries.push_back(std::move(entry).value());
            }
            return AnswerValue(std::move(entries));
        }
        return makeError(std::string(json::kWrongType),
                         "expected an array of choice ids or of places", json::indexPath(path, 0));
    }
    case bj::kind::object:
    case bj::kind::null:
        break;
    }
    return makeError(std::string(json::kWrongType), "expected a boolean, number, string or array",
                     path);
}

namespace {

/// encode(AnswerValue) with every string and container allocated from `sp`.
bj::value encodeAnswer(const AnswerValue& answer, const bj::storage_ptr& sp) {
    return std::visit(
        [&](const auto& x) -> bj::value {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                bj::array ids(sp);
                ids.reserve(x.size());
                for (const std::string& id : x)
                    ids.emplace_back(bj::string_view(id));
                return ids;
            } else if constexpr (std::is_same_v<T, std::vector<PlaceEntry>>) {
                bj::array entries(sp);
                entries.reserve(x.size());
                for (const PlaceEntry& e : x)
                    entries.emplace_back(encode(e));
                return entries;
            } else if constexpr (std::is_same_v<T, std::string>) {
                return bj::value(bj::string_view(x), sp);
            } else {
                return bj::value(x, sp);
            }
        },
        answer);
}

} // namespace

bj::value encode(const Response& r) {
    // One arena for the whole record: a response is encoded, serialised and dropped.
    const bj::storage_ptr sp = bj::make_shared_resource<bj::monotonic_resource>(4096);
    bj::object answers(r.answers.size(), sp);
    for (const auto& [id, answer] : r.answers)
        answers.emplace(id, encodeAnswer(answer, sp));
    bj::object o(9, sp);
    o.emplace("id", r.id);
    o.emplace("campaign_id", r.campaignId);
    o.emplace("survey_id", r.surveyId);
    o.emplace("survey_version", r.surveyVersion);
    o.emplace("channel", bj::string_view(toString(r.channel)));
    putOpt(o, "dialogue_id", r.dialogueId);
    o.emplace("submitted_at", r.submittedAt);
    o.emplace("locale", r.locale);
    putOpt(o, "free_text_removed_at", r.freeTextRemovedAt);
    o.emplace("answers", std::move(answers));
    return o;
}

namespace {

/// The text of encode(PlaceEntry): optional fields only when set, in the same key order.
void appendPlaceEntryText(std::string& out, const PlaceEntry& e) {
    char separator = '{';
    const auto key = [&](std::string_view name) {
        out += separator;
        separator = ',';
        appendJsonString(out, name);
        out += ':';
    };
    if (e.placeId) {
        key("place_id");
        appendJsonString(out, *e.placeId);
    }
    if (e.position) {
        key("position");
        out += "{\"lat\":";
        appendJsonDouble(out, e.position->lat);
        out += ",\"lon\":";
        appendJsonDouble(out, e.position->lon);
        out += ",\"accuracy_m\":";
        appendJsonDouble(out, e.position->accuracyM);
        out += '}';
    }
    if (e.description) {
        key("description");
        appendJsonString(out, *e.description);
    }
    key("times_of_day");
    out += '[';
    for (std::size_t i = 0; i < e.timesOfDay.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJsonString(out, toString(e.timesOfDay[i]));
    }
    out += "],";
    appendJsonString(out, "reasons");
    out += ":[";
    for (std::size_t i = 0; i < e.reasons.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJsonString(out, e.reasons[i]);
    }
    out += "]}";
}

void appendAnswerText(std::string& out, const AnswerValue& answer) {
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) {
                out += x ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                appendJsonInt(out, x);
            } else if constexpr (std::is_same_v<T, double>) {
                appendJsonDouble(out, x);
            } else if constexpr (std::is_same_v<T, std::string>) {
                appendJsonString(out, x);
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                out += '[';
                for (std::size_t i = 0; i < x.size(); ++i) {
                    if (i > 0)
                        out += ',';
                    appendJsonString(out, x[i]);
                }
                out += ']';
            } else {
                out += '[';
                for (std::size_t i = 0; i < x.size(); ++i) {
                    if (i > 0)
                        out += ',';
                    appendPlaceEntryText(out, x[i]);
                }
                out += ']';
            }
        },
        answer);
}

} // namespace

template <> std::string toJsonText(const Response& r) {
    std::string out;
    out.reserve(384 + r.answers.size() * 64);
    out += "{\"id\":";
    appendJsonString(out, r.id);
    out += ",\"campaign_id\":";
    appendJsonString(out, r.campaignId);
    out += ",\"survey_id\":";
    appendJsonString(out, r.surveyId);
    out += ",\"survey_version\":";
    appendJsonInt(out, r.surveyVersion);
    out += ",\"channel\":";
    appendJsonString(out, toString(r.channel));
    if (r.dialogueId) {
        out += ",\"dialogue_id\":";
        appendJsonString(out, *r.dialogueId);
    }
    out += ",\"submitted_at\":";
    appendJsonString(out, r.submittedAt);
    out += ",\"locale\":";
    appendJsonString(out, r.locale);
    if (r.freeTextRemovedAt) {
        out += ",\"free_text_removed_at\":";
        appendJsonString(out, *r.freeTextRemovedAt);
    }
    out += ",\"answers\":{";
    bool first = true;
    for (const auto& [id, answer] : r.answers) {
        if (!first)
            out += ',';
        first = false;
        appendJsonString(out, id);
        out += ':';
        appendAnswerText(out, answer);
    }
    out += "}}";
    return out;
}

template <> Result<Response> decode<Response>(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Response resp;
    readId(r, "id", resp.id, IdFormat::Uuid);
    readId(r, "campaign_id", resp.campaignId, IdFormat::Record);
    readId(r, "survey_id", resp.surveyId);
    readInt(r, "survey_version", resp.surveyVersion, 1, 1'000'000);
    readEnum(r, "channel", resp.channel);
    readOptId(r, "dialogue_id", resp.dialogueId, IdFormat::Uuid);
    readTimestamp(r, "submitted_at", resp.submittedAt);
    if (const bj::value* locale = r.required("locale"))
        r.take(decodeField(r, "locale", *locale, decodeLocale), resp.locale);
    readOptDate(r, "free_text_removed_at", resp.freeTextRemovedAt);
    if (const bj::value* answers = r.required("answers")) {
        const auto answersPath = [&] {
            return r.fieldPath("answers");
        };
        if (!answers->is_object()) {
            r.fail(makeError(std::string(json::kWrongType), "expected an object", answersPath()));
        } else if (answers->get_object().size() > kMaxAnswers) {
            r.fail(makeError(std::string(json::kTooLong), "too many answers", answersPath()));
        } else {
            for (const auto& entry : answers->get_object()) {
                const auto answerPath = [&] {
                    return json::childPath(answersPath(), entry.key());
                };
                if (!isValidId(entry.key())) {
                    r.fail(makeError(std::string(kInvalidFormat),
                                     "question ids are 1-64 characters [a-z0-9_]", answerPath()));
                    break;
                }
                AnswerValue answer;
                if (!r.take(decodeLazy(decode<AnswerValue>, entry.value(), answerPath), answer))
                    break;
                // Clients send the keys sorted (they come from a std::map): the end is the
                // right hint, and a wrong one only costs the ordinary search.
                resp.answers.emplace_hint(resp.answers.end(), std::string(entry.key()),
                                          std::move(answer));
            }
        }
    }
    return finishWith(r, std::move(resp));
}

} // namespace td::model
