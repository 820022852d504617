#pragma once
// Test support for sync: the records of synthetic_records.hpp and a server store +
// SyncService on a temp file.

#include "../store/temp_dir.hpp"
#include "synthetic_records.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/sync_service.hpp"

#include <memory>
#include <stdexcept>
#include <string>

namespace td::test {

/// A server store on a temp file with the Vindeln survey and an open campaign published,
/// and a SyncService over it.
struct ServiceFixture {
    explicit ServiceFixture(sync::SyncServiceOptions options = {},
                            store::ServerStoreOptions storeOptions = {}) {
        auto opened = store::ServerStore::open(dir.file("server.db"), storeOptions);
        if (!opened)
            throw std::runtime_error(opened.error().describe());
        store = std::move(opened).value();
        survey = loadSurvey();
        checklist = loadChecklist();
        publish(sync::surveyRecordId(survey.id, survey.version), "survey", bodyOf(survey));
        publish(campaignId, "campaign", bodyOf(makeCampaign(campaignId, survey)));
        if (!options.checklist)
            options.checklist = checklist;
        service = std::make_unique<sync::SyncService>(*store, std::move(options));
    }

    void publish(const std::string& id, const std::string& kind, const std::string& body) {
        auto rev = store->putRecord(kind, id, body, "0000000000000000-0000-server");
        if (!rev)
            throw std::runtime_error(rev.error().describe());
    }

    sync::PushRecord responseRecord(std::uint64_t n) const {
        auto r = syntheticResponse(survey, campaignId, n);
        return sync::PushRecord{"response", r.id, 1, "0000019000000000-0000-dev", bodyOf(r)};
    }

    TempDir dir;
    std::unique_ptr<store::ServerStore> store;
    model::Survey survey;
    model::WalkChecklist checklist;
    std::string campaignId = "trygghet_2025";
    std::unique_ptr<sync::SyncService> service;
};

} // namespace td::test
