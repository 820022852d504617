#include "td/sync/protocol.hpp"

#include "td/core/json.hpp"

#include <array>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <memory>

namespace td::sync {

namespace {

namespace bj = boost::json;

constexpr std::int64_t kMaxRev = (std::int64_t{1} << 53) - 1;
constexpr std::size_t kMaxAppVersion = 64;
constexpr std::int64_t kMaxPending = 1'000'000'000;
constexpr std::array<std::string_view, 4> kStatusNames{"stored", "duplicate", "conflict",
                                                       "rejected"};
constexpr std::string_view kCursorPrefix = "c1.";

/// Strict parse; JSON-level failures become `malformed_json` (or `request_too_large`).
Result<bj::value> parseStrict(std::string_view text, std::size_t maxBytes,
                              bj::storage_ptr storage = {}) {
    if (text.size() > maxBytes)
        return makeError("request_too_large", "the request has " + std::to_string(text.size()) +
                                                  " bytes; at most " + std::to_string(maxBytes) +
                                                  " are accepted");
    json::ParseLimits limits;
    limits.maxBytes = maxBytes;
    auto parsed = json::parse(text, limits, std::move(storage));
    if (!parsed) {
        const Error& e = parsed.error();
        if (e.code == "json_too_large")
            return makeError("request_too_large", e.message, e.path);
        return makeError("malformed_json", e.message, e.path);
    }
    return std::move(parsed).value();
}

using json::appendQuoted;

void appendInt(std::string& out, std::int64_t value) {
    std::array<char, 24> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    out.append(digits.data(), end);
}

bj::value encodeReason(const Error& e) {
    bj::object o;
    o["code"] = e.code;
    o["message"] = e.message;
    if (!e.path.empty())
        o["path"] = e.path;
    return o;
}

Result<ErrorBody> decodeReason(const bj::value& v, const std::string& path) {
    json::ObjectReader r(v, path);
    Error e;
    if (auto* f = r.required("code"))
        r.take(json::readString(*f, r.fieldPath("code"), 128, true), e.code);
    if (auto* f = r.required("message"))
        r.take(json::readString(*f, r.fieldPath("message"), 4096), e.message);
    if (auto* f = r.optional("path"))
        r.take(json::readString(*f, r.fieldPath("path"), 512), e.path);
    if (auto s = r.finish(); !s)
        return s.error();
    return ErrorBody{std::move(e)};
}

/// Reads a record's `body`: a JSON object, returned as compact text.
Result<std::string> readBody(const bj::value& v, const std::string& path, std::size_t maxBytes) {
    if (!v.is_object())
        return makeError(std::string(json::kWrongType), "expected an object", path);
    std::string text = bj::serialize(v);
    if (text.size() > maxBytes)
        return makeError("record_too_large",
                         "the body has " + std::to_string(text.size()) + " bytes; at most " +
                             std::to_string(maxBytes) + " are accepted",
                         path);
    return text;
}

/// Parses stored or pulled body text back into a value (for embedding into a message).
Result<bj::value> bodyValue(std::string_view body, const std::string& path) {
    auto parsed = json::parse(body, json::ParseLimits{64 * 1024 * 1024, 64});
    if (!parsed)
        return makeError("malformed_json", parsed.error().message, path);
    if (!parsed->is_object())
        return makeError("malformed_json", "a record body must be a JSON object", path);
    return std::move(parsed).value();
}

} // namespace

std::string_view toString(PushStatus status) {
    return kStatusNames[static_cast<std::size_t>(status)];
}

Result<PushStatus> parsePushStatus(std::string_view name) {
    for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
        if (kStatusNames[i] == name)
            return static_cast<PushStatus>(i);
    }
    return makeError(std::string(json::kInvalidValue),
                     "unknown push status \"" + std::string(name) + "\"");
}

// --- push request -----------------------------------------------------------------------------

