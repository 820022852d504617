// Imported police and municipality figures: CSV import (all or nothing), list and delete.
// Stored as server-only `indicator_figure` records; a deleted figure stays as a tombstone so
// the change log (and every cache keyed on it) sees the deletion.
#include "api_indicators.hpp"

#include "td/server/query.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <map>
#include <set>

namespace td::server {
namespace {

namespace json = boost::json;

json::object figureJson(const picture::Indicator& f) {
    json::object o{{"indicator", f.indicator},
                   {"area", model::toString(f.area)},
                   {"period", f.period},
                   {"value", f.value},
                   {"source", f.source}};
    if (!f.nameSv.empty())
        o["name_sv"] = f.nameSv;
    if (!f.nameEn.empty())
        o["name_en"] = f.nameEn;
    return o;
}

// An optional string member; empty when absent or not a string.
std::string optionalString(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// The stored body of a figure; nullopt for a tombstone or an unreadable body.
std::optional<picture::Indicator> decodeFigure(std::string_view body) {
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec || !v.is_object())
        return std::nullopt;
    const json::object& o = v.as_object();
    if (const json::value* deleted = o.if_contains("deleted");
        deleted && deleted->is_bool() && deleted->as_bool())
        return std::nullopt;
    const json::value* indicator = o.if_contains("indicator");
    const json::value* area = o.if_contains("area");
    const json::value* period = o.if_contains("period");
    const json::value* value = o.if_contains("value");
    const json::value* source = o.if_contains("source");
    if (!indicator || !indicator->is_string() || !area || !area->is_string() || !period ||
        !period->is_string() || !value || !value->is_number() || !source || !source->is_string())
        return std::nullopt;
    auto parsedArea = model::enumFromString<model::FocusArea>(area->as_string());
    if (!parsedArea)
        return std::nullopt;
    return picture::Indicator{std::string(indicator->as_string()), *parsedArea,
                              std::string(period->as_string()),    value->to_number<double>(),
                              std::string(source->as_string()),    optionalString(o, "name_sv"),
                              optionalString(o, "name_en")};
}

bool isCsvContentType(std::string_view value) {
    std::string_view type = value.substr(0, value.find(';'));
    while (!type.empty() && type.back() == ' ')
        type.remove_suffix(1);
    std::string lower;
    for (char c : type)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return lower == "text/csv";
}

// 400 with every rejected row: {"error": {"code": "invalid_csv", "message", "path",
// "issues": [{"code", "path": "line N", "line", "message"}]}}.
HttpResponse rejectedResponse(const picture::IndicatorImport& parsed) {
    json::array issues;
    if (!parsed.fileError.empty()) {
        const bool located = parsed.fileError.starts_with("line ");
        issues.push_back({{"code", "invalid_header"},
                          {"path", "line 1"},
                          {"line", 1},
                          {"message", located ? parsed.fileError : "line 1: " + parsed.fileError}});
    }
    for (const auto& r : parsed.rejected) {
        const std::string path = "line " + std::to_string(r.line);
        issues.push_back({{"code", "invalid_row"},
                          {"path", path},
                          {"line", r.line},
                          {"message", path + ": " + r.reason}});
    }
    const json::object& first = issues.front().as_object();
    json::object error{{"code", "invalid_csv"},
                       {"message", first.at("message")},
                       {"path", first.at("path")},
                       {"issues", std::move(issues)}};
    return jsonResponse(400, json::serialize(json::object{{"error", std::move(error)}}));
}

} // namespace

std::string indicatorRecordId(const picture::Indicator& figure) {
    return figure.indicator + "@" + std::string(model::toString(figure.area)) + "@" + figure.period;
}

std::vector<picture::Indicator> indicatorsOf(const std::vector<store::StoredRecord>& records) {
    std::vector<picture::Indicator> out;
    for (const auto& r : records)
        if (auto f = decodeFigure(r.body))
            out.push_back(std::move(*f));
    picture::shareIndicatorNames(out);
    return out;
}

Result<std::vector<picture::Indicator>> storedIndicators(store::ServerStore& store) {
    auto records = store.listRecords(kIndicatorKind);
    if (!records)
        return records.error();
    return indicatorsOf(*records);
}

Result<IndicatorImportCounts> storeIndicators(store::ServerStore& store,
                                              const std::vector<picture::Indicator>& figures,
                                              std::int64_t nowMs) {
    auto storedFigures = storedIndicators(store);
    if (!storedFigures)
        return storedFigures.error();
    // Every figure after the import, by record id: the stored ones, then the file's over them.
    std::map<std::string, picture::Indicator> before;
    for (auto& f : *storedFigures)
        before.emplace(indicatorRecordId(f), std::move(f));
    std::map<std::string, picture::Indicator> after = before;
    std::vector<picture::Indicator> merged;
    for (const auto& f : figures)
        after[indicatorRecordId(f)] = f;
    // Names belong to the indicator: a name in the file renames every figure of it, and a file
    // without names keeps the stored ones. Stored figures go first so the file's names win.
    std::set<std::string> fromFile;
    for (const auto& f : figures)
        fromFile.insert(indicatorRecordId(f));
    for (const auto& [id, f] : after)
        if (!fromFile.contains(id))
            merged.push_back(f);
    for (const auto& f : figures)
        merged.push_back(f);
    picture::shareIndicatorNames(merged);

    IndicatorImportCounts counts;
    std::vector<store::ServerStore::ServerWrite> writes;
    for (const auto& f : merged) {
        const std::string id = indicatorRecordId(f);
        const auto old = before.find(id);
        const bool inFile = fromFile.contains(id);
        if (old != before.end() && old->second == f) {
            counts.unchanged += inFile ? 1 : 0;
            continue;
        }
        if (!inFile)
            ++counts.renamed;
        else
            ++(old != before.end() ? counts.replaced : counts.added);
        json::object body = figureJson(f);
        body["imported_at"] = isoTime(nowMs);
        writes.push_back({kIndicatorKind, id, json::serialize(body), store::Visibility{}});
    }
    if (!writes.empty())
        if (auto revs = store.putRecords(writes, serverHlc(nowMs)); !revs)
            return revs.error();
    return counts;
}

HttpResponse importIndicators(RequestContext& ctx) {
    if (ctx.request.body.size() > ctx.options.limits.maxBodyBytes)
        return errorResponse(413, "body_too_large",
                             "the CSV is larger than " +
                                 std::to_string(ctx.options.limits.maxBodyBytes) + " bytes");
    if (!ctx.request.body.empty() && !isCsvContentType(ctx.request.header("content-type")))
        return errorResponse(415, "unsupported_media_type", "the request body must be text/csv");
    const picture::IndicatorImport parsed = picture::importIndicatorsCsv(ctx.request.body);
    if (!parsed.fileError.empty() || !parsed.rejected.empty())
        return rejectedResponse(parsed);
    if (parsed.rows.empty())
        return errorResponse(400, "empty_import", "the CSV holds a header but no figures");
    auto counts = storeIndicators(ctx.store, parsed.rows, ctx.nowMs);
    if (!counts)
        return fail(counts.error());
    return jsonResponse(200, json::serialize(json::object{{"rows", parsed.rows.size()},
                                                          {"new", counts->added},
                                                          {"replaced", counts->replaced},
                                                          {"unchanged", counts->unchanged},
                                                          {"renamed", counts->renamed}}));
}

HttpResponse listIndicators(RequestContext& ctx) {
    auto query = parseQuery(ctx.request.query);
    if (!query)
        return errorResponse(400, query.error().code, query.error().describe());
    std::optional<std::string> only;
    if (auto it = query->find("indicator"); it != query->end() && !it->second.empty())
        only = it->second;
    auto figures = storedIndicators(ctx.store);
    if (!figures)
        return fail(figures.error());
    json::array out;
    for (const auto& f : *figures)
        if (!only || f.indicator == *only)
            out.push_back(figureJson(f));
    return jsonResponse(200, json::serialize(json::object{{"indicators", std::move(out)}}));
}

HttpResponse deleteIndicator(RequestContext& ctx) {
    const std::string& id = ctx.param("id");
    auto existing = ctx.store.getRecord(kIndicatorKind, id);
    if (!existing)
        return fail(existing.error());
    std::optional<picture::Indicator> figure;
    if (*existing)
        figure = decodeFigure((*existing)->body);
    if (!figure)
        return errorResponse(404, "not_found", "no imported figure " + id);
    const json::object tombstone{{"indicator", figure->indicator},
                                 {"area", model::toString(figure->area)},
                                 {"period", figure->period},
                                 {"deleted", true},
                                 {"deleted_at", isoTime(ctx.nowMs)}};
    auto rev = ctx.store.putRecord(kIndicatorKind, id, json::serialize(tombstone),
                                   serverHlc(ctx.nowMs), store::Visibility{});
    if (!rev)
        return fail(rev.error());
    HttpResponse r;
    r.status = 204;
    r.body.clear();
    return r;
}

} // namespace td::server
