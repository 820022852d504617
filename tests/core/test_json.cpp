#include "td/core/json.hpp"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <random>
#include <string>

using td::json::ObjectReader;
using td::json::parse;

TEST_CASE("parse accepts valid documents and keeps every value", "[json]") {
    auto r = parse(R"({"a": [1, -2, 3.5, true, null, "x\u00e5"], "b": {"c": "Vindeln"}})");
    REQUIRE(r.ok());
    const auto& o = r->as_object();
    REQUIRE(o.size() == 2);
    CHECK(o.at("a").as_array().size() == 6);
    CHECK(o.at("a").as_array()[1].as_int64() == -2);
    CHECK(o.at("a").as_array()[2].as_double() == 3.5);
    CHECK(o.at("a").as_array()[5].as_string() == "x\xc3\xa5");
    CHECK(o.at("b").as_object().at("c").as_string() == "Vindeln");
}

TEST_CASE("parse reports syntax errors with their byte offset", "[json]") {
    auto r = parse(R"({"a": 1,})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "json_syntax");
    CHECK(r.error().message.find("at byte 8") != std::string::npos);

    auto trailing = parse(R"({"a": 1} x)");
    REQUIRE_FALSE(trailing.ok());
    CHECK(trailing.error().code == "json_syntax");

    CHECK(parse("").error().code == "json_syntax");
    CHECK(parse("[1, 2").error().code == "json_syntax");
    CHECK(parse("{'a': 1}").error().code == "json_syntax");
    CHECK(parse(R"({"a": 1} // comment)").error().code == "json_syntax");
}

TEST_CASE("NaN and Infinity literals are not JSON", "[json]") {
    for (const char* text : {"NaN", "[NaN]", R"({"x": Infinity})", "[-Infinity]", "[nan]"}) {
        auto r = parse(text);
        INFO(text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "json_syntax");
    }
}

TEST_CASE("duplicate keys are rejected with key and path", "[json]") {
    auto top = parse(R"({"id": "a", "id": "b"})");
    REQUIRE_FALSE(top.ok());
    CHECK(top.error().code == "json_duplicate_key");
    CHECK(top.error().message.find("\"id\"") != std::string::npos);
    CHECK(top.error().path.empty());

    auto nested = parse(R"({"answers": {"q1": 1, "q2": 2}, "list": [{}, {"k": 1, "k": 1}]})");
    REQUIRE_FALSE(nested.ok());
    CHECK(nested.error().code == "json_duplicate_key");
    CHECK(nested.error().path == "list[1]");

    // The same key in sibling objects is fine.
    CHECK(parse(R"([{"k": 1}, {"k": 2}, {"a": {"k": 3}, "k": 4}])").ok());
}

TEST_CASE("invalid UTF-8 is rejected with its offset", "[json]") {
    const std::string cases[] = {
        std::string("\"a\xff\""),            // invalid lead byte
        std::string("\"a\xc3\""),            // truncated sequence
        std::string("\"\xc0\xaf\""),         // overlong
        std::string("\"\xed\xa0\x80\""),     // UTF-16 surrogate
        std::string("\"\xf4\x90\x80\x80\""), // beyond U+10FFFF
    };
    for (const std::string& text : cases) {
        auto r = parse(text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "json_invalid_utf8");
    }
    CHECK(parse(std::string("\"a\xff\"")).error().message.find("at byte 2") != std::string::npos);
    CHECK(parse("\"\xc3\xa5\xe2\x82\xac\xf0\x9f\x98\x80\"").ok());
}

TEST_CASE("nesting depth is limited", "[json]") {
    td::json::ParseLimits limits;
    limits.maxDepth = 3;
    CHECK(parse("[[[1]]]", limits).ok());
    auto r = parse("[[[[1]]]]", limits);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "json_too_deep");
    CHECK(r.error().path == "[0][0]");

    std::string deep(100, '[');
    deep += std::string(100, ']');
    CHECK(parse(deep).error().code == "json_too_deep");
}

TEST_CASE("total size is limited", "[json]") {
    td::json::ParseLimits limits;
    limits.maxBytes = 10;
    CHECK(parse("[1,2,3,4]", limits).ok());
    CHECK(parse("[1,2,3,4,5]", limits).error().code == "json_too_large");
}

TEST_CASE("utf8Length counts code points", "[json]") {
    CHECK(td::json::utf8Length("") == 0);
    CHECK(td::json::utf8Length("abc") == 3);
    CHECK(td::json::utf8Length("\xc3\xa5\xc3\xa4\xc3\xb6") == 3);
    CHECK(td::json::utf8Length("\xf0\x9f\x98\x80") == 1);
}

