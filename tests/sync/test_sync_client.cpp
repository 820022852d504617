#include "../store/database_files.hpp"
#include "service_transport.hpp"
#include "sync_fixture.hpp"
#include "td/sync/backoff.hpp"
#include "td/sync/sync_client.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <filesystem>

using namespace td;
using namespace td::sync;
using td::test::ServiceFixture;
using td::test::ServiceTransport;

namespace {

const Principal kOfficer{Role::Officer, std::string("tablet-1"), std::nullopt};

struct Device {
    Device() {
        auto opened = store::DeviceStore::open(dir.file("device.db"));
        REQUIRE(opened.ok());
        store = std::make_unique<store::DeviceStore>(std::move(opened).value());
    }
    void submit(const PushRecord& r) {
        REQUIRE(store->submit(store::LocalRecord{r.kind, r.id, r.rev, r.hlc, r.body}).ok());
    }
    std::int64_t pending() { return store->pendingCount().value(); }

    test::TempDir dir;
    std::unique_ptr<store::DeviceStore> store;
};

} // namespace

TEST_CASE("outbox records are pushed, acknowledged, and the pull brings the survey",
          "[sync_client]") {
    ServiceFixture server;
    Device device;
    for (std::uint64_t n = 1; n <= 5; ++n)
        device.submit(server.responseRecord(n));
    REQUIRE(device.pending() == 5);

    ServiceTransport transport(*server.service, kOfficer);
    SyncClient client(*device.store);
    auto summary = client.syncOnce(transport);
    REQUIRE(summary.ok());
    CHECK(summary->acked == 5);
    CHECK(summary->pushRequests == 1);
    CHECK(device.pending() == 0);
    CHECK(device.store->rejected().value().empty());
    CHECK(server.store->countRecords("response").value() == 5);

    auto surveys = device.store->recordsOfKind("survey");
    REQUIRE(surveys.ok());
    REQUIRE(surveys->size() == 1);
    auto survey = model::fromJsonText<model::Survey>((*surveys)[0].body);
    REQUIRE(survey.ok());
    CHECK(*survey == server.survey);
    CHECK(device.store->recordsOfKind("campaign").value().size() == 1);
    auto state = device.store->syncState();
    REQUIRE(state.ok());
    CHECK_FALSE(state->cursor.empty());
    CHECK(state->lastOutcome == "ok");

    // Nothing new: a second sync pushes nothing and pulls nothing.
    auto again = client.syncOnce(transport);
    REQUIRE(again.ok());
    CHECK(again->pushRequests == 0);
    CHECK(again->pulledStored == 0);
}

TEST_CASE("a sync run leaves none of the acknowledged answers in the device's files",
          "[sync_client]") {
    ServiceFixture server;
    Device device;
    std::vector<std::string> answers;
    for (std::uint64_t n = 1; n <= 3; ++n) {
        const PushRecord record = server.responseRecord(n);
        device.submit(record);
        // The answers as the stored body spells them.
        const auto body = boost::json::parse(record.body);
        answers.push_back(boost::json::serialize(body.at("answers")));
        REQUIRE(record.body.find(answers.back()) != std::string::npos);
    }
    const std::string path = device.dir.file("device.db");
    for (const std::string& a : answers)
        REQUIRE(test::databaseFileBytes(path).find(a) != std::string::npos);

    ServiceTransport transport(*server.service, kOfficer);
    SyncClient client(*device.store);
    REQUIRE(client.syncOnce(transport).ok());
    CHECK(std::filesystem::file_size(path + "-wal") == 0);
    const std::string bytes = test::databaseFileBytes(path);
    for (const std::string& a : answers)
        CHECK(bytes.find(a) == std::string::npos);
    const auto rows = device.store->recordsOfKind("response");
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 3);
    for (const auto& row : *rows)
        CHECK(device.store->isScrubbed(row.id).value());
    // The server has them all, whole.
    CHECK(server.store->countRecords("response").value() == 3);
}

TEST_CASE("rejected records are kept and listed with the server's reason", "[sync_client]") {
    ServiceFixture server;
    Device device;
    auto bad = test::syntheticResponse(server.survey, server.campaignId, 7);
    bad.answers["q_trygg_kvall"] = std::int64_t{42};
    device.submit(PushRecord{"response", bad.id, 1, "h", test::bodyOf(bad)});
    device.submit(server.responseRecord(8));

    ServiceTransport transport(*server.service, kOfficer);
    SyncClient client(*device.store);
    auto summary = client.syncOnce(transport);
    REQUIRE(summary.ok());
    CHECK(summary->acked == 1);
    CHECK(summary->rejected == 1);
    CHECK(device.pending() == 0);
    auto rejected = device.store->rejected();
    REQUIRE(rejected.ok());
    REQUIRE(rejected->size() == 1);
    CHECK((*rejected)[0].id == bad.id);
    CHECK((*rejected)[0].state == store::OutboxState::Rejected);
    CHECK((*rejected)[0].reasonCode == "validation_failed");
    CHECK((*rejected)[0].reason.find("answers.q_trygg_kvall") != std::string::npos);
    CHECK(device.store->record(bad.id).value().has_value()); // the data itself is kept
    CHECK_FALSE(server.store->getRecord("response", bad.id).value().has_value());
}

