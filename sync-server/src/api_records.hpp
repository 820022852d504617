#pragma once
// Internal: decoding and storing coordinator-managed records (surveys, campaigns, places),
// and reading every stored record of a kind.

#include "api_context.hpp"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"

#include <boost/json/serialize.hpp>

namespace td::server {

/// 422 with the first issue's code and path and the list of every issue.
/// 422 for a body the codec refuses, shaped like issuesResponse: {"error": {"code", "message",
/// "path", "issues": [{"code", "path", "message"}]}}, so a form can show it at its field.
HttpResponse decodeErrorResponse(const Error& error);
HttpResponse issuesResponse(const model::Issues& issues);

/// Decodes the request body as a T (400 for malformed JSON, 422 for a codec error with its
/// path). Returns the answer to send on failure, nullopt on success.
template <class T> std::optional<HttpResponse> decodeBody(const RequestContext& ctx, T& out) {
    auto body = parseJsonBody(ctx);
    if (!body)
        return errorResponse(400, body.error().code, body.error().describe());
    auto decoded = model::decode<T>(*body);
    if (!decoded)
        return decodeErrorResponse(decoded.error());
    out = std::move(*decoded);
    return std::nullopt;
}

/// Canonical JSON text of a record.
template <class T> std::string canonical(const T& value) {
    return boost::json::serialize(model::encode(value));
}

/// The stored body of (kind, id) decoded as T; `missing` is set when absent.
template <class T>
Result<std::optional<T>> loadRecord(store::ServerStore& store, std::string_view kind,
                                    std::string_view id) {
    auto rec = store.getRecord(kind, id);
    if (!rec)
        return rec.error();
    if (!*rec)
        return std::optional<T>{};
    auto decoded = model::fromJsonText<T>((*rec)->body);
    if (!decoded)
        return makeError("internal_error",
                         "stored " + std::string(kind) + " " + std::string(id) + " is unreadable");
    return std::optional<T>(std::move(*decoded));
}

/// 200/201 with the record's JSON text.
HttpResponse recordResponse(int status, const std::string& body);

/// Decodes every stored record of `kind` as T and hands it to `use`; undecodable records are
/// skipped (the sync service validated them on the way in). `store` is a ServerStore or one
/// of its snapshots.
template <class T, class Store, class Use>
Status eachRecord(Store& store, std::string_view kind, Use&& use) {
    auto records = store.listRecords(kind);
    if (!records)
        return records.error();
    for (const auto& r : *records) {
        auto decoded = model::fromJsonText<T>(r.body);
        if (decoded)
            use(*decoded);
    }
    return {};
}

} // namespace td::server
