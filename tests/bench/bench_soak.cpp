// Soak: a steady push load on the real td-sync-server binary for minutes, with hostile noise
// alongside, while the server process is watched. Each of --devices simulated officer devices
// has its own enrolled token and its own 127.0.x.y source address and pushes on a fixed
// schedule (open loop: --rate pushes per second in all), a mix of
//   response batches (1-8 responses)                      expected: every record stored
//   a dialogue with responses                              expected: every record stored
//   a safety walk with its observations                    expected: every record stored
//   a retry of the device's previous batch                 expected: every record duplicate
//   responses with one invalid among them                  expected: that one rejected
// Alongside: slow-loris connections that trickle a header a byte every two seconds, silent
// connections that send nothing, oversize bodies (413) and oversize headers (431), each from
// addresses of their own. Every few seconds the server's RSS, open file descriptors and the
// push latency are printed; at the end the success rate, p50/p99 and how RSS moved after the
// warm-up. Exit status 0 only when every push got exactly the expected answer.
//
//   bench_soak [--seconds 600] [--rate 500] [--devices 200] [--slow 40] [--silent 20]
//              [--oversize-per-second 2] [--warmup 60] [--server-threads 8]

#include "../server/fixtures.hpp"
#include "../server/http_client.hpp"
#include "../server/server_process.hpp"
#include "../sync/synthetic_records.hpp"

#include <algorithm>
#include <atomic>
#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <signal.h>
#include <string>
#include <thread>
#include <vector>

