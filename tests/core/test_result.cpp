#include "td/core/result.hpp"

#include <catch2/catch.hpp>

using td::Result;

TEST_CASE("Result holds a value or an error") {
    Result<int> good = 7;
    REQUIRE(good.ok());
    CHECK(*good == 7);

    Result<int> bad = td::makeError("bad_input", "expected a number", "answers.q1");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "bad_input");
    CHECK(bad.error().describe() == "answers.q1: expected a number");
}

TEST_CASE("Status without value") {
    td::Status s;
    CHECK(s.ok());
    td::Status f = td::makeError("x", "broken");
    CHECK_FALSE(f.ok());
    CHECK(f.error().describe() == "broken");
}
