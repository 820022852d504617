// The strict JSON parser: never crashes; what it accepts serialises and parses back to the
// same value, and every string in it is quoted by appendQuoted exactly as by Boost.JSON.
#include "fuzz_support.hpp"
#include "td/core/json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace {

void checkStrings(const boost::json::value& v) {
    switch (v.kind()) {
    case boost::json::kind::string: {
        std::string quoted;
        td::json::appendQuoted(quoted, v.get_string());
        td::fuzz::require(quoted == boost::json::serialize(v), "appendQuoted == serialize");
        break;
    }
    case boost::json::kind::array:
        for (const auto& item : v.get_array())
            checkStrings(item);
        break;
    case boost::json::kind::object:
        for (const auto& field : v.get_object())
            checkStrings(field.value());
        break;
    default:
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    td::json::ParseLimits limits;
    limits.maxBytes = 1 << 20;
    limits.maxDepth = 32;
    auto parsed = td::json::parse(td::fuzz::asText(data, size), limits);
    if (!parsed)
        return 0;
    const std::string text = boost::json::serialize(*parsed);
    auto again = td::json::parse(text, limits);
    td::fuzz::require(again.ok(), "a serialised document parses again");
    td::fuzz::require(*again == *parsed, "parse(serialize(v)) == v");
    checkStrings(*parsed);
    return 0;
}
