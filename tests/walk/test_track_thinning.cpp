// Thinning a walk's track before it is stored: the reference NMEA walk and a synthetic 3-hour
// walk, against the length, gap, tolerance and record-size rules of docs/walk-recording.md.

#include "synthetic_walk.hpp"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"
#include "td/sync/protocol.hpp"
#include "td/walk/geo.hpp"
#include "td/walk/track_recorder.hpp"
#include "td/walk/track_thinning.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <numbers>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using td::walk::Fix;
using td::walk::TrackRecorder;
using td::walk::test::SyntheticWalk;
using td::walk::test::threeHourWalk;
using td::walk::test::walkWith;

namespace {

using td::walk::test::kDayMs;
constexpr double kUereM = 5.0;
const double kMetresPerDegreeLat = td::walk::kEarthRadiusM * std::numbers::pi / 180.0;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

double nmeaDegrees(const std::string& field, int degreeDigits) {
    return std::stod(field.substr(0, static_cast<std::size_t>(degreeDigits))) +
           std::stod(field.substr(static_cast<std::size_t>(degreeDigits))) / 60.0;
}

/// The GGA sentences of the reference walk as fixes (accuracy 2 x HDOP x UERE, as Qt's NMEA
/// source reports them; fix quality 0 is no position).
std::vector<Fix> nmeaFixes(const std::string& nmea) {
    std::vector<Fix> fixes;
    std::istringstream lines(nmea);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("$GPGGA,", 0) != 0)
            continue;
        std::vector<std::string> f;
        std::istringstream fields(line);
        for (std::string part; std::getline(fields, part, ',');)
            f.push_back(part);
        REQUIRE(f.size() >= 9);
        Fix fix;
        const std::string& hms = f[1];
        fix.tMs = kDayMs + (std::stoll(hms.substr(0, 2)) * 3600 +
                            std::stoll(hms.substr(2, 2)) * 60 + std::stoll(hms.substr(4, 2))) *
                               1000;
        fix.valid = f[6] != "0" && !f[2].empty();
        if (fix.valid) {
            fix.lat = nmeaDegrees(f[2], 2) * (f[3] == "S" ? -1 : 1);
            fix.lon = nmeaDegrees(f[4], 3) * (f[5] == "W" ? -1 : 1);
            fix.accuracyM = 2 * std::stod(f[8]) * kUereM;
        }
        fixes.push_back(fix);
    }
    return fixes;
}

std::size_t encodedBytes(const td::model::SafetyWalk& walk) {
    return boost::json::serialize(td::model::encode(walk)).size();
}

/// Each gap of `recorder` appears in the thinned track: both its fixes kept, next to each
/// other, and marked in gapsAfter.
void checkGapsKept(const TrackRecorder& recorder, const td::walk::ThinnedTrack& thinned) {
    REQUIRE(thinned.gapsAfter.size() == recorder.gaps().size());
    for (std::size_t g = 0; g < recorder.gaps().size(); ++g) {
        const std::size_t i = thinned.gapsAfter[g];
        REQUIRE(i + 1 < thinned.fixes.size());
        CHECK(thinned.fixes[i].tMs == recorder.gaps()[g].fromMs);
        CHECK(thinned.fixes[i + 1].tMs == recorder.gaps()[g].toMs);
    }
}

} // namespace

