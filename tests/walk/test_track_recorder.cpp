#include "td/walk/geo.hpp"
#include "td/walk/track_recorder.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numbers>

using td::walk::Fix;
using td::walk::FixVerdict;
using td::walk::TrackRecorder;

namespace {

constexpr double kLat0 = 64.2;
constexpr double kLon0 = 19.7;
constexpr std::int64_t kT0 = 1758220200000; // 2025-09-18T18:30:00Z
const double kMetresPerDegreeLat = td::walk::kEarthRadiusM * std::numbers::pi / 180.0;

/// A fix `northM` metres north and `eastM` metres east of the origin, `s` seconds in.
Fix fixAt(double s, double northM, double eastM = 0, std::optional<double> accuracy = 5.0) {
    const double metresPerDegreeLon =
        kMetresPerDegreeLat * std::cos(kLat0 * std::numbers::pi / 180);
    Fix f;
    f.tMs = kT0 + static_cast<std::int64_t>(std::llround(s * 1000));
    f.lat = kLat0 + northM / kMetresPerDegreeLat;
    f.lon = kLon0 + eastM / metresPerDegreeLon;
    f.accuracyM = accuracy;
    return f;
}

} // namespace

TEST_CASE("haversine distance matches known values") {
    CHECK(td::walk::haversineM(kLat0, kLon0, kLat0, kLon0) == 0.0);
    CHECK(td::walk::haversineM(kLat0, kLon0, kLat0 + 1, kLon0) ==
          Approx(kMetresPerDegreeLat).epsilon(1e-9));
    // A quarter of the equator.
    CHECK(td::walk::haversineM(0, 0, 0, 90) ==
          Approx(td::walk::kEarthRadiusM * std::numbers::pi / 2).epsilon(1e-9));
}

TEST_CASE("fixes without a valid position are dropped") {
    TrackRecorder r;
    Fix noFix = fixAt(0, 0);
    noFix.valid = false;
    CHECK(r.add(noFix) == FixVerdict::NoPosition);
    Fix nanFix = fixAt(1, 0);
    nanFix.lat = std::numeric_limits<double>::quiet_NaN();
    CHECK(r.add(nanFix) == FixVerdict::NoPosition);
    Fix offEarth = fixAt(2, 0);
    offEarth.lat = 91;
    CHECK(r.add(offEarth) == FixVerdict::NoPosition);
    CHECK(r.add(fixAt(3, 0)) == FixVerdict::Kept);
    CHECK(r.droppedCount(FixVerdict::NoPosition) == 3);
    CHECK(r.droppedCount() == 3);
    CHECK(r.keptCount() == 1);
}

TEST_CASE("fixes with an accuracy radius above the threshold are dropped") {
    // With UERE 5 m, Qt reports 2 x HDOP x UERE: HDOP 0.9 -> 9 m, HDOP 4.5 -> 45 m.
    const double uere = 5.0;
    TrackRecorder r;
    CHECK(r.add(fixAt(0, 0, 0, 2 * 0.9 * uere)) == FixVerdict::Kept);
    CHECK(r.add(fixAt(1, 1, 0, 2 * 4.5 * uere)) == FixVerdict::PoorAccuracy);
    CHECK(r.add(fixAt(2, 2, 0, 25.0)) == FixVerdict::Kept);
    CHECK(r.add(fixAt(3, 3, 0, 25.01)) == FixVerdict::PoorAccuracy);
    CHECK(r.add(fixAt(4, 4, 0, std::nullopt)) == FixVerdict::Kept);
    CHECK(r.add(fixAt(5, 5, 0, std::numeric_limits<double>::quiet_NaN())) ==
          FixVerdict::PoorAccuracy);
    CHECK(r.droppedCount(FixVerdict::PoorAccuracy) == 3);
    CHECK(r.keptCount() == 3);
}

TEST_CASE("fixes implying more than walking speed from the last kept fix are dropped") {
    TrackRecorder r; // 3 m/s, accuracy 5 m on both fixes: reach = 3 dt + 10 m
    REQUIRE(r.add(fixAt(0, 0)) == FixVerdict::Kept);
    CHECK(r.add(fixAt(1, 12.9)) == FixVerdict::Kept); // 12.9 <= 13
    CHECK(r.add(fixAt(2, 12.9 + 13.5)) == FixVerdict::TooFast);
    CHECK(r.add(fixAt(3, 80)) == FixVerdict::TooFast); // 67.1 m in 2 s from the last kept
    // Measured from the last kept fix, so a real move is accepted once time allows it.
    CHECK(r.add(fixAt(25, 80)) == FixVerdict::Kept); // 67.1 m in 24 s
    CHECK(r.droppedCount(FixVerdict::TooFast) == 2);

    SECTION("a missing accuracy is taken as the assumed accuracy") {
        TrackRecorder q;
        REQUIRE(q.add(fixAt(0, 0, 0, std::nullopt)) == FixVerdict::Kept);
        CHECK(q.add(fixAt(1, 23.5, 0, std::nullopt)) == FixVerdict::TooFast); // reach 23 m
        CHECK(q.add(fixAt(1, 22.5, 0, std::nullopt)) == FixVerdict::Kept);
    }
}

