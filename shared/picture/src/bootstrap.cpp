#include "td/picture/bootstrap.hpp"

#include "compute_internal.hpp"

#include <cmath>
#include <unordered_map>

namespace td::picture {

std::uint64_t PoissonSampler::next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double PoissonSampler::uniform() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

std::uint32_t PoissonSampler::poisson(double mean) {
    if (mean < 10.0) {
        // Inversion: walk up the cumulative distribution.
        double p = std::exp(-mean), cumulative = p;
        const double u = uniform();
        std::uint32_t k = 0;
        while (u > cumulative && k < 1000) {
            ++k;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }
    // PTRS, transformed rejection with squeeze (Hörmann 1993).
    const double slam = std::sqrt(mean), loglam = std::log(mean);
    const double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
    const double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2.0);
    while (true) {
        const double U = uniform() - 0.5, V = uniform();
        const double us = 0.5 - std::fabs(U);
        const double k = std::floor((2.0 * a / us + b) * U + mean + 0.43);
        if (us >= 0.07 && V <= vr)
            return static_cast<std::uint32_t>(k);
        if (k < 0.0 || (us < 0.013 && V > us))
            continue;
        if (std::log(V) + std::log(invalpha) - std::log(a / (us * us) + b) <=
            -mean + k * loglam - std::lgamma(k + 1.0))
            return static_cast<std::uint32_t>(k);
    }
}

namespace detail {

namespace {

// Respondents alike for the ranking (same stratum, same worry pattern in every area) are one
// group: a replicate draws a Poisson(size) multiplicity per group.
struct Group {
    std::uint16_t stratum = 0;
    std::array<std::uint8_t, kRankedAreas.size()> pattern{};
    double size = 0.0;
};

std::vector<Group> groupRows(const PictureData& data, const Selection& sel) {
    std::vector<std::uint32_t> rows = sel.rows;
    if (sel.fromAggregates)
        for (std::uint32_t r = 0; r < data.respondentCount(); ++r)
            if (data.campaignColumn()[r] == sel.campaign)
                rows.push_back(r);
    std::unordered_map<std::uint64_t, std::size_t> index;
    std::vector<Group> groups;
    for (std::uint32_t r : rows) {
        Group g;
        g.stratum = data.stratumColumn()[r];
        std::uint64_t key = g.stratum;
        for (std::size_t a = 0; a < kRankedAreas.size(); ++a) {
            g.pattern[a] = static_cast<std::uint8_t>(data.worryPattern(a, r));
            key = key << 6 | g.pattern[a];
        }
        auto [it, fresh] = index.emplace(key, groups.size());
        if (fresh)
            groups.push_back(g);
        groups[it->second].size += 1.0;
    }
    return groups;
}

} // namespace

RankIntervals bootstrapSelection(const PictureData& data, const Selection& sel,
                                 const BootstrapOptions& options) {
    const std::vector<Group> groups = groupRows(data, sel);
    const std::size_t S = data.strataCount();
    const std::vector<CalibrationMargin> margins = calibrationMargins(data);
    // The areas ranked: those with a score in the full sample.
    std::vector<std::size_t> areas;
    std::vector<model::FocusArea> areaIds;
    for (std::size_t a = 0; a < kRankedAreas.size(); ++a)
        for (const Group& g : groups)
            if (g.pattern[a] >= areaPattern(1, 0) && sel.inDomain(data, g.stratum)) {
                areas.push_back(a);
                areaIds.push_back(kRankedAreas[a]);
                break;
            }
    PoissonSampler rng(options.seed);
    std::vector<std::vector<double>> scores;
    std::vector<double> counts(S);
    std::vector<std::vector<double>> answered(areas.size()), worried(areas.size());
    for (int rep = 0; rep < options.replicates; ++rep) {
        std::fill(counts.begin(), counts.end(), 0.0);
        for (std::size_t i = 0; i < areas.size(); ++i) {
            answered[i].assign(S, 0.0);
            worried[i].assign(S, 0.0);
        }
        for (const Group& g : groups) {
            const double m = rng.poisson(g.size);
            if (m == 0.0)
                continue;
            counts[g.stratum] += m;
            if (!sel.inDomain(data, g.stratum))
                continue;
            for (std::size_t i = 0; i < areas.size(); ++i) {
                const std::size_t pattern = g.pattern[areas[i]];
                const std::size_t n = pattern / 8;
                if (n == 0)
                    continue;
                answered[i][g.stratum] += m;
                worried[i][g.stratum] += m * static_cast<double>(pattern % 8) / n;
            }
        }
        const Calibration cal = calibrate(counts, margins, options.weighting);
        std::vector<double> replicate(areas.size());
        for (std::size_t i = 0; i < areas.size(); ++i) {
            double base = 0.0, sum = 0.0;
            for (std::size_t s = 0; s < S; ++s) {
                base += cal.weights[s] * answered[i][s];
                sum += cal.weights[s] * worried[i][s];
            }
            replicate[i] = base > 0.0 ? sum / base : NAN;
        }
        scores.push_back(std::move(replicate));
    }
    RankIntervals out = intervalsFromReplicates(areaIds, scores, options.level);
    out.seed = options.seed;
    return out;
}

} // namespace detail

Result<RankIntervals> bootstrapRanks(const PictureData& data, std::string_view campaignId,
                                     const std::optional<std::string>& locality,
                                     const BootstrapOptions& options) {
    const int campaign = data.campaignIndex(campaignId);
    if (campaign < 0)
        return makeError("unknown_campaign", "no such campaign", std::string(campaignId));
    detail::Window window;
    if (locality) {
        window.locality = data.population().localityIndex(*locality);
        if (window.locality < 0)
            return makeError("unknown_locality", "no such locality: " + *locality, "locality");
    }
    if (data.isAggregated(campaign))
        return makeError("no_rows", "the campaign's responses were replaced by its aggregate",
                         std::string(campaignId));
    PictureOptions pictureOptions;
    pictureOptions.weighting = options.weighting;
    const detail::Selection sel = detail::selectRespondents(data, campaign, window, pictureOptions);
    return detail::bootstrapSelection(data, sel, options);
}

} // namespace td::picture
