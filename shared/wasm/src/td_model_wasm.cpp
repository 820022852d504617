// The web survey's view of the shared model, compiled to WebAssembly (shared/wasm): the
// survey's show-if rules and the server's verdict on a response, from the same C++ code.
// Every function takes and returns UTF-8 JSON text; a returned pointer stays valid until the
// next call.

#include "td/model/codec.hpp"
#include "td/model/validator.hpp"
#include "td/sync/response_check.hpp"

#include <boost/json/serialize.hpp>
#include <emscripten/emscripten.h>
#include <optional>
#include <string>

namespace {

namespace bj = boost::json;
using namespace td;

struct Loaded {
    model::Survey survey;
    model::Campaign campaign; ///< id, survey id and version: what a push is checked against
};

std::optional<Loaded> g_loaded;
std::string g_out;

const char* answer(const bj::value& value) {
    g_out = bj::serialize(value);
    return g_out.c_str();
}

bj::object errorJson(const Error& e) {
    return {{"code", e.code}, {"path", e.path}, {"message", e.message}};
}

const char* failure(const Error& e) {
    return answer(bj::object{{"ok", false}, {"error", errorJson(e)}});
}

// The campaign fields of the web-survey endpoint's `campaign` object that a push is checked
// against; other fields are ignored.
Result<model::Campaign> readCampaign(const bj::value& v) {
    const auto* o = v.if_object();
    const auto* id = o ? o->if_contains("id") : nullptr;
    const auto* surveyId = o ? o->if_contains("survey_id") : nullptr;
    const auto* version = o ? o->if_contains("survey_version") : nullptr;
    if (!id || !id->is_string() || !surveyId || !surveyId->is_string() || !version ||
        !version->is_int64())
        return makeError("invalid_campaign", "expected id, survey_id and survey_version");
    model::Campaign c;
    c.id = std::string(id->get_string());
    c.surveyId = std::string(surveyId->get_string());
    c.surveyVersion = version->get_int64();
    return c;
}

// Answers as far as they decode: one that does not (yet) is left out, as if unanswered.
model::Answers readAnswers(const bj::value& v) {
    model::Answers answers;
    if (const auto* o = v.if_object()) {
        for (const auto& [key, value] : *o) {
            auto decoded = model::decode<model::AnswerValue>(value);
            if (decoded)
                answers.emplace(std::string(key), std::move(decoded).value());
        }
    }
    return answers;
}

const Error kNotLoaded{"not_loaded", "td_load has not succeeded", ""};

} // namespace

extern "C" {

/// Loads the survey definition and the campaign (the web-survey endpoint's objects).
/// Returns {"ok":true} or {"ok":false,"error":{code,path,message}}.
EMSCRIPTEN_KEEPALIVE const char* td_load(const char* surveyJson, const char* campaignJson) {
    auto survey = model::fromJsonText<model::Survey>(surveyJson);
    if (!survey)
        return failure(survey.error());
    auto campaignValue = json::parse(campaignJson);
    if (!campaignValue)
        return failure(campaignValue.error());
    auto campaign = readCampaign(*campaignValue);
    if (!campaign)
        return failure(campaign.error());
    g_loaded = Loaded{std::move(survey).value(), std::move(campaign).value()};
    return answer(bj::object{{"ok", true}});
}

/// The questions shown for `answersJson` (an object of answers by question id), in survey
/// order, and the answered questions that these answers hide (to be removed):
/// {"visible":[id…],"hidden_answers":[id…]}.
EMSCRIPTEN_KEEPALIVE const char* td_visible(const char* answersJson) {
    if (!g_loaded)
        return failure(kNotLoaded);
    auto parsed = json::parse(answersJson);
    if (!parsed)
        return failure(parsed.error());
    const model::Answers given = readAnswers(*parsed);
    model::Answers kept = given;
    model::pruneHiddenAnswers(kept, g_loaded->survey);
    bj::array visible, hidden;
    for (const model::Question* q : g_loaded->survey.questions()) {
        if (model::isVisible(*q, kept))
            visible.emplace_back(q->id);
        else if (given.contains(q->id))
            hidden.emplace_back(q->id);
    }
    return answer(
        bj::object{{"visible", std::move(visible)}, {"hidden_answers", std::move(hidden)}});
}

/// The server's verdict on pushing `responseJson` as record `recordId` (rev 1) with a resident
/// token of the loaded campaign, the campaign being open: {"ok":true}, or {"ok":false,
/// "error":{code,path,message},"issues":[{code,path,message}…]} where `error` is the push's
/// rejection reason and `issues` the validator's list (empty for other rejections).
EMSCRIPTEN_KEEPALIVE const char* td_check(const char* responseJson, const char* recordId) {
    if (!g_loaded)
        return failure(kNotLoaded);
    auto parsed = json::parse(responseJson);
    if (!parsed)
        return failure(parsed.error());
    auto response = sync::decodeResponseRecord(*parsed, recordId, 1, g_loaded->campaign.id);
    if (!response)
        return failure(response.error());
    if (auto s = sync::checkCampaignSurvey(*response, g_loaded->campaign); !s)
        return failure(s.error());
    const model::Issues issues = model::validateResponse(*response, g_loaded->survey);
    if (issues.empty())
        return answer(bj::object{{"ok", true}});
    bj::array list;
    for (const model::Issue& i : issues)
        list.push_back(bj::object{{"code", i.code}, {"path", i.path}, {"message", i.message}});
    return answer(bj::object{
        {"ok", false}, {"error", errorJson(sync::validationFailed(issues))}, {"issues", list}});
}

} // extern "C"
