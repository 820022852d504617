#include "td/core/json.hpp"
#include "td/core/utf8.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_stack.hpp>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <unordered_set>

namespace td::json {
namespace {

namespace bj = boost::json;

/// `text` read as a double with correct rounding, or nullopt when it is not all one number.
std::optional<double> readDouble(const std::string& text) {
    double value = 0;
#if defined(__cpp_lib_to_chars)
    const char* end = text.data() + text.size();
    const auto [ptr, status] = std::from_chars(text.data(), end, value);
    if (status != std::errc() || ptr != end)
        return std::nullopt;
#else
    // libc++ before 17 (emscripten's, for the WebAssembly build) has no floating-point
    // from_chars; its strtod rounds correctly and runs in the C locale there.
    char* end = nullptr;
    errno = 0;
    value = std::strtod(text.c_str(), &end);
    if (errno != 0 || end != text.c_str() + text.size())
        return std::nullopt;
#endif
    return value;
}

/// Offset of the first invalid UTF-8 sequence, or npos.
std::size_t firstInvalidUtf8(std::string_view s) {
    std::size_t i = 0;
    const auto byte = [&](std::size_t k) {
        return static_cast<unsigned char>(s[k]);
    };
    while (i < s.size()) {
        // ASCII runs, eight bytes at a time.
        while (i + 8 <= s.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, s.data() + i, 8);
            if ((word & 0x8080808080808080ULL) != 0)
                break;
            i += 8;
        }
        if (i >= s.size())
            break;
        const unsigned char c = byte(i);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > s.size())
            return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (byte(i + k) & 0x3F);
        }
        const bool overlong =
            (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

enum class HandlerError { None, DuplicateKey, TooDeep, NumberRange };

/// Builds the value like boost::json::parser does, but tracks object keys per level to detect
/// duplicates, and the nesting depth, and the path of the innermost container.
class StrictHandler {
public:
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

    StrictHandler(std::size_t maxDepth, const bj::storage_ptr& storage)
        : m_stack(storage)
        , m_maxDepth(maxDepth) {
        m_stack.reset(storage);
    }

    bool on_document_begin(bj::error_code&) { return true; }
    bool on_document_end(bj::error_code&) { return true; }

    bool on_array_begin(bj::error_code& ec) {
        if (!enter(ec))
            return false;
        push(false);
        return true;
    }
    bool on_array_end(std::size_t n, bj::error_code&) {
        m_stack.push_array(n);
        leave();
        return true;
    }
    bool on_object_begin(bj::error_code& ec) {
        if (!enter(ec))
            return false;
        push(true);
        return true;
    }
    bool on_object_end(std::size_t n, bj::error_code&) {
        m_stack.push_object(n);
        leave();
        return true;
    }
    bool on_string_part(bj::string_view s, std::size_t, bj::error_code&) {
        m_stack.push_chars(s);
        return true;
    }
    bool on_string(bj::string_view s, std::size_t, bj::error_code&) {
        m_stack.push_string(s);
        valueDone();
        return true;
    }
    bool on_key_part(bj::string_view s, std::size_t, bj::error_code&) {
        m_key.append(s.data(), s.size());
        m_stack.push_chars(s);
        return true;
    }
    bool on_key(bj::string_view s, std::size_t, bj::error_code& ec) {
        std::string_view key(s.data(), s.size());
        if (!m_key.empty()) { // the key came in parts
            m_key.append(s.data(), s.size());
            key = m_key;
        }
        Frame& frame = m_frames[m_depth - 1];
        if (!insertKey(frame, key)) {
            m_error = HandlerError::DuplicateKey;
            m_errorKey = key;
            ec = bj::error::syntax;
            return false;
        }
        m_key.clear();
        m_stack.push_key(s);
        return true;
    }
    bool on_number_part(bj::string_view s, bj::error_code&) {
        m_number.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t i, bj::string_view, bj::error_code&) {
        m_number.clear();
        m_stack.push_int64(i);
        valueDone();
        return true;
    }
    bool on_uint64(std::uint64_t u, bj::string_view, bj::error_code&) {
        m_number.clear();
        m_stack.push_uint64(u);
        valueDone();
        return true;
    }
    // Boost.JSON 1.81 may be off by one ulp; re-read the text with correct rounding so
    // that every serialised double reads back identically.
    bool on_double(double d, bj::string_view s, bj::error_code& ec) {
        m_number.append(s.data(), s.size());
        if (auto precise = readDouble(m_number))
            d = *precise;
        m_number.clear();
        if (!std::isfinite(d)) {
            m_error = HandlerError::NumberRange;
            ec = bj::error::exponent_overflow;
            return false;
        }
        m_stack.push_double(d);
        valueDone();
        return true;
    }
    bool on_bool(bool b, bj::error_code&) {
        m_stack.push_bool(b);
        valueDone();
        return true;
    }
    bool on_null(bj::error_code&) {
        m_stack.push_null();
        valueDone();
        return true;
    }
    bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
    bool on_comment(bj::string_view, bj::error_code&) { return true; }

    bj::value release() { return m_stack.release(); }
    HandlerError error() const { return m_error; }
    const std::string& errorKey() const { return m_errorKey; }

    /// Path of the innermost open container (its position in the document).
    std::string currentPath() const {
        std::string path;
        for (std::size_t i = 0; i + 1 < m_depth; ++i) {
            const Frame& frame = m_frames[i];
            path =
                frame.isObject ? childPath(path, currentKey(frame)) : indexPath(path, frame.index);
        }
        return path;
    }

private:
    /// One open container. An object's keys live in the handler's key arena (one string for
    /// all open objects, truncated when an object closes), each with its hash for a cheap
    /// linear scan; objects with many keys also get a hash set.
    struct KeySpan {
        std::size_t offset = 0;
        std::size_t length = 0;
        std::size_t hash = 0;
    };
    struct Frame {
        bool isObject = false;
        std::size_t arenaStart = 0;
        std::vector<KeySpan> keySpans;
        std::unordered_set<std::string> keys;
        std::size_t index = 0;
        std::uint64_t hashBits = 0;

        void reset(bool object, std::size_t arenaSize) {
            isObject = object;
            arenaStart = arenaSize;
            hashBits = 0;
            keySpans.clear();
            keys.clear();
            index = 0;
        }
    };
    static constexpr std::size_t kLinearKeys = 64;

    /// FNV-1a: keys are short, and an inline loop beats a library call for them.
    static std::size_t keyHash(std::string_view key) {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (char c : key)
            h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        return static_cast<std::size_t>(h);
    }

    std::string_view keyAt(const KeySpan& span) const {
        return std::string_view(m_keyArena).substr(span.offset, span.length);
    }
    /// The last key read in `frame`, or "" before the first.
    std::string_view currentKey(const Frame& frame) const {
        return frame.keySpans.empty() ? std::string_view() : keyAt(frame.keySpans.back());
    }
    /// False when `key` is already present in `frame`.
    bool insertKey(Frame& frame, std::string_view key) {
        const std::size_t hash = keyHash(key);
        if (frame.keys.empty()) {
            // One bit per hash value mod 64: a clear bit proves the key is new without a scan.
            const std::uint64_t bit = std::uint64_t{1} << (hash & 63);
            if ((frame.hashBits & bit) != 0) {
                for (const KeySpan& span : frame.keySpans) {
                    if (span.hash == hash && keyAt(span) == key)
                        return false;
                }
            }
            frame.hashBits |= bit;
            if (frame.keySpans.size() >= kLinearKeys) {
                for (const KeySpan& span : frame.keySpans)
                    frame.keys.emplace(keyAt(span));
            }
        }
        if (!frame.keys.empty() && !frame.keys.emplace(key).second)
            return false;
        frame.keySpans.push_back(KeySpan{m_keyArena.size(), key.size(), hash});
        m_keyArena += key;
        return true;
    }

    /// Frames are reused across containers to avoid reallocating their key storage.
    void push(bool object) {
        if (m_depth == m_frames.size())
            m_frames.emplace_back();
        m_frames[m_depth++].reset(object, m_keyArena.size());
    }

    bool enter(bj::error_code& ec) {
        if (m_depth >= m_maxDepth) {
            m_error = HandlerError::TooDeep;
            ec = bj::error::too_deep;
            return false;
        }
        return true;
    }
    void leave() {
        --m_depth;
        m_keyArena.resize(m_frames[m_depth].arenaStart);
        valueDone();
    }
    void valueDone() {
        if (m_depth > 0 && !m_frames[m_depth - 1].isObject)
            ++m_frames[m_depth - 1].index;
    }

    bj::value_stack m_stack;
    std::vector<Frame> m_frames;
    std::size_t m_depth = 0;
    std::string m_key;
    std::string m_keyArena;
    std::string m_number;
    std::size_t m_maxDepth;
    HandlerError m_error = HandlerError::None;
    std::string m_errorKey;
};

bool needsEscape(unsigned char c) {
    return c < 0x20 || c == '"' || c == '\\';
}

/// Length of the leading part of `text` that needs no escape; eight bytes at a time.
std::size_t cleanPrefix(std::string_view text) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    const auto hasZeroByte = [](std::uint64_t v) {
        return ((v - kOnes) & ~v & kHigh) != 0;
    };
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t w = 0;
        std::memcpy(&w, text.data() + i, 8);
        // A byte below 0x20 (ignoring bytes >= 0x80, which are never escaped), '"' or '\\'.
        const bool control = ((w - kOnes * 0x20) & ~w & kHigh) != 0;
        if (control || hasZeroByte(w ^ (kOnes * '"')) || hasZeroByte(w ^ (kOnes * '\\')))
            break;
    }
    while (i < text.size() && !needsEscape(static_cast<unsigned char>(text[i])))
        ++i;
    return i;
}