TEST_CASE("a lost answer is retried and acknowledged without duplicating", "[sync_client]") {
    ServiceFixture server;
    Device device;
    for (std::uint64_t n = 1; n <= 3; ++n)
        device.submit(server.responseRecord(n));
    ServiceTransport transport(*server.service, kOfficer);
    SyncClient client(*device.store);

    transport.loseNextAnswers(1);
    auto lost = client.syncOnce(transport);
    REQUIRE_FALSE(lost.ok());
    CHECK(lost.error().code == "network_error");
    CHECK(isRetryable(lost.error()));
    CHECK(device.pending() == 3);
    CHECK(server.store->countRecords("response").value() == 3); // committed before the loss
    CHECK(device.store->syncState().value().lastOutcome == "network_error");

    transport.failNext(1);
    CHECK(client.syncOnce(transport).error().code == "network_error");
    transport.answerNext(1, 503);
    CHECK(client.syncOnce(transport).error().code == "server_unavailable");
    CHECK(device.pending() == 3);

    auto retried = client.syncOnce(transport);
    REQUIRE(retried.ok());
    CHECK(retried->acked == 3);
    CHECK(device.pending() == 0);
    CHECK(server.store->countRecords("response").value() == 3);
    auto entry = device.store->outboxEntry(1);
    REQUIRE(entry.ok());
    REQUIRE(entry->has_value());
    CHECK((*entry)->state == store::OutboxState::Acked);
    CHECK((*entry)->attempts >= 2);
}

TEST_CASE("an unauthorised device stops without retrying", "[sync_client]") {
    ServiceFixture server;
    Device device;
    device.submit(server.responseRecord(1));
    ServiceTransport transport(*server.service, kOfficer);
    SyncClient client(*device.store);
    transport.answerNext(1, 401);
    auto r = client.syncOnce(transport);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "unauthorized");
    CHECK_FALSE(isRetryable(r.error()));
    CHECK(device.pending() == 1);
}

TEST_CASE("batches are bounded by count, and refused batches are split", "[sync_client]") {
    SyncServiceOptions options;
    options.limits.maxRecordsPerBatch = 4;
    ServiceFixture server(options);
    Device device;
    for (std::uint64_t n = 1; n <= 21; ++n)
        device.submit(server.responseRecord(n));
    ServiceTransport transport(*server.service, kOfficer);

    SECTION("within the server's limit") {
        ClientLimits limits;
        limits.maxBatchRecords = 4;
        SyncClient client(*device.store, limits);
        auto summary = client.syncOnce(transport);
        REQUIRE(summary.ok());
        CHECK(summary->pushRequests == 6);
        CHECK(summary->acked == 21);
    }
    SECTION("over the server's limit: 413, then smaller batches") {
        ClientLimits limits;
        limits.maxBatchRecords = 10;
        SyncClient client(*device.store, limits);
        auto summary = client.syncOnce(transport);
        REQUIRE(summary.ok());
        CHECK(summary->acked == 21);
        CHECK(summary->rejected == 0);
        CHECK(summary->pushRequests > 6);
    }
    CHECK(device.pending() == 0);
    CHECK(server.store->countRecords("response").value() == 21);
}

TEST_CASE("a record the server refuses on its own is rejected locally", "[sync_client]") {
    ServiceFixture server;
    Device device;
    device.submit(server.responseRecord(1));
    device.submit(PushRecord{"response", test::uuidFor(77), 1, "h", "[\"not an object\"]"});
    device.submit(server.responseRecord(2));
    ClientLimits limits;
    SyncClient client(*device.store, limits);
    ServiceTransport transport(*server.service, kOfficer);
    auto summary = client.syncOnce(transport);
    REQUIRE(summary.ok());
    CHECK(summary->acked == 2);
    auto rejected = device.store->rejected().value();
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].id == test::uuidFor(77));
    CHECK(rejected[0].reasonCode == "invalid_body");
}

