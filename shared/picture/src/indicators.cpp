#include "td/picture/indicators.hpp"

#include "td/core/utf8.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace td::picture {

namespace {

struct CsvLine {
    std::size_t line = 0;
    std::vector<std::string> fields;
    std::string error;
};

// Splits the text into records; a quoted field may span lines (the record keeps its first
// line number).
std::vector<CsvLine> splitCsv(std::string_view text) {
    std::vector<CsvLine> out;
    std::size_t line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        CsvLine rec;
        rec.line = line;
        std::string field;
        bool quoted = false;
        bool fieldWasQuoted = false;
        bool endOfRecord = false;
        while (i < text.size() && !endOfRecord) {
            const char c = text[i];
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n')
                        ++line;
                    field += c;
                }
                ++i;
                continue;
            }
            if (c == '"') {
                if (!field.empty() || fieldWasQuoted) {
                    if (rec.error.empty())
                        rec.error = "stray quote inside an unquoted field";
                } else {
                    quoted = true;
                    fieldWasQuoted = true;
                }
                ++i;
            } else if (c == ',') {
                rec.fields.push_back(std::move(field));
                field.clear();
                fieldWasQuoted = false;
                ++i;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                    ++i;
                ++i;
                ++line;
                endOfRecord = true;
            } else {
                if (fieldWasQuoted && rec.error.empty())
                    rec.error = "text after a closing quote";
                field += c;
                ++i;
            }
        }
        if (quoted && rec.error.empty())
            rec.error = "unterminated quoted field";
        rec.fields.push_back(std::move(field));
        const bool blank = rec.fields.size() == 1 && rec.fields[0].empty() && !fieldWasQuoted;
        if (!blank)
            out.push_back(std::move(rec));
    }
    return out;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

bool allDigits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return !s.empty();
}

bool validPeriod(std::string_view p) {
    if (p.size() == 4)
        return allDigits(p);
    if (p.size() == 7 && p[4] == '-' && allDigits(p.substr(0, 4))) {
        if (p[5] == 'Q')
            return p[6] >= '1' && p[6] <= '4';
        const int month = (p[5] - '0') * 10 + (p[6] - '0');
        return allDigits(p.substr(5, 2)) && month >= 1 && month <= 12;
    }
    if (p.size() == 10)
        return model::isValidDate(p);
    if (p.size() == 22 && p.substr(10, 2) == "..")
        return model::isValidDate(p.substr(0, 10)) && model::isValidDate(p.substr(12)) &&
               p.substr(0, 10) <= p.substr(12);
    return false;
}

std::optional<double> parseNumber(const std::string& s) {
    if (s.empty() || s.front() == '+')
        return std::nullopt;
    double v = 0.0;
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data(), end, v, std::chars_format::fixed);
    if (ec != std::errc() || ptr != end || !std::isfinite(v))
        return std::nullopt;
    return v;
}

constexpr std::size_t kRequiredColumns = 5;
constexpr std::array<std::string_view, 7> kColumns{"indicator", "area",    "period", "value",
                                                   "source",    "name_sv", "name_en"};
constexpr std::size_t kNameSv = 5;
constexpr std::size_t kNameEn = 6;
constexpr std::size_t kMaxNameBytes = 120;

// A name: at most 120 bytes of UTF-8 text without control characters (empty is allowed).
std::optional<std::string> nameError(const std::string& name) {
    if (name.size() > kMaxNameBytes)
        return "longer than 120 bytes";
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f)
            return "holds a control character";
    return std::nullopt;
}

} // namespace

