#pragma once
// The population table the survey is weighted to: adults by age band × locality, and the
// post-stratification weights derived from it (method and collapse rule in docs/lagesbild.md).

#include "td/core/result.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace td::picture {

/// Population counts per (age band, locality) cell, row-major by age band.
struct PopulationTable {
    std::vector<std::string> ageBands;   ///< as in the source, e.g. "16-24", "65+"
    std::vector<std::string> localities; ///< locality ids, e.g. "vindeln", "rural"
    std::vector<double> cells;           ///< ageBands.size() × localities.size()

    double cell(std::size_t age, std::size_t locality) const {
        return cells[age * localities.size() + locality];
    }
    double ageTotal(std::size_t age) const;
    double localityTotal(std::size_t locality) const;
    double total() const;

    /// Index of an age band given a survey choice id ("16_24", "65_plus", "65+"); -1 if none.
    int ageIndex(std::string_view choiceId) const;
    /// Index of a locality id; -1 if none.
    int localityIndex(std::string_view id) const;
};

/// Builds the table from a reference JSON shaped like data/vindeln.json: age bands of
/// `municipality.population_by_age_2023` above 15, localities with `population_2005`; one
/// locality with a null size gets the remainder of `population_2023`. Cells assume age and
/// locality independent: N(a,l) = N(a) · size(l) / Σ size.
Result<PopulationTable> loadPopulationTable(std::string_view json);

/// Canonical key of an age-band label: its numbers joined by '-', '+' when open-ended.
std::string ageBandKey(std::string_view label);

/// How one age band was weighted.
enum class StratumScheme { Cell, AgeBandOnly, Uncovered };

/// Post-stratification weights. Index sample cells as age * (L + 1) + locality, where
/// age == A and locality == L stand for "not answered" (A age bands, L localities).
struct PostStratification {
    std::vector<double> weights;        ///< per sample cell
    std::vector<StratumScheme> schemes; ///< per age band
    double coveredPopulation = 0.0;     ///< population represented by the weighted sample
    bool available = false;             ///< false: no respondent with known background; all 1
};

struct PostStratificationOptions {
    /// A (age, locality) cell needs at least this many respondents to be its own stratum.
    double minCellRespondents = 3.0;
};

/// Weights for `sampleCounts` (size (A+1)(L+1)) against the population of the localities
/// with `localityInScope[l]` true. See docs/lagesbild.md, "Weighting".
PostStratification postStratify(const PopulationTable& population,
                                std::span<const double> sampleCounts,
                                const std::vector<bool>& localityInScope,
                                const PostStratificationOptions& options = {});

} // namespace td::picture
