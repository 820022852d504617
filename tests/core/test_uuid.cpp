#include "td/core/uuid.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <thread>
#include <vector>

using td::Uuid;
using td::UuidV7Generator;

TEST_CASE("UUIDv7 layout: timestamp, version, variant") {
    td::ManualClock clock(1732550400123); // 2024-11-25T16:00:00.123Z
    UuidV7Generator generator(clock.clock());
    const Uuid id = generator.next();
    CHECK(id.version() == 7);
    CHECK(id.hasRfcVariant());
    CHECK(id.unixMillis() == 1732550400123);
    const std::string text = id.toString();
    CHECK(text.size() == 36);
    CHECK(text.substr(0, 13) == "0193640d-187b");
    CHECK(text[14] == '7');
    CHECK(std::string("89ab").find(text[19]) != std::string::npos);
}

TEST_CASE("UUID text round-trips and bad text is rejected precisely") {
    const Uuid id = td::newUuidV7();
    auto parsed = Uuid::parse(id.toString());
    REQUIRE(parsed.ok());
    CHECK(*parsed == id);
    auto upper = Uuid::parse("0193643B-A47B-7ABC-8DEF-0123456789AB");
    REQUIRE(upper.ok());
    CHECK(upper->toString() == "0193643b-a47b-7abc-8def-0123456789ab");

    auto shortText = Uuid::parse("0193643b-a47b-7abc-8def-0123456789a");
    REQUIRE_FALSE(shortText.ok());
    CHECK(shortText.error().code == "invalid_uuid");
    auto noDash = Uuid::parse("0193643b_a47b-7abc-8def-0123456789ab");
    REQUIRE_FALSE(noDash.ok());
    CHECK(noDash.error().message.find("position 8") != std::string::npos);
    auto badHex = Uuid::parse("0193643b-a47b-7abc-8def-0123456789ag");
    REQUIRE_FALSE(badHex.ok());
    CHECK(badHex.error().message.find("position 35") != std::string::npos);
    CHECK(Uuid().isNil());
    CHECK_FALSE(id.isNil());
}

TEST_CASE("ids are strictly increasing within one millisecond and across milliseconds") {
    td::ManualClock clock(1000);
    UuidV7Generator generator(clock.clock());
    std::vector<Uuid> ids;
    for (int ms = 0; ms < 5; ++ms) {
        for (int i = 0; i < 3000; ++i) // more than one counter range: borrows milliseconds
            ids.push_back(generator.next());
        clock.advance(1);
    }
    for (size_t i = 1; i < ids.size(); ++i)
        REQUIRE(ids[i - 1] < ids[i]);
    for (size_t i = 1; i < ids.size(); ++i)
        REQUIRE(ids[i - 1].toString() < ids[i].toString());
    CHECK(ids.front().unixMillis() == 1000);
    // Borrowed milliseconds stay close to the clock.
    CHECK(ids.back().unixMillis() <= 1004 + 15000 / 2048 + 1);
}

TEST_CASE("ids stay monotonic when the clock jumps back") {
    td::ManualClock clock(5'000'000);
    UuidV7Generator generator(clock.clock());
    const Uuid before = generator.next();
    clock.set(4'000'000);
    const Uuid after = generator.next();
    CHECK(before < after);
    CHECK(after.unixMillis() == 5'000'000);
    clock.set(6'000'000);
    const Uuid later = generator.next();
    CHECK(after < later);
    CHECK(later.unixMillis() == 6'000'000);
}

TEST_CASE("ids from the same millisecond differ in their random bits") {
    td::ManualClock clock(42);
    UuidV7Generator a(clock.clock());
    UuidV7Generator b(clock.clock());
    const Uuid x = a.next();
    const Uuid y = b.next();
    CHECK(x != y);
    CHECK(std::vector(x.bytes().begin() + 9, x.bytes().end()) !=
          std::vector(y.bytes().begin() + 9, y.bytes().end()));
}

TEST_CASE("8 threads x 10k ids are unique and each thread's ids increase") {
    UuidV7Generator generator;
    constexpr int kThreads = 8;
    constexpr int kPerThread = 10'000;
    std::vector<std::vector<Uuid>> perThread(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            auto& mine = perThread[static_cast<size_t>(t)];
            mine.reserve(kPerThread);
            for (int i = 0; i < kPerThread; ++i)
                mine.push_back(generator.next());
        });
    }
    for (auto& thread : threads)
        thread.join();
    std::set<Uuid> all;
    for (const auto& mine : perThread) {
        for (size_t i = 1; i < mine.size(); ++i)
            REQUIRE(mine[i - 1] < mine[i]);
        all.insert(mine.begin(), mine.end());
    }
    CHECK(all.size() == kThreads * kPerThread);

    // Separate generators in parallel (as separate processes would be) still do not collide.
    std::vector<std::set<Uuid>> separate(kThreads);
    threads.clear();
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            UuidV7Generator own;
            for (int i = 0; i < kPerThread; ++i)
                separate[static_cast<size_t>(t)].insert(own.next());
        });
    }
    for (auto& thread : threads)
        thread.join();
    std::set<Uuid> merged;
    for (const auto& ids : separate)
        merged.insert(ids.begin(), ids.end());
    CHECK(merged.size() == kThreads * kPerThread);
}
