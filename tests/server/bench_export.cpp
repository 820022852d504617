// Benchmark (label `benchmark`): the streamed response CSV against the same CSV built whole in
// memory, at 1k and 20k responses — peak live heap bytes during the export (counted by
// replacing operator new/delete in this executable) and rows per second.
#include "api_harness.hpp"
#include "export_reference.hpp"
#include "fixtures.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <new>

namespace {

std::atomic<std::int64_t> g_live{0};
std::atomic<std::int64_t> g_peak{0};

void* counted(std::size_t n) {
    void* p = std::malloc(n ? n : 1);
    if (!p)
        throw std::bad_alloc();
    const auto now = g_live += static_cast<std::int64_t>(malloc_usable_size(p));
    auto peak = g_peak.load();
    while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
    }
    return p;
}

void release(void* p) noexcept {
    if (!p)
        return;
    g_live -= static_cast<std::int64_t>(malloc_usable_size(p));
    std::free(p);
}

} // namespace

void* operator new(std::size_t n) {
    return counted(n);
}
void* operator new[](std::size_t n) {
    return counted(n);
}
void operator delete(void* p) noexcept {
    release(p);
}
void operator delete[](void* p) noexcept {
    release(p);
}
void operator delete(void* p, std::size_t) noexcept {
    release(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    release(p);
}

using namespace td;

namespace {

struct Figure {
    std::int64_t peakBytes = 0;
    double rowsPerSecond = 0;
    std::size_t bytes = 0;
};

template <class Run> Figure measure(std::size_t rows, Run&& run) {
    const auto base = g_live.load();
    g_peak = base;
    const auto start = std::chrono::steady_clock::now();
    const std::size_t bytes = run();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return {g_peak.load() - base, static_cast<double>(rows) / seconds, bytes};
}

} // namespace

TEST_CASE("streamed CSV export against the in-memory export", "[benchmark]") {
    std::printf("%8s %22s %22s %14s %14s\n", "rows", "in-memory peak bytes", "streamed peak bytes",
                "in-memory r/s", "streamed r/s");
    for (std::size_t n : {std::size_t{1000}, std::size_t{20000}}) {
        test::ApiHarness h;
        h.seedContent();
        const std::string officer = h.tokenFor(server::Role::Officer);
        const std::string coordinator = h.tokenFor(server::Role::Coordinator);
        for (std::size_t done = 0; done < n; done += 500) {
            auto records = test::responseRecords(500, nullptr, static_cast<unsigned>(done + 1));
            REQUIRE(h.call("POST", "/api/v1/sync/push", test::pushBody(records), officer).status ==
                    200);
        }
        Figure memory = measure(n, [&] {
            auto csv = test::referenceResponsesCsv(*h.store, test::kCampaignId, false);
            REQUIRE(csv);
            return csv->size();
        });
        Figure streamed = measure(n, [&] {
            server::HttpRequest req;
            req.method = "GET";
            req.path = "/api/v1/export/responses.csv";
            req.query = std::string("campaign=") + test::kCampaignId;
            req.headers.emplace_back("authorization", "Bearer " + coordinator);
            auto res = h.api->handle(std::move(req));
            REQUIRE(res.producer);
            std::size_t total = res.body.size();
            std::string piece;
            while (true) { // as the socket layer does: one piece at a time, then dropped
                piece.clear();
                auto r = res.producer(piece);
                REQUIRE(r != server::ChunkResult::Failed);
                total += piece.size();
                if (r == server::ChunkResult::Done)
                    break;
            }
            return total;
        });
        CHECK(streamed.bytes == memory.bytes);
        std::printf("%8zu %22lld %22lld %14.0f %14.0f\n", n,
                    static_cast<long long>(memory.peakBytes),
                    static_cast<long long>(streamed.peakBytes), memory.rowsPerSecond,
                    streamed.rowsPerSecond);
        std::printf("         streamed/in-memory: peak %.3f, throughput %.3f\n",
                    static_cast<double>(streamed.peakBytes) / static_cast<double>(memory.peakBytes),
                    streamed.rowsPerSecond / memory.rowsPerSecond);
    }
}
