#pragma once
// Records the GPS track of a safety walk: keeps or drops each fix by the rules documented in
// docs/walk-recording.md, measures the walked length and places observations.

#include "td/core/result.hpp"
#include "td/model/common.hpp"
#include "td/model/walk.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace td::walk {

/// One position report from a receiver.
struct Fix {
    std::int64_t tMs = 0; ///< Unix milliseconds (UTC)
    double lat = 0;
    double lon = 0;
    std::optional<double> accuracyM; ///< horizontal accuracy radius, metres
    std::optional<double> speedMps;  ///< reported ground speed (informative only)
    bool valid = true;               ///< false when the receiver has no position fix
};

/// Tunable thresholds; the defaults are the documented rule.
struct RecorderRules {
    double maxAccuracyM = 25.0;     ///< drop fixes whose accuracy radius exceeds this
    double maxSpeedMps = 3.0;       ///< walking limit for the implied speed between fixes
    double assumedAccuracyM = 10.0; ///< accuracy assumed for fixes that report none
    double jitterFactor = 2.0;      ///< a step counts once it exceeds jitterFactor x accuracy
    double minStepM = 5.0;          ///< ... and at least this many metres
    std::int64_t gapAfterMs = 5000; ///< more time than this between kept fixes is a gap
    std::int64_t observationWindowMs = 20000; ///< fixes averaged for an observation position
};

/// What happened to a fix.
enum class FixVerdict {
    Kept,
    NoPosition,   ///< receiver reported no fix, or the coordinate is not a real position
    PoorAccuracy, ///< accuracy radius above RecorderRules::maxAccuracyM
    TooFast,      ///< implies a speed above the walking limit from the last kept fix
    OutOfOrder    ///< not later than the last kept fix
};
inline constexpr std::size_t kFixVerdictCount = 5;

/// Time between two kept fixes with no kept fix in between, longer than gapAfterMs.
struct Gap {
    std::int64_t fromMs = 0; ///< the last kept fix before the gap
    std::int64_t toMs = 0;   ///< the first kept fix after it
    double lengthM = 0;      ///< straight-line length counted across it
    bool operator==(const Gap&) const = default;
};

class TrackRecorder {
public:
    explicit TrackRecorder(RecorderRules rules = {});

    /// Judges one fix, keeps it in the track when it passes, and returns the verdict.
    FixVerdict add(const Fix& fix);

    /// Recorded length in metres (see docs/walk-recording.md for what counts).
    double lengthM() const { return m_lengthM; }
    const std::vector<Fix>& keptFixes() const { return m_kept; }
    const std::vector<Gap>& gaps() const { return m_gaps; }
    std::size_t keptCount() const { return m_kept.size(); }
    /// Indices into keptFixes() of the counted points the length is summed over.
    const std::vector<std::size_t>& countedIndices() const { return m_counted; }
    /// All fixes dropped, for whatever reason.
    std::size_t droppedCount() const;
    std::size_t droppedCount(FixVerdict reason) const;
    const RecorderRules& rules() const { return m_rules; }

    /// Position for an observation made at `tMs`: the mean of the kept fixes in
    /// (tMs - observationWindowMs, tMs], with an accuracy radius. Fails with `no_recent_fix`
    /// when there is none.
    Result<model::Position> positionAt(std::int64_t tMs) const;

    /// The kept fixes as a walk's track (ISO-8601 UTC times).
    std::vector<model::TrackPoint> trackPoints() const;

private:
    double accuracyOf(const Fix& fix) const;

    RecorderRules m_rules;
    std::vector<Fix> m_kept;
    std::vector<Gap> m_gaps;
    std::array<std::size_t, kFixVerdictCount> m_counts{};
    std::optional<Fix> m_anchor; ///< the point the length was last counted to
    std::vector<std::size_t> m_counted;
    double m_lengthM = 0;
};

/// `fixes` (kept fixes, in time order) as a walk's track: ISO-8601 UTC times, the accuracy
/// radius clamped to the model's 1 ... 10 000 m, `rules.assumedAccuracyM` where none was given.
std::vector<model::TrackPoint> toTrackPoints(const std::vector<Fix>& fixes,
                                             const RecorderRules& rules = {});

/// The length TrackRecorder would record for `fixes` passed through it in order.
double recordedLengthM(const std::vector<Fix>& fixes, const RecorderRules& rules = {});

/// The times a fix may carry, in Unix milliseconds: four-digit years, 0000-01-01T00:00:00.000Z
/// to 9999-12-31T23:59:59.999Z. A fix outside them has no usable time and is not kept.
inline constexpr std::int64_t kEarliestFixMs = -62167219200000;
inline constexpr std::int64_t kLatestFixMs = 253402300799999;

/// "2025-09-18T18:30:00.000Z" for Unix milliseconds.
/// Times before year 0 or after 9999 are written as the nearest of those bounds.
std::string isoTimestamp(std::int64_t tMs);

/// Whether `laterMs` comes more than `gapMs` (>= 0) after `earlierMs`, for any two times
/// (their difference may not fit in 64 bits).
inline bool isGap(std::int64_t earlierMs, std::int64_t laterMs, std::int64_t gapMs) {
    return laterMs > earlierMs &&
           static_cast<std::uint64_t>(laterMs) - static_cast<std::uint64_t>(earlierMs) >
               static_cast<std::uint64_t>(gapMs);
}

} // namespace td::walk
