// Every record decoder: the first input byte picks the record kind, the rest is the JSON text.
// Never a crash; a record that decodes encodes to canonical text that decodes to the same
// record and encodes to the same text again; the validators run on it without crashing.
#include "fuzz_support.hpp"
#include "td/model/codec.hpp"
#include "td/model/public_summary.hpp"
#include "td/model/validator.hpp"

#include <boost/json/serialize.hpp>
#include <optional>

namespace {

using namespace td;

const model::Survey& survey() {
    static const model::Survey s = [] {
        auto loaded = model::loadSurveyFile(std::string(TD_SOURCE_DIR) +
                                            "/shared/content/trygghetsenkat_vindeln.json");
        fuzz::require(loaded.ok(), "the survey loads");
        return std::move(loaded).value();
    }();
    return s;
}

const model::WalkChecklist& checklist() {
    static const model::WalkChecklist c = [] {
        auto loaded = model::loadChecklistFile(std::string(TD_SOURCE_DIR) +
                                               "/shared/content/walk_checklist.json");
        fuzz::require(loaded.ok(), "the checklist loads");
        return std::move(loaded).value();
    }();
    return c;
}

// Decodes T; when it decodes, checks the canonical round trip and runs `validate`.
template <class T, class Validate>
void roundTrip(const boost::json::value& value, Validate validate) {
    auto decoded = model::decode<T>(value);
    if (!decoded)
        return;
    const std::string text = boost::json::serialize(model::encode(*decoded));
    auto again = model::fromJsonText<T>(text, json::ParseLimits{16 << 20, 64});
    fuzz::require(again.ok(), "the canonical text decodes");
    const std::string second = boost::json::serialize(model::encode(*again));
    fuzz::require(second == text, "decode(encode(x)) encodes to the same text");
    validate(*decoded);
}

template <class T> void roundTrip(const boost::json::value& value) {
    roundTrip<T>(value, [](const T&) {});
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)survey();
    (void)checklist();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    if (size == 0)
        return 0;
    const unsigned kind = data[0];
    auto parsed = json::parse(fuzz::asText(data + 1, size - 1), json::ParseLimits{1 << 20, 32});
    if (!parsed)
        return 0;
    const boost::json::value& v = *parsed;
    switch (kind % 14) {
    case 0:
        roundTrip<model::Response>(v, [](const model::Response& r) {
            (void)model::validateResponse(r, survey());
            // The direct writer is byte for byte the generic encoder.
            fuzz::require(model::toJsonText(r) == boost::json::serialize(model::encode(r)),
                          "toJsonText(response) == serialize(encode(response))");
        });
        break;
    case 1:
        roundTrip<model::Survey>(v, [](const model::Survey& s) { (void)model::validateSurvey(s); });
        break;
    case 2:
        roundTrip<model::Campaign>(
            v, [](const model::Campaign& c) { (void)model::validateCampaign(c); });
        break;
    case 3:
        roundTrip<model::Dialogue>(
            v, [](const model::Dialogue& d) { (void)model::validateDialogue(d); });
        break;
    case 4:
        roundTrip<model::SafetyWalk>(
            v, [](const model::SafetyWalk& w) { (void)model::validateSafetyWalk(w); });
        break;
    case 5:
        roundTrip<model::Observation>(v, [](const model::Observation& o) {
            (void)model::validateObservation(o, checklist());
        });
        break;
    case 6:
        roundTrip<model::Place>(v, [](const model::Place& p) { (void)model::validatePlace(p); });
        break;
    case 7:
        roundTrip<model::Measure>(v,
                                  [](const model::Measure& m) { (void)model::validateMeasure(m); });
        break;
    case 8:
        roundTrip<model::Promise>(v,
                                  [](const model::Promise& p) { (void)model::validatePromise(p); });
        break;
    case 9:
        roundTrip<model::Agreement>(
            v, [](const model::Agreement& a) { (void)model::validateAgreement(a); });
        break;
    case 10:
        roundTrip<model::WalkChecklist>(
            v, [](const model::WalkChecklist& c) { (void)model::validateChecklist(c); });
        break;
    case 11:
        roundTrip<model::PlaceRegistry>(v);
        break;
    case 12:
        roundTrip<model::PublicSummary>(
            v, [](const model::PublicSummary& s) { (void)model::validatePublicSummary(s); });
        break;
    case 13:
        roundTrip<model::AnswerValue>(v);
        break;
    }
    return 0;
}