TEST_CASE("the reference walk thinned keeps its length, gaps, stops and shape") {
    const std::string dataDir = TD_REFERENCE_DATA_DIR;
    const auto reference = boost::json::parse(readFile(dataDir + "/vindeln.json"));
    const auto& walkTrack = reference.at("walk_track").as_object();
    const double routeLengthM = walkTrack.at("route_length_m").to_number<double>();

    const std::vector<Fix> fixes = nmeaFixes(readFile(dataDir + "/walk-vindeln-centrum.nmea"));
    REQUIRE(fixes.size() == 1273);
    TrackRecorder recorder;
    for (const Fix& f : fixes)
        recorder.add(f);
    REQUIRE(recorder.gaps().size() == 2);
    const std::vector<Fix>& kept = recorder.keptFixes();

    std::vector<td::model::Position> stops;
    for (const auto& stop : walkTrack.at("stops").as_array())
        stops.push_back(
            {stop.at("lat").to_number<double>(), stop.at("lon").to_number<double>(), 10.0});
    REQUIRE(stops.size() == 5);

    auto thinned = td::walk::thinTrack(kept, stops);
    REQUIRE(thinned.ok());
    INFO(kept.size() << " fixes thinned to " << thinned->fixes.size() << " at "
                     << thinned->toleranceM << " m");
    CHECK(thinned->doublings == 0);
    CHECK(thinned->lengthKept);
    CHECK(thinned->fixes.size() < kept.size() / 2);
    CHECK(thinned->fixes.front().tMs == kept.front().tMs);
    CHECK(thinned->fixes.back().tMs == kept.back().tMs);

    SECTION("the length is within 1 % of the unthinned one and 5 % of the true route") {
        const double length = td::walk::recordedLengthM(thinned->fixes);
        INFO("thinned " << length << " m, unthinned " << recorder.lengthM() << " m, route "
                        << routeLengthM << " m");
        CHECK(std::abs(length - recorder.lengthM()) <= 0.01 * recorder.lengthM());
        CHECK(std::abs(length - routeLengthM) <= 0.05 * routeLengthM);
    }
    SECTION("both gaps are kept and marked in the stored track") {
        checkGapsKept(recorder, *thinned);
        const auto stored = td::walk::storedTrack(*thinned);
        CHECK(stored.size() == thinned->fixes.size() + 2);
        const auto gaps = td::walk::storedGaps(stored);
        REQUIRE(gaps.size() == 2);
        CHECK(stored[gaps[0]].t == "2025-09-18T18:38:39.000Z");
        CHECK(stored[gaps[0] + 2].t == "2025-09-18T18:39:40.000Z");
        CHECK(stored[gaps[1]].t == "2025-09-18T18:41:39.000Z");
        CHECK(stored[gaps[1] + 2].t == "2025-09-18T18:42:00.000Z");
        const auto issues = td::model::validateSafetyWalk(walkWith(stored));
        INFO((issues.empty() ? std::string() : issues.front().path + " " + issues.front().code));
        CHECK(issues.empty());
    }
    SECTION("every original fix lies within the tolerance of the thinned line") {
        const double deviation = td::walk::maxDeviationM(kept, thinned->fixes);
        INFO("max deviation " << deviation << " m");
        CHECK(deviation <= thinned->toleranceM);
        CHECK(deviation > 0.5 * thinned->toleranceM); // the tolerance is actually used
    }
    SECTION("each stop keeps the fixes nearest to it") {
        for (const auto& stop : stops) {
            std::size_t near = 0;
            for (const Fix& f : thinned->fixes)
                near += td::walk::haversineM(stop.lat, stop.lon, f.lat, f.lon) <= 10.0 ? 1 : 0;
            CHECK(near >= 20);
        }
    }
}

TEST_CASE("a 3-hour walk at 1 Hz thins to a record within the size limit") {
    const SyntheticWalk synthetic = threeHourWalk();
    TrackRecorder recorder;
    for (const Fix& f : synthetic.fixes)
        recorder.add(f);
    REQUIRE(recorder.gaps().size() == 1);
    const std::vector<Fix>& kept = recorder.keptFixes();
    const std::size_t limit = td::sync::ProtocolLimits{}.maxBodyBytes;

    // Unthinned, the record is far over the limit.
    CHECK(encodedBytes(walkWith(recorder.trackPoints())) > 3 * limit);

    auto thinned = td::walk::thinTrack(kept, synthetic.stops);
    REQUIRE(thinned.ok());
    INFO(kept.size() << " fixes thinned to " << thinned->fixes.size() << " at "
                     << thinned->toleranceM << " m after " << thinned->doublings << " doublings");
    CHECK(thinned->fixes.size() <= td::walk::ThinningRules{}.maxPoints);
    CHECK(thinned->toleranceM <= 16.0);
    checkGapsKept(recorder, *thinned);

    const auto walk = walkWith(td::walk::storedTrack(*thinned));
    const auto issues = td::model::validateSafetyWalk(walk);
    INFO((issues.empty() ? std::string() : issues.front().path + " " + issues.front().code));
    CHECK(issues.empty());
    const std::size_t bytes = encodedBytes(walk);
    INFO("encoded " << bytes << " bytes, limit " << limit);
    CHECK(bytes <= limit);
    auto decoded = td::model::fromJsonText<td::model::SafetyWalk>(
        boost::json::serialize(td::model::encode(walk)));
    REQUIRE(decoded.ok());
    CHECK(decoded->track.size() == walk.track.size());

    const double deviation = td::walk::maxDeviationM(kept, thinned->fixes);
    INFO("max deviation " << deviation << " m");
    CHECK(deviation <= thinned->toleranceM);

    const double length = td::walk::recordedLengthM(thinned->fixes);
    INFO("thinned " << length << " m, unthinned " << recorder.lengthM() << " m");
    CHECK(std::abs(length - recorder.lengthM()) <= 0.01 * recorder.lengthM());
}

