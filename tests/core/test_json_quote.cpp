// td::json::appendQuoted must write the very bytes boost::json::serialize writes for a string,
// since canonical bodies built with it are compared byte for byte with stored ones.

#include "td/core/json.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <random>

namespace {

std::string reference(std::string_view text) {
    return boost::json::serialize(boost::json::value(boost::json::string_view(text)));
}

std::string quoted(std::string_view text, std::string prefix = {}) {
    td::json::appendQuoted(prefix, text);
    return prefix;
}

} // namespace

TEST_CASE("appendQuoted: every single byte") {
    for (int c = 0; c < 0x80; ++c) {
        const std::string text(1, static_cast<char>(c));
        INFO("byte " << c);
        CHECK(quoted(text) == reference(text));
    }
    CHECK(quoted("\n") == "\"\\n\"");
    CHECK(quoted(std::string(1, '\x1f')) == "\"\\u001f\"");
    CHECK(quoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
}

TEST_CASE("appendQuoted: UTF-8, empty text, and appending after existing content") {
    for (std::string_view text : {"", "åäö", "€ 𝄞 \xF0\x9F\x98\x80", "/slash", "mixed å\t\"€\""})
        CHECK(quoted(text) == reference(text));
    CHECK(quoted("x\ty", "{\"k\":") == "{\"k\":" + reference("x\ty"));
}

TEST_CASE("appendQuoted: random texts match boost::json") {
    std::mt19937 rng(7);
    static const std::vector<std::string> pieces{"a",    "ZZ", " ",  "\"", "\\",
                                                 "\n",   "\r", "\b", "\f", "\x01",
                                                 "\x7f", "å",  "€",  "𝄞",  std::string(1, '\0')};
    for (int n = 0; n < 2000; ++n) {
        std::string text;
        for (int i = static_cast<int>(rng() % 20); i > 0; --i)
            text += pieces[rng() % pieces.size()];
        INFO(reference(text));
        REQUIRE(quoted(text) == reference(text));
    }
}
