#include "retention.hpp"

#include "api_records.hpp"
#include "picture_cache.hpp"
#include "td/model/codec.hpp"
#include "td/model/dialogue.hpp"
#include "td/model/response.hpp"
#include "td/model/survey.hpp"
#include "td/sync/protocol.hpp"

#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <map>

namespace td::server {
namespace {

using namespace std::chrono;

std::optional<year_month_day> parseDate(const std::string& text) {
    if (!model::isValidDate(text))
        return std::nullopt;
    return year_month_day{year{std::stoi(text.substr(0, 4))},
                          month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                          day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
}

std::string formatDate(year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

// `d` moved by whole months, the day clamped to the month's end (31 Mar + 3 months = 30 Jun).
std::string addMonths(const std::string& date, int monthsToAdd) {
    auto d = parseDate(date);
    if (!d)
        return date;
    year_month_day moved = d->year() / d->month() / 1d + months{monthsToAdd};
    const day lastDay = (moved.year() / moved.month() / last).day();
    return formatDate(moved.year() / moved.month() / std::min(d->day(), lastDay));
}

std::string withoutFreeText(model::Response r, const model::Survey& survey,
                            const std::string& today) {
    for (auto& [qid, answer] : r.answers) {
        const model::Question* q = survey.findQuestion(qid);
        if (q && q->type == model::QuestionType::Text) {
            if (auto* text = std::get_if<std::string>(&answer))
                text->clear();
        } else if (auto* places = std::get_if<std::vector<model::PlaceEntry>>(&answer)) {
            for (auto& entry : *places)
                if (entry.description)
                    entry.description = std::string();
        }
    }
    r.freeTextRemovedAt = today;
    return model::toJsonText(r);
}

bool hasFreeText(const model::Dialogue& d) {
    for (const auto& t : d.topics)
        if (t.note)
            return true;
    return false;
}

} // namespace

std::string freeTextKeptUntil(const model::Campaign& c) {
    return c.retainFreeTextUntil ? *c.retainFreeTextUntil
                                 : addMonths(c.periodEnd, kDefaultFreeTextMonths);
}

std::string responsesKeptUntil(const model::Campaign& c) {
    return c.retainResponsesUntil ? *c.retainResponsesUntil
                                  : addMonths(c.periodEnd, 12 * kDefaultResponsesYears);
}

std::string aggregateRecordId(const std::string& campaignId) {
    return "aggregate@" + campaignId;
}

Result<std::vector<CampaignRetention>> retentionStatus(store::ServerStore& store,
                                                       const std::string& today) {
    auto counts = store.responseCountsByCampaign();
    if (!counts)
        return counts.error();
    auto aggregates = store.listRecords("campaign_aggregate");
    if (!aggregates)
        return aggregates.error();
    std::vector<CampaignRetention> out;
    Status s = eachRecord<model::Campaign>(store, "campaign", [&](model::Campaign& c) {
        CampaignRetention r;
        r.freeTextUntil = freeTextKeptUntil(c);
        r.responsesUntil = responsesKeptUntil(c);
        if (auto it = counts->find(c.id); it != counts->end()) {
            r.responses = it->second.responses;
            r.freeTextRemaining = it->second.responses - it->second.freeTextRemoved;
        }
        for (const auto& a : *aggregates)
            r.aggregated = r.aggregated || a.id == aggregateRecordId(c.id);
        r.freeTextDue = r.freeTextRemaining > 0 && today > r.freeTextUntil;
        r.responsesDue = r.responses > 0 && today > r.responsesUntil;
        r.campaign = std::move(c);
        out.push_back(std::move(r));
    });
    if (!s)
        return s.error();
    return out;
}

Result<PurgeReport> purgeCampaign(store::ServerStore& store, const std::string& campaignId,
                                  PurgeScope scope, const std::string& today, std::int64_t nowMs) {
    auto campaign = loadRecord<model::Campaign>(store, "campaign", campaignId);
    if (!campaign)
        return campaign.error();
    if (!*campaign)
        return makeError("not_found", "no campaign " + campaignId);
    const model::Campaign& c = **campaign;
    if (c.status == model::CampaignStatus::Open)
        return makeError("campaign_open",
                         "campaign " + campaignId + " is open: close it before purging");
    PurgeReport report{campaignId};
    const bool freeTextDue = scope == PurgeScope::FreeTextNow || today > freeTextKeptUntil(c);
    const bool responsesDue = scope == PurgeScope::Due && today > responsesKeptUntil(c);
    const std::string hlc = serverHlc(nowMs);

    // 1. Free text: responses keep their answers with the texts emptied; the campaign's
    //    dialogues lose their topic notes. Always before the responses go, so the aggregates
    //    never see a text.
    if (freeTextDue || responsesDue) {
        auto survey = loadRecord<model::Survey>(store, "survey",
                                                sync::surveyRecordId(c.surveyId, c.surveyVersion));
        if (!survey)
            return survey.error();
        if (!*survey)
            return makeError("unknown_survey", "the campaign's survey is not stored");
        store::Purge purge;
        purge.campaignId = campaignId;
        purge.hlc = hlc;
        purge.nowMs = nowMs;
        auto responses = store.listRecordsOfCampaign("response", campaignId);
        if (!responses)
            return responses.error();
        for (auto& r : *responses) {
            auto decoded = model::fromJsonText<model::Response>(r.body);
            if (!decoded || decoded->freeTextRemovedAt)
                continue;
            r.body = withoutFreeText(std::move(*decoded), **survey, today);
            purge.rewritten.push_back(std::move(r));
        }
        auto dialogues = store.listRecordsOfCampaign("dialogue", campaignId);
        if (!dialogues)
            return dialogues.error();
        for (auto& d : *dialogues) {
            auto decoded = model::fromJsonText<model::Dialogue>(d.body);
            if (!decoded || !hasFreeText(*decoded))
                continue;
            for (auto& t : decoded->topics)
                t.note.reset();
            d.body = model::toJsonText(*decoded);
            purge.rewritten.push_back(std::move(d));
        }
        if (!purge.rewritten.empty()) {
            auto done = store.purge(purge);
            if (!done)
                return done.error();
            report.freeTextEmptied = done->rewritten;
            report.checkpointed = done->checkpointed;
        }
    }

    // 2. Raw responses: the campaign's aggregates, computed from the (now text-free) data,
    //    replace them in one transaction. A response that arrives meanwhile makes the store
    //    refuse (purge_changed); the picture data is then read again.
    if (responsesDue) {
        for (int attempt = 0;; ++attempt) {
            auto responses = store.listRecordsOfCampaign("response", campaignId);
            if (!responses)
                return responses.error();
            if (responses->empty())
                break;
            auto data = cachedPictureData(store);
            if (!data)
                return data.error();
            auto aggregate = (*data)->campaignAggregate(campaignId);
            if (!aggregate)
                return aggregate.error();
            store::Purge purge;
            purge.campaignId = campaignId;
            purge.hlc = hlc;
            purge.nowMs = nowMs;
            for (const auto& r : *responses)
                purge.removed.push_back(r.id);
            purge.writes.push_back({"campaign_aggregate", aggregateRecordId(campaignId),
                                    boost::json::serialize(picture::encode(*aggregate)),
                                    store::Visibility{}});
            auto done = store.purge(purge);
            if (!done) {
                if (done.error().code == "purge_changed" && attempt < 3)
                    continue;
                return done.error();
            }
            report.responsesRemoved = done->removed;
            report.checkpointed = report.checkpointed && done->checkpointed;
            break;
        }
    }
    return report;
}

} // namespace td::server
