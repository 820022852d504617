// The response CSV as the server built it before it was streamed: the whole file in memory
// from listRecords. Tests compare the streamed export with it; the benchmark uses it as the
// baseline.
#include "export_reference.hpp"

#include "api_export.hpp"
#include "td/model/codec.hpp"
#include "td/sync/protocol.hpp"

#include <cstdio>
#include <vector>

namespace td::test {
namespace {

std::string formatNumber(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty())
            out += ';';
        out += p;
    }
    return out;
}

std::string placeCell(const std::vector<model::PlaceEntry>& entries, bool freeText) {
    std::vector<std::string> parts;
    for (const auto& e : entries) {
        if (e.placeId)
            parts.push_back(*e.placeId);
        else if (e.position)
            parts.push_back(formatNumber(e.position->lat) + " " + formatNumber(e.position->lon));
        else if (e.description && freeText)
            parts.push_back(*e.description);
        else if (e.description)
            parts.push_back("(description)");
    }
    return joined(parts);
}

// An answer as one cell, and whether it is a number written by this function.
std::pair<std::string, bool> answerCell(const model::AnswerValue& value, bool freeText) {
    struct Visitor {
        bool freeText;
        std::pair<std::string, bool> operator()(bool b) const { return {b ? "yes" : "no", false}; }
        std::pair<std::string, bool> operator()(std::int64_t i) const {
            return {std::to_string(i), true};
        }
        std::pair<std::string, bool> operator()(double d) const { return {formatNumber(d), true}; }
        std::pair<std::string, bool> operator()(const std::string& s) const { return {s, false}; }
        std::pair<std::string, bool> operator()(const std::vector<std::string>& v) const {
            return {joined(v), false};
        }
        std::pair<std::string, bool> operator()(const std::vector<model::PlaceEntry>& v) const {
            return {placeCell(v, freeText), false};
        }
    };
    return std::visit(Visitor{freeText}, value);
}

void appendRow(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i)
            out += ',';
        out += cells[i];
    }
    out += "\r\n";
}

} // namespace

std::optional<std::string> referenceResponsesCsv(store::ServerStore& store,
                                                 const std::string& campaignId, bool freeText) {
    using server::csvCell;
    auto campaignRec = store.getRecord("campaign", campaignId);
    if (!campaignRec || !*campaignRec)
        return std::nullopt;
    auto campaign = model::fromJsonText<model::Campaign>((*campaignRec)->body);
    if (!campaign)
        return std::nullopt;
    auto surveyRec = store.getRecord(
        "survey", sync::surveyRecordId(campaign->surveyId, campaign->surveyVersion));
    if (!surveyRec || !*surveyRec)
        return std::nullopt;
    auto survey = model::fromJsonText<model::Survey>((*surveyRec)->body);
    if (!survey)
        return std::nullopt;

    std::vector<const model::Question*> columns;
    for (const model::Question* q : survey->questions())
        if (freeText || q->type != model::QuestionType::Text)
            columns.push_back(q);

    std::string out = "\xEF\xBB\xBF";
    std::vector<std::string> header{"response_id", "submitted_at", "channel", "locale"};
    for (const model::Question* q : columns)
        header.push_back(csvCell(q->id));
    appendRow(out, header);

    auto records = store.listRecords("response");
    if (!records)
        return std::nullopt;
    for (const auto& rec : *records) {
        auto r = model::fromJsonText<model::Response>(rec.body);
        if (!r || r->campaignId != campaignId)
            continue;
        std::vector<std::string> row{csvCell(r->id), csvCell(r->submittedAt),
                                     csvCell(model::toString(r->channel)), csvCell(r->locale)};
        for (const model::Question* q : columns) {
            auto it = r->answers.find(q->id);
            if (it == r->answers.end()) {
                row.emplace_back();
                continue;
            }
            auto [text, numeric] = answerCell(it->second, freeText);
            row.push_back(numeric ? text : csvCell(text));
        }
        appendRow(out, row);
    }
    return out;
}

} // namespace td::test
