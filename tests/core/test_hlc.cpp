#include "td/core/hlc.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <thread>
#include <vector>

using td::Hlc;
using td::HlcTimestamp;

TEST_CASE("now() follows the physical clock and counts within a millisecond") {
    td::ManualClock clock(1000);
    Hlc hlc("dev-a", clock.clock());
    CHECK(hlc.now() == HlcTimestamp{1000, 0, "dev-a"});
    CHECK(hlc.now() == HlcTimestamp{1000, 1, "dev-a"});
    clock.set(1005);
    CHECK(hlc.now() == HlcTimestamp{1005, 0, "dev-a"});
}

TEST_CASE("now() stays monotonic when the clock jumps back") {
    td::ManualClock clock(50'000);
    Hlc hlc("dev-a", clock.clock());
    const HlcTimestamp before = hlc.now();
    clock.set(10'000);
    const HlcTimestamp after = hlc.now();
    CHECK(before < after);
    CHECK(after == HlcTimestamp{50'000, 1, "dev-a"});
    clock.set(60'000);
    CHECK(hlc.now() == HlcTimestamp{60'000, 0, "dev-a"});
}

TEST_CASE("receive takes the max of local, remote and physical time") {
    td::ManualClock clock(1000);
    Hlc hlc("server", clock.clock());

    SECTION("physical time is newest: counter restarts") {
        (void)hlc.now();
        clock.set(2000);
        auto r = hlc.receive({1500, 7, "dev-b"});
        REQUIRE(r.ok());
        CHECK(*r == HlcTimestamp{2000, 0, "server"});
    }
    SECTION("remote is newest: remote counter + 1") {
        auto r = hlc.receive({1800, 7, "dev-b"});
        REQUIRE(r.ok());
        CHECK(*r == HlcTimestamp{1800, 8, "server"});
        CHECK(hlc.now() == HlcTimestamp{1800, 9, "server"});
    }
    SECTION("local is newest: local counter + 1") {
        (void)hlc.receive({1800, 7, "dev-b"});
        auto r = hlc.receive({1200, 30, "dev-c"});
        REQUIRE(r.ok());
        CHECK(*r == HlcTimestamp{1800, 9, "server"});
    }
    SECTION("local and remote tie: max counter + 1") {
        (void)hlc.receive({1800, 7, "dev-b"}); // local 1800/8
        auto r = hlc.receive({1800, 20, "dev-c"});
        REQUIRE(r.ok());
        CHECK(*r == HlcTimestamp{1800, 21, "server"});
        auto r2 = hlc.receive({1800, 3, "dev-d"});
        REQUIRE(r2.ok());
        CHECK(*r2 == HlcTimestamp{1800, 22, "server"});
    }
}

TEST_CASE("a remote timestamp too far ahead is refused without moving the clock") {
    td::ManualClock clock(1'000'000);
    Hlc hlc("server", clock.clock(), 60'000);
    const HlcTimestamp before = hlc.now();
    auto r = hlc.receive({1'000'000 + 60'001, 0, "bad-clock"});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "clock_drift");
    CHECK(hlc.last() == before);
    auto ok = hlc.receive({1'000'000 + 60'000, 0, "fast-clock"});
    REQUIRE(ok.ok());
    CHECK(ok->physicalMs == 1'060'000);
}

TEST_CASE("causality: a reply is after the message it answers, across skewed clocks") {
    td::ManualClock fast(10'000);
    td::ManualClock slow(2'000);
    Hlc a("a", fast.clock());
    Hlc b("b", slow.clock());
    HlcTimestamp message = a.now();
    for (int round = 0; round < 50; ++round) {
        auto received = b.receive(message);
        REQUIRE(received.ok());
        CHECK(message < *received);
        const HlcTimestamp reply = b.now();
        CHECK(*received < reply);
        auto back = a.receive(reply);
        REQUIRE(back.ok());
        CHECK(reply < *back);
        message = a.now();
        slow.advance(3);
    }
}

TEST_CASE("string form sorts in clock order and parses back") {
    std::mt19937_64 rng(7);
    std::vector<HlcTimestamp> stamps;
    const std::vector<std::string> nodes{"a", "b", "dev-0193640d", "server", "b-2"};
    for (int i = 0; i < 2000; ++i) {
        stamps.push_back({static_cast<std::int64_t>(rng() % 5 + (i % 3 == 0 ? 0x10000000000 : 9)),
                          static_cast<std::uint32_t>(rng() % (i % 2 ? 3 : 0x100000)),
                          nodes[rng() % nodes.size()]});
    }
    std::vector<std::string> texts;
    for (const auto& s : stamps) {
        texts.push_back(s.toString());
        auto back = HlcTimestamp::parse(texts.back());
        REQUIRE(back.ok());
        REQUIRE(*back == s);
    }
    std::sort(stamps.begin(), stamps.end());
    std::sort(texts.begin(), texts.end());
    for (size_t i = 0; i < stamps.size(); ++i)
        REQUIRE(stamps[i].toString() == texts[i]);
    CHECK(HlcTimestamp{0x0193640d187b, 5, "dev-x"}.toString() == "0193640d187b-00000005-dev-x");
}

TEST_CASE("malformed HLC strings are rejected with invalid_hlc") {
    for (const char* bad :
         {"", "0193640d187b-00000005-", "0193640d187b-00000005", "0193640D187B-00000005-n",
          "0193640d187b_00000005-n", "0193640d187b-0000000g-n", "193640d187b-00000005-nn",
          "0193640d187b-00000005-a\nb"}) {
        auto r = HlcTimestamp::parse(bad);
        INFO(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "invalid_hlc");
    }
}

TEST_CASE("concurrent now() calls give unique, per-thread increasing timestamps") {
    Hlc hlc("dev-a");
    constexpr int kThreads = 8;
    constexpr int kPerThread = 5000;
    std::vector<std::vector<HlcTimestamp>> perThread(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i)
                perThread[static_cast<size_t>(t)].push_back(hlc.now());
        });
    }
    for (auto& thread : threads)
        thread.join();
    std::vector<std::string> all;
    for (const auto& stamps : perThread) {
        for (size_t i = 1; i < stamps.size(); ++i)
            REQUIRE(stamps[i - 1] < stamps[i]);
        for (const auto& s : stamps)
            all.push_back(s.toString());
    }
    std::sort(all.begin(), all.end());
    CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
    CHECK(all.size() == static_cast<size_t>(kThreads * kPerThread));
}
