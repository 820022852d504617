// Push batches sized to the link (BatchSizer), and the pipelined push of SyncClient::syncOnce:
// the next batch holds only entries after the one whose answer is being stored.
#include "service_transport.hpp"
#include "sync_fixture.hpp"
#include "td/sync/batch_sizer.hpp"
#include "td/sync/sync_client.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <mutex>
#include <set>

using namespace td;
using namespace td::sync;
using namespace std::chrono_literals;

TEST_CASE("batches grow towards what the link carries in the target time", "[batch_sizer]") {
    BatchSizing sizing; // 8 s target, 128 KiB first, 4 KiB – 4 MiB
    BatchSizer sizer(sizing);
    CHECK(sizer.budgetBytes() == 128 * 1024);
    // 128 KiB in 16 s: 8 KiB/s, so 64 KiB fits in 8 s.
    sizer.recordSuccess(128 * 1024, 16'000ms);
    CHECK(sizer.throughput() == Approx(8192));
    CHECK(sizer.budgetBytes() == 64 * 1024);
    // A fast link: at most a doubling per success, up to the largest batch.
    std::size_t last = sizer.budgetBytes();
    for (int i = 0; i < 12; ++i) {
        sizer.recordSuccess(sizer.budgetBytes(), 10ms);
        CHECK(sizer.budgetBytes() <= 2 * last);
        last = sizer.budgetBytes();
    }
    CHECK(sizer.budgetBytes() == sizing.maxBytes);
}

TEST_CASE("a cut quarters the batch, down to the smallest", "[batch_sizer]") {
    BatchSizer sizer(BatchSizing{});
    sizer.recordCut();
    CHECK(sizer.budgetBytes() == 32 * 1024);
    for (int i = 0; i < 10; ++i)
        sizer.recordCut();
    CHECK(sizer.budgetBytes() == 4 * 1024);
    // Small batches (under half the budget) say nothing of the link: the budget only doubles.
    sizer.recordSuccess(100, 60'000ms);
    CHECK(sizer.throughput() == 0);
    CHECK(sizer.budgetBytes() == 8 * 1024);
}

TEST_CASE("with no target time every batch may use the largest size", "[batch_sizer]") {
    BatchSizing fixed;
    fixed.targetRequestTime = 0ms;
    BatchSizer sizer(fixed);
    CHECK(sizer.budgetBytes() == fixed.maxBytes);
    sizer.recordCut();
    sizer.recordSuccess(fixed.maxBytes, 100'000ms);
    CHECK(sizer.budgetBytes() == fixed.maxBytes);
}

namespace {

// Records the ids each push carried and the order the pushes began in.
class RecordingTransport : public SyncTransport {
public:
    explicit RecordingTransport(test::ServiceTransport& inner)
        : m_inner(inner) {}
    TransportReply post(std::string_view path, std::string_view body) override {
        std::vector<std::string> ids;
        const auto request = boost::json::parse(body);
        for (const auto& r : request.at("records").as_array())
            ids.emplace_back(r.at("id").as_string());
        bool lose = false;
        {
            std::lock_guard lock(mutex);
            batches.push_back(ids);
            lose = batches.size() == loseAnswerOf;
        }
        TransportReply reply = m_inner.post(path, body);
        if (lose) // the server stored it; the device never hears so
            return TransportReply{0, "", "connection reset"};
        return reply;
    }
    TransportReply get(std::string_view pathAndQuery) override { return m_inner.get(pathAndQuery); }
    std::mutex mutex;
    std::vector<std::vector<std::string>> batches;
    std::size_t loseAnswerOf = 0; ///< 1-based; 0: none

private:
    test::ServiceTransport& m_inner;
};

} // namespace

TEST_CASE("pipelined pushes carry every record once, in outbox order", "[sync_client]") {
    test::ServiceFixture server;
    test::TempDir dir;
    auto device = store::DeviceStore::open(dir.file("device.db")).value();
    std::vector<std::string> order;
    for (std::uint64_t n = 1; n <= 57; ++n) {
        const PushRecord r = server.responseRecord(n);
        REQUIRE(device.submit(store::LocalRecord{r.kind, r.id, r.rev, r.hlc, r.body}));
        order.push_back(r.id);
    }
    test::ServiceTransport inner(*server.service, Principal{Role::Officer, "tablet-1", {}});
    RecordingTransport transport(inner);
    ClientLimits limits;
    limits.maxBatchRecords = 5;
    SyncClient client(device, limits);
    auto summary = client.syncOnce(transport);
    REQUIRE(summary);
    CHECK(summary->acked == 57);
    CHECK(summary->pushRequests == 12);
    std::vector<std::string> sent;
    for (const auto& batch : transport.batches)
        sent.insert(sent.end(), batch.begin(), batch.end());
    CHECK(sent == order); // each once: none in two batches, none skipped
    CHECK(device.pendingCount().value() == 0);
    CHECK(server.store->countRecords("response").value() == 57);
}

TEST_CASE("a lost answer in a pipelined run resends only what was not acknowledged",
          "[sync_client]") {
    test::ServiceFixture server;
    test::TempDir dir;
    auto device = store::DeviceStore::open(dir.file("device.db")).value();
    for (std::uint64_t n = 1; n <= 20; ++n) {
        const PushRecord r = server.responseRecord(n);
        REQUIRE(device.submit(store::LocalRecord{r.kind, r.id, r.rev, r.hlc, r.body}));
    }
    test::ServiceTransport inner(*server.service, Principal{Role::Officer, "tablet-1", {}});
    RecordingTransport transport(inner);
    ClientLimits limits;
    limits.maxBatchRecords = 4;
    SyncClient client(device, limits);
    // Two batches answered, the third stored by the server but its answer lost.
    transport.loseAnswerOf = 3;
    auto cut = client.syncOnce(transport);
    REQUIRE_FALSE(cut);
    CHECK(cut.error().code == "network_error");
    REQUIRE(transport.batches.size() == 3); // nothing was sent ahead of an answer that failed
    CHECK(device.pendingCount().value() == 12);
    CHECK(server.store->countRecords("response").value() == 12);
    std::set<std::string> acked(transport.batches[0].begin(), transport.batches[0].end());
    acked.insert(transport.batches[1].begin(), transport.batches[1].end());

    transport.batches.clear();
    transport.loseAnswerOf = 0;
    auto resumed = client.syncOnce(transport);
    REQUIRE(resumed);
    CHECK(resumed->acked == 12); // the lost batch's four as duplicates, then the rest
    std::size_t resent = 0;
    for (const auto& batch : transport.batches)
        for (const auto& id : batch) {
            CHECK(acked.count(id) == 0);
            ++resent;
        }
    CHECK(resent == 12);
    CHECK(device.pendingCount().value() == 0);
    CHECK(server.store->countRecords("response").value() == 20);
}