TEST_CASE("thinning protects ends, gaps and observations and refuses what cannot fit") {
    // A straight line north at 1 m/s: Douglas-Peucker alone would keep only the ends.
    std::vector<Fix> line;
    for (int s = 0; s < 200; ++s) {
        if (s >= 100 && s < 110)
            continue; // a 10 s fix loss
        Fix f;
        f.tMs = kDayMs + s * 1000;
        f.lat = 64.2 + s / kMetresPerDegreeLat;
        f.lon = 19.7;
        f.accuracyM = 5.0;
        line.push_back(f);
    }
    // Only the first fix is a counted point of the length, so only ends, gaps and
    // observations are protected.
    td::walk::ThinningRules rules;
    rules.recorder.minStepM = 1000;
    SECTION("a straight line keeps its ends and both fixes around the gap") {
        auto thinned = td::walk::thinTrack(line, {}, rules);
        REQUIRE(thinned.ok());
        REQUIRE(thinned->fixes.size() == 4);
        CHECK(thinned->fixes[1].tMs == kDayMs + 99 * 1000);
        CHECK(thinned->fixes[2].tMs == kDayMs + 110 * 1000);
        CHECK(thinned->gapsAfter == std::vector<std::size_t>{1});
        CHECK(td::walk::maxDeviationM(line, thinned->fixes) < 1e-6);
    }
    SECTION("the counted points of the length are kept") {
        TrackRecorder recorder;
        for (const Fix& f : line)
            recorder.add(f);
        auto thinned = td::walk::thinTrack(line, {});
        REQUIRE(thinned.ok());
        CHECK(thinned->lengthKept);
        CHECK(thinned->fixes.size() > recorder.countedIndices().size());
        CHECK(td::walk::recordedLengthM(thinned->fixes) == Approx(recorder.lengthM()));
    }
    SECTION("an observation keeps the fixes within 10 m of it, at most 20") {
        const td::model::Position stop{64.2 + 50 / kMetresPerDegreeLat, 19.7, 5.0};
        auto thinned = td::walk::thinTrack(line, {stop}, rules);
        REQUIRE(thinned.ok());
        CHECK(thinned->fixes.size() == 4 + 20);
        td::walk::ThinningRules narrow = rules;
        narrow.nearObservationM = 5.5;
        auto fewer = td::walk::thinTrack(line, {stop}, narrow);
        REQUIRE(fewer.ok());
        CHECK(fewer->fixes.size() == 4 + 11); // 45 m ... 55 m
    }
    SECTION("a point off the line is kept only above the tolerance") {
        // 21 fixes 10 m apart, the middle one 6 m off the line.
        std::vector<Fix> bent;
        for (int s = 0; s <= 20; ++s) {
            Fix f = line[static_cast<std::size_t>(s)];
            f.lat = 64.2 + 10 * s / kMetresPerDegreeLat;
            bent.push_back(f);
        }
        bent[10].lon += 6.0 / (kMetresPerDegreeLat * std::cos(64.2 * std::numbers::pi / 180));
        td::walk::ThinningRules tight = rules;
        tight.toleranceM = 5.5;
        auto kept = td::walk::thinTrack(bent, {}, tight);
        REQUIRE(kept.ok());
        CHECK(kept->fixes.size() == 3);
        CHECK(kept->fixes[1].tMs == bent[10].tMs);
        tight.toleranceM = 6.5;
        auto dropped = td::walk::thinTrack(bent, {}, tight);
        REQUIRE(dropped.ok());
        CHECK(dropped->fixes.size() == 2);
    }
    SECTION("a cap below the counted points gives them up, not the ends and gaps") {
        td::walk::ThinningRules capped;
        capped.maxPoints = 6;
        auto thinned = td::walk::thinTrack(line, {}, capped);
        REQUIRE(thinned.ok());
        CHECK_FALSE(thinned->lengthKept);
        CHECK(thinned->fixes.size() == 4);
    }
    SECTION("too many protected fixes or disordered input fail precisely") {
        td::walk::ThinningRules three;
        three.maxPoints = 3;
        auto tooMany = td::walk::thinTrack(line, {}, three);
        REQUIRE_FALSE(tooMany.ok());
        CHECK(tooMany.error().code == "track_too_large");
        std::vector<Fix> disordered = line;
        std::swap(disordered[3], disordered[4]);
        auto bad = td::walk::thinTrack(disordered, {});
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().code == "invalid_value");
    }
}
