#pragma once
// Strict JSON: a parser that rejects what Boost.JSON tolerates (duplicate keys, invalid UTF-8,
// excessive depth or size) with precise errors, and a path-tracking reader for decoders.

#include "td/core/result.hpp"

#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace td::json {

struct ParseLimits {
    std::size_t maxBytes = 4 * 1024 * 1024;
    std::size_t maxDepth = 32;
};

/// Parses one JSON document. Error codes: `json_too_large`, `json_invalid_utf8`,
/// `json_syntax`, `json_duplicate_key`, `json_too_deep`, `json_number_out_of_range` (a number
/// that overflows a double); the message names the byte offset
/// (and, for duplicates, the key) and `path` names the enclosing value where known.
Result<boost::json::value> parse(std::string_view text, const ParseLimits& limits = {});
/// parse() with every allocation of the document (and of the parser's temporary stack) made
/// from `storage`, e.g. a per-request boost::json::monotonic_resource that outlives the value.
Result<boost::json::value> parse(std::string_view text, const ParseLimits& limits,
                                 boost::json::storage_ptr storage);

/// Number of Unicode code points in valid UTF-8 `text`.
std::size_t utf8Length(std::string_view text);

/// The shortest text of `number`: "7", "2.5", "0.1".
std::string formatNumber(double number);

/// Appends `text` as a JSON string, byte for byte as boost::json::serialize writes it: quote
/// and backslash escaped, control characters as the short escapes (b t n f r) or as u00xx
/// escapes in lowercase hex, everything else (UTF-8 included) verbatim.
void appendQuoted(std::string& out, std::string_view text);

/// "parent.key" (or "key" when parent is empty).
std::string childPath(std::string_view parent, std::string_view key);
/// "parent[index]".
std::string indexPath(std::string_view parent, std::size_t index);

// Decoder error codes (Error::code), shared by every decoder built on this layer.
inline constexpr std::string_view kWrongType = "wrong_type";
inline constexpr std::string_view kMissingField = "missing_field";
inline constexpr std::string_view kUnknownField = "unknown_field";
inline constexpr std::string_view kOutOfRange = "out_of_range";
inline constexpr std::string_view kTooLong = "too_long";
inline constexpr std::string_view kInvalidValue = "invalid_value";

/// A JSON string of at most `maxChars` code points (empty allowed unless `nonEmpty`).
Result<std::string> readString(const boost::json::value& v, const std::string& path,
                               std::size_t maxChars, bool nonEmpty = false);
/// An integer in [min, max]; doubles are wrong_type.
Result<std::int64_t> readInt(const boost::json::value& v, const std::string& path, std::int64_t min,
                             std::int64_t max);
/// Any finite number in [min, max].
Result<double> readNumber(const boost::json::value& v, const std::string& path, double min,
                          double max);
Result<bool> readBool(const boost::json::value& v, const std::string& path);
/// An array of at most `maxItems` elements.
Result<const boost::json::array*> readArray(const boost::json::value& v, const std::string& path,
                                            std::size_t maxItems);
/// A string that must be one of `names`; returns its index.
Result<std::size_t> readOneOf(const boost::json::value& v, const std::string& path,
                              const std::vector<std::string_view>& names);

/// Reads one JSON object field by field. Every field asked for is marked known; `finish()`
/// reports the first error seen, or else the first field never asked for (`unknown_field`).
class ObjectReader {
public:
    ObjectReader(const boost::json::value& value, std::string path);

    const std::string& path() const { return m_path; }
    std::string fieldPath(std::string_view key) const { return childPath(m_path, key); }
    bool failed() const { return m_failed; }

    /// The field's value, or nullptr when absent (or when the reader already failed).
    const boost::json::value* optional(std::string_view key);
    /// The field's value; records `missing_field` and returns nullptr when absent.
    const boost::json::value* required(std::string_view key);

    /// Stores `r`'s value in `out`, or records its error. Returns whether it succeeded.
    template <class T, class U> bool take(Result<T> r, U& out) {
        if (!r.ok()) {
            fail(r.error());
            return false;
        }
        out = std::move(r).value();
        return true;
    }

    /// Records `error` unless an earlier one is recorded.
    void fail(Error error);
    /// Marks keys as known without reading them.
    void allow(std::initializer_list<std::string_view> keys);
    /// The first error, or the first unknown field, or success.
    Status finish();

private:
    const boost::json::object* m_object = nullptr;
    std::string m_path;
    std::vector<std::string_view> m_known;
    Error m_error;
    bool m_failed = false;
};

} // namespace td::json
