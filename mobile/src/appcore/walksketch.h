#pragma once
// A drawn sketch of a walk's track: the kept fixes projected onto a view (north up, the same
// scale on both axes), split where the track has a gap, with the observation stops and a
// scale bar. No map tiles.

#include "td/model/common.hpp"
#include "td/walk/track_recorder.hpp"

#include <QPointF>
#include <vector>

namespace td::app {

struct WalkSketch {
    std::vector<std::vector<QPointF>> segments; ///< one polyline per stretch without a gap
    std::vector<QPointF> stops;                 ///< in observation order
    double metresPerPixel = 0;
    double scaleBarMetres = 0; ///< a round length (1, 2 or 5 × 10^k m)
    double scaleBarPixels = 0;
};

/// Projects `fixes` (in time order) and `stops` into a `width` × `height` view, leaving
/// `margin` pixels free on every side. Consecutive fixes more than `gapAfterMs` apart start a
/// new segment. The view always spans at least `minSpanM` metres, so that a walk standing
/// still is not magnified into noise.
WalkSketch projectWalk(const std::vector<td::walk::Fix>& fixes,
                       const std::vector<td::model::Position>& stops, double width, double height,
                       double margin, std::int64_t gapAfterMs, double minSpanM = 100.0);

/// The largest 1, 2 or 5 × 10^k metres not longer than `maxMetres` (at least 1 m).
double roundScaleLength(double maxMetres);

} // namespace td::app
