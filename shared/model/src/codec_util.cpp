#include "codec_util.hpp"

#include <charconv>

namespace td::model::detail {
namespace {

Error formatError(const std::string& path, const std::string& what, std::string_view got) {
    return makeError(std::string(kInvalidFormat),
                     "expected " + what + ", got \"" + std::string(got) + "\"", path);
}

template <class T, class Decode>
bool readWith(ObjectReader& r, std::string_view key, T& out, Decode decode) {
    const bj::value* v = r.required(key);
    return v != nullptr && r.take(decodeField(r, key, *v, decode), out);
}

template <class T, class Decode>
bool readOptWith(ObjectReader& r, std::string_view key, std::optional<T>& out, Decode decode) {
    const bj::value* v = r.optional(key);
    if (v == nullptr)
        return !r.failed();
    T value;
    if (!r.take(decodeField(r, key, *v, decode), value))
        return false;
    out = std::move(value);
    return true;
}

} // namespace

Result<std::string> decodeIdValue(const bj::value& v, const std::string& path, IdFormat format) {
    auto s = json::readString(v, path, 64);
    if (!s.ok())
        return s.error();
    const std::string& id = s.value();
    switch (format) {
    case IdFormat::Slug:
        if (!isValidId(id))
            return formatError(path, "an id of 1-64 characters [a-z0-9_]", id);
        break;
    case IdFormat::Uuid:
        if (!isValidUuid(id))
            return formatError(path, "a lowercase UUID", id);
        break;
    case IdFormat::Record:
        if (!isValidUuid(id) && !isValidId(id))
            return formatError(path, "a lowercase UUID or an id of [a-z0-9_]", id);
        break;
    }
    return s;
}

Result<std::string> decodeDateValue(const bj::value& v, const std::string& path) {
    auto s = json::readString(v, path, 10);
    if (s.ok() && !isValidDate(s.value()))
        return formatError(path, "a date YYYY-MM-DD", s.value());
    return s;
}

Result<std::string> decodeTimestampValue(const bj::value& v, const std::string& path) {
    auto s = json::readString(v, path, 40);
    if (s.ok() && !isValidTimestamp(s.value()))
        return formatError(path, "a UTC timestamp YYYY-MM-DDTHH:MM:SSZ", s.value());
    return s;
}

bool readString(ObjectReader& r, std::string_view key, std::string& out, std::size_t maxChars) {
    return readWith(r, key, out, [&](const bj::value& v, const std::string& path) {
        return json::readString(v, path, maxChars);
    });
}

bool readOptString(ObjectReader& r, std::string_view key, std::optional<std::string>& out,
                   std::size_t maxChars) {
    return readOptWith(r, key, out, [&](const bj::value& v, const std::string& path) {
        return json::readString(v, path, maxChars);
    });
}

bool readId(ObjectReader& r, std::string_view key, std::string& out, IdFormat format) {
    return readWith(r, key, out, [&](const bj::value& v, const std::string& path) {
        return decodeIdValue(v, path, format);
    });
}

bool readOptId(ObjectReader& r, std::string_view key, std::optional<std::string>& out,
               IdFormat format) {
    return readOptWith(r, key, out, [&](const bj::value& v, const std::string& path) {
        return decodeIdValue(v, path, format);
    });
}

bool readIdList(ObjectReader& r, std::string_view key, std::vector<std::string>& out,
                bool required) {
    return readList(r, key, out, kMaxList, required,
                    [](const bj::value& v, const std::string& path) {
                        return decodeIdValue(v, path, IdFormat::Slug);
                    });
}

bool readDate(ObjectReader& r, std::string_view key, std::string& out) {
    return readWith(r, key, out, decodeDateValue);
}

bool readOptDate(ObjectReader& r, std::string_view key, std::optional<std::string>& out) {
    return readOptWith(r, key, out, decodeDateValue);
}

bool readTimestamp(ObjectReader& r, std::string_view key, std::string& out) {
    return readWith(r, key, out, decodeTimestampValue);
}

bool readOptTimestamp(ObjectReader& r, std::string_view key, std::optional<std::string>& out) {
    return readOptWith(r, key, out, decodeTimestampValue);
}

bool readInt(ObjectReader& r, std::string_view key, std::int64_t& out, std::int64_t min,
             std::int64_t max) {
    return readWith(r, key, out, [&](const bj::value& v, const std::string& path) {
        return json::readInt(v, path, min, max);
    });
}

bool readOptInt(ObjectReader& r, std::string_view key, std::optional<std::int64_t>& out,
                std::int64_t min, std::int64_t max) {
    return readOptWith(r, key, out, [&](const bj::value& v, const std::string& path) {
        return json::readInt(v, path, min, max);
    });
}

bool readIntOr(ObjectReader& r, std::string_view key, std::int64_t& out, std::int64_t min,
               std::int64_t max) {
    const bj::value* v = r.optional(key);
    const auto decode = [&](const bj::value& value, const std::string& path) {
        return json::readInt(value, path, min, max);
    };
    return v == nullptr ? !r.failed() : r.take(decodeField(r, key, *v, decode), out);
}

bool readNumber(ObjectReader& r, std::string_view key, double& out, double min, double max) {
    return readWith(r, key, out, [&](const bj::value& v, const std::string& path) {
        return json::readNumber(v, path, min, max);
    });
}

bool readBoolOr(ObjectReader& r, std::string_view key, bool& out) {
    const bj::value* v = r.optional(key);
    return v == nullptr ? !r.failed() : r.take(decodeField(r, key, *v, json::readBool), out);
}

bool readText(ObjectReader& r, std::string_view key, Text& out) {
    return readWith(r, key, out, decode<Text>);
}

bool readOptText(ObjectReader& r, std::string_view key, std::optional<Text>& out) {
    return readOptWith(r, key, out, decode<Text>);
}

Result<Position> decodePosition(const bj::value& v, const std::string& path) {
    ObjectReader r(v, path);
    Position p;
    readNumber(r, "lat", p.lat, -90, 90);
    readNumber(r, "lon", p.lon, -180, 180);
    readNumber(r, "accuracy_m", p.accuracyM, 0, 10000);
    if (!r.failed() && p.accuracyM <= 0) {
        r.fail(makeError(std::string(json::kOutOfRange), "accuracy must be greater than 0",
                         r.fieldPath("accuracy_m")));
    }
    return finishWith(r, p);
}

bool readPosition(ObjectReader& r, std::string_view key, Position& out) {
    return readWith(r, key, out, decodePosition);
}

void appendJsonString(std::string& out, std::string_view text) {
    json::appendQuoted(out, text);
}

void appendJsonInt(std::string& out, std::int64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

void appendJsonDouble(std::string& out, double value) {
    appendJsonValue(out, boost::json::value(value));
}

void appendJsonValue(std::string& out, const boost::json::value& value) {
    out += boost::json::serialize(value);
}

bj::value encodePosition(const Position& p) {
    return bj::object{{"lat", p.lat}, {"lon", p.lon}, {"accuracy_m", p.accuracyM}};
}

} // namespace td::model::detail

namespace td::model {

namespace bj = boost::json;

bj::value encode(const Text& text) {
    return bj::object{{"sv", text.sv}, {"en", text.en}};
}

template <> Result<Text> decode<Text>(const bj::value& v, const std::string& path) {
    using namespace detail;
    ObjectReader r(v, path);
    Text t;
    if (const bj::value* sv = r.required("sv")) {
        r.take(decodeField(r, "sv", *sv,
                           [](const bj::value& value, const std::string& p) {
                               return json::readString(value, p, kMaxText, true);
                           }),
               t.sv);
    }
    if (const bj::value* en = r.required("en")) {
        r.take(decodeField(r, "en", *en,
                           [](const bj::value& value, const std::string& p) {
                               return json::readString(value, p, kMaxText);
                           }),
               t.en);
    }
    return finishWith(r, t);
}

} // namespace td::model
