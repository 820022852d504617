// Lägesbild benchmark: ingest N synthetic responses (demo generator, two waves) into the
// columnar PictureData, then time the full filtered picture. Prints the curve for 10k, 100k
// and 1M responses (or the sizes given as arguments). The rank bootstrap is cached per data
// version and filter, so the picture is timed with it cached; the bootstrap is timed on its own
// (the first picture of a filter pays it once).

#include "td/demo/generator.hpp"
#include "td/picture/bootstrap.hpp"
#include "td/picture/compute.hpp"
#include "td/picture/picture_json.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

template <class F> double medianMs(int runs, F&& f) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        f();
        times.push_back(msSince(t0));
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    auto options = td::demo::loadDemoOptions(std::string(TD_SOURCE_DIR) + "/shared/content",
                                             std::string(TD_SOURCE_DIR) + "/data/vindeln.json");
    if (!options.ok()) {
        std::fprintf(stderr, "cannot load demo inputs: %s\n", options.error().describe().c_str());
        return 1;
    }
    std::vector<std::size_t> sizes{10'000, 100'000, 1'000'000};
    if (argc > 1) {
        sizes.clear();
        for (int i = 1; i < argc; ++i)
            sizes.push_back(static_cast<std::size_t>(std::strtoull(argv[i], nullptr, 10)));
    }
    td::demo::DemoOptions small = *options;
    small.responsesPerWave = 0;
    const td::demo::DemoData extras = td::demo::generate(1, small);

    std::printf("%10s %12s %14s %12s %12s %12s %12s %10s\n", "responses", "ingest_ms",
                "ingest_us/resp", "scan_ms", "full_ms", "locality_ms", "dates_ms", "full/scan");
    for (std::size_t n : sizes) {
        td::picture::PictureData data(options->population);
        data.setPlaces(options->places);
        for (const auto& s : extras.surveys)
            (void)data.addSurvey(s);
        for (const auto& c : extras.campaigns)
            (void)data.addCampaign(c);
        for (const auto& d : extras.dialogues)
            data.addDialogue(d);
        for (const auto& w : extras.walks)
            data.addSafetyWalk(w);
        for (const auto& o : extras.observations)
            data.addObservation(o);

        // Generation is not timed; ingestion (decode into columns) is.
        volatile std::uint64_t sink = 0;
        double ingestMs = 0.0;
        for (std::size_t wave = 0; wave < options->years.size(); ++wave) {
            td::demo::ResponseStream stream(99, *options, wave);
            const std::size_t count = n / options->years.size();
            std::vector<td::model::Response> batch;
            for (std::size_t done = 0; done < count;) {
                batch.clear();
                for (std::size_t i = 0; i < 10'000 && done < count; ++i, ++done)
                    batch.push_back(stream.next());
                const auto t0 = Clock::now();
                for (const auto& r : batch)
                    if (!data.addResponse(r).ok())
                        return 2;
                ingestMs += msSince(t0);
            }
        }

        td::picture::PictureFilter full;
        full.campaignId = td::demo::surveyCampaignId(options->years.back());
        full.compareToCampaignId = td::demo::surveyCampaignId(options->years.front());
        td::picture::PictureFilter local = full;
        local.locality = "vindeln";
        td::picture::PictureFilter dates = full;
        dates.from = std::to_string(options->years.back()) + "-03-10";
        dates.to = std::to_string(options->years.back()) + "-04-10";

        // Extra ingestion cost of the incremental aggregates: replay the same counter updates
        // (one per answered question and respondent) into a fresh table of the same shape.
        double aggregateNsPerResponse = 0.0;
        {
            const std::size_t slots = data.strataCount() * td::picture::kCodeSlots;
            const auto& columns = data.questions();
            std::vector<std::vector<std::uint32_t>> replay(data.campaigns().size() * columns.size(),
                                                           std::vector<std::uint32_t>(slots, 0));
            const auto& campaigns = data.campaignColumn();
            const auto& strata = data.stratumColumn();
            const auto t0 = Clock::now();
            for (std::size_t r = 0; r < data.respondentCount(); ++r) {
                const std::size_t base = campaigns[r] * columns.size();
                const std::size_t at = strata[r] * td::picture::kCodeSlots;
                for (std::size_t c = 0; c < columns.size(); ++c) {
                    const auto& col = columns[c];
                    if (!col.codes.empty() && col.codes[r] != 0)
                        ++replay[base + c][at + col.codes[r]];
                    else if (!col.masks.empty() && col.masks[r] != 0)
                        ++replay[base + c][at];
                    else if (!col.given.empty() && col.given[r] != 0)
                        ++replay[base + c][at];
                }
            }
            aggregateNsPerResponse = 1e6 * msSince(t0) / static_cast<double>(n);
            std::uint64_t check = 0;
            for (const auto& t : replay)
                check += t[0];
            sink = sink + check;
        }

        // Baseline: one pass over one answer column of every respondent.
        const auto& codes = data.question("q_trygg_kvall")->codes;
        const double scanMs = medianMs(5, [&] {
            std::uint64_t s = 0;
            for (std::uint8_t c : codes)
                s += c;
            sink = sink + s;
        });
        auto run = [&](const td::picture::PictureFilter& f) {
            return medianMs(5, [&] {
                if (!td::picture::computePicture(data, f).ok())
                    std::exit(3);
            });
        };
        // The first picture of each filter also runs (and caches) the rank bootstrap.
        const auto first = Clock::now();
        const auto picture = td::picture::computePicture(data, full);
        const double firstMs = msSince(first);
        for (const auto* f : {&local, &dates})
            if (!td::picture::computePicture(data, *f).ok())
                return 3;
        const double bootstrapMs = medianMs(3, [&] {
            if (!td::picture::bootstrapRanks(data, full.campaignId).ok())
                std::exit(4);
        });
        std::size_t jsonBytes = 0;
        const double jsonMs = medianMs(
            5, [&] { jsonBytes = boost::json::serialize(td::picture::toJson(*picture)).size(); });
        const double fullMs = run(full);
        const double localMs = run(local);
        const double datesMs = run(dates);
        std::printf("%10zu %12.1f %14.2f %12.3f %12.2f %12.2f %12.2f %10.0f\n", n, ingestMs,
                    1000.0 * ingestMs / static_cast<double>(n), scanMs, fullMs, localMs, datesMs,
                    fullMs / std::max(scanMs, 1e-6));
        std::fflush(stdout);
        std::printf("%10s JSON encoding %.2f ms (%zu bytes); %zu place mentions; aggregate "
                    "update ~%.0f ns/response\n",
                    "", jsonMs, jsonBytes, data.placeMentions().size(), aggregateNsPerResponse);
        std::printf("%10s rank bootstrap (%d replicates, uncached) %.1f ms; first picture with "
                    "it %.1f ms\n",
                    "", td::picture::BootstrapOptions{}.replicates, bootstrapMs, firstMs);
        std::fflush(stdout);
    }
    return 0;
}
