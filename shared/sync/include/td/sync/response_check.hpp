#pragma once
// The admission rules of a pushed response that need nothing but the record, its campaign and
// its survey. The server's push (record_checks.cpp) and the web survey's WebAssembly build
// (shared/wasm) both use them, so the page and the server give the same verdict.

#include "td/core/result.hpp"
#include "td/model/campaign.hpp"
#include "td/model/response.hpp"
#include "td/model/survey.hpp"
#include "td/model/validator.hpp"

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace td::sync {

/// A codec error as a push rejection: `invalid_body`, keeping the path, naming the codec code.
Error invalidBody(const Error& codecError);

/// `validation_failed` at the first issue's path; the message lists every issue as
/// "code at path: message", separated by "; ". `issues` must not be empty.
Error validationFailed(const model::Issues& issues);

/// Decodes a pushed response and checks it against its envelope: the body's id is the
/// record's (`id_mismatch`), its rev is 1 (`invalid_rev`), and a campaign-scoped token only
/// answers its own campaign (`campaign_not_allowed`).
Result<model::Response> decodeResponseRecord(const boost::json::value& body,
                                             std::string_view recordId, std::int64_t rev,
                                             const std::optional<std::string>& tokenCampaignId);

/// `survey_mismatch` when the (open) campaign uses another survey or survey version.
Status checkCampaignSurvey(const model::Response& response, const model::Campaign& campaign);

/// The shared validator's issues with the answers, as `validation_failed`.
Status checkAnswers(const model::Response& response, const model::Survey& survey);

} // namespace td::sync
