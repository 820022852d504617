// Benchmark (not a test): thinning the track of a synthetic 3-hour walk at 1 Hz against
// encoding that walk's unthinned and thinned SafetyWalk record to JSON text.

#include "synthetic_walk.hpp"
#include "td/model/codec.hpp"
#include "td/walk/track_thinning.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <functional>

namespace {

/// Median wall time of `runs` calls, in microseconds.
double medianMicros(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                .count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main() {
    using namespace td::walk;
    const test::SyntheticWalk synthetic = test::threeHourWalk();
    TrackRecorder recorder;
    for (const Fix& f : synthetic.fixes)
        recorder.add(f);
    const auto full = test::walkWith(recorder.trackPoints());
    std::size_t thinnedPoints = 0;
    double tolerance = 0;
    const double thinUs = medianMicros(21, [&] {
        auto thinned = thinTrack(recorder.keptFixes(), synthetic.stops);
        thinnedPoints = thinned->fixes.size();
        tolerance = thinned->toleranceM;
    });
    std::size_t fullBytes = 0;
    const double encodeFullUs = medianMicros(
        21, [&] { fullBytes = boost::json::serialize(td::model::encode(full)).size(); });
    const auto thinned = thinTrack(recorder.keptFixes(), synthetic.stops);
    const auto small = test::walkWith(storedTrack(*thinned));
    std::size_t smallBytes = 0;
    const double encodeSmallUs = medianMicros(
        21, [&] { smallBytes = boost::json::serialize(td::model::encode(small)).size(); });
    std::printf("3-hour walk: %zu kept fixes -> %zu points (tolerance %.1f m, %d doublings)\n",
                recorder.keptCount(), thinnedPoints, tolerance, thinned->doublings);
    std::printf("record: %zu bytes unthinned, %zu bytes thinned\n", fullBytes, smallBytes);
    std::printf("thin %.0f us, encode unthinned %.0f us, encode thinned %.0f us\n", thinUs,
                encodeFullUs, encodeSmallUs);
    std::printf("thin / encode unthinned = %.2f, thin / encode thinned = %.2f\n",
                thinUs / encodeFullUs, thinUs / encodeSmallUs);
    return 0;
}