std::string at(std::size_t offset) {
    return " at byte " + std::to_string(offset);
}

Error typeError(const std::string& path, std::string_view expected) {
    return makeError(std::string(kWrongType), "expected " + std::string(expected), path);
}

} // namespace

std::size_t firstInvalidUtf8Offset(std::string_view text) {
    return firstInvalidUtf8(text);
}

std::size_t utf8Length(std::string_view text) {
    std::size_t n = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    }
    return n;
}

std::string formatNumber(double number) {
    if (std::isfinite(number) && std::trunc(number) == number && std::fabs(number) < 1e15)
        return std::to_string(static_cast<std::int64_t>(number));
    return bj::serialize(bj::value(number));
}

void appendQuoted(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    const std::size_t clean = cleanPrefix(text); // appended in one go

    out.reserve(out.size() + text.size() + 2);
    out += '"';
    out.append(text.data(), clean);
    for (std::size_t i = clean; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!needsEscape(c)) {
            out += static_cast<char>(c);
            continue;
        }
        out += '\\';
        switch (c) {
        case '"':
            out += '"';
            break;
        case '\\':
            out += '\\';
            break;
        case '\b':
            out += 'b';
            break;
        case '\t':
            out += 't';
            break;
        case '\n':
            out += 'n';
            break;
        case '\f':
            out += 'f';
            break;
        case '\r':
            out += 'r';
            break;
        default:
            out += "u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
            break;
        }
    }
    out += '"';
}

