#include "api_indicators.hpp"
#include "api_publish.hpp"
#include "demo_measures.hpp"
#include "demo_promises.hpp"
#include "td/demo/generator.hpp"
#include "td/server/admin.hpp"
#include "td/server/fault_point.hpp"
#include "td/server/resources.hpp"
#include "td/store/server_store.hpp"
#include "td/sync/protocol.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>
#include <iostream>

namespace td::server {
namespace {

struct DemoArgs {
    std::uint64_t seed = 20251125;
    std::optional<std::size_t> responsesPerWave;
    std::string contentDir = resources().contentDir;
    std::string populationJson = resources().populationJson;
};

Result<std::uint64_t> parseCount(const std::string& flag, const std::string& text) {
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
        return makeError("invalid_argument",
                         flag + ": expected a whole number, got '" + text + "'");
    return v;
}

Result<DemoArgs> parseDemoArgs(const std::vector<std::string>& args) {
    DemoArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& flag = args[i];
        if (i + 1 >= args.size())
            return makeError("invalid_argument", "demo-data load: " + flag + " needs a value");
        const std::string& value = args[++i];
        if (flag == "--seed") {
            auto v = parseCount(flag, value);
            if (!v)
                return v.error();
            out.seed = *v;
        } else if (flag == "--responses-per-wave") {
            auto v = parseCount(flag, value);
            if (!v)
                return v.error();
            out.responsesPerWave = static_cast<std::size_t>(*v);
        } else if (flag == "--content") {
            out.contentDir = value;
        } else if (flag == "--population") {
            out.populationJson = value;
        } else {
            return makeError("invalid_argument", "demo-data load: unknown option " + flag);
        }
    }
    return out;
}

} // namespace

Status loadDemoData(store::ServerStore& store, const std::vector<std::string>& args) {
    auto parsed = parseDemoArgs(args);
    if (!parsed)
        return parsed.error();
    auto existing = store.countRecords("campaign");
    if (!existing)
        return existing.error();
    if (*existing > 0)
        return makeError("database_not_empty",
                         "the database already holds campaigns; demo data goes into a new one");
    auto options = demo::loadDemoOptions(parsed->contentDir, parsed->populationJson);
    if (!options)
        return options.error();
    if (parsed->responsesPerWave)
        options->responsesPerWave = *parsed->responsesPerWave;

    const demo::DemoData data = demo::generate(parsed->seed, *options);
    const std::string hlc = "000000000000-00000000-demo";
    std::size_t written = 0;
    for (const auto& record : data.records()) {
        if (record.kind == model::RecordKind::Measure)
            continue; // written with their clocks by addDemoMeasures below
        std::string kind(model::toString(record.kind));
        std::string id = record.id;
        if (record.kind == model::RecordKind::Survey)
            id = sync::surveyRecordId(id, record.body.at("version").as_int64());
        auto rev = store.putRecord(kind, id, boost::json::serialize(record.body), hlc);
        if (!rev)
            return rev.error();
        ++written;
        faultPoint("demo-record");
    }
    auto measures = addDemoMeasures(store, data);
    if (!measures)
        return measures.error();
    written += *measures;
    for (const auto& c : data.campaigns)
        if (!c.publicCode.empty())
            if (auto s = store.setCampaignCode(c.publicCode, c.id, unixNowMs()); !s)
                return s.error();
    // The newest trygghetsenkät wave gets a published public summary, as a coordinator would.
    const model::Campaign* newest = nullptr;
    for (const auto& c : data.campaigns)
        if (c.surveyId == options->survey.id && (!newest || c.year > newest->year))
            newest = &c;
    if (newest) {
        auto published = publishPublicSummary(store, newest->id, unixNowMs(), options->population);
        if (!published)
            return published.error();
        ++written;
    }
    faultPoint("demo-published");
    auto figures = storeIndicators(store, data.indicators, unixNowMs());
    if (!figures)
        return figures.error();
    written += figures->added + figures->replaced;
    auto promises =
        loadDemoPromises(store, parsed->contentDir + "/promises_vindeln_2023.json", hlc);
    if (!promises)
        return promises.error();
    written += *promises;
    std::cout << "{\"records\":" << written << ",\"campaigns\":" << data.campaigns.size()
              << ",\"responses\":" << data.responses.size()
              << ",\"indicator_figures\":" << data.indicators.size() << "}\n";
    return {};
}

} // namespace td::server
