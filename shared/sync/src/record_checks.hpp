#pragma once
// Per-record admission for a push: kind and role rules, the model codec, the shared validator
// against the referenced campaign and survey, and the canonical body that is stored.

#include "td/model/campaign.hpp"
#include "td/model/checklist.hpp"
#include "td/model/survey.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/protocol.hpp"
#include "td/sync/sync_service.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace td::sync {

/// State of one push: the caller and the campaigns/surveys already looked up in this batch.
struct CheckContext {
    explicit CheckContext(const Principal& principal)
        : principal(principal) {}
    const Principal& principal;
    std::map<std::string, Result<std::shared_ptr<const model::Campaign>>> campaigns;
    std::map<std::string, Result<std::shared_ptr<const model::Survey>>> surveys;
    std::optional<std::size_t> newResponseAllowance; ///< see SyncService::push
    std::size_t newResponses = 0; ///< new responses admitted so far, against the allowance
    std::string today;            ///< the Swedish date of the push, for closing campaigns
};

class RecordChecker {
public:
    RecordChecker(store::ServerStore& store, const std::optional<model::WalkChecklist>& checklist)
        : m_store(store)
        , m_checklist(checklist) {}

    /// The canonical body text to store, or the reason the record is rejected.
    Result<std::string> check(CheckContext& context, const PushEnvelope::Record& record,
                              const ProtocolLimits& limits);

private:
    Result<std::string> checkResponse(CheckContext& context, const PushEnvelope::Record& record);
    Result<std::shared_ptr<const model::Campaign>> campaign(CheckContext& context,
                                                            const std::string& id);
    Result<std::shared_ptr<const model::Survey>> survey(CheckContext& context,
                                                        const std::string& recordId);

    store::ServerStore& m_store;
    const std::optional<model::WalkChecklist>& m_checklist;
    std::mutex m_mutex; // guards m_surveyCache
    /// Decoded surveys by record id, with the rev they were decoded from.
    std::map<std::string, std::pair<std::int64_t, std::shared_ptr<const model::Survey>>>
        m_surveyCache;
};

} // namespace td::sync