Result<PushEnvelope> decodePushEnvelope(std::string_view text, const ProtocolLimits& limits) {
    PushEnvelope envelope;
    // A parsed document takes about twice its text; one first block avoids regrowing.
    envelope.arena = std::make_unique<bj::monotonic_resource>(
        std::min(text.size(), limits.maxRequestBytes) * 2 + 4096);
    auto parsed = parseStrict(text, limits.maxRequestBytes, envelope.arena.get());
    if (!parsed)
        return parsed.error();
    // Move-construct (assignment would copy into the default resource and keep the heap cost).
    std::destroy_at(&envelope.document);
    std::construct_at(&envelope.document, std::move(parsed).value());
    json::ObjectReader top(envelope.document, "");
    if (auto* f = top.optional("device_batch_id")) {
        std::string id;
        if (top.take(json::readString(*f, "device_batch_id", limits.maxBatchIdLength, true), id))
            envelope.deviceBatchId = std::move(id);
    }
    if (auto* f = top.optional("app_version")) {
        std::string version;
        if (top.take(json::readString(*f, "app_version", kMaxAppVersion, true), version))
            envelope.report.appVersion = std::move(version);
    }
    if (auto* f = top.optional("pending")) {
        std::int64_t pending = 0;
        if (top.take(json::readInt(*f, "pending", 0, kMaxPending), pending))
            envelope.report.pending = pending;
    }
    const bj::value* recordsValue = top.required("records");
    if (auto s = top.finish(); !s)
        return s.error();
    if (!recordsValue->is_array())
        return makeError(std::string(json::kWrongType), "expected an array", "records");
    const bj::array& records = recordsValue->get_array();
    if (records.size() > limits.maxRecordsPerBatch)
        return makeError("batch_too_large",
                         "the batch has " + std::to_string(records.size()) + " records; at most " +
                             std::to_string(limits.maxRecordsPerBatch) + " are accepted",
                         "records");
    envelope.records.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        json::ObjectReader r(records[i], json::indexPath("records", i));
        PushEnvelope::Record record;
        if (auto* f = r.required("kind"))
            r.take(json::readString(*f, r.fieldPath("kind"), limits.maxKindLength, true),
                   record.kind);
        if (auto* f = r.required("id"))
            r.take(json::readString(*f, r.fieldPath("id"), limits.maxIdLength, true), record.id);
        if (auto* f = r.required("rev"))
            r.take(json::readInt(*f, r.fieldPath("rev"), 1, kMaxRev), record.rev);
        if (auto* f = r.required("hlc"))
            r.take(json::readString(*f, r.fieldPath("hlc"), limits.maxHlcLength, true), record.hlc);
        record.body = r.required("body");
        record.clocks = r.optional("clocks");
        if (auto s = r.finish(); !s)
            return s.error();
        if (!record.body->is_object())
            return makeError(std::string(json::kWrongType), "expected an object",
                             r.fieldPath("body"));
        if (record.clocks && !record.clocks->is_object())
            return makeError(std::string(json::kWrongType), "expected an object",
                             r.fieldPath("clocks"));
        envelope.records.push_back(std::move(record));
    }
    return envelope;
}

Result<PushRequest> decodePushRequest(std::string_view text, const ProtocolLimits& limits) {
    auto envelope = decodePushEnvelope(text, limits);
    if (!envelope)
        return envelope.error();
    PushRequest request;
    request.deviceBatchId = std::move(envelope->deviceBatchId);
    request.report = std::move(envelope->report);
    request.records.reserve(envelope->records.size());
    for (std::size_t i = 0; i < envelope->records.size(); ++i) {
        PushEnvelope::Record& r = envelope->records[i];
        auto body = readBody(*r.body, json::indexPath("records", i) + ".body", limits.maxBodyBytes);
        if (!body)
            return body.error();
        request.records.push_back(PushRecord{std::move(r.kind), std::move(r.id), r.rev,
                                             std::move(r.hlc), std::move(body).value(),
                                             r.clocks ? bj::serialize(*r.clocks) : ""});
    }
    return request;
}

Result<std::string> encodePushRequest(const PushRequest& request) {
    bj::object top;
    if (request.deviceBatchId)
        top["device_batch_id"] = *request.deviceBatchId;
    if (request.report.appVersion)
        top["app_version"] = *request.report.appVersion;
    if (request.report.pending)
        top["pending"] = *request.report.pending;
    bj::array records;
    records.reserve(request.records.size());
    for (std::size_t i = 0; i < request.records.size(); ++i) {
        const PushRecord& rec = request.records[i];
        auto body = bodyValue(rec.body, json::indexPath("records", i) + ".body");
        if (!body)
            return body.error();
        bj::object o;
        o["kind"] = rec.kind;
        o["id"] = rec.id;
        o["rev"] = rec.rev;
        o["hlc"] = rec.hlc;
        o["body"] = std::move(body).value();
        if (!rec.clocks.empty()) {
            auto clocks = bodyValue(rec.clocks, json::indexPath("records", i) + ".clocks");
            if (!clocks)
                return clocks.error();
            o["clocks"] = std::move(clocks).value();
        }
        records.push_back(std::move(o));
    }
    top["records"] = std::move(records);
    return bj::serialize(top);
}

