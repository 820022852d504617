#include "td/sync/response_check.hpp"

#include "td/model/codec.hpp"

namespace td::sync {

Error invalidBody(const Error& codecError) {
    return makeError("invalid_body", codecError.code + ": " + codecError.message, codecError.path);
}

Error validationFailed(const model::Issues& issues) {
    std::string message;
    for (const model::Issue& issue : issues) {
        if (!message.empty())
            message += "; ";
        message += issue.code + " at " + (issue.path.empty() ? "(record)" : issue.path) + ": " +
                   issue.message;
    }
    return makeError("validation_failed", std::move(message), issues.front().path);
}

Result<model::Response> decodeResponseRecord(const boost::json::value& body,
                                             std::string_view recordId, std::int64_t rev,
                                             const std::optional<std::string>& tokenCampaignId) {
    auto decoded = model::decode<model::Response>(body);
    if (!decoded)
        return invalidBody(decoded.error());
    if (decoded->id != recordId)
        return makeError("id_mismatch", "the body's id differs from the record's id", "id");
    if (rev != 1)
        return makeError("invalid_rev", "a response is immutable: its rev is 1");
    if (tokenCampaignId && decoded->campaignId != *tokenCampaignId)
        return makeError("campaign_not_allowed",
                         "this token may only submit to campaign \"" + *tokenCampaignId + "\"",
                         "campaign_id");
    return decoded;
}

Status checkCampaignSurvey(const model::Response& response, const model::Campaign& campaign) {
    if (campaign.surveyId != response.surveyId || campaign.surveyVersion != response.surveyVersion)
        return makeError("survey_mismatch",
                         "campaign \"" + campaign.id + "\" uses survey \"" + campaign.surveyId +
                             "\" version " + std::to_string(campaign.surveyVersion),
                         "survey_id");
    return {};
}

Status checkAnswers(const model::Response& response, const model::Survey& survey) {
    if (auto issues = model::validateResponse(response, survey); !issues.empty())
        return validationFailed(issues);
    return {};
}

} // namespace td::sync