TEST_CASE("value readers name path and failure", "[json]") {
    const boost::json::value s = "Hällnäs";
    CHECK(td::json::readString(s, "p", 7).value() == "Hällnäs");
    auto tooLong = td::json::readString(s, "p", 6);
    CHECK(tooLong.error().code == "too_long");
    CHECK(tooLong.error().path == "p");
    CHECK(td::json::readString(boost::json::value(""), "p", 5, true).error().code ==
          "invalid_value");
    CHECK(td::json::readString(boost::json::value(1), "p", 5).error().code == "wrong_type");

    CHECK(td::json::readInt(boost::json::value(3), "n", 1, 4).value() == 3);
    CHECK(td::json::readInt(boost::json::value(5), "n", 1, 4).error().code == "out_of_range");
    CHECK(td::json::readInt(boost::json::value(2.0), "n", 1, 4).error().code == "wrong_type");
    CHECK(td::json::readInt(boost::json::value(std::uint64_t(1) << 63), "n", 1, 4).error().code ==
          "out_of_range");

    CHECK(td::json::readNumber(boost::json::value(2), "x", 0, 7).value() == 2.0);
    CHECK(td::json::readNumber(boost::json::value(7.5), "x", 0, 7).error().code == "out_of_range");
    CHECK(td::json::readNumber(boost::json::value("1"), "x", 0, 7).error().code == "wrong_type");

    CHECK(td::json::readBool(boost::json::value(true), "b").value());
    CHECK(td::json::readBool(boost::json::value(1), "b").error().code == "wrong_type");

    boost::json::value arr = boost::json::array{1, 2, 3};
    CHECK(td::json::readArray(arr, "a", 3).value()->size() == 3);
    CHECK(td::json::readArray(arr, "a", 2).error().code == "too_long");

    auto kind = td::json::readOneOf(boost::json::value("slider"), "q.type", {"scale", "single"});
    REQUIRE_FALSE(kind.ok());
    CHECK(kind.error().code == "invalid_value");
    CHECK(kind.error().message == R"(unknown value "slider", expected one of "scale", "single")");
    CHECK(td::json::readOneOf(boost::json::value("single"), "t", {"scale", "single"}).value() == 1);
}

TEST_CASE("ObjectReader flags missing, unknown and wrong-typed fields", "[json]") {
    auto doc = parse(R"({"id": "x", "count": 2, "extra": true})").value();

    ObjectReader ok(doc, "rec");
    std::string id;
    std::int64_t count = 0;
    REQUIRE(ok.take(td::json::readString(*ok.required("id"), ok.fieldPath("id"), 10), id));
    REQUIRE(ok.take(td::json::readInt(*ok.required("count"), ok.fieldPath("count"), 0, 5), count));
    ok.allow({"extra"});
    CHECK(ok.finish().ok());
    CHECK(id == "x");
    CHECK(count == 2);

    ObjectReader unknown(doc, "rec");
    unknown.required("id");
    unknown.required("count");
    auto u = unknown.finish();
    REQUIRE_FALSE(u.ok());
    CHECK(u.error().code == "unknown_field");
    CHECK(u.error().path == "rec.extra");

    ObjectReader missing(doc, "");
    CHECK(missing.required("name") == nullptr);
    auto m = missing.finish();
    CHECK(m.error().code == "missing_field");
    CHECK(m.error().path == "name");

    ObjectReader wrong(doc, "rec");
    CHECK_FALSE(
        wrong.take(td::json::readBool(*wrong.required("count"), wrong.fieldPath("count")), id));
    CHECK(wrong.finish().error().path == "rec.count");

    ObjectReader notObject(boost::json::value(1), "rec.sub");
    CHECK(notObject.finish().error().code == "wrong_type");
    CHECK(notObject.finish().error().path == "rec.sub");
}

TEST_CASE("doubles are read with correct rounding", "[json]") {
    // Boost.JSON 1.81's own parser reads this one ulp off.
    auto r = parse("[-1.7243127776997827E2, -9.146229953197121]");
    REQUIRE(r.ok());
    CHECK(r->as_array()[0].as_double() == -172.43127776997827);
    CHECK(r->as_array()[1].as_double() == -9.146229953197121);

    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> dist(-1e6, 1e6);
    for (int i = 0; i < 20000; ++i) {
        const double x = dist(rng);
        auto back = parse(boost::json::serialize(boost::json::value(x)));
        REQUIRE(back.ok());
        REQUIRE(back->as_double() == x);
    }
}

TEST_CASE("numbers that overflow a double are rejected", "[json]") {
    for (const char* text : {"1e400", "[-1e400]", R"({"lat": 1E999})"}) {
        auto r = parse(text);
        INFO(text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "json_number_out_of_range");
    }
    CHECK(parse(R"({"a": [0, 1e400]})").error().path == "a");
    CHECK(parse("1e-400").value().as_double() == 0.0);
    CHECK(parse("123456789012345678901234567890").value().is_double());
}

TEST_CASE("duplicate keys are found in large objects too", "[json]") {
    const auto object = [](int keys, int duplicateOf) {
        std::string text = "{";
        for (int i = 0; i < keys; ++i)
            text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
        text += "\"k" + std::to_string(duplicateOf) + "\": 0}";
        return text;
    };
    for (int keys : {3, 16, 17, 40, 1000}) {
        INFO(keys);
        auto unique = parse(object(keys, keys));
        REQUIRE(unique.ok());
        CHECK(unique->as_object().size() == static_cast<std::size_t>(keys) + 1);
        for (int dup : {0, keys / 2, keys - 1}) {
            auto r = parse(object(keys, dup));
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().code == "json_duplicate_key");
            CHECK(r.error().message.find("\"k" + std::to_string(dup) + "\"") != std::string::npos);
        }
    }
    // Frames are reused: keys of an earlier sibling object do not leak into the next.
    CHECK(parse(R"([{"a": {"x": 1}, "b": 2}, {"a": {"x": 1}, "b": 2}])").ok());
}
