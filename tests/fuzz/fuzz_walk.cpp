// The walk recorder and the track thinning fed arbitrary fix sequences. The first byte picks
// the mode: walk-like fixes built from small steps (times may go backwards, accuracy and
// validity vary), or raw doubles and times straight from the input (NaN, infinities, huge
// jumps). Every fix goes through TrackRecorder; the kept fixes, and separately the raw
// sequence, go through thinTrack with a point cap from the input. Checked: kept fixes are
// valid and in time order, the length is finite and is what the recorder gives the kept fixes
// again, and a thinned track keeps the ends, stays within its tolerance and its cap.
#include "fuzz_support.hpp"
#include "td/walk/track_thinning.hpp"

#include <cmath>
#include <cstring>

namespace {

using namespace td;

class Reader {
public:
    Reader(const unsigned char* data, std::size_t size)
        : m_data(data)
        , m_size(size) {}
    bool has(std::size_t n) const { return m_at + n <= m_size; }
    template <class T> T take() {
        T value{};
        std::memcpy(&value, m_data + m_at, sizeof value);
        m_at += sizeof value;
        return value;
    }

private:
    const unsigned char* m_data;
    std::size_t m_size;
    std::size_t m_at = 0;
};

constexpr std::int64_t kStart = 1'758'220'200'000; // 2025-09-18T18:30:00Z

std::vector<walk::Fix> readFixes(Reader& in, bool raw) {
    std::vector<walk::Fix> fixes;
    walk::Fix last{kStart, 64.2, 19.7, 5.0, std::nullopt, true};
    while (fixes.size() < 5000) {
        walk::Fix f;
        if (raw) {
            if (!in.has(27))
                break;
            f.tMs = in.take<std::int64_t>();
            f.lat = in.take<double>();
            f.lon = in.take<double>();
            const unsigned char flags = in.take<unsigned char>();
            f.valid = (flags & 1) != 0;
            if (flags & 2)
                f.accuracyM = static_cast<double>(in.take<std::int16_t>()) / 4.0;
        } else {
            if (!in.has(8))
                break;
            f.tMs = last.tMs + static_cast<std::int64_t>(in.take<std::int16_t>()) * 10;
            f.lat = last.lat + static_cast<double>(in.take<std::int8_t>()) * 2e-6;
            f.lon = last.lon + static_cast<double>(in.take<std::int8_t>()) * 4e-6;
            const unsigned char accuracy = in.take<unsigned char>();
            if (accuracy != 0)
                f.accuracyM = static_cast<double>(accuracy) / 4.0;
            const unsigned char flags = in.take<unsigned char>();
            f.valid = (flags & 1) == 0;
            if (flags & 2)
                f.speedMps = static_cast<double>(in.take<std::uint8_t>()) / 10.0;
            last = f;
        }
        fixes.push_back(f);
    }
    return fixes;
}

void checkThinned(const std::vector<walk::Fix>& input, const walk::ThinnedTrack& t,
                  const walk::ThinningRules& rules) {
    fuzz::require(!t.fixes.empty() && t.fixes.size() <= rules.maxPoints, "within the cap");
    fuzz::require(t.fixes.front().tMs == input.front().tMs &&
                      t.fixes.back().tMs == input.back().tMs,
                  "the first and last fix are kept");
    std::size_t k = 0;
    for (const walk::Fix& f : input)
        if (k < t.fixes.size() && f.tMs == t.fixes[k].tMs && f.lat == t.fixes[k].lat &&
            f.lon == t.fixes[k].lon)
            ++k;
    fuzz::require(k == t.fixes.size(), "thinned fixes are a subsequence of the input");
    const double deviation = walk::maxDeviationM(input, t.fixes);
    fuzz::require(deviation <= t.toleranceM * (1 + 1e-9) + 1e-6, "within the tolerance");
    const auto stored = walk::storedTrack(t, rules.recorder);
    fuzz::require(walk::storedGaps(stored).size() == t.gapsAfter.size(),
                  "the stored gaps are the thinned ones");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    if (size < 2)
        return 0;
    Reader in(data, size);
    const unsigned char mode = in.take<unsigned char>();
    walk::ThinningRules rules;
    rules.maxPoints = 2 + in.take<unsigned char>() % 64;
    rules.perObservation = 1 + mode % 4;
    const std::vector<walk::Fix> fixes = readFixes(in, (mode & 0x80) != 0);

    walk::TrackRecorder recorder;
    std::vector<model::Position> observations;
    for (std::size_t i = 0; i < fixes.size(); ++i) {
        (void)recorder.add(fixes[i]);
        if (i % 50 == 49)
            if (auto p = recorder.positionAt(fixes[i].tMs); p.ok()) {
                fuzz::require(std::isfinite(p->lat) && std::isfinite(p->lon) && p->accuracyM > 0,
                              "an observation position is a position");
                observations.push_back(*p);
            }
    }
    const auto& kept = recorder.keptFixes();
    for (std::size_t i = 0; i < kept.size(); ++i) {
        fuzz::require(kept[i].valid && std::isfinite(kept[i].lat) && std::isfinite(kept[i].lon),
                      "kept fixes are positions");
        fuzz::require(i == 0 || kept[i].tMs > kept[i - 1].tMs, "kept fixes in time order");
    }
    fuzz::require(std::isfinite(recorder.lengthM()) && recorder.lengthM() >= 0, "a length");
    const double again = walk::recordedLengthM(kept);
    fuzz::require(std::fabs(again - recorder.lengthM()) <= 1e-6 * (1 + recorder.lengthM()),
                  "the kept fixes record the same length again");
    fuzz::require(recorder.keptCount() + recorder.droppedCount() == fixes.size(),
                  "every fix is kept or dropped");

    if (!kept.empty())
        if (auto thinned = walk::thinTrack(kept, observations, rules); thinned.ok())
            checkThinned(kept, *thinned, rules);
    if (!fixes.empty())
        if (auto thinned = walk::thinTrack(fixes, observations, rules); thinned.ok())
            checkThinned(fixes, *thinned, rules);
    return 0;
}
