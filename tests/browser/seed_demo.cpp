// Writes the deterministic Vindeln demo data set into a server database, as the coordinator
// API and sync would have stored it. Usage:
//   td_browser_seed DB CONTENT_DIR POPULATION_JSON [RESPONSES_PER_WAVE]
#include "td/demo/generator.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/protocol.hpp"

#include <boost/json/serialize.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s DB CONTENT_DIR POPULATION_JSON [RESPONSES_PER_WAVE]\n",
                     argv[0]);
        return 2;
    }
    auto options = td::demo::loadDemoOptions(argv[2], argv[3]);
    if (!options) {
        std::fprintf(stderr, "demo options: %s\n", options.error().describe().c_str());
        return 1;
    }
    if (argc > 4)
        options->responsesPerWave = static_cast<std::size_t>(std::strtoul(argv[4], nullptr, 10));
    auto store = td::store::ServerStore::open(argv[1]);
    if (!store) {
        std::fprintf(stderr, "open: %s\n", store.error().describe().c_str());
        return 1;
    }
    const td::demo::DemoData data = td::demo::generate(20251125, *options);
    std::size_t written = 0;
    for (const auto& record : data.records()) {
        std::string kind(td::model::toString(record.kind));
        std::string id = record.id;
        if (record.kind == td::model::RecordKind::Survey)
            id = td::sync::surveyRecordId(id, record.body.at("version").as_int64());
        auto rev = (*store)->putRecord(kind, id, boost::json::serialize(record.body),
                                       "0000000000000-0000-seed");
        if (!rev) {
            std::fprintf(stderr, "store %s %s: %s\n", kind.c_str(), id.c_str(),
                         rev.error().describe().c_str());
            return 1;
        }
        ++written;
    }
    for (const auto& c : data.campaigns)
        if (!c.publicCode.empty())
            if (auto s = (*store)->setCampaignCode(c.publicCode, c.id, 0); !s) {
                std::fprintf(stderr, "code: %s\n", s.error().describe().c_str());
                return 1;
            }
    std::printf("{\"records\":%zu,\"campaigns\":%zu,\"responses\":%zu}\n", written,
                data.campaigns.size(), data.responses.size());
    return 0;
}