TEST_CASE("over-large records are rejected locally and never sent", "[sync_client]") {
    ServiceFixture server;
    Device device;
    device.submit(server.responseRecord(1));
    ClientLimits limits;
    limits.maxRecordBytes = 100;
    SyncClient client(*device.store, limits);
    ServiceTransport transport(*server.service, kOfficer);
    auto summary = client.syncOnce(transport);
    REQUIRE(summary.ok());
    CHECK(transport.posts == 0);
    auto rejected = device.store->rejected().value();
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].reasonCode == "record_too_large");
    CHECK(server.store->countRecords("response").value() == 0);
}

TEST_CASE("pull pages until the server has no more", "[sync_client]") {
    ServiceFixture server;
    for (int i = 0; i < 23; ++i)
        server.publish("place_" + std::to_string(i), "place", R"({"n":)" + std::to_string(i) + "}");
    Device device;
    ClientLimits limits;
    limits.pullLimit = 10;
    SyncClient client(*device.store, limits);
    ServiceTransport transport(*server.service, kOfficer);
    auto summary = client.syncOnce(transport);
    REQUIRE(summary.ok());
    CHECK(summary->pullRequests == 3); // 25 changes (survey, campaign, 23 places)
    CHECK(summary->pulledStored == 25);
    CHECK(device.store->recordsOfKind("place").value().size() == 23);

    server.publish("place_3", "place", R"({"n":"moved"})");
    auto next = client.syncOnce(transport);
    REQUIRE(next.ok());
    CHECK(next->pulledStored == 1);
    CHECK(device.store->record("place_3").value()->body == R"({"n":"moved"})");
    CHECK(device.store->record("place_3").value()->rev == 2);
}

TEST_CASE("an unknown cursor restarts the pull from the beginning", "[sync_client]") {
    ServiceFixture server;
    Device device;
    REQUIRE(device.store->applyPulled({}, "c1.zz").ok());
    SyncClient client(*device.store);
    ServiceTransport transport(*server.service, kOfficer);
    CHECK(client.syncOnce(transport).error().code == "protocol_error");
    CHECK(device.store->syncState().value().cursor.empty());
    REQUIRE(client.syncOnce(transport).ok());
    CHECK(device.store->recordsOfKind("survey").value().size() == 1);
}

TEST_CASE("backoff: full jitter below a doubling, capped ceiling", "[backoff]") {
    ManualClock clock(1'000'000);
    double next = 0.999999;
    Backoff backoff(BackoffPolicy{1000, 30'000, 2.0}, clock.clock(), [&] { return next; });
    CHECK(backoff.isDue());
    const std::int64_t expectedCeilings[] = {1000, 2000, 4000, 8000, 16000, 30000, 30000};
    for (std::int64_t ceiling : expectedCeilings) {
        CHECK(backoff.nextCeilingMs() == ceiling);
        const std::int64_t delay = backoff.recordFailure();
        CHECK(delay < ceiling);
        CHECK(delay >= ceiling - 1);
        CHECK_FALSE(backoff.isDue());
        CHECK(backoff.msUntilDue() == delay);
        clock.advance(delay);
        CHECK(backoff.isDue());
    }
    CHECK(backoff.consecutiveFailures() == 7);

    next = 0.0;
    CHECK(backoff.recordFailure() == 0);

    next = 0.5;
    backoff.recordFailure();
    CHECK(backoff.msUntilDue() == 15'000);
    backoff.syncNow(); // "sync now" overrides the wait
    CHECK(backoff.isDue());
    CHECK(backoff.consecutiveFailures() == 9);

    backoff.recordSuccess();
    CHECK(backoff.consecutiveFailures() == 0);
    CHECK(backoff.nextCeilingMs() == 1000);
    CHECK(backoff.isDue());
}

TEST_CASE("backoff with a real random source stays within bounds and spreads out", "[backoff]") {
    ManualClock clock(0);
    Backoff backoff(BackoffPolicy{1000, 8000, 2.0}, clock.clock(), makeUniformRandom(42));
    std::int64_t minDelay = 1'000'000, maxDelay = 0;
    for (int round = 0; round < 200; ++round) {
        for (int i = 0; i < 6; ++i) {
            const std::int64_t ceiling = backoff.nextCeilingMs();
            const std::int64_t delay = backoff.recordFailure();
            REQUIRE(delay >= 0);
            REQUIRE(delay < ceiling);
            if (ceiling == 8000) {
                minDelay = std::min(minDelay, delay);
                maxDelay = std::max(maxDelay, delay);
            }
        }
        backoff.recordSuccess();
    }
    CHECK(minDelay < 1000); // jitter spreads over the whole range
    CHECK(maxDelay > 7000);
}