// --- push response ----------------------------------------------------------------------------

std::string encodePushResponse(const PushResponse& response) {
    // Written directly; the same bytes as serialising {"results":[{"id","rev","status",
    // "reason"?:{"code","message","path"?}}]} built as a boost::json value.
    std::string out;
    out.reserve(16 + response.results.size() * 80);
    out += "{\"results\":[";
    for (std::size_t i = 0; i < response.results.size(); ++i) {
        const RecordResult& r = response.results[i];
        if (i > 0)
            out += ',';
        out += "{\"id\":";
        appendQuoted(out, r.id);
        out += ",\"rev\":";
        appendInt(out, r.rev);
        out += ",\"status\":";
        appendQuoted(out, toString(r.status));
        if (r.reason) {
            out += ",\"reason\":{\"code\":";
            appendQuoted(out, r.reason->code);
            out += ",\"message\":";
            appendQuoted(out, r.reason->message);
            if (!r.reason->path.empty()) {
                out += ",\"path\":";
                appendQuoted(out, r.reason->path);
            }
            out += '}';
        }
        out += '}';
    }
    out += "]}";
    return out;
}

Result<PushResponse> decodePushResponse(std::string_view text) {
    auto parsed = parseStrict(text, 64 * 1024 * 1024);
    if (!parsed)
        return parsed.error();
    json::ObjectReader top(*parsed, "");
    const bj::value* resultsValue = top.required("results");
    if (auto s = top.finish(); !s)
        return s.error();
    auto results = json::readArray(*resultsValue, "results", 1u << 20);
    if (!results)
        return results.error();
    PushResponse response;
    for (std::size_t i = 0; i < (*results)->size(); ++i) {
        json::ObjectReader r((**results)[i], json::indexPath("results", i));
        RecordResult result;
        if (auto* f = r.required("id"))
            r.take(json::readString(*f, r.fieldPath("id"), 1024, true), result.id);
        if (auto* f = r.required("rev"))
            r.take(json::readInt(*f, r.fieldPath("rev"), 0, kMaxRev), result.rev);
        if (auto* f = r.required("status")) {
            auto index = json::readOneOf(*f, r.fieldPath("status"),
                                         {kStatusNames.begin(), kStatusNames.end()});
            std::size_t status = 0;
            if (r.take(std::move(index), status))
                result.status = static_cast<PushStatus>(status);
        }
        if (auto* f = r.optional("reason")) {
            ErrorBody reason;
            if (r.take(decodeReason(*f, r.fieldPath("reason")), reason))
                result.reason = std::move(reason.error);
        }
        if (auto s = r.finish(); !s)
            return s.error();
        if ((result.status == PushStatus::Conflict || result.status == PushStatus::Rejected) &&
            !result.reason)
            return makeError(std::string(json::kMissingField),
                             "a conflict or rejection needs a reason",
                             json::indexPath("results", i) + ".reason");
        response.results.push_back(std::move(result));
    }
    return response;
}

// --- pull response ----------------------------------------------------------------------------

std::string encodePullResponse(const PullResponse& response) {
    std::string out;
    std::size_t size = 64 + response.cursor.size();
    for (const Change& c : response.changes)
        size += c.body.size() + c.id.size() + c.hlc.size() + 80;
    out.reserve(size);
    out += "{\"changes\":[";
    bool first = true;
    for (const Change& c : response.changes) {
        if (!first)
            out += ',';
        first = false;
        out += "{\"kind\":";
        appendQuoted(out, c.kind);
        out += ",\"id\":";
        appendQuoted(out, c.id);
        out += ",\"rev\":";
        appendInt(out, c.rev);
        out += ",\"hlc\":";
        appendQuoted(out, c.hlc);
        if (c.deleted) {
            out += ",\"body\":null,\"deleted\":true}";
        } else {
            out += ",\"body\":";
            out += c.body; // stored bodies are canonical JSON objects
            if (!c.clocks.empty()) {
                out += ",\"clocks\":";
                out += c.clocks;
            }
            out += '}';
        }
    }
    out += "],\"cursor\":";
    appendQuoted(out, response.cursor);
    out += ",\"more\":";
    out += response.more ? "true" : "false";
    out += '}';
    return out;
}