std::string childPath(std::string_view parent, std::string_view key) {
    std::string path(parent);
    if (!path.empty())
        path += '.';
    path += key;
    return path;
}

std::string indexPath(std::string_view parent, std::size_t index) {
    return std::string(parent) + "[" + std::to_string(index) + "]";
}

Result<boost::json::value> parse(std::string_view text, const ParseLimits& limits) {
    return parse(text, limits, {});
}

Result<boost::json::value> parse(std::string_view text, const ParseLimits& limits,
                                 boost::json::storage_ptr storage) {
    if (text.size() > limits.maxBytes) {
        return makeError("json_too_large", "document is " + std::to_string(text.size()) +
                                               " bytes, limit " + std::to_string(limits.maxBytes));
    }
    if (const std::size_t bad = firstInvalidUtf8(text); bad != std::string_view::npos)
        return makeError("json_invalid_utf8", "invalid UTF-8" + at(bad));

    bj::parse_options options;
    options.max_depth = limits.maxDepth + 1; // our handler enforces the limit precisely
    bj::basic_parser<StrictHandler> parser(options, limits.maxDepth, storage);
    bj::error_code ec;
    const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
    const StrictHandler& handler = parser.handler();
    if (handler.error() == HandlerError::DuplicateKey) {
        return makeError("json_duplicate_key",
                         "duplicate key \"" + handler.errorKey() + "\"" + at(consumed),
                         handler.currentPath());
    }
    if (handler.error() == HandlerError::TooDeep || ec == bj::error::too_deep) {
        return makeError("json_too_deep",
                         "nesting deeper than " + std::to_string(limits.maxDepth) + at(consumed),
                         handler.currentPath());
    }
    if (handler.error() == HandlerError::NumberRange) {
        return makeError("json_number_out_of_range",
                         "number beyond the range of a double" + at(consumed),
                         handler.currentPath());
    }
    if (ec) {
        return makeError("json_syntax", ec.message() + at(consumed), handler.currentPath());
    }
    if (consumed != text.size()) {
        return makeError("json_syntax", "unexpected data after the document" + at(consumed));
    }
    return parser.handler().release();
}