TEST_CASE("fixes not later than the last kept fix are dropped") {
    TrackRecorder r;
    REQUIRE(r.add(fixAt(10, 0)) == FixVerdict::Kept);
    CHECK(r.add(fixAt(10, 1)) == FixVerdict::OutOfOrder);
    CHECK(r.add(fixAt(9, 1)) == FixVerdict::OutOfOrder);
    CHECK(r.droppedCount(FixVerdict::OutOfOrder) == 2);
}

TEST_CASE("standing still adds no length") {
    TrackRecorder r;
    // Jitter of up to 4 m around one spot for two minutes, accuracy 5 m (radius 10 m).
    for (int s = 0; s < 120; ++s)
        REQUIRE(r.add(fixAt(s, 4 * std::sin(s * 1.7), 4 * std::cos(s * 2.3))) == FixVerdict::Kept);
    CHECK(r.lengthM() == 0.0);
    CHECK(r.keptCount() == 120);
    CHECK(r.gaps().empty());
}

TEST_CASE("walking counts a step once it leaves the jitter radius") {
    TrackRecorder r; // accuracy 5 m -> radius max(5, 2 x 5) = 10 m
    for (int s = 0; s <= 100; ++s)
        REQUIRE(r.add(fixAt(s, s * 1.5)) == FixVerdict::Kept);
    // Steps are counted every 10.5 m up to 147 m; the last 3 m are still inside the radius.
    CHECK(r.lengthM() == Approx(147.0).epsilon(1e-6));

    SECTION("a larger accuracy widens the radius") {
        TrackRecorder q;
        for (int s = 0; s <= 100; ++s)
            REQUIRE(q.add(fixAt(s, s * 1.3, 0, 9.0)) == FixVerdict::Kept);
        CHECK(q.lengthM() == Approx(7 * 18.2).epsilon(1e-6)); // steps of 18.2 m (> 18 m)
    }
}

