// The response export as CSV: one row per response of a campaign, one column per question,
// streamed page by page so memory stays bounded whatever the number of responses.
#include "api_export.hpp"

#include "api_records.hpp"
#include "td/model/codec.hpp"
#include "td/server/query.hpp"
#include "td/store/database.hpp"
#include "td/sync/protocol.hpp"

#include <cctype>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace td::server {
namespace {

HttpResponse badRequest(const Error& e) {
    return errorResponse(400, e.code, e.describe());
}

HttpResponse privateResponse(std::string contentType, std::string body) {
    HttpResponse r;
    r.contentType = std::move(contentType);
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

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

std::string safeFileName(std::string_view id) {
    std::string out;
    for (char c : id)
        out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_';
    return out;
}

std::string csvCell(std::string_view value) {
    // A spreadsheet that splits lines at another separator than ours (Swedish Excel splits at
    // ';', others at tabs) starts a cell after any separator, quote or line break inside our
    // cell, where quoting no longer protects it: each such start is defused as well.
    std::string cell;
    cell.reserve(value.size() + 2);
    bool cellStart = true;
    for (char c : value) {
        if (cellStart && c != ' ') {
            if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
                cell += '\'';
            cellStart = false;
        }
        cell += c;
        if (c == ',' || c == ';' || c == '\t' || c == '"' || c == '\n' || c == '\r')
            cellStart = true;
    }
    if (cell.find_first_of(",\"\r\n;") == std::string::npos)
        return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

namespace {

constexpr int kPageSize = 400;

// One export in progress: the survey's columns and a keyset cursor over the stored responses
// (ordered by id, as listRecords orders them). Each page is its own short read on a private
// read-only connection, so pushes are never held up by a long export.
struct CsvExport {
    std::string campaignId;
    bool freeText = false;
    model::Survey survey;
    std::vector<const model::Question*> columns;
    store::Database db;
    store::Statement page;
    std::string lastId;
    bool headerWritten = false;

    CsvExport(std::string campaign, bool withFreeText, model::Survey s, store::Database database)
        : campaignId(std::move(campaign))
        , freeText(withFreeText)
        , survey(std::move(s))
        , db(std::move(database)) {}

    void writeHeader(std::string& out) const {
        out += "\xEF\xBB\xBF"; // UTF-8 BOM so spreadsheets read å, ä, ö
        std::vector<std::string> header{"response_id", "submitted_at", "channel", "locale"};
        for (const model::Question* q : columns)
            header.push_back(csvCell(q->id));
        appendRow(out, header);
    }

    void writeResponse(std::string& out, const model::Response& r) const {
        std::vector<std::string> row{csvCell(r.id), csvCell(r.submittedAt),
                                     csvCell(model::toString(r.channel)), csvCell(r.locale)};
        for (const model::Question* q : columns) {
            auto it = r.answers.find(q->id);
            if (it == r.answers.end()) {
                row.emplace_back();
                continue;
            }
            auto [text, numeric] = answerCell(it->second, freeText);
            row.push_back(numeric ? text : csvCell(text));
        }
        appendRow(out, row);
    }

    // Appends the header (first call) and the rows of the next page of responses.
    ChunkResult next(std::string& out) {
        if (!headerWritten) {
            writeHeader(out);
            headerWritten = true;
        }
        page.reset();
        if (!page.bindText(1, lastId) || !page.bindInt64(2, kPageSize))
            return ChunkResult::Failed;
        int rows = 0;
        while (true) {
            auto more = page.step();
            if (!more) {
                std::fprintf(stderr, "{\"event\":\"export_failed\",\"message\":\"%s\"}\n",
                             more.error().message.c_str());
                return ChunkResult::Failed;
            }
            if (!*more)
                break;
            ++rows;
            lastId = page.columnText(0);
            auto decoded = model::fromJsonText<model::Response>(page.columnText(1));
            if (decoded && decoded->campaignId == campaignId)
                writeResponse(out, *decoded);
        }
        return rows == kPageSize ? ChunkResult::More : ChunkResult::Done;
    }
};

} // namespace

HttpResponse exportResponsesCsv(RequestContext& ctx) {
    auto query = parseQuery(ctx.request.query);
    if (!query)
        return badRequest(query.error());
    auto campaignParam = query->find("campaign");
    if (campaignParam == query->end() || campaignParam->second.empty())
        return errorResponse(400, "missing_parameter", "the query parameter campaign is required");
    const std::string& campaignId = campaignParam->second;
    auto freeTextParam = query->find("free_text");
    const bool freeText = freeTextParam != query->end() && freeTextParam->second == "1";

    auto campaignRec = ctx.store.getRecord("campaign", campaignId);
    if (!campaignRec)
        return fail(campaignRec.error());
    if (!*campaignRec)
        return errorResponse(404, "unknown_campaign", "no campaign " + campaignId);
    auto campaign = model::fromJsonText<model::Campaign>((*campaignRec)->body);
    if (!campaign)
        return fail(makeError("internal_error", "stored campaign is unreadable"));
    auto surveyRec = ctx.store.getRecord(
        "survey", sync::surveyRecordId(campaign->surveyId, campaign->surveyVersion));
    if (!surveyRec)
        return fail(surveyRec.error());
    if (!*surveyRec)
        return errorResponse(404, "unknown_survey", "the campaign's survey is not published");
    auto survey = model::fromJsonText<model::Survey>((*surveyRec)->body);
    if (!survey)
        return fail(makeError("internal_error", "stored survey is unreadable"));

    store::OpenOptions options;
    options.create = false;
    options.readOnly = true;
    auto db = store::Database::open(ctx.store.path(), options);
    if (!db)
        return fail(db.error().toError());
    auto state =
        std::make_shared<CsvExport>(campaignId, freeText, std::move(*survey), std::move(*db));
    for (const model::Question* q : state->survey.questions())
        if (freeText || q->type != model::QuestionType::Text)
            state->columns.push_back(q);
    auto page = state->db.prepare("SELECT id, body FROM records WHERE kind = 'response' AND "
                                  "id > ?1 ORDER BY id LIMIT ?2");
    if (!page)
        return fail(page.error().toError());
    state->page = std::move(*page);

    auto r = privateResponse("text/csv; charset=utf-8", {});
    r.producer = [state](std::string& out) {
        return state->next(out);
    };
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"responses-" +
                                                      safeFileName(campaignId) + ".csv\"");
    return r;
}

} // namespace td::server