Result<std::string> readString(const boost::json::value& v, const std::string& path,
                               std::size_t maxChars, bool nonEmpty) {
    if (!v.is_string())
        return typeError(path, "a string");
    const std::string_view s = v.get_string();
    const std::size_t length = utf8Length(s);
    if (length > maxChars) {
        return makeError(std::string(kTooLong),
                         "string of " + std::to_string(length) + " characters, at most " +
                             std::to_string(maxChars) + " allowed",
                         path);
    }
    if (nonEmpty && s.empty())
        return makeError(std::string(kInvalidValue), "must not be empty", path);
    return std::string(s);
}

Result<std::int64_t> readInt(const boost::json::value& v, const std::string& path, std::int64_t min,
                             std::int64_t max) {
    std::int64_t i = 0;
    if (v.is_int64()) {
        i = v.get_int64();
    } else if (v.is_uint64()) {
        return makeError(
            std::string(kOutOfRange),
            "expected an integer in " + std::to_string(min) + ".." + std::to_string(max), path);
    } else {
        return typeError(path, "an integer");
    }
    if (i < min || i > max) {
        return makeError(std::string(kOutOfRange),
                         "expected an integer in " + std::to_string(min) + ".." +
                             std::to_string(max) + ", got " + std::to_string(i),
                         path);
    }
    return i;
}

Result<double> readNumber(const boost::json::value& v, const std::string& path, double min,
                          double max) {
    if (!v.is_number())
        return typeError(path, "a number");
    const double d = v.to_number<double>();
    if (!std::isfinite(d) || d < min || d > max) {
        return makeError(std::string(kOutOfRange),
                         "expected a number in [" + formatNumber(min) + ", " + formatNumber(max) +
                             "], got " + bj::serialize(v),
                         path);
    }
    return d;
}

Result<bool> readBool(const boost::json::value& v, const std::string& path) {
    if (!v.is_bool())
        return typeError(path, "true or false");
    return v.get_bool();
}

Result<const boost::json::array*> readArray(const boost::json::value& v, const std::string& path,
                                            std::size_t maxItems) {
    if (!v.is_array())
        return typeError(path, "an array");
    const bj::array& array = v.get_array();
    if (array.size() > maxItems) {
        return makeError(std::string(kTooLong),
                         "array of " + std::to_string(array.size()) + " items, at most " +
                             std::to_string(maxItems) + " allowed",
                         path);
    }
    return &array;
}

Result<std::size_t> readOneOf(const boost::json::value& v, const std::string& path,
                              const std::vector<std::string_view>& names) {
    const auto expectedNames = [&] {
        std::string expected;
        for (std::string_view name : names)
            expected += (expected.empty() ? "\"" : ", \"") + std::string(name) + "\"";
        return expected;
    };
    if (!v.is_string())
        return typeError(path, "one of " + expectedNames());
    const std::string_view s = v.get_string();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == s)
            return i;
    }
    const std::string expected = expectedNames();
    return makeError(std::string(kInvalidValue),
                     "unknown value \"" + std::string(s) + "\", expected one of " + expected, path);
}

ObjectReader::ObjectReader(const boost::json::value& value, std::string path)
    : m_path(std::move(path)) {
    m_known.reserve(16);
    if (value.is_object())
        m_object = &value.get_object();
    else
        fail(typeError(m_path, "an object"));
}

const boost::json::value* ObjectReader::optional(std::string_view key) {
    m_known.push_back(key);
    if (m_failed)
        return nullptr;
    return m_object->if_contains(key);
}

const boost::json::value* ObjectReader::required(std::string_view key) {
    const boost::json::value* v = optional(key);
    if (v == nullptr && !m_failed) {
        fail(makeError(std::string(kMissingField),
                       "missing required field \"" + std::string(key) + "\"", fieldPath(key)));
    }
    return v;
}

void ObjectReader::fail(Error error) {
    if (m_failed)
        return;
    m_failed = true;
    m_error = std::move(error);
}

void ObjectReader::allow(std::initializer_list<std::string_view> keys) {
    m_known.insert(m_known.end(), keys.begin(), keys.end());
}

Status ObjectReader::finish() {
    if (m_failed)
        return m_error;
    for (const auto& entry : *m_object) {
        bool known = false;
        for (std::string_view key : m_known)
            known = known || key == entry.key();
        if (!known) {
            return makeError(std::string(kUnknownField),
                             "unknown field \"" + std::string(entry.key()) + "\"",
                             fieldPath(entry.key()));
        }
    }
    return {};
}

} // namespace td::json
