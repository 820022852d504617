#include "record_checks.hpp"

#include "td/model/codec.hpp"
#include "td/model/validator.hpp"
#include "td/sync/response_check.hpp"

#include <boost/json/serialize.hpp>

namespace td::sync {

namespace {

template <class T>
Result<std::string> decodeValidate(const PushEnvelope::Record& record,
                                   model::Issues (*validate)(const T&)) {
    auto decoded = model::decode<T>(*record.body);
    if (!decoded)
        return invalidBody(decoded.error());
    if (decoded->id != record.id)
        return makeError("id_mismatch", "the body's id differs from the record's id", "id");
    if (auto issues = validate(*decoded); !issues.empty())
        return validationFailed(issues);
    return boost::json::serialize(model::encode(*decoded));
}

} // namespace

Result<std::string> RecordChecker::check(CheckContext& context, const PushEnvelope::Record& record,
                                         const ProtocolLimits& limits) {
    auto kind = model::enumFromString<model::RecordKind>(record.kind);
    if (!kind)
        return makeError("unknown_kind", "unknown record kind \"" + record.kind + "\"", "kind");
    if (!mayPush(context.principal.role, record.kind))
        return makeError("kind_not_allowed",
                         "the role \"" + std::string(toString(context.principal.role)) +
                             "\" may not push \"" + record.kind + "\" records",
                         "kind");
    Result<std::string> canonical = std::string();
    switch (*kind) {
    case model::RecordKind::Response:
        canonical = checkResponse(context, record);
        break;
    case model::RecordKind::Dialogue:
        canonical = decodeValidate<model::Dialogue>(record, &model::validateDialogue);
        break;
    case model::RecordKind::SafetyWalk:
        canonical = decodeValidate<model::SafetyWalk>(record, &model::validateSafetyWalk);
        break;
    case model::RecordKind::Observation: {
        if (!m_checklist)
            return makeError("no_checklist", "the server has no walk checklist to check against");
        auto decoded = model::decode<model::Observation>(*record.body);
        if (!decoded)
            return invalidBody(decoded.error());
        if (decoded->id != record.id)
            return makeError("id_mismatch", "the body's id differs from the record's id", "id");
        if (auto issues = model::validateObservation(*decoded, *m_checklist); !issues.empty())
            return validationFailed(issues);
        canonical = boost::json::serialize(model::encode(*decoded));
        break;
    }
    default:
        return makeError("kind_not_allowed", "\"" + record.kind + "\" records are not pushed",
                         "kind");
    }
    if (canonical && canonical->size() > limits.maxBodyBytes)
        return makeError("record_too_large",
                         "the body has " + std::to_string(canonical->size()) + " bytes; at most " +
                             std::to_string(limits.maxBodyBytes) + " are accepted");
    return canonical;
}

Result<std::string> RecordChecker::checkResponse(CheckContext& context,
                                                 const PushEnvelope::Record& record) {
    const Principal& principal = context.principal;
    auto decoded = decodeResponseRecord(*record.body, record.id, record.rev, principal.campaignId);
    if (!decoded)
        return decoded.error();
    const model::Response& response = *decoded;
    auto found = campaign(context, response.campaignId);
    if (!found)
        return found.error();
    const model::Campaign& c = **found;
    // Whether the store holds the response already: a retry, answered duplicate by the store.
    std::optional<bool> known;
    const auto knownAlready = [&]() -> Result<bool> {
        if (!known) {
            auto k = m_store.knowsRecord(response.id);
            if (!k)
                return makeError("storage_unavailable", k.error().message);
            known = *k;
        }
        return *known;
    };
    // A closing campaign still takes what devices queued before it began closing, up to the
    // last day of its grace period.
    const bool inGrace = c.status == model::CampaignStatus::Closing && c.acceptQueuedUntil &&
                         context.today <= *c.acceptQueuedUntil;
    if (c.status != model::CampaignStatus::Open && !inGrace) {
        // A retry of a response stored before the campaign closed (its acknowledgement was
        // lost) is checked as usual so that the store answers duplicate, not rejected; also
        // when a retention purge has since removed it.
        auto k = knownAlready();
        if (!k)
            return k.error();
        if (!*k)
            return makeError("campaign_closed", "campaign \"" + c.id + "\" is closed",
                             "campaign_id");
    }
    if (auto s = checkCampaignSurvey(response, c); !s)
        return s.error();
    auto definition = survey(context, surveyRecordId(response.surveyId, response.surveyVersion));
    if (!definition)
        return definition.error();
    if (auto s = checkAnswers(response, **definition); !s)
        return s.error();
    if (context.newResponseAllowance) {
        // Only valid new responses count against a token's limit; retries of what it has
        // sent before pass (the store answers duplicate).
        auto k = knownAlready();
        if (!k)
            return k.error();
        if (!*k) {
            if (context.newResponses >= *context.newResponseAllowance)
                return makeError("response_limit_reached",
                                 "this token has sent as many responses as one token may");
            ++context.newResponses;
        }
    }
    return model::toJsonText(response);
}

Result<std::shared_ptr<const model::Campaign>> RecordChecker::campaign(CheckContext& context,
                                                                       const std::string& id) {
    if (auto it = context.campaigns.find(id); it != context.campaigns.end())
        return it->second;
    Result<std::shared_ptr<const model::Campaign>> result =
        [&]() -> Result<std::shared_ptr<const model::Campaign>> {
        auto stored = m_store.getRecord("campaign", id);
        if (!stored)
            return makeError("storage_unavailable", stored.error().message);
        if (!*stored)
            return makeError("unknown_campaign", "no campaign \"" + id + "\"", "campaign_id");
        auto decoded = model::fromJsonText<model::Campaign>((*stored)->body);
        if (!decoded)
            return makeError("unknown_campaign",
                             "campaign \"" + id +
                                 "\" cannot be read: " + decoded.error().describe(),
                             "campaign_id");
        return std::make_shared<const model::Campaign>(std::move(decoded).value());
    }();
    context.campaigns.emplace(id, result);
    return result;
}

Result<std::shared_ptr<const model::Survey>> RecordChecker::survey(CheckContext& context,
                                                                   const std::string& recordId) {
    if (auto it = context.surveys.find(recordId); it != context.surveys.end())
        return it->second;
    Result<std::shared_ptr<const model::Survey>> result =
        [&]() -> Result<std::shared_ptr<const model::Survey>> {
        auto stored = m_store.getRecord("survey", recordId);
        if (!stored)
            return makeError("storage_unavailable", stored.error().message);
        if (!*stored)
            return makeError("unknown_survey", "no survey \"" + recordId + "\"", "survey_id");
        {
            std::lock_guard lock(m_mutex);
            auto it = m_surveyCache.find(recordId);
            if (it != m_surveyCache.end() && it->second.first == (*stored)->rev)
                return it->second.second;
        }
        auto decoded = model::fromJsonText<model::Survey>((*stored)->body);
        if (!decoded)
            return makeError("unknown_survey",
                             "survey \"" + recordId +
                                 "\" cannot be read: " + decoded.error().describe(),
                             "survey_id");
        auto shared = std::make_shared<const model::Survey>(std::move(decoded).value());
        std::lock_guard lock(m_mutex);
        m_surveyCache[recordId] = {(*stored)->rev, shared};
        return shared;
    }();
    context.surveys.emplace(recordId, result);
    return result;
}

} // namespace td::sync
