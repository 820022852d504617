// Throughput of strict parsing, decoding and validation of responses, as ratios against
// Boost.JSON's own parser on the same text. Labelled `benchmark`: not part of CI.

#include "fixtures.hpp"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>

using namespace td::model;
using namespace td::model::test;

namespace {

template <class F> double secondsFor(int n, F f) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i)
        f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TEST_CASE("codec throughput against plain Boost.JSON parsing", "[benchmark]") {
    const Survey survey = sampleSurvey();
    const std::string text = toJsonText(sampleResponse());
    const int n = 50'000;
    std::size_t sink = 0;

    const double boostParse = secondsFor(n, [&] { sink += boost::json::parse(text).is_object(); });
    const double strictParse = secondsFor(n, [&] { sink += td::json::parse(text).ok(); });
    const double decodeText = secondsFor(n, [&] { sink += fromJsonText<Response>(text).ok(); });
    const Response response = sampleResponse();
    const double validate =
        secondsFor(n, [&] { sink += validateResponse(response, survey).size(); });
    const double encodeText = secondsFor(n, [&] { sink += toJsonText(response).size(); });

    REQUIRE(sink > 0);
    std::cout << n << " responses of " << text.size() << " bytes; baseline boost::json::parse "
              << boostParse * 1e6 / n << " us each\n"
              << "  td::json::parse           x" << strictParse / boostParse << "\n"
              << "  fromJsonText<Response>    x" << decodeText / boostParse << "\n"
              << "  validateResponse          x" << validate / boostParse << "\n"
              << "  toJsonText(Response)      x" << encodeText / boostParse << "\n";
}