IndicatorImport importIndicatorsCsv(std::string_view text) {
    IndicatorImport result;
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    if (const std::size_t bad = json::firstInvalidUtf8Offset(text); bad != std::string_view::npos) {
        result.fileError = "the file is not UTF-8 text (invalid byte at offset " +
                           std::to_string(bad) + "); save it as CSV UTF-8";
        return result;
    }
    std::vector<CsvLine> lines = splitCsv(text);
    if (lines.empty()) {
        result.fileError = "empty file: expected the header indicator,area,period,value,source";
        return result;
    }
    std::array<int, kColumns.size()> column;
    column.fill(-1);
    const CsvLine& header = lines.front();
    if (!header.error.empty() || header.fields.size() < kRequiredColumns ||
        header.fields.size() > kColumns.size()) {
        result.fileError = "line 1: header must be the columns indicator,area,period,value,source "
                           "and optionally name_sv,name_en";
        return result;
    }
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const std::string name = trim(header.fields[i]);
        bool known = false;
        for (std::size_t c = 0; c < kColumns.size(); ++c)
            if (name == kColumns[c] && column[c] < 0) {
                column[c] = static_cast<int>(i);
                known = true;
            }
        if (!known) {
            result.fileError = "line 1: unknown or repeated column \"" + name + "\"";
            return result;
        }
    }
    for (std::size_t c = 0; c < kRequiredColumns; ++c)
        if (column[c] < 0) {
            result.fileError = "line 1: missing column \"" + std::string(kColumns[c]) + "\"";
            return result;
        }
    // The first row that named each indicator, per language: later rows must agree.
    std::array<std::map<std::string, std::pair<std::string, std::size_t>>, 2> firstName;

    std::set<std::tuple<std::string, int, std::string>> seen;
    for (std::size_t r = 1; r < lines.size(); ++r) {
        const CsvLine& rec = lines[r];
        auto reject = [&](std::string reason) {
            result.rejected.push_back({rec.line, std::move(reason)});
        };
        if (!rec.error.empty()) {
            reject(rec.error);
            continue;
        }
        if (rec.fields.size() != header.fields.size()) {
            reject("expected " + std::to_string(header.fields.size()) + " fields, found " +
                   std::to_string(rec.fields.size()));
            continue;
        }
        auto field = [&](std::size_t c) {
            return column[c] < 0 ? std::string()
                                 : trim(rec.fields[static_cast<std::size_t>(column[c])]);
        };
        Indicator ind;
        ind.indicator = field(0);
        if (!model::isValidId(ind.indicator)) {
            reject("indicator: \"" + ind.indicator + "\" is not an id ([a-z0-9_], 1..64)");
            continue;
        }
        const std::string area = field(1);
        const auto focus = model::enumFromString<model::FocusArea>(area);
        if (!focus) {
            reject("area: \"" + area + "\" is not a focus area");
            continue;
        }
        ind.area = *focus;
        ind.period = field(2);
        if (!validPeriod(ind.period)) {
            reject("period: \"" + ind.period +
                   "\" is not YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD or a date range");
            continue;
        }
        const std::string value = field(3);
        const auto number = parseNumber(value);
        if (!number) {
            reject("value: \"" + value + "\" is not a decimal number");
            continue;
        }
        ind.value = *number;
        ind.source = field(4);
        if (ind.source.empty() || ind.source.size() > 200) {
            reject("source: must be 1..200 characters");
            continue;
        }
        ind.nameSv = field(kNameSv);
        ind.nameEn = field(kNameEn);
        std::string nameProblem;
        for (std::size_t lang = 0; lang < 2 && nameProblem.empty(); ++lang) {
            const std::string& name = lang == 0 ? ind.nameSv : ind.nameEn;
            const std::string_view columnName = kColumns[lang == 0 ? kNameSv : kNameEn];
            if (auto bad = nameError(name)) {
                nameProblem = std::string(columnName) + ": " + *bad;
            } else if (!name.empty()) {
                auto [it, first] = firstName[lang].try_emplace(ind.indicator, name, rec.line);
                if (!first && it->second.first != name)
                    nameProblem = std::string(columnName) + ": \"" + name + "\" differs from \"" +
                                  it->second.first + "\" on line " +
                                  std::to_string(it->second.second) + " for " + ind.indicator;
            }
        }
        if (!nameProblem.empty()) {
            reject(std::move(nameProblem));
            continue;
        }
        if (!seen.emplace(ind.indicator, static_cast<int>(ind.area), ind.period).second) {
            reject("duplicate of an earlier row for " + ind.indicator + "/" + area + "/" +
                   ind.period);
            continue;
        }
        result.rows.push_back(std::move(ind));
    }
    return result;
}

void shareIndicatorNames(std::vector<Indicator>& figures) {
    std::map<std::string, std::pair<std::string, std::string>> names;
    for (const Indicator& f : figures) {
        auto& [sv, en] = names[f.indicator];
        if (!f.nameSv.empty())
            sv = f.nameSv;
        if (!f.nameEn.empty())
            en = f.nameEn;
    }
    for (Indicator& f : figures) {
        const auto& [sv, en] = names[f.indicator];
        f.nameSv = sv;
        f.nameEn = en;
    }
}

} // namespace td::picture
