#include "td/server/auth_crypto.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace td::server;

TEST_CASE("tokens carry 256 random bits and hash to 64 hex characters") {
    REQUIRE(initCrypto());
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        auto t = generateToken();
        CHECK(t.size() == 43);
        CHECK(seen.insert(t).second);
    }
    auto t = generateToken();
    CHECK(hashSecret(t).size() == 64);
    CHECK(hashSecret(t) == hashSecret(t));
    CHECK(hashSecret(t) != hashSecret(t + "x"));
    CHECK(hashSecret("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("constant-time comparison") {
    CHECK(constantTimeEquals("abcd", "abcd"));
    CHECK_FALSE(constantTimeEquals("abcd", "abce"));
    CHECK_FALSE(constantTimeEquals("abcd", "abc"));
}

TEST_CASE("Argon2id passwords verify only with the right password") {
    REQUIRE(initCrypto());
    auto hash = hashPassword("correct horse battery");
    REQUIRE(hash);
    CHECK(hash->rfind("$argon2id$", 0) == 0);
    CHECK(verifyPassword(*hash, "correct horse battery"));
    CHECK_FALSE(verifyPassword(*hash, "correct horse batterY"));
    CHECK_FALSE(verifyPassword("not a hash", "x"));
}

TEST_CASE("enrolment codes are XXXX-XXXX from the unambiguous alphabet") {
    REQUIRE(initCrypto());
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        auto code = generateEnrolmentCode();
        REQUIRE(code.size() == 9);
        CHECK(code[4] == '-');
        for (std::size_t j = 0; j < code.size(); ++j)
            if (j != 4)
                CHECK(enrolmentCodeAlphabet().find(code[j]) != std::string_view::npos);
        seen.insert(code);
    }
    CHECK(seen.size() > 1990);
    for (char c : std::string("0O1IL"))
        CHECK(enrolmentCodeAlphabet().find(c) == std::string_view::npos);
    CHECK(normaliseCode("abcd-efgh") == "ABCDEFGH");
    CHECK(normaliseCode(" ABCD EFGH ") == "ABCDEFGH");
}