using namespace td::test;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    int seconds = 600;
    double rate = 500;
    std::size_t devices = 200;
    std::size_t slow = 40;
    std::size_t silent = 20;
    double oversizePerSecond = 2;
    int warmup = 60;
    std::size_t serverThreads = 8;
};

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Server process figures from /proc.
long rssKiB(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

long openFds(int pid) {
    long n = 0;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        ++n;
    return n;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// What the server must answer for each record of a push.
struct Push {
    std::string body;
    std::vector<std::string> expected; // per record: stored, duplicate or rejected
    std::size_t responses = 0;
};

class Device {
public:
    Device(std::size_t index, std::uint64_t seed, const td::model::WalkChecklist& checklist)
        : m_index(index)
        , m_rng(seed)
        , m_checklist(checklist) {}

    Push next() {
        const int draw = static_cast<int>(m_rng() % 100);
        if (draw < 10 && !m_last.body.empty()) { // the acknowledgement was lost: resend
            Push retry = m_last;
            for (std::string& e : retry.expected)
                if (e == "stored")
                    e = "duplicate"; // a rejected record stays rejected
            retry.responses = 0;
            return retry;
        }
        Push p;
        std::vector<std::string> records;
        auto addResponses = [&](std::size_t n) {
            for (std::size_t i = 0; i < n; ++i) {
                const std::string id = newRecordId();
                auto r =
                    makeResponse(vindelnSurvey(), kCampaignId, id, static_cast<unsigned>(m_rng()));
                records.push_back(pushRecordJson("response", id, 1, td::model::toJsonText(r)));
                p.expected.emplace_back("stored");
                ++p.responses;
            }
        };
        if (draw < 80) {
            addResponses(1 + m_rng() % 8);
        } else if (draw < 88) {
            const std::string id = newRecordId();
            records.push_back(pushRecordJson("dialogue", id, 1, bodyOf(syntheticDialogue(id))));
            p.expected.emplace_back("stored");
            addResponses(1 + m_rng() % 4);
        } else if (draw < 95) {
            const std::string walkId = newRecordId();
            records.push_back(
                pushRecordJson("safety_walk", walkId, 1, bodyOf(syntheticWalk(walkId))));
            p.expected.emplace_back("stored");
            for (std::size_t i = 0, n = 1 + m_rng() % 3; i < n; ++i) {
                const std::string id = newRecordId();
                records.push_back(pushRecordJson(
                    "observation", id, 1, bodyOf(syntheticObservation(id, walkId, m_checklist))));
                p.expected.emplace_back("stored");
            }
        } else {
            addResponses(1 + m_rng() % 3);
            const std::string id = newRecordId();
            auto bad = makeResponse(vindelnSurvey(), kCampaignId, id, 1);
            bad.answers["q_trygg_dag"] = std::int64_t{99}; // outside the scale
            records.push_back(pushRecordJson("response", id, 1, td::model::toJsonText(bad)));
            p.expected.emplace_back("rejected");
        }
        p.body = pushBody(records);
        m_last = p;
        return p;
    }

    std::size_t index() const { return m_index; }

private:
    std::size_t m_index;
    std::mt19937_64 m_rng;
    const td::model::WalkChecklist& m_checklist;
    Push m_last;
};

struct Stats {
    std::mutex mutex;
    std::vector<double> latencies;       // all pushes, ms
    std::vector<double> windowLatencies; // since the last report
    std::size_t pushes = 0, ok = 0, responses = 0;
    std::vector<std::string> failures; // the first few, for the report
    std::size_t failureCount = 0;

    void record(double ms, bool success, std::size_t stored, const std::string& why) {
        std::lock_guard lock(mutex);
        ++pushes;
        latencies.push_back(ms);
        windowLatencies.push_back(ms);
        if (success) {
            ++ok;
            responses += stored;
        } else {
            ++failureCount;
            if (failures.size() < 10)
                failures.push_back(why);
        }
    }
};

bool answerAsExpected(const ClientResponse& res, const Push& push, std::string& why) {
    if (res.status != 200) {
        why = "HTTP " + std::to_string(res.status) + " " + res.body.substr(0, 200);
        return false;
    }
    boost::system::error_code ec;
    auto v = boost::json::parse(res.body, ec);
    if (ec || !v.is_object() || !v.as_object().contains("results")) {
        why = "unreadable answer";
        return false;
    }
    const auto& results = v.at("results").as_array();
    if (results.size() != push.expected.size()) {
        why = "wrong number of results";
        return false;
    }
    for (std::size_t i = 0; i < results.size(); ++i)
        if (results[i].at("status").as_string() != push.expected[i]) {
            why = "record " + std::to_string(i) + ": " +
                  std::string(results[i].at("status").as_string()) + " instead of " +
                  push.expected[i];
            return false;
        }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const double v = std::stod(argv[i + 1]);
        if (flag == "--seconds")
            o.seconds = static_cast<int>(v);
        else if (flag == "--rate")
            o.rate = v;
        else if (flag == "--devices")
            o.devices = static_cast<std::size_t>(v);
        else if (flag == "--slow")
            o.slow = static_cast<std::size_t>(v);
        else if (flag == "--silent")
            o.silent = static_cast<std::size_t>(v);
        else if (flag == "--oversize-per-second")
            o.oversizePerSecond = v;
        else if (flag == "--warmup")
            o.warmup = static_cast<int>(v);
        else if (flag == "--server-threads")
            o.serverThreads = static_cast<std::size_t>(v);
        else {
            std::fprintf(stderr, "unknown option %s\n", flag.c_str());
            return 2;
        }
    }
    signal(SIGPIPE, SIG_IGN);

    TempDir dir;
    if (!createCoordinator(dir.file("server.db"))) {
        std::fprintf(stderr, "cannot create the coordinator\n");
        return 1;
    }
    // The server as shipped, apart from the thread count: default limits throughout.
    ServerProcess server(dir.file("server.db"), {"--threads", std::to_string(o.serverThreads)},
                         dir.file("server.log"));
    if (!server.started()) {
        std::fprintf(stderr, "the server did not start\n");
        return 1;
    }
    Tokens tokens = bootstrap(server.address());
    const auto checklist = loadChecklist();

    // Each device enrols from its own address with a code of its own.
    std::vector<std::string> deviceTokens(o.devices);
    {
        HttpClient coordinator(server.address());
        coordinator.setToken(tokens.coordinator);
        for (std::size_t d = 0; d < o.devices; ++d) {
            auto code = coordinator.post("/api/v1/enrolment-codes", R"({"role":"officer"})");
            HttpClient device(server.address());
            device.setSourceAddress(loopbackHost(d));
            auto enrolled = device.post("/api/v1/devices/enrol",
                                        R"({"code":")" + jsonString(code.body, "/code") + "\"}");
            if (enrolled.status != 201) {
                std::fprintf(stderr, "device %zu did not enrol: %s\n", d, enrolled.body.c_str());
                return 1;
            }
            deviceTokens[d] = jsonString(enrolled.body, "/token");
        }
    }
    std::printf("soak: %zu devices, %.0f pushes/s for %d s, %zu slow-loris, %zu silent, "
                "%.1f oversize/s; server pid %d\n",
                o.devices, o.rate, o.seconds, o.slow, o.silent, o.oversizePerSecond, server.pid());
    std::fflush(stdout);

    Stats stats;
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> slowDropped{0}, silentDropped{0}, oversizeOk{0}, oversizeOther{0};
    const auto start = Clock::now();
    const auto end = start + std::chrono::seconds(o.seconds);
    const auto period = std::chrono::duration<double>(static_cast<double>(o.devices) / o.rate);

    std::vector<std::thread> threads;
    for (std::size_t d = 0; d < o.devices; ++d)
        threads.emplace_back([&, d] {
            Device device(d, 1000 + d, checklist);
            HttpClient client(server.address());
            client.setSourceAddress(loopbackHost(d));
            client.setToken(deviceTokens[d]);
            // Spread the devices evenly over one period.
            auto due =
                start + std::chrono::duration_cast<Clock::duration>(
                            period * (static_cast<double>(d) / static_cast<double>(o.devices)));
            while (!stop) {
                std::this_thread::sleep_until(due);
                if (Clock::now() >= end)
                    break;
                Push push = device.next();
                const auto t0 = Clock::now();
                auto res = client.post("/api/v1/sync/push", push.body);
                std::string why;
                const bool ok = answerAsExpected(res, push, why);
                stats.record(msSince(t0), ok, push.responses, why);
                due += std::chrono::duration_cast<Clock::duration>(period);
                if (due < Clock::now() - std::chrono::seconds(2))
                    due = Clock::now(); // fell far behind: do not burst to catch up
            }
        });
    // Slow loris: a header trickled a byte every two seconds until the server gives up.
    for (std::size_t s = 0; s < o.slow; ++s)
        threads.emplace_back([&, s] {
            const std::string header =
                "POST /api/v1/sync/push HTTP/1.1\r\nHost: soak\r\nX-Slow: "
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
            while (!stop) {
                HttpClient c(server.address());
                c.setSourceAddress(loopbackHost(1000 + s % 8));
                if (!c.connect())
                    continue;
                for (std::size_t i = 0; i < header.size() && !stop; ++i) {
                    if (!c.sendRaw(header.substr(i, 1)) || c.closedByPeer(2000)) {
                        ++slowDropped;
                        break;
                    }
                }
            }
        });
    // Silent connections: opened, never written to.
    for (std::size_t s = 0; s < o.silent; ++s)
        threads.emplace_back([&, s] {
            while (!stop) {
                HttpClient c(server.address());
                c.setSourceAddress(loopbackHost(1100 + s % 4));
                if (!c.connect())
                    continue;
                while (!stop && !c.closedByPeer(1000)) {
                }
                if (!stop)
                    ++silentDropped;
            }
        });
    // Oversize: a body over --max-body-bytes (413) and a header over --max-header-bytes (431).
    if (o.oversizePerSecond > 0)
        threads.emplace_back([&] {
            HttpClient c(server.address());
            c.setSourceAddress(loopbackHost(1200));
            const std::string auth = "Authorization: Bearer " + tokens.officer + "\r\n";
            // A body announced at 9 MiB (over the 8 MiB default), its first bytes sent.
            const std::string bigBody =
                "POST /api/v1/sync/push HTTP/1.1\r\nHost: soak\r\n" + auth +
                "Content-Type: application/json\r\nContent-Length: " + std::to_string(9 << 20) +
                "\r\n\r\n{\"records\":[";
            const std::string bigHeader = "GET /api/v1/sync/pull HTTP/1.1\r\nHost: soak\r\n" +
                                          auth + "X-Padding: " + std::string(20000, 'p') +
                                          "\r\n\r\n";
            bool header = false;
            while (!stop) {
                std::this_thread::sleep_for(
                    std::chrono::duration<double>(1.0 / o.oversizePerSecond));
                ClientResponse res = c.raw(header ? bigHeader : bigBody);
                ((res.status == (header ? 431 : 413)) ? oversizeOk : oversizeOther)++;
                header = !header;
            }
        });

    // The watch: every 5 s.
    struct Sample {
        double t;
        long rss;
        long fds;
    };
    std::vector<Sample> samples;
    std::printf("%6s %8s %10s %9s %9s %8s %6s\n", "t/s", "pushes", "resp/s", "p50/ms", "p99/ms",
                "RSS/MiB", "fds");
    std::size_t lastResponses = 0;
    auto lastT = Clock::now();
    while (Clock::now() < end) {
        std::this_thread::sleep_for(std::chrono::seconds(5));
        std::vector<double> window;
        std::size_t pushes, responses;
        {
            std::lock_guard lock(stats.mutex);
            window.swap(stats.windowLatencies);
            pushes = stats.pushes;
            responses = stats.responses;
        }
        const double t = std::chrono::duration<double>(Clock::now() - start).count();
        const double dt = std::chrono::duration<double>(Clock::now() - lastT).count();
        lastT = Clock::now();
        const long rss = rssKiB(server.pid());
        const long fds = openFds(server.pid());
        samples.push_back({t, rss, fds});
        std::printf("%6.0f %8zu %10.0f %9.1f %9.1f %8.1f %6ld\n", t, pushes,
                    static_cast<double>(responses - lastResponses) / dt, percentile(window, 0.5),
                    percentile(window, 0.99), static_cast<double>(rss) / 1024.0, fds);
        std::fflush(stdout);
        lastResponses = responses;
    }
    stop = true;
    for (auto& t : threads)
        t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const long fdsAtEnd = openFds(server.pid());
    const int exitStatus = server.stop(SIGTERM);

    // RSS after the warm-up: first, last, highest; and the fit's slope in MiB per minute.
    double first = 0, last = 0, highest = 0, n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    long fdMin = 1 << 30, fdMax = 0;
    for (const Sample& s : samples) {
        fdMin = std::min(fdMin, s.fds);
        fdMax = std::max(fdMax, s.fds);
        if (s.t < o.warmup)
            continue;
        const double mib = static_cast<double>(s.rss) / 1024.0;
        if (n == 0)
            first = mib;
        last = mib;
        highest = std::max(highest, mib);
        n += 1;
        sx += s.t;
        sy += mib;
        sxx += s.t * s.t;
        sxy += s.t * mib;
    }
    const double slope = n > 1 ? (n * sxy - sx * sy) / (n * sxx - sx * sx) * 60.0 : 0;

    std::lock_guard lock(stats.mutex);
    const double success =
        stats.pushes ? 100.0 * static_cast<double>(stats.ok) / static_cast<double>(stats.pushes)
                     : 0;
    std::printf("\npushes: %zu in %.0f s (%.1f/s), %zu responses stored (%.0f/s)\n", stats.pushes,
                elapsed, static_cast<double>(stats.pushes) / elapsed, stats.responses,
                static_cast<double>(stats.responses) / elapsed);
    std::printf("success: %.4f %% (%zu failed)\n", success, stats.failureCount);
    for (const auto& f : stats.failures)
        std::printf("  failure: %s\n", f.c_str());
    std::printf("latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                percentile(stats.latencies, 0.5), percentile(stats.latencies, 0.99),
                percentile(stats.latencies, 1.0));
    std::printf("RSS after %d s warm-up: %.1f MiB first, %.1f MiB last, %.1f MiB highest, "
                "slope %+.2f MiB/min\n",
                o.warmup, first, last, highest, slope);
    std::printf("open fds: %ld to %ld while running, %ld at the end\n", fdMin, fdMax, fdsAtEnd);
    std::printf("noise: %zu slow-loris and %zu silent connections dropped by the server, "
                "%zu oversize requests refused as expected, %zu otherwise\n",
                slowDropped.load(), silentDropped.load(), oversizeOk.load(), oversizeOther.load());
    std::printf("server exit status: %d\n", exitStatus);
    return stats.failureCount == 0 && stats.pushes > 0 && exitStatus == 0 ? 0 : 1;
}
