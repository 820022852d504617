// toJsonText(Response) writes text straight from the model; it must produce the very bytes
// of the reference path boost::json::serialize(encode(response)), since stored bodies are
// compared byte for byte to tell duplicates from conflicts.

#include "td/model/codec.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <limits>
#include <random>

using namespace td::model;
namespace bj = boost::json;

namespace {

std::string reference(const Response& r) {
    return bj::serialize(encode(r));
}

Response baseResponse() {
    Response r;
    r.id = "01890f3e-7a2b-7c3d-8e4f-5a6b7c8d9e0f";
    r.campaignId = "trygghet_2025";
    r.surveyId = "trygghet";
    r.surveyVersion = 3;
    r.channel = Channel::Kiosk;
    r.submittedAt = "2025-04-01T12:00:00Z";
    r.locale = "en";
    return r;
}

/// Every byte from 0x01 to 0x7f, some UTF-8 of 2, 3 and 4 bytes, and a NUL.
std::string awkwardText() {
    std::string s;
    for (int c = 1; c < 0x80; ++c)
        s += static_cast<char>(c);
    s += "åäö Ö é € 𝄞 \xF0\x9F\x98\x80 \"quoted\" back\\slash /slash";
    s += std::string(1, '\0');
    s += "after-nul";
    return s;
}

} // namespace

TEST_CASE("response text: scalar answers of every type") {
    Response r = baseResponse();
    r.answers["yes"] = true;
    r.answers["no"] = false;
    r.answers["scale"] = std::int64_t{4};
    r.answers["negative"] = std::int64_t{-17};
    r.answers["big"] = std::int64_t{9'007'199'254'740'991};
    r.answers["min"] = std::numeric_limits<std::int64_t>::min();
    r.answers["zero"] = std::int64_t{0};
    r.answers["half"] = 2.5;
    r.answers["tenth"] = 0.1;
    r.answers["tiny"] = -1.25e-300;
    r.answers["huge"] = 6.02214076e23;
    r.answers["whole_double"] = 3.0;
    r.answers["choice"] = std::string("vet_ej");
    r.answers["empty_text"] = std::string();
    r.answers["text"] = awkwardText();
    const std::string text = toJsonText(r);
    CHECK(text == reference(r));
    CHECK(text.find("\\u0001") != std::string::npos); // the escape really was exercised
    CHECK(text.find("\\u0000") != std::string::npos);
}

TEST_CASE("response text: lists, places and optional fields") {
    Response r = baseResponse();
    r.dialogueId = "01890f3e-7a2b-7c3d-8e4f-000000000001";
    r.answers["multi"] = std::vector<std::string>{"a", "b_c", "d\"e"};
    r.answers["empty_multi"] = std::vector<std::string>{};
    PlaceEntry byId;
    byId.placeId = "torget";
    byId.timesOfDay = {TimeOfDay::Evening, TimeOfDay::Night};
    byId.reasons = {"dark", "people"};
    PlaceEntry byPosition;
    byPosition.position = Position{64.2, 19.716666, 12.5};
    PlaceEntry byDescription;
    byDescription.description = "Bakom skolan, vid \"cykelstället\"\n";
    PlaceEntry bare; // no source and no lists: only the two arrays are written
    PlaceEntry everything;
    everything.placeId = "a\tb";
    everything.position = Position{-0.0, 1e-7, 123456.75};
    everything.description = "å\"\\";
    everything.timesOfDay = {TimeOfDay::Morning, TimeOfDay::Day};
    everything.reasons = {"x"};
    r.answers["places"] =
        std::vector<PlaceEntry>{byId, byPosition, byDescription, bare, everything};
    CHECK(toJsonText(r) == reference(r));

    r.dialogueId.reset();
    r.answers.clear();
    CHECK(toJsonText(r) == reference(r));
    CHECK(toJsonText(r).ends_with("\"answers\":{}}"));
}

TEST_CASE("response text: every channel and awkward ids") {
    for (Channel channel : {Channel::Survey, Channel::Dialogue, Channel::Kiosk, Channel::Web}) {
        Response r = baseResponse();
        r.channel = channel;
        r.campaignId = awkwardText();
        r.submittedAt = "\t\x7f";
        r.answers[awkwardText()] = awkwardText();
        CHECK(toJsonText(r) == reference(r));
    }
}

TEST_CASE("response text: randomised responses match the reference") {
    std::mt19937_64 rng(20251125);
    const auto pick = [&](std::size_t n) {
        return static_cast<std::size_t>(rng() % n);
    };
    const auto randomText = [&] {
        static const std::vector<std::string> pieces{
            "a", "Z", " ", "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f", "å", "€", "𝄞", "/", "0"};
        std::string s;
        for (std::size_t i = pick(12); i > 0; --i)
            s += pieces[pick(pieces.size())];
        return s;
    };
    const auto randomDouble = [&] {
        std::uniform_real_distribution<double> d(-1e6, 1e6);
        const double x = d(rng);
        return pick(4) == 0 ? x * 1e-200 : x;
    };
    for (int n = 0; n < 300; ++n) {
        Response r = baseResponse();
        r.channel = static_cast<Channel>(pick(4));
        if (pick(2) == 0)
            r.dialogueId = randomText();
        for (std::size_t k = pick(40); k > 0; --k) {
            const std::string key = "q" + std::to_string(pick(60));
            switch (pick(6)) {
            case 0:
                r.answers[key] = pick(2) == 0;
                break;
            case 1:
                r.answers[key] = static_cast<std::int64_t>(rng());
                break;
            case 2:
                r.answers[key] = randomDouble();
                break;
            case 3:
                r.answers[key] = randomText();
                break;
            case 4: {
                std::vector<std::string> ids;
                for (std::size_t i = pick(5); i > 0; --i)
                    ids.push_back(randomText());
                r.answers[key] = ids;
                break;
            }
            default: {
                PlaceEntry e;
                e.position = Position{randomDouble(), randomDouble(), randomDouble()};
                e.reasons = {randomText()};
                r.answers[key] = std::vector<PlaceEntry>{e};
                break;
            }
            }
        }
        const std::string text = toJsonText(r);
        INFO(text);
        REQUIRE(text == reference(r));
    }
}