TEST_CASE("fix loss leaves a gap, and the straight segment across it is counted") {
    TrackRecorder r;
    for (int s = 0; s <= 20; ++s)
        REQUIRE(r.add(fixAt(s, s * 1.1)) == FixVerdict::Kept); // anchor moves at 11 m, 22 m
    for (int s = 21; s < 41; ++s) {
        Fix lost = fixAt(s, 0);
        lost.valid = false;
        REQUIRE(r.add(lost) == FixVerdict::NoPosition);
    }
    // Resumes 30 m east: the walker turned a corner during the loss.
    REQUIRE(r.add(fixAt(41, 22, 30)) == FixVerdict::Kept);
    REQUIRE(r.gaps().size() == 1);
    CHECK(r.gaps()[0].fromMs == kT0 + 20'000);
    CHECK(r.gaps()[0].toMs == kT0 + 41'000);
    CHECK(r.gaps()[0].lengthM == Approx(30.0).epsilon(1e-3));
    CHECK(r.lengthM() == Approx(22.0 + 30.0).epsilon(1e-3));
    CHECK(r.droppedCount(FixVerdict::NoPosition) == 20);

    SECTION("a short dropout is not a gap") {
        TrackRecorder q;
        REQUIRE(q.add(fixAt(0, 0)) == FixVerdict::Kept);
        REQUIRE(q.add(fixAt(5, 5)) == FixVerdict::Kept);
        CHECK(q.gaps().empty());
        REQUIRE(q.add(fixAt(10.001, 10)) == FixVerdict::Kept);
        CHECK(q.gaps().size() == 1);
    }
}

TEST_CASE("observation position is the mean of the kept fixes in the window") {
    TrackRecorder r;
    CHECK(r.positionAt(kT0).error().code == "no_recent_fix");
    // Walk north for 30 s, then stand 40 s at 30 m alternating 3 m east and west.
    for (int s = 0; s < 30; ++s)
        REQUIRE(r.add(fixAt(s, s)) == FixVerdict::Kept);
    for (int s = 30; s < 70; ++s)
        REQUIRE(r.add(fixAt(s, 30, s % 2 == 0 ? 3 : -3)) == FixVerdict::Kept);

    auto p = r.positionAt(kT0 + 69'000); // fixes at 50..69 s
    REQUIRE(p.ok());
    CHECK((p->lat - kLat0) * kMetresPerDegreeLat == Approx(30).margin(1e-6));
    CHECK(td::walk::haversineM(p->lat, p->lon, kLat0 + 30 / kMetresPerDegreeLat, kLon0) < 1e-6);
    CHECK(p->accuracyM == Approx(3.0).epsilon(1e-3)); // spread 3 m > 5 m / sqrt(20)

    auto early = r.positionAt(kT0 + 9'000); // fixes at 0..9 s: mean 4.5 m north
    REQUIRE(early.ok());
    CHECK((early->lat - kLat0) * kMetresPerDegreeLat == Approx(4.5).epsilon(1e-6));

    CHECK(r.positionAt(kT0 + 200'000).error().code == "no_recent_fix");
    CHECK(r.positionAt(kT0 - 1).error().code == "no_recent_fix");
    // The lowest times: the window's start saturates instead of overflowing (found by fuzz_walk
    // under UBSan).
    CHECK(r.positionAt(std::numeric_limits<std::int64_t>::min()).error().code == "no_recent_fix");
    CHECK(r.positionAt(std::numeric_limits<std::int64_t>::min() + 1).error().code ==
          "no_recent_fix");
}

TEST_CASE("kept fixes become the walk's track points") {
    TrackRecorder r;
    REQUIRE(r.add(fixAt(0, 0, 0, std::nullopt)) == FixVerdict::Kept);
    REQUIRE(r.add(fixAt(1.25, 1, 0, 4.0)) == FixVerdict::Kept);
    const auto points = r.trackPoints();
    REQUIRE(points.size() == 2);
    CHECK(points[0].t == "2025-09-18T18:30:00.000Z");
    CHECK(points[0].accuracyM == 10.0); // assumed
    CHECK(points[1].t == "2025-09-18T18:30:01.250Z");
    CHECK(points[1].accuracyM == 4.0);
    CHECK(td::walk::isoTimestamp(0) == "1970-01-01T00:00:00.000Z");
}

TEST_CASE("timestamps beyond four-digit years are written at the nearest bound, not overflowed") {
    // Found by fuzz_walk under UBSan: the day arithmetic overflowed near the int64 ends.
    using Limits = std::numeric_limits<std::int64_t>;
    CHECK(td::walk::isoTimestamp(Limits::min()) == "0000-01-01T00:00:00.000Z");
    CHECK(td::walk::isoTimestamp(Limits::max()) == "9999-12-31T23:59:59.999Z");
    CHECK(td::walk::isoTimestamp(-1) == "1969-12-31T23:59:59.999Z");
    CHECK(td::walk::isoTimestamp(253402300799999) == "9999-12-31T23:59:59.999Z");
    CHECK(td::walk::isoTimestamp(-62167219200000) == "0000-01-01T00:00:00.000Z");
    // The recorder does not keep a fix whose time lies beyond them.
    TrackRecorder r;
    Fix beyond = fixAt(0, 0);
    beyond.tMs = td::walk::kLatestFixMs + 1;
    CHECK(r.add(beyond) == FixVerdict::NoPosition);
    beyond.tMs = td::walk::kEarliestFixMs - 1;
    CHECK(r.add(beyond) == FixVerdict::NoPosition);
    beyond.tMs = td::walk::kLatestFixMs;
    CHECK(r.add(beyond) == FixVerdict::Kept);
}

TEST_CASE("fixes further apart in time than 64 bits can count make a gap, not an overflow") {
    // Found by fuzz_walk under UBSan: the difference of the two times overflowed. The recorder
    // keeps times within four-digit years only; isGap takes any two.
    TrackRecorder r;
    Fix first = fixAt(0, 0);
    first.tMs = td::walk::kEarliestFixMs;
    Fix second = fixAt(0, 10);
    second.tMs = td::walk::kLatestFixMs;
    CHECK(r.add(first) == FixVerdict::Kept);
    CHECK(r.add(second) == FixVerdict::Kept);
    REQUIRE(r.gaps().size() == 1);
    CHECK(r.gaps()[0].fromMs == first.tMs);
    const std::int64_t lowest = std::numeric_limits<std::int64_t>::min() + 5;
    const std::int64_t highest = std::numeric_limits<std::int64_t>::max() - 5;
    CHECK(td::walk::isGap(lowest, highest, 30'000));
    CHECK_FALSE(td::walk::isGap(highest, lowest, 30'000));
    CHECK_FALSE(td::walk::isGap(kT0, kT0 + 30'000, 30'000));
    CHECK(td::walk::isGap(kT0, kT0 + 30'001, 30'000));
}
