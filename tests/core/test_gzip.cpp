// The gzip codec shared by app, server and tests, checked against the gzip program (an
// independent implementation) and on bodies that must be refused.
#include "td/core/gzip.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

std::string text(std::size_t n) {
    std::string s;
    while (s.size() < n)
        s += "{\"id\":\"0191" + std::to_string(s.size() * 7919 % 100003) +
             "\",\"kind\":\"response\"},";
    s.resize(n);
    return s;
}

// Runs `gzip` on `input` with `args` through a temp file; its stdout.
std::string gzipProgram(const std::string& input, const std::string& args) {
    char name[] = "/tmp/td-gzip-XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    REQUIRE(write(fd, input.data(), input.size()) == static_cast<ssize_t>(input.size()));
    close(fd);
    std::string out;
    FILE* p = popen(("gzip " + args + " < " + std::string(name)).c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;)
        out.append(buf, n);
    pclose(p);
    std::remove(name);
    return out;
}

} // namespace

TEST_CASE("gzip bodies round-trip and are read by the gzip program") {
    for (std::size_t n : {0, 1, 300, 70'000, 1'000'000}) {
        const std::string plain = text(n);
        auto packed = td::gzipCompress(plain);
        REQUIRE(packed);
        if (n >= 70'000)
            CHECK(packed->size() < plain.size() / 3);
        auto back = td::gzipInflate(*packed, plain.size());
        REQUIRE(back);
        CHECK(*back == plain);
        CHECK(gzipProgram(*packed, "-dc") == plain);
    }
}

TEST_CASE("what the gzip program writes inflates, several members included") {
    const std::string a = text(5000), b = text(123);
    const std::string members = gzipProgram(a, "-c") + gzipProgram(b, "-c -1");
    auto back = td::gzipInflate(members, a.size() + b.size());
    REQUIRE(back);
    CHECK(*back == a + b);
}

TEST_CASE("inflating stops at the cap and never returns more") {
    const std::string plain = text(100'000);
    const std::string packed = *td::gzipCompress(plain);
    CHECK(td::gzipInflate(packed, plain.size()));
    auto over = td::gzipInflate(packed, plain.size() - 1);
    REQUIRE_FALSE(over);
    CHECK(over.error().code == "too_large");
    // A bomb: 64 MiB of zeros in about 64 KiB.
    const std::string bomb = *td::gzipCompress(std::string(64u << 20, '\0'), td::kGzipBest);
    CHECK(bomb.size() < 100'000);
    auto refused = td::gzipInflate(bomb, 1u << 20);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "too_large");
}

TEST_CASE("what is not complete gzip is malformed") {
    const std::string packed = *td::gzipCompress(text(20'000));
    for (const std::string& bad :
         {std::string(), std::string("{\"records\":[]}"), packed.substr(0, packed.size() / 2),
          packed.substr(0, packed.size() - 4), packed + "trailing", std::string(10, '\x1f')}) {
        auto r = td::gzipInflate(bad, 1u << 20);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "malformed_gzip");
    }
    std::string flipped = packed;
    flipped[flipped.size() - 6] ^= 0x55; // the CRC-32 no longer matches
    auto r = td::gzipInflate(flipped, 1u << 20);
    CHECK_FALSE(r);
}
