#include "td/picture/population.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <cmath>

namespace td::picture {

namespace json = boost::json;

double PopulationTable::ageTotal(std::size_t age) const {
    double sum = 0.0;
    for (std::size_t l = 0; l < localities.size(); ++l)
        sum += cell(age, l);
    return sum;
}

double PopulationTable::localityTotal(std::size_t locality) const {
    double sum = 0.0;
    for (std::size_t a = 0; a < ageBands.size(); ++a)
        sum += cell(a, locality);
    return sum;
}

double PopulationTable::total() const {
    double sum = 0.0;
    for (double c : cells)
        sum += c;
    return sum;
}

std::string ageBandKey(std::string_view label) {
    std::string key;
    bool open = false;
    std::size_t i = 0;
    while (i < label.size()) {
        if (std::isdigit(static_cast<unsigned char>(label[i]))) {
            if (!key.empty())
                key += '-';
            while (i < label.size() && std::isdigit(static_cast<unsigned char>(label[i])))
                key += label[i++];
            continue;
        }
        if (label[i] == '+' || label.substr(i, 4) == "plus" || label.substr(i, 4) == "over")
            open = true;
        ++i;
    }
    if (open)
        key += '+';
    return key;
}

int PopulationTable::ageIndex(std::string_view choiceId) const {
    const std::string key = ageBandKey(choiceId);
    if (key.empty())
        return -1;
    for (std::size_t i = 0; i < ageBands.size(); ++i)
        if (ageBandKey(ageBands[i]) == key)
            return static_cast<int>(i);
    return -1;
}

int PopulationTable::localityIndex(std::string_view id) const {
    for (std::size_t i = 0; i < localities.size(); ++i)
        if (localities[i] == id)
            return static_cast<int>(i);
    return -1;
}

namespace {

Error bad(std::string message, std::string path) {
    return makeError("invalid_population", std::move(message), std::move(path));
}

// Lower bound of an age label ("16-24" → 16, "65+" → 65); -1 when it has no number.
int lowerBound(std::string_view label) {
    int value = -1;
    for (char c : label) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
            break;
        value = (value < 0 ? 0 : value * 10) + (c - '0');
    }
    return value;
}

} // namespace

Result<PopulationTable> loadPopulationTable(std::string_view text) {
    boost::system::error_code ec;
    json::value root = json::parse(text, ec);
    if (ec)
        return bad("not valid JSON: " + ec.message(), "");
    const json::object* top = root.if_object();
    const json::object* muni =
        top && top->contains("municipality") ? top->at("municipality").if_object() : nullptr;
    if (!muni)
        return bad("missing object", "municipality");
    const json::object* ages = muni->contains("population_by_age_2023")
                                   ? muni->at("population_by_age_2023").if_object()
                                   : nullptr;
    if (!ages)
        return bad("missing object", "municipality.population_by_age_2023");
    const json::value* totalValue = muni->if_contains("population_2023");
    if (!totalValue || !totalValue->is_number())
        return bad("missing number", "municipality.population_2023");
    const double total = totalValue->to_number<double>();

    PopulationTable table;
    std::vector<double> ageCounts;
    for (const auto& [key, value] : *ages) {
        const int low = lowerBound(key);
        if (low < 0 || !value.is_number())
            return bad("expected \"<from>-<to>\": number",
                       "municipality.population_by_age_2023." + std::string(key));
        if (low < 16)
            continue;
        table.ageBands.emplace_back(key);
        ageCounts.push_back(value.to_number<double>());
    }
    if (table.ageBands.empty())
        return bad("no age band above 15", "municipality.population_by_age_2023");

    const json::array* locs =
        top->contains("localities") ? top->at("localities").if_array() : nullptr;
    if (!locs || locs->empty())
        return bad("missing array", "localities");
    std::vector<double> sizes;
    int remainderIndex = -1;
    double known = 0.0;
    for (std::size_t i = 0; i < locs->size(); ++i) {
        const std::string path = "localities[" + std::to_string(i) + "]";
        const json::object* loc = (*locs)[i].if_object();
        const json::value* id = loc ? loc->if_contains("id") : nullptr;
        const json::value* size = loc ? loc->if_contains("population_2005") : nullptr;
        if (!id || !id->is_string())
            return bad("missing id", path + ".id");
        table.localities.emplace_back(id->as_string());
        if (size && size->is_number()) {
            sizes.push_back(size->to_number<double>());
            known += sizes.back();
        } else {
            if (remainderIndex >= 0)
                return bad("only one locality may have no size", path + ".population_2005");
            remainderIndex = static_cast<int>(i);
            sizes.push_back(0.0);
        }
    }
    if (remainderIndex >= 0) {
        if (total <= known)
            return bad("remainder locality would be empty", "municipality.population_2023");
        sizes[static_cast<std::size_t>(remainderIndex)] = total - known;
    }
    double sizeSum = 0.0;
    for (double s : sizes)
        sizeSum += s;
    if (!(sizeSum > 0.0))
        return bad("localities have no population", "localities");

    table.cells.resize(table.ageBands.size() * table.localities.size());
    for (std::size_t a = 0; a < table.ageBands.size(); ++a)
        for (std::size_t l = 0; l < table.localities.size(); ++l)
            table.cells[a * table.localities.size() + l] = ageCounts[a] * sizes[l] / sizeSum;
    return table;
}

PostStratification postStratify(const PopulationTable& population,
                                std::span<const double> sampleCounts,
                                const std::vector<bool>& localityInScope,
                                const PostStratificationOptions& options) {
    const std::size_t A = population.ageBands.size();
    const std::size_t L = population.localities.size();
    const std::size_t stride = L + 1;
    PostStratification ps;
    ps.weights.assign((A + 1) * stride, 1.0);
    ps.schemes.assign(A, StratumScheme::Uncovered);
    auto inScope = [&](std::size_t l) {
        return l < localityInScope.size() && localityInScope[l];
    };

    double knownRespondents = 0.0;
    for (std::size_t a = 0; a < A; ++a) {
        double rowPopulation = 0.0;
        double rowSample = 0.0;
        bool everyCellFilled = true;
        for (std::size_t l = 0; l < L; ++l) {
            if (!inScope(l))
                continue;
            const double n = sampleCounts[a * stride + l];
            rowPopulation += population.cell(a, l);
            rowSample += n;
            if (population.cell(a, l) > 0.0 && n < options.minCellRespondents)
                everyCellFilled = false;
        }
        if (rowSample <= 0.0 || rowPopulation <= 0.0)
            continue;
        knownRespondents += rowSample;
        ps.coveredPopulation += rowPopulation;
        ps.schemes[a] = everyCellFilled ? StratumScheme::Cell : StratumScheme::AgeBandOnly;
        for (std::size_t l = 0; l < L; ++l) {
            if (!inScope(l))
                continue;
            const double n = sampleCounts[a * stride + l];
            ps.weights[a * stride + l] =
                everyCellFilled ? population.cell(a, l) / n : rowPopulation / rowSample;
        }
    }
    if (!(knownRespondents > 0.0))
        return ps;
    ps.available = true;
    const double meanWeight = ps.coveredPopulation / knownRespondents;
    for (std::size_t a = 0; a <= A; ++a)
        for (std::size_t l = 0; l <= L; ++l)
            if (a == A || l == L || ps.schemes[a] == StratumScheme::Uncovered)
                ps.weights[a * stride + l] = meanWeight;
    return ps;
}

} // namespace td::picture
