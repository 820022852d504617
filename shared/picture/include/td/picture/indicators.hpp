#pragma once
// Import of police/municipality indicators from CSV (columns indicator, area, period, value,
// source, optionally name_sv and name_en). Strict: each bad row is rejected with its line number
// and reason; good rows are kept.

#include "td/model/common.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace td::picture {

/// One imported figure, e.g. {"anmalda_narkotikabrott", Drugs, "2024", 37, "Polisen"}.
struct Indicator {
    std::string indicator;   ///< id-like name, [a-z0-9_], ≤ 64 characters
    model::FocusArea area{}; ///< focus area id in the file
    std::string period;      ///< YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD
    double value = 0.0;      ///< finite decimal, '.' as separator
    std::string source;      ///< non-empty, ≤ 200 characters
    std::string nameSv;      ///< the indicator's Swedish name, ≤ 120 characters; may be empty
    std::string nameEn;      ///< the indicator's English name, ≤ 120 characters; may be empty
    bool operator==(const Indicator&) const = default;
};

/// A rejected row: 1-based physical line number in the file and why.
struct RejectedRow {
    std::size_t line = 0;
    std::string reason;
};

struct IndicatorImport {
    std::vector<Indicator> rows;
    std::vector<RejectedRow> rejected;
    /// Non-empty when the whole file is unusable (no or wrong header); then rows is empty.
    std::string fileError;
};

/// Parses RFC 4180 CSV (comma-separated, optional double quotes, CRLF or LF) whose first line
/// is the header `indicator,area,period,value,source`, optionally with `name_sv` and `name_en`
/// (any column order, no other columns). Blank lines are skipped; duplicates of (indicator,
/// area, period) are rejected, and so is a row whose non-empty name differs from an earlier
/// row's name for the same indicator.
IndicatorImport importIndicatorsCsv(std::string_view text);

/// Names belong to the indicator, not to one figure: gives every figure of an indicator the
/// names of the last figure in `figures` that carries a non-empty name in that language.
void shareIndicatorNames(std::vector<Indicator>& figures);

} // namespace td::picture
