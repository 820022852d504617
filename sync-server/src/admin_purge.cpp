// `admin purge`: the retention purge from the command line (and the nightly timer).
#include "audit.hpp"
#include "retention.hpp"
#include "td/model/common.hpp"
#include "td/server/admin.hpp"

#include <boost/json/serialize.hpp>
#include <iostream>

namespace td::server {
namespace {

struct PurgeArgs {
    std::optional<std::string> campaign;
    bool freeTextNow = false;
    bool dryRun = false;
    std::optional<std::string> today;
};

Result<PurgeArgs> parsePurgeArgs(const std::vector<std::string>& args) {
    PurgeArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> Result<std::string> {
            if (i + 1 >= args.size())
                return makeError("invalid_argument", "admin purge: " + a + " needs a value");
            return args[++i];
        };
        if (a == "--campaign" || a == "--today") {
            auto v = value();
            if (!v)
                return v.error();
            if (a == "--today" && !model::isValidDate(*v))
                return makeError("invalid_argument", "admin purge: --today expects YYYY-MM-DD");
            (a == "--campaign" ? out.campaign : out.today) = *v;
        } else if (a == "--free-text-now") {
            out.freeTextNow = true;
        } else if (a == "--dry-run") {
            out.dryRun = true;
        } else {
            return makeError("invalid_argument", "admin purge: unknown option " + a);
        }
    }
    if (out.freeTextNow && !out.campaign)
        return makeError("invalid_argument", "admin purge: --free-text-now needs --campaign");
    return out;
}

} // namespace

Status runPurgeCommand(store::ServerStore& store, const std::vector<std::string>& args) {
    auto parsed = parsePurgeArgs(args);
    if (!parsed)
        return parsed.error();
    const std::int64_t now = unixNowMs();
    const std::string today = parsed->today.value_or(swedishDate(now));
    auto status = retentionStatus(store, today);
    if (!status)
        return status.error();
    bool found = false;
    for (const CampaignRetention& r : *status) {
        const std::string& id = r.campaign.id;
        if (parsed->campaign && *parsed->campaign != id)
            continue;
        found = true;
        const bool due =
            parsed->freeTextNow ? r.freeTextRemaining > 0 : r.freeTextDue || r.responsesDue;
        boost::json::object line{{"campaign", id},
                                 {"free_text_until", r.freeTextUntil},
                                 {"responses_until", r.responsesUntil},
                                 {"due", due}};
        if (!due || parsed->dryRun) {
            std::cout << boost::json::serialize(line) << "\n";
            continue;
        }
        if (r.campaign.status == model::CampaignStatus::Open) {
            line["skipped"] = "campaign_open";
            std::cout << boost::json::serialize(line) << "\n";
            continue;
        }
        const PurgeScope scope = parsed->freeTextNow ? PurgeScope::FreeTextNow : PurgeScope::Due;
        auto report = purgeCampaign(store, id, scope, today, now);
        if (!report)
            return report.error();
        boost::json::object detail{{"scope", parsed->freeTextNow ? "free_text_now" : "due"},
                                   {"free_text_emptied", report->freeTextEmptied},
                                   {"responses_removed", report->responsesRemoved}};
        if (auto a = auditCommand(store, "campaign.purge", id, detail); !a)
            return a.error();
        line["free_text_emptied"] = report->freeTextEmptied;
        line["responses_removed"] = report->responsesRemoved;
        line["checkpointed"] = report->checkpointed;
        std::cout << boost::json::serialize(line) << "\n";
    }
    if (parsed->campaign && !found)
        return makeError("not_found", "no campaign " + *parsed->campaign);
    return {};
}

} // namespace td::server
