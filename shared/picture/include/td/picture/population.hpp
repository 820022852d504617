#pragma once
// The population a survey is weighted to: published margins (adults per age band, per locality,
// optionally per gender), each with its source and year, as in data/vindeln.json's
// `weighting_margins`. No cross-table is assumed: the weights are raked to the margins
// (calibration.hpp, method in docs/lagesbild.md).

#include "td/core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace td::picture {

/// Where a margin comes from.
struct MarginSource {
    std::int64_t year = 0;
    std::string source;
    std::string note;
};

/// Adults in scope of the survey per category of the background dimensions. Every margin adds
/// up to the adult total (a margin published as shares, such as locality sizes, is scaled to it).
struct PopulationTable {
    std::vector<std::string> ageBands; ///< as in the source, e.g. "16-24", "65+"
    std::vector<double> ageTotals;     ///< per age band
    MarginSource ageSource;
    std::vector<std::string> localities; ///< locality ids, e.g. "vindeln", "rural"
    std::vector<double> localityTotals;  ///< per locality
    MarginSource localitySource;
    std::vector<std::string> genders; ///< gender choice ids; empty: no gender margin
    std::vector<double> genderTotals;
    MarginSource genderSource;

    /// Adults in scope (the age margin's sum).
    double total() const;
    /// Index of an age band given a survey choice id ("16_24", "65_plus", "65+"); -1 if none.
    int ageIndex(std::string_view choiceId) const;
    /// Index of a locality id; -1 if none.
    int localityIndex(std::string_view id) const;
    /// Index of a gender id in the gender margin; -1 if none.
    int genderIndex(std::string_view id) const;
    /// The product of the age and locality margins over the total. It assumes age and locality
    /// independent, so the weights never use it; the demo generator draws respondents from it.
    double independentCell(std::size_t age, std::size_t locality) const;
};

/// Builds the table from a reference JSON shaped like data/vindeln.json: `weighting_margins`
/// with `age_band` (counts per band; bands below `min_age` are left out), `locality` (counts or
/// sizes, used as shares of the adult total; one locality may be null, the rest of
/// `remainder_total`) and optionally `gender` (counts, used as shares); each with `year` and
/// `source`. Error: invalid_population with the path of the offending field.
Result<PopulationTable> loadPopulationTable(std::string_view json);

/// Canonical key of an age-band label: its numbers joined by '-', '+' when open-ended.
std::string ageBandKey(std::string_view label);

} // namespace td::picture
