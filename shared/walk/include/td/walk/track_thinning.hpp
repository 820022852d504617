#pragma once
// Thins a walk's kept fixes before they are stored in the SafetyWalk record, so that a long
// walk fits the per-record size limit. The rule is documented in docs/walk-recording.md.

#include "td/core/result.hpp"
#include "td/model/common.hpp"
#include "td/walk/track_recorder.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace td::walk {

/// Tunable limits; the defaults are the documented rule.
struct ThinningRules {
    double toleranceM = 4.0;         ///< Douglas–Peucker tolerance for the first pass
    std::size_t maxPoints = 2000;    ///< hard cap on stored points (~180 KB of track JSON)
    int maxDoublings = 20;           ///< tolerance doublings tried before giving up
    double nearObservationM = 10.0;  ///< fixes this close to an observation are kept ...
    std::size_t perObservation = 20; ///< ... the nearest this many of them per observation
    RecorderRules recorder{};        ///< the rules the fixes were recorded by (gaps, length)
};

/// The thinned fixes and the tolerance that made them fit.
struct ThinnedTrack {
    std::vector<Fix> fixes;
    double toleranceM = 0;  ///< every input fix lies within this of the thinned line
    int doublings = 0;      ///< how often the tolerance was doubled to fit maxPoints
    bool lengthKept = true; ///< the length's counted points are all kept (same recorded length)
    std::vector<std::size_t> gapsAfter; ///< a gap lies between fixes[i] and fixes[i + 1]
};

/// Thins `kept` (the kept fixes of a recording, as TrackRecorder::keptFixes()) by
/// Douglas–Peucker between protected fixes: the first and last fix, both fixes around every
/// gap, the fixes nearest each of `observations` and the counted points of the length (given
/// up, lengthKept = false, when they alone would exceed maxPoints). While more than maxPoints
/// remain, the tolerance doubles. Fails with `track_too_large` when even that cannot fit, and
/// with `invalid_value` when `kept` is not what the recorder keeps (e.g. out of time order).
Result<ThinnedTrack> thinTrack(const std::vector<Fix>& kept,
                               const std::vector<model::Position>& observations,
                               const ThinningRules& rules = {});

/// The stored SafetyWalk.track of a thinned track (see toTrackPoints): the fix before each gap
/// is written twice, so a reader finds the gaps as two consecutive points with the same time.
std::vector<model::TrackPoint> storedTrack(const ThinnedTrack& track,
                                           const RecorderRules& rules = {});

/// For a stored track: the index of the last point before each gap (the marker's second copy
/// is skipped by the caller: the point after a gap is at index + 2).
std::vector<std::size_t> storedGaps(const std::vector<model::TrackPoint>& track);

/// Distance in metres from `p` to the segment a–b, in a local plane around `a`.
double distanceToSegmentM(const Fix& p, const Fix& a, const Fix& b);

/// The largest distance of an input fix from the thinned line: each fix is measured against
/// the thinned segment whose times enclose it (0 for fixes kept). Both in time order, with
/// `thinned` a subsequence of `original` sharing its first and last fix.
double maxDeviationM(const std::vector<Fix>& original, const std::vector<Fix>& thinned);

} // namespace td::walk
