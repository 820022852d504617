// Pull paging under concurrent pushes, and kill -9 during pushes: over the real binary.
#include "live_server.hpp"

#include <atomic>
#include <boost/json/parse.hpp>
#include <map>
#include <mutex>
#include <set>
#include <signal.h>
#include <thread>

using namespace td;
using namespace td::test;
using namespace std::chrono_literals;

namespace {

// Pulls every page after `cursor` as the coordinator; counts each response id seen.
std::string pullAll(HttpClient& c, std::string cursor, std::map<std::string, int>& seen,
                    std::size_t limit) {
    while (true) {
        std::string target = "/api/v1/sync/pull?limit=" + std::to_string(limit);
        if (!cursor.empty())
            target += "&cursor=" + cursor;
        auto res = c.get(target);
        INFO(res.body);
        REQUIRE(res.status == 200);
        auto v = boost::json::parse(res.body);
        for (const auto& ch : v.at("changes").as_array())
            if (ch.at("kind").as_string() == "response")
                ++seen[std::string(ch.at("id").as_string())];
        cursor = std::string(v.at("cursor").as_string());
        if (!v.at("more").as_bool())
            return cursor;
    }
}

} // namespace

TEST_CASE("pull paging while records are pushed sees every change exactly once") {
    LiveServer server({"--rate-limit-per-minute", "0"});
    constexpr int kBatches = 40;
    constexpr int kPerBatch = 25;
    std::set<std::string> pushed;
    std::mutex pushedMutex;
    std::atomic<bool> done{false};
    std::thread pusher([&] {
        auto officer = server.client(server.tokens.officer);
        for (int b = 0; b < kBatches; ++b) {
            std::vector<std::string> ids;
            auto body = pushBody(responseRecords(kPerBatch, &ids, static_cast<unsigned>(b * 100)));
            auto res = officer.post("/api/v1/sync/push", body);
            if (res.status != 200)
                break;
            std::lock_guard lock(pushedMutex);
            pushed.insert(ids.begin(), ids.end());
        }
        done = true;
    });
    auto coordinator = server.client(server.tokens.coordinator);
    std::map<std::string, int> seen;
    std::string cursor;
    int rounds = 0;
    while (!done) {
        cursor = pullAll(coordinator, cursor, seen, 7);
        ++rounds;
    }
    pusher.join();
    cursor = pullAll(coordinator, cursor, seen, 7);
    CHECK(rounds > 1);
    REQUIRE(pushed.size() == kBatches * kPerBatch);
    CHECK(seen.size() == pushed.size());
    for (const auto& [id, count] : seen) {
        INFO(id);
        CHECK(count == 1);
        CHECK(pushed.count(id) == 1);
    }
}

TEST_CASE("kill -9 during pushes loses no acknowledged record and retries converge") {
    LiveServer server({"--rate-limit-per-minute", "0"});
    constexpr int kClients = 4;
    constexpr int kBatches = 40;
    constexpr int kPerBatch = 20;
    struct Batch {
        std::vector<std::string> ids;
        std::string body;
        bool acked = false;
    };
    std::vector<std::vector<Batch>> work(kClients);
    for (int c = 0; c < kClients; ++c)
        for (int b = 0; b < kBatches; ++b) {
            Batch batch;
            batch.body = pushBody(
                responseRecords(kPerBatch, &batch.ids, static_cast<unsigned>(c * 10000 + b * 100)));
            work[c].push_back(std::move(batch));
        }

    std::atomic<int> ackedBatches{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c)
        clients.emplace_back([&, c] {
            auto officer = server.client(server.tokens.officer);
            for (auto& batch : work[c]) {
                auto res = officer.post("/api/v1/sync/push", batch.body);
                if (res.status != 200)
                    return; // the server is gone
                batch.acked = true;
                ++ackedBatches;
            }
        });
    // Kill once a good share has been acknowledged, while the rest are in flight.
    while (ackedBatches < kClients * kBatches / 3)
        std::this_thread::sleep_for(5ms);
    CHECK(server.process->stop(SIGKILL) == 128 + SIGKILL);
    for (auto& t : clients)
        t.join();
    REQUIRE(ackedBatches < kClients * kBatches);

    server.start();
    auto coordinator = server.client(server.tokens.coordinator);
    std::map<std::string, int> seen;
    pullAll(coordinator, "", seen, 500);
    std::size_t acknowledged = 0;
    for (const auto& list : work)
        for (const auto& batch : list)
            if (batch.acked)
                for (const auto& id : batch.ids) {
                    ++acknowledged;
                    INFO(id);
                    CHECK(seen.count(id) == 1);
                }
    for (const auto& [id, count] : seen)
        CHECK(count == 1);
    CHECK(seen.size() >= acknowledged);

    // Clients retry every unacknowledged batch; answers are stored or duplicate, never a
    // conflict, and the server ends with exactly the full set.
    auto officer = server.client(server.tokens.officer);
    for (auto& list : work)
        for (auto& batch : list) {
            if (batch.acked)
                continue;
            auto res = officer.post("/api/v1/sync/push", batch.body);
            INFO(res.body);
            REQUIRE(res.status == 200);
            auto answer = boost::json::parse(res.body);
            for (const auto& r : answer.at("results").as_array()) {
                auto status = r.at("status").as_string();
                CHECK((status == "stored" || status == "duplicate"));
            }
        }
    seen.clear();
    pullAll(coordinator, "", seen, 500);
    std::set<std::string> all;
    for (const auto& list : work)
        for (const auto& batch : list)
            all.insert(batch.ids.begin(), batch.ids.end());
    CHECK(seen.size() == all.size());
    for (const auto& [id, count] : seen) {
        CHECK(count == 1);
        CHECK(all.count(id) == 1);
    }
}
