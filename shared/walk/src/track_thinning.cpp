#include "td/walk/track_thinning.hpp"

#include "td/walk/geo.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

namespace td::walk {

namespace {

/// Metres east and north of `origin` (equirectangular; exact enough over a walk's extent).
std::pair<double, double> planar(const Fix& origin, const Fix& p) {
    const double metresPerDegree = kEarthRadiusM * std::numbers::pi / 180.0;
    const double cosLat = std::cos(origin.lat * std::numbers::pi / 180.0);
    return {(p.lon - origin.lon) * metresPerDegree * cosLat,
            (p.lat - origin.lat) * metresPerDegree};
}

/// The fixes that must survive any tolerance, without the length's counted points.
std::vector<char> protectedFixes(const std::vector<Fix>& kept,
                                 const std::vector<model::Position>& observations,
                                 const ThinningRules& rules) {
    std::vector<char> keep(kept.size(), 0);
    keep.front() = keep.back() = 1;
    for (std::size_t i = 1; i < kept.size(); ++i) {
        if (isGap(kept[i - 1].tMs, kept[i].tMs, rules.recorder.gapAfterMs))
            keep[i - 1] = keep[i] = 1;
    }
    std::vector<std::pair<double, std::size_t>> near;
    for (const model::Position& o : observations) {
        near.clear();
        for (std::size_t i = 0; i < kept.size(); ++i) {
            const double d = haversineM(o.lat, o.lon, kept[i].lat, kept[i].lon);
            if (d <= rules.nearObservationM)
                near.emplace_back(d, i);
        }
        const std::size_t n = std::min(near.size(), rules.perObservation);
        std::partial_sort(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(n), near.end());
        for (std::size_t k = 0; k < n; ++k)
            keep[near[k].second] = 1;
    }
    return keep;
}

std::size_t countKept(const std::vector<char>& keep) {
    return static_cast<std::size_t>(std::count(keep.begin(), keep.end(), 1));
}

/// Marks in `keep` the fixes Douglas–Peucker keeps strictly between `first` and `last`.
void douglasPeucker(const std::vector<Fix>& fixes, std::size_t first, std::size_t last,
                    double toleranceM, std::vector<char>& keep,
                    std::vector<std::pair<std::size_t, std::size_t>>& stack) {
    stack.clear();
    stack.emplace_back(first, last);
    while (!stack.empty()) {
        const auto [a, b] = stack.back();
        stack.pop_back();
        double worst = -1;
        std::size_t at = a;
        for (std::size_t i = a + 1; i < b; ++i) {
            const double d = distanceToSegmentM(fixes[i], fixes[a], fixes[b]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        if (worst > toleranceM) {
            keep[at] = 1;
            stack.emplace_back(a, at);
            stack.emplace_back(at, b);
        }
    }
}

std::vector<char> thinWith(const std::vector<Fix>& kept, const std::vector<char>& mandatory,
                           double toleranceM) {
    std::vector<char> keep = mandatory;
    std::vector<std::pair<std::size_t, std::size_t>> stack;
    std::size_t from = 0;
    for (std::size_t i = 1; i < kept.size(); ++i) {
        if (!mandatory[i])
            continue;
        const bool acrossGap = i == from + 1;
        if (!acrossGap)
            douglasPeucker(kept, from, i, toleranceM, keep, stack);
        from = i;
    }
    return keep;
}

} // namespace

double distanceToSegmentM(const Fix& p, const Fix& a, const Fix& b) {
    const auto [bx, by] = planar(a, b);
    const auto [px, py] = planar(a, p);
    const double length2 = bx * bx + by * by;
    double t = length2 > 0 ? (px * bx + py * by) / length2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(px - t * bx, py - t * by);
}

Result<ThinnedTrack> thinTrack(const std::vector<Fix>& kept,
                               const std::vector<model::Position>& observations,
                               const ThinningRules& rules) {
    TrackRecorder recorder(rules.recorder);
    for (std::size_t i = 0; i < kept.size(); ++i) {
        if (recorder.add(kept[i]) != FixVerdict::Kept)
            return makeError("invalid_value",
                             "fix " + std::to_string(i) + " is not one the recorder keeps");
    }
    ThinnedTrack result;
    result.toleranceM = rules.toleranceM;
    std::vector<char> keep(kept.size(), 1);
    if (kept.size() > 2) {
        std::vector<char> mandatory = protectedFixes(kept, observations, rules);
        if (countKept(mandatory) > rules.maxPoints) {
            return makeError("track_too_large",
                             std::to_string(countKept(mandatory)) +
                                 " fixes at gaps, ends and observations exceed the cap of " +
                                 std::to_string(rules.maxPoints) + " points");
        }
        std::vector<char> withLength = mandatory;
        for (std::size_t i : recorder.countedIndices())
            withLength[i] = 1;
        result.lengthKept = countKept(withLength) <= rules.maxPoints;
        if (result.lengthKept)
            mandatory = std::move(withLength);
        keep = thinWith(kept, mandatory, result.toleranceM);
        while (countKept(keep) > rules.maxPoints) {
            if (result.doublings == rules.maxDoublings) {
                return makeError("track_too_large", "the track does not fit " +
                                                        std::to_string(rules.maxPoints) +
                                                        " points at a tolerance of " +
                                                        std::to_string(result.toleranceM) + " m");
            }
            ++result.doublings;
            result.toleranceM *= 2;
            keep = thinWith(kept, mandatory, result.toleranceM);
        }
    }
    result.fixes.reserve(countKept(keep));
    for (std::size_t i = 0; i < kept.size(); ++i) {
        if (!keep[i])
            continue;
        if (i > 0 && isGap(kept[i - 1].tMs, kept[i].tMs, rules.recorder.gapAfterMs))
            result.gapsAfter.push_back(result.fixes.size() - 1);
        result.fixes.push_back(kept[i]);
    }
    return result;
}

std::vector<model::TrackPoint> storedTrack(const ThinnedTrack& track, const RecorderRules& rules) {
    std::vector<model::TrackPoint> points = toTrackPoints(track.fixes, rules);
    // Insert the markers from the back so the earlier indices stay valid.
    for (auto gap = track.gapsAfter.rbegin(); gap != track.gapsAfter.rend(); ++gap) {
        const model::TrackPoint marker = points[*gap];
        points.insert(points.begin() + static_cast<std::ptrdiff_t>(*gap) + 1, marker);
    }
    return points;
}

std::vector<std::size_t> storedGaps(const std::vector<model::TrackPoint>& track) {
    std::vector<std::size_t> gaps;
    for (std::size_t i = 1; i < track.size(); ++i) {
        if (track[i].t == track[i - 1].t)
            gaps.push_back(i - 1);
    }
    return gaps;
}

double maxDeviationM(const std::vector<Fix>& original, const std::vector<Fix>& thinned) {
    double worst = 0;
    if (thinned.empty())
        return original.empty() ? 0.0 : std::numeric_limits<double>::infinity();
    std::size_t segment = 0; // thinned[segment] .. thinned[segment + 1] encloses the fix
    for (const Fix& f : original) {
        while (segment + 1 < thinned.size() && thinned[segment + 1].tMs < f.tMs)
            ++segment;
        if (segment + 1 >= thinned.size()) {
            worst =
                std::max(worst, haversineM(f.lat, f.lon, thinned.back().lat, thinned.back().lon));
            continue;
        }
        worst = std::max(worst, distanceToSegmentM(f, thinned[segment], thinned[segment + 1]));
    }
    return worst;
}

} // namespace td::walk
