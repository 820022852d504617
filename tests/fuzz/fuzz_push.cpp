// The push envelope and the sync messages: the first input byte picks the caller's role, the
// rest is a push body. It is decoded as an envelope and as a request (which must encode and
// decode back to itself), then pushed through a SyncService over an in-memory store holding
// the Vindeln survey and an open campaign: every answer is a documented status, and a 200
// answers each record once. The same bytes are also fed to the response, pull, error and
// cursor decoders.
#include "../sync/synthetic_records.hpp"
#include "fuzz_support.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/sync_service.hpp"

#include <memory>

namespace {

using namespace td;

struct World {
    std::unique_ptr<store::ServerStore> store;
    std::unique_ptr<sync::SyncService> service;
};

World& world() {
    static World w = [] {
        World out;
        auto opened = store::ServerStore::open(":memory:");
        fuzz::require(opened.ok(), "an in-memory store opens");
        out.store = std::move(opened).value();
        const model::Survey survey = test::loadSurvey();
        fuzz::require(out.store
                          ->putRecord("survey", sync::surveyRecordId(survey.id, survey.version),
                                      model::toJsonText(survey), "0000000000000-0000-seed")
                          .ok(),
                      "the survey is stored");
        fuzz::require(
            out.store
                ->putRecord("campaign", "trygghet_2025",
                            model::toJsonText(test::makeCampaign("trygghet_2025", survey)),
                            "0000000000000-0000-seed")
                .ok(),
            "the campaign is stored");
        sync::SyncServiceOptions options;
        options.limits.maxRequestBytes = 1 << 20;
        options.groupCommit = {1, 1}; // each push commits on its own, no writer thread
        options.checklist = test::loadChecklist();
        out.service = std::make_unique<sync::SyncService>(*out.store, std::move(options));
        return out;
    }();
    return w;
}

sync::Principal principalFor(unsigned char selector) {
    sync::Principal p;
    switch (selector % 4) {
    case 0:
        p.role = sync::Role::Officer;
        p.deviceId = "device-officer";
        break;
    case 1:
        p.role = sync::Role::Kiosk;
        p.deviceId = "device-kiosk";
        break;
    case 2:
        p.role = sync::Role::Resident;
        p.campaignId = "trygghet_2025";
        break;
    default:
        p.role = sync::Role::Coordinator;
        break;
    }
    return p;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)world();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::string_view body = fuzz::asText(data + 1, size - 1);
    sync::ProtocolLimits limits;
    limits.maxRequestBytes = 1 << 20;

    auto envelope = sync::decodePushEnvelope(body, limits);
    auto request = sync::decodePushRequest(body, limits);
    fuzz::require(envelope.ok() || !request.ok(), "a request decodes only as an envelope too");
    if (request) {
        auto encoded = sync::encodePushRequest(*request);
        fuzz::require(encoded.ok(), "a decoded request encodes");
        auto again = sync::decodePushRequest(*encoded, sync::ProtocolLimits{});
        fuzz::require(again.ok() && again->records.size() == request->records.size(),
                      "an encoded request decodes to as many records");
        for (std::size_t i = 0; i < request->records.size(); ++i)
            fuzz::require(again->records[i].body == request->records[i].body &&
                              again->records[i].id == request->records[i].id,
                          "records survive encode and decode");
    }

    auto reply = world().service->push(principalFor(data[0]), body);
    const int s = reply.httpStatus;
    fuzz::require(s == 200 || s == 400 || s == 403 || s == 413, "a documented push status");
    if (s == 200) {
        auto results = sync::decodePushResponse(reply.jsonBody);
        fuzz::require(results.ok(), "the push answer decodes");
        fuzz::require(envelope.ok() && results->results.size() == envelope->records.size(),
                      "one result per record");
    } else {
        fuzz::require(sync::decodeError(reply.jsonBody).ok(), "the error answer decodes");
    }

    (void)sync::decodePushResponse(body);
    (void)sync::decodePullResponse(body);
    (void)sync::decodeError(body);
    if (auto seq = sync::decodeCursor(body); seq.ok() && *seq > 0)
        fuzz::require(sync::encodeCursor(*seq) == body, "a cursor is its one encoding");
    return 0;
}
