#pragma once
// Helpers shared by the codec's translation units: field readers on top of td::json's
// ObjectReader that apply the model's formats and documented string maxima.

#include "td/core/json.hpp"
#include "td/model/codec.hpp"

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace td::model::detail {

namespace bj = boost::json;
using json::ObjectReader;

// Documented maxima (characters), see docs/model.md.
inline constexpr std::size_t kMaxText = 2000;     // each language of a Text
inline constexpr std::size_t kMaxName = 200;      // names, titles, localities
inline constexpr std::size_t kMaxNote = 500;      // notes, descriptions, reasons
inline constexpr std::size_t kMaxLongText = 4000; // measure descriptions, text answers
inline constexpr std::size_t kMaxList = 200;      // items of a list unless stated
inline constexpr std::size_t kMaxTrackPoints = 20000;

inline constexpr std::string_view kInvalidFormat = "invalid_format";

enum class IdFormat { Slug, Uuid, Record };

Result<std::string> decodeIdValue(const bj::value& v, const std::string& path, IdFormat format);
Result<std::string> decodeDateValue(const bj::value& v, const std::string& path);
Result<std::string> decodeTimestampValue(const bj::value& v, const std::string& path);

bool readString(ObjectReader& r, std::string_view key, std::string& out, std::size_t maxChars);
bool readOptString(ObjectReader& r, std::string_view key, std::optional<std::string>& out,
                   std::size_t maxChars);
bool readId(ObjectReader& r, std::string_view key, std::string& out,
            IdFormat format = IdFormat::Slug);
bool readOptId(ObjectReader& r, std::string_view key, std::optional<std::string>& out,
               IdFormat format = IdFormat::Slug);
bool readIdList(ObjectReader& r, std::string_view key, std::vector<std::string>& out,
                bool required);
bool readDate(ObjectReader& r, std::string_view key, std::string& out);
bool readOptDate(ObjectReader& r, std::string_view key, std::optional<std::string>& out);
bool readTimestamp(ObjectReader& r, std::string_view key, std::string& out);
bool readOptTimestamp(ObjectReader& r, std::string_view key, std::optional<std::string>& out);
bool readInt(ObjectReader& r, std::string_view key, std::int64_t& out, std::int64_t min,
             std::int64_t max);
bool readOptInt(ObjectReader& r, std::string_view key, std::optional<std::int64_t>& out,
                std::int64_t min, std::int64_t max);
/// Leaves `out` unchanged when the field is absent.
bool readIntOr(ObjectReader& r, std::string_view key, std::int64_t& out, std::int64_t min,
               std::int64_t max);
bool readNumber(ObjectReader& r, std::string_view key, double& out, double min, double max);
bool readBoolOr(ObjectReader& r, std::string_view key, bool& out);
bool readText(ObjectReader& r, std::string_view key, Text& out);
bool readOptText(ObjectReader& r, std::string_view key, std::optional<Text>& out);
bool readPosition(ObjectReader& r, std::string_view key, Position& out);

Result<Position> decodePosition(const bj::value& v, const std::string& path);
bj::value encodePosition(const Position& p);

/// Runs `decode(v, path)` without building the path; only on failure runs it again with
/// `makePath()` so that the error names the same path as an eager decode would.
template <class Decode, class MakePath>
auto decodeLazy(Decode&& decode, const bj::value& v, MakePath&& makePath) {
    static const std::string noPath;
    auto result = decode(v, noPath);
    if (!result.ok())
        result = decode(v, makePath());
    return result;
}

/// decodeLazy for the field `key` of the object `r` reads.
template <class Decode>
auto decodeField(ObjectReader& r, std::string_view key, const bj::value& v, Decode&& decode) {
    return decodeLazy(decode, v, [&] { return r.fieldPath(key); });
}

template <class E> Result<E> decodeEnum(const bj::value& v, const std::string& path) {
    static const std::vector<std::string_view> names(EnumNames<E>::names.begin(),
                                                     EnumNames<E>::names.end());
    auto index = json::readOneOf(v, path, names);
    if (!index.ok())
        return index.error();
    return static_cast<E>(index.value());
}

template <class E> bool readEnum(ObjectReader& r, std::string_view key, E& out) {
    const bj::value* v = r.required(key);
    return v != nullptr && r.take(decodeField(r, key, *v, decodeEnum<E>), out);
}

template <class E> bool readOptEnum(ObjectReader& r, std::string_view key, std::optional<E>& out) {
    const bj::value* v = r.optional(key);
    return v == nullptr || r.take(decodeField(r, key, *v, decodeEnum<E>), out);
}

/// Decodes an array field element by element with `decodeItem(value, path) -> Result<T>`.
/// An absent field is an error when `required`, else leaves `out` empty.
template <class T, class F>
bool readList(ObjectReader& r, std::string_view key, std::vector<T>& out, std::size_t maxItems,
              bool required, F decodeItem) {
    const bj::value* v = required ? r.required(key) : r.optional(key);
    if (v == nullptr)
        return !required && !r.failed();
    const bj::array* array = nullptr;
    const auto readArray = [&](const bj::value& value, const std::string& path) {
        return json::readArray(value, path, maxItems);
    };
    if (!r.take(decodeField(r, key, *v, readArray), array))
        return false;
    out.clear();
    out.reserve(array->size());
    for (std::size_t i = 0; i < array->size(); ++i) {
        T item;
        const auto itemPath = [&] {
            return json::indexPath(r.fieldPath(key), i);
        };
        if (!r.take(decodeLazy(decodeItem, (*array)[i], itemPath), item))
            return false;
        out.push_back(std::move(item));
    }
    return true;
}

template <class E> bj::value encodeEnum(E e) {
    return bj::value(bj::string(toString(e)));
}

template <class T, class F> bj::array encodeList(const std::vector<T>& items, F encodeItem) {
    bj::array array;
    array.reserve(items.size());
    for (const T& item : items)
        array.push_back(encodeItem(item));
    return array;
}

inline void putOpt(bj::object& o, std::string_view key, const std::optional<std::string>& v) {
    if (v)
        o[key] = *v;
}

// Compact JSON text written straight into a std::string, byte for byte as
// boost::json::serialize writes it (for encoders that skip building a boost::json::value).

/// `text` as a JSON string: quote and backslash escaped, control characters as the short
/// escapes (b t n f r) or as u00xx escapes in lowercase hex, everything else verbatim.
void appendJsonString(std::string& out, std::string_view text);
void appendJsonInt(std::string& out, std::int64_t value);
/// A double in boost::json's own notation (e.g. "2.5E0").
void appendJsonDouble(std::string& out, double value);
/// Any value, through boost::json::serialize.
void appendJsonValue(std::string& out, const boost::json::value& value);

/// Completes a decode: the reader's status, or `value`.
template <class T> Result<T> finishWith(ObjectReader& r, T value) {
    Status status = r.finish();
    if (!status.ok())
        return status.error();
    return value;
}

} // namespace td::model::detail
