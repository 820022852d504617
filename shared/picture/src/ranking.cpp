#include "td/picture/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace td::picture {

std::vector<int> ranksOf(std::span<const double> scores) {
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    std::vector<int> ranks(scores.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        ranks[order[i]] = static_cast<int>(i) + 1;
    return ranks;
}

RankIntervals intervalsFromReplicates(std::span<const model::FocusArea> areas,
                                      const std::vector<std::vector<double>>& replicateScores,
                                      double level) {
    RankIntervals out;
    std::vector<std::vector<int>> ranks(areas.size());
    for (const std::vector<double>& scores : replicateScores) {
        if (std::any_of(scores.begin(), scores.end(), [](double s) { return std::isnan(s); }))
            continue;
        const std::vector<int> r = ranksOf(scores);
        for (std::size_t a = 0; a < areas.size(); ++a)
            ranks[a].push_back(r[a]);
        ++out.replicates;
    }
    if (out.replicates == 0)
        return out;
    const double tail = (1.0 - level) / 2.0;
    const auto R = static_cast<double>(out.replicates);
    auto orderStatistic = [&](std::vector<int>& sorted, double q) {
        const auto at = static_cast<std::size_t>(std::max(1.0, std::ceil(q * R - 1e-9)));
        return sorted[std::min(at, sorted.size()) - 1];
    };
    for (std::size_t a = 0; a < areas.size(); ++a) {
        std::sort(ranks[a].begin(), ranks[a].end());
        out.areas.push_back(
            {areas[a], orderStatistic(ranks[a], tail), orderStatistic(ranks[a], 1.0 - tail)});
    }
    return out;
}

std::vector<model::FocusArea> overlappingAreas(const RankIntervals& intervals,
                                               model::FocusArea area) {
    std::vector<model::FocusArea> out;
    const AreaRank* self = nullptr;
    for (const AreaRank& r : intervals.areas)
        if (r.area == area)
            self = &r;
    if (!self)
        return out;
    for (const AreaRank& r : intervals.areas)
        if (r.area != area && r.low <= self->high && self->low <= r.high)
            out.push_back(r.area);
    return out;
}

} // namespace td::picture
