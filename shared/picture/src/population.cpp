#include "td/picture/population.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <cmath>

namespace td::picture {

namespace json = boost::json;

namespace {

double sum(const std::vector<double>& values) {
    double total = 0.0;
    for (double v : values)
        total += v;
    return total;
}

int indexOf(const std::vector<std::string>& ids, std::string_view id) {
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (ids[i] == id)
            return static_cast<int>(i);
    return -1;
}

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

bool positive(const json::value& v) {
    return v.is_number() && v.to_number<double>() > 0.0 && std::isfinite(v.to_number<double>());
}

// `year` and `source` of a margin object.
Result<MarginSource> readSource(const json::object& margin, const std::string& path) {
    MarginSource s;
    const json::value* year = margin.if_contains("year");
    if (!year || !year->is_int64() || year->as_int64() < 1900)
        return bad("expected the year of the figures", path + ".year");
    s.year = year->as_int64();
    const json::value* source = margin.if_contains("source");
    if (!source || !source->is_string() || source->as_string().empty())
        return bad("expected where the figures come from", path + ".source");
    s.source = source->as_string();
    if (const json::value* note = margin.if_contains("note"); note && note->is_string())
        s.note = note->as_string();
    return s;
}

const json::object* counts(const json::object& margin) {
    const json::value* c = margin.if_contains("counts");
    return c ? c->if_object() : nullptr;
}

// A margin given as counts per category, used as shares of `adults`: {"a": 10, "b": 30, …}.
// One category may be null: the rest of `remainder_total`.
Status readShares(const json::object& margin, const std::string& path, double adults,
                  std::vector<std::string>& ids, std::vector<double>& totals) {
    const json::object* c = counts(margin);
    if (!c || c->empty())
        return bad("expected {\"<id>\": count}", path + ".counts");
    int remainder = -1;
    double known = 0.0;
    for (const auto& [key, value] : *c) {
        const std::string at = path + ".counts." + std::string(key);
        ids.emplace_back(key);
        if (value.is_null()) {
            if (remainder >= 0)
                return bad("only one category may be the remainder", at);
            remainder = static_cast<int>(totals.size());
            totals.push_back(0.0);
            continue;
        }
        if (!positive(value))
            return bad("expected a positive count", at);
        totals.push_back(value.to_number<double>());
        known += totals.back();
    }
    if (remainder >= 0) {
        const json::value* all = margin.if_contains("remainder_total");
        if (!all || !positive(*all))
            return bad("expected the total the null category is the rest of",
                       path + ".remainder_total");
        const double rest = all->to_number<double>() - known;
        if (!(rest > 0.0))
            return bad("remainder category would be empty", path + ".remainder_total");
        totals[static_cast<std::size_t>(remainder)] = rest;
    }
    const double shareSum = sum(totals);
    for (double& t : totals)
        t = adults * t / shareSum;
    return {};
}

} // namespace

double PopulationTable::total() const {
    return sum(ageTotals);
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
    return indexOf(localities, id);
}

int PopulationTable::genderIndex(std::string_view id) const {
    return indexOf(genders, id);
}

double PopulationTable::independentCell(std::size_t age, std::size_t locality) const {
    const double all = total();
    return all > 0.0 ? ageTotals[age] * localityTotals[locality] / all : 0.0;
}

Result<PopulationTable> loadPopulationTable(std::string_view text) {
    boost::system::error_code ec;
    json::value root = json::parse(text, ec);
    if (ec)
        return bad("not valid JSON: " + ec.message(), "");
    const json::object* top = root.if_object();
    const json::value* marginsValue = top ? top->if_contains("weighting_margins") : nullptr;
    const json::object* margins = marginsValue ? marginsValue->if_object() : nullptr;
    if (!margins)
        return bad("missing object", "weighting_margins");
    const json::value* minAgeValue = margins->if_contains("min_age");
    if (!minAgeValue || !minAgeValue->is_int64())
        return bad("expected the youngest age surveyed", "weighting_margins.min_age");
    const std::int64_t minAge = minAgeValue->as_int64();

    PopulationTable table;
    const json::value* ageValue = margins->if_contains("age_band");
    const json::object* age = ageValue ? ageValue->if_object() : nullptr;
    if (!age)
        return bad("missing object", "weighting_margins.age_band");
    auto ageSource = readSource(*age, "weighting_margins.age_band");
    if (!ageSource)
        return ageSource.error();
    table.ageSource = std::move(*ageSource);
    const json::object* ageCounts = counts(*age);
    if (!ageCounts)
        return bad("expected {\"<from>-<to>\": count}", "weighting_margins.age_band.counts");
    for (const auto& [key, value] : *ageCounts) {
        const std::string at = "weighting_margins.age_band.counts." + std::string(key);
        const int low = lowerBound(key);
        if (low < 0 || !positive(value))
            return bad("expected \"<from>-<to>\": positive count", at);
        if (low < minAge)
            continue;
        table.ageBands.emplace_back(key);
        table.ageTotals.push_back(value.to_number<double>());
    }
    if (table.ageBands.empty())
        return bad("no age band at or above min_age", "weighting_margins.age_band.counts");
    const double adults = table.total();

    const json::value* localityValue = margins->if_contains("locality");
    const json::object* locality = localityValue ? localityValue->if_object() : nullptr;
    if (!locality)
        return bad("missing object", "weighting_margins.locality");
    auto localitySource = readSource(*locality, "weighting_margins.locality");
    if (!localitySource)
        return localitySource.error();
    table.localitySource = std::move(*localitySource);
    if (auto s = readShares(*locality, "weighting_margins.locality", adults, table.localities,
                            table.localityTotals);
        !s)
        return s.error();

    if (const json::value* genderValue = margins->if_contains("gender")) {
        const json::object* gender = genderValue->if_object();
        if (!gender)
            return bad("expected an object", "weighting_margins.gender");
        auto genderSource = readSource(*gender, "weighting_margins.gender");
        if (!genderSource)
            return genderSource.error();
        table.genderSource = std::move(*genderSource);
        if (auto s = readShares(*gender, "weighting_margins.gender", adults, table.genders,
                                table.genderTotals);
            !s)
            return s.error();
    }
    return table;
}

} // namespace td::picture
