#include "td/walk/track_recorder.hpp"

#include "td/walk/geo.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace td::walk {

namespace {
constexpr double kMinReportedAccuracyM = 1.0;
constexpr double kMaxReportedAccuracyM = 10000.0;
} // namespace

TrackRecorder::TrackRecorder(RecorderRules rules)
    : m_rules(rules) {}

double TrackRecorder::accuracyOf(const Fix& fix) const {
    if (fix.accuracyM && std::isfinite(*fix.accuracyM) && *fix.accuracyM >= 0)
        return *fix.accuracyM;
    return m_rules.assumedAccuracyM;
}

FixVerdict TrackRecorder::add(const Fix& fix) {
    auto verdict = [&]() {
        if (!fix.valid || !isValidCoordinate(fix.lat, fix.lon) || fix.tMs < kEarliestFixMs ||
            fix.tMs > kLatestFixMs)
            return FixVerdict::NoPosition;
        if (fix.accuracyM && !(*fix.accuracyM <= m_rules.maxAccuracyM))
            return FixVerdict::PoorAccuracy;
        if (m_kept.empty())
            return FixVerdict::Kept;
        const Fix& last = m_kept.back();
        if (fix.tMs <= last.tMs)
            return FixVerdict::OutOfOrder;
        // In doubles: the difference of two times may not fit in 64 bits.
        const double dtS = (static_cast<double>(fix.tMs) - static_cast<double>(last.tMs)) / 1000.0;
        const double distance = haversineM(last.lat, last.lon, fix.lat, fix.lon);
        const double reach = m_rules.maxSpeedMps * dtS + accuracyOf(last) + accuracyOf(fix);
        return distance > reach ? FixVerdict::TooFast : FixVerdict::Kept;
    }();
    ++m_counts[static_cast<std::size_t>(verdict)];
    if (verdict != FixVerdict::Kept)
        return verdict;

    const bool afterGap = !m_kept.empty() && isGap(m_kept.back().tMs, fix.tMs, m_rules.gapAfterMs);
    if (afterGap)
        m_gaps.push_back({m_kept.back().tMs, fix.tMs, 0.0});
    m_kept.push_back(fix);

    if (!m_anchor) {
        m_anchor = fix;
        m_counted.push_back(m_kept.size() - 1);
        return verdict;
    }
    const double step = haversineM(m_anchor->lat, m_anchor->lon, fix.lat, fix.lon);
    const double jitterRadius = std::max(m_rules.minStepM, m_rules.jitterFactor * accuracyOf(fix));
    if (step > jitterRadius) {
        m_lengthM += step;
        if (afterGap)
            m_gaps.back().lengthM = step;
        m_anchor = fix;
        m_counted.push_back(m_kept.size() - 1);
    }
    return verdict;
}

std::size_t TrackRecorder::droppedCount() const {
    std::size_t total = 0;
    for (std::size_t i = 0; i < kFixVerdictCount; ++i) {
        if (i != static_cast<std::size_t>(FixVerdict::Kept))
            total += m_counts[i];
    }
    return total;
}

std::size_t TrackRecorder::droppedCount(FixVerdict reason) const {
    return reason == FixVerdict::Kept ? 0 : m_counts[static_cast<std::size_t>(reason)];
}

Result<model::Position> TrackRecorder::positionAt(std::int64_t tMs) const {
    // Kept fixes are in strictly increasing time order.
    const auto byTime = [](const Fix& f, std::int64_t t) {
        return f.tMs <= t;
    };
    // The window's start, saturated: a time near the lowest representable one must not overflow.
    const std::int64_t from =
        tMs < std::numeric_limits<std::int64_t>::min() + m_rules.observationWindowMs
            ? std::numeric_limits<std::int64_t>::min()
            : tMs - m_rules.observationWindowMs;
    const auto first = std::lower_bound(m_kept.begin(), m_kept.end(), from, byTime);
    const auto last = std::lower_bound(first, m_kept.end(), tMs, byTime);
    if (first == last) {
        return makeError("no_recent_fix", "no kept fix in the " +
                                              std::to_string(m_rules.observationWindowMs / 1000) +
                                              " s before the observation");
    }
    const double count = static_cast<double>(last - first);
    double sumLat = 0, sumLon = 0, sumAccuracy = 0;
    for (auto f = first; f != last; ++f) {
        sumLat += f->lat;
        sumLon += f->lon;
        sumAccuracy += accuracyOf(*f);
    }
    model::Position p{sumLat / count, sumLon / count, 0.0};
    double sumSquares = 0;
    for (auto f = first; f != last; ++f) {
        const double d = haversineM(p.lat, p.lon, f->lat, f->lon);
        sumSquares += d * d;
    }
    const double spread = std::sqrt(sumSquares / count);
    const double meanError = sumAccuracy / count / std::sqrt(count);
    p.accuracyM =
        std::clamp(std::max(spread, meanError), kMinReportedAccuracyM, kMaxReportedAccuracyM);
    return p;
}

std::vector<model::TrackPoint> TrackRecorder::trackPoints() const {
    return toTrackPoints(m_kept, m_rules);
}

std::vector<model::TrackPoint> toTrackPoints(const std::vector<Fix>& fixes,
                                             const RecorderRules& rules) {
    std::vector<model::TrackPoint> points;
    points.reserve(fixes.size());
    for (const Fix& f : fixes) {
        const double accuracy = f.accuracyM && std::isfinite(*f.accuracyM) && *f.accuracyM >= 0
                                    ? *f.accuracyM
                                    : rules.assumedAccuracyM;
        points.push_back({f.lat, f.lon,
                          std::clamp(accuracy, kMinReportedAccuracyM, kMaxReportedAccuracyM),
                          isoTimestamp(f.tMs)});
    }
    return points;
}

double recordedLengthM(const std::vector<Fix>& fixes, const RecorderRules& rules) {
    TrackRecorder recorder(rules);
    for (const Fix& f : fixes)
        recorder.add(f);
    return recorder.lengthM();
}

std::string isoTimestamp(std::int64_t tMs) {
    using namespace std::chrono;
    // Beyond four-digit years the day arithmetic would overflow.
    const sys_time<milliseconds> t{milliseconds{std::clamp(tMs, kEarliestFixMs, kLatestFixMs)}};
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    char text[64]; // 25 used; room for what the compiler cannot rule out
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                  int(hms.minutes().count()), int(hms.seconds().count()),
                  int(hms.subseconds().count()));
    return text;
}

} // namespace td::walk