Result<PullResponse> decodePullResponse(std::string_view text) {
    auto parsed = parseStrict(text, 256 * 1024 * 1024);
    if (!parsed)
        return parsed.error();
    json::ObjectReader top(*parsed, "");
    PullResponse response;
    const bj::value* changesValue = top.required("changes");
    if (auto* f = top.required("cursor"))
        top.take(json::readString(*f, "cursor", 256), response.cursor);
    if (auto* f = top.required("more"))
        top.take(json::readBool(*f, "more"), response.more);
    if (auto s = top.finish(); !s)
        return s.error();
    auto changes = json::readArray(*changesValue, "changes", 1u << 20);
    if (!changes)
        return changes.error();
    for (std::size_t i = 0; i < (*changes)->size(); ++i) {
        json::ObjectReader r((**changes)[i], json::indexPath("changes", i));
        Change change;
        if (auto* f = r.required("kind"))
            r.take(json::readString(*f, r.fieldPath("kind"), 64, true), change.kind);
        if (auto* f = r.required("id"))
            r.take(json::readString(*f, r.fieldPath("id"), 1024, true), change.id);
        if (auto* f = r.required("rev"))
            r.take(json::readInt(*f, r.fieldPath("rev"), 1, kMaxRev), change.rev);
        if (auto* f = r.required("hlc"))
            r.take(json::readString(*f, r.fieldPath("hlc"), 256), change.hlc);
        if (auto* f = r.optional("deleted"))
            r.take(json::readBool(*f, r.fieldPath("deleted")), change.deleted);
        const bj::value* body = r.required("body");
        const bj::value* clocks = r.optional("clocks");
        if (auto s = r.finish(); !s)
            return s.error();
        if (clocks) {
            auto clocksText = readBody(*clocks, r.fieldPath("clocks"), SIZE_MAX);
            if (!clocksText)
                return clocksText.error();
            change.clocks = std::move(clocksText).value();
        }
        if (change.deleted) {
            if (!body->is_null())
                return makeError(std::string(json::kInvalidValue),
                                 "a deleted change has a null body", r.fieldPath("body"));
        } else {
            auto bodyText = readBody(*body, r.fieldPath("body"), SIZE_MAX);
            if (!bodyText)
                return bodyText.error();
            change.body = std::move(bodyText).value();
        }
        response.changes.push_back(std::move(change));
    }
    return response;
}

// --- errors, ids, cursors ---------------------------------------------------------------------

std::string encodeError(const Error& error) {
    bj::object top;
    top["error"] = encodeReason(error);
    return bj::serialize(top);
}

Result<ErrorBody> decodeError(std::string_view text) {
    auto parsed = parseStrict(text, 1024 * 1024);
    if (!parsed)
        return parsed.error();
    json::ObjectReader top(*parsed, "");
    const bj::value* error = top.required("error");
    if (auto s = top.finish(); !s)
        return s.error();
    return decodeReason(*error, "error");
}

std::string surveyRecordId(std::string_view surveyId, std::int64_t version) {
    return std::string(surveyId) + "@" + std::to_string(version);
}

std::string encodeCursor(std::int64_t seq) {
    if (seq <= 0)
        return {};
    std::array<char, 20> digits{};
    auto end = std::to_chars(digits.data(), digits.data() + digits.size(), seq, 16).ptr;
    return std::string(kCursorPrefix) + std::string(digits.data(), end);
}

Result<std::int64_t> decodeCursor(std::string_view cursor) {
    if (cursor.empty())
        return std::int64_t{0};
    auto invalid = [&] {
        return makeError("invalid_cursor", "the cursor was not issued by this server");
    };
    if (!cursor.starts_with(kCursorPrefix))
        return invalid();
    std::string_view hex = cursor.substr(kCursorPrefix.size());
    if (hex.empty() || hex.size() > 15 || hex.front() == '0')
        return invalid();
    for (char c : hex) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return invalid();
    }
    std::int64_t seq = 0;
    auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), seq, 16);
    if (ec != std::errc() || ptr != hex.data() + hex.size() || seq <= 0)
        return invalid();
    return seq;
}

} // namespace td::sync
