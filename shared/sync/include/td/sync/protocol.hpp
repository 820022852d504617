#pragma once
// Sync protocol messages (DESIGN.md §4) and their strict JSON codec. Pure data: no I/O.
//
//   push request   {"device_batch_id"?, "records": [{"kind","id","rev","hlc","body","clocks"?}]}
//   push response  {"results": [{"id","rev","status","reason"?: {"code","message","path"}}]}
//   pull response  {"changes": [{"kind","id","rev","hlc","body","clocks"?,"deleted"?}], "cursor",
//                  "more"}
// `clocks` (editable records only): per-field clocks, see docs/editable-records.md.
//   error          {"error": {"code","message"}}

#include "td/core/result.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace td::sync {

/// Bounds enforced while decoding a push request.
struct ProtocolLimits {
    std::size_t maxRequestBytes = 16 * 1024 * 1024;
    std::size_t maxRecordsPerBatch = 500;
    std::size_t maxBodyBytes = 256 * 1024; ///< serialised size of one record's body
    std::size_t maxIdLength = 128;
    std::size_t maxHlcLength = 64;
    std::size_t maxKindLength = 32;
    std::size_t maxBatchIdLength = 128;
};

/// One record of a push. `body` is JSON text of an object (compact when decoded).
struct PushRecord {
    std::string kind;
    std::string id;
    std::int64_t rev = 0;
    std::string hlc;
    std::string body;
    std::string clocks{}; ///< editable records: JSON text of the clocks object; "" otherwise
    bool operator==(const PushRecord&) const = default;
};

/// What a device reports about itself on each push (optional: older apps send neither).
struct DeviceReport {
    std::optional<std::string> appVersion; ///< "app_version", at most 64 characters
    std::optional<std::int64_t> pending; ///< "pending": records in its outbox, this batch included
    bool operator==(const DeviceReport&) const = default;
};

struct PushRequest {
    std::optional<std::string> deviceBatchId;
    DeviceReport report;
    std::vector<PushRecord> records;
    bool operator==(const PushRequest&) const = default;
};

enum class PushStatus { Stored, Duplicate, Conflict, Rejected };
std::string_view toString(PushStatus status);
/// Fails with `invalid_value` for anything but the four wire names.
Result<PushStatus> parsePushStatus(std::string_view name);

/// The server's answer for one record; `reason` is set for Conflict and Rejected.
struct RecordResult {
    std::string id;
    std::int64_t rev = 0;
    PushStatus status = PushStatus::Stored;
    std::optional<Error> reason;
    bool operator==(const RecordResult&) const = default;
};

struct PushResponse {
    std::vector<RecordResult> results;
    bool operator==(const PushResponse&) const = default;
};

/// One pulled change; `body` is JSON text ("" when `deleted`).
struct Change {
    std::string kind;
    std::string id;
    std::int64_t rev = 0;
    std::string hlc;
    std::string body;
    bool deleted = false;
    std::string clocks{}; ///< editable records: JSON text of the clocks object; "" otherwise
    bool operator==(const Change&) const = default;
};

struct PullResponse {
    std::vector<Change> changes;
    std::string cursor;
    bool more = false;
    bool operator==(const PullResponse&) const = default;
};

/// Decodes a push request strictly. Errors (code, path): `malformed_json` (also invalid
/// UTF-8, duplicate keys, too deep), `request_too_large`, `unknown_field`, `missing_field`,
/// `wrong_type`, `invalid_value` (empty strings), `too_long` (over-long strings),
/// `out_of_range` (rev outside 1..2^53-1), `batch_too_large`, `record_too_large` — the path names
/// the offending element, e.g. `records[3].rev`.
Result<PushRequest> decodePushRequest(std::string_view text, const ProtocolLimits& limits = {});
/// A push request checked up to the record envelopes, with each body left as parsed JSON (for
/// the server, which decodes bodies further without parsing twice). `body` points into
/// `document`, which lives in `arena` (one allocation region per request, released at once when
/// the envelope is destroyed). Errors as for decodePushRequest except `record_too_large` (not
/// checked here).
struct PushEnvelope {
    struct Record {
        std::string kind;
        std::string id;
        std::int64_t rev = 0;
        std::string hlc;
        const boost::json::value* body = nullptr;
        const boost::json::value* clocks = nullptr; ///< editable records only
    };
    std::unique_ptr<boost::json::monotonic_resource> arena; ///< declared first: outlives document
    boost::json::value document;
    std::optional<std::string> deviceBatchId;
    DeviceReport report;
    std::vector<Record> records;
};
Result<PushEnvelope> decodePushEnvelope(std::string_view text, const ProtocolLimits& limits = {});

/// Encodes a push request; fails with `malformed_json` at `records[i].body` when a body is
/// not a JSON object.
Result<std::string> encodePushRequest(const PushRequest& request);

std::string encodePushResponse(const PushResponse& response);
Result<PushResponse> decodePushResponse(std::string_view text);

/// Encodes a pull response; change bodies are embedded as JSON (they must be valid JSON text).
std::string encodePullResponse(const PullResponse& response);
Result<PullResponse> decodePullResponse(std::string_view text);

/// {"error":{"code","message"}} (plus "path" when the error has one).
std::string encodeError(const Error& error);
/// A decoded error body (a Result cannot hold an Error as its value).
struct ErrorBody {
    Error error;
    bool operator==(const ErrorBody&) const = default;
};
Result<ErrorBody> decodeError(std::string_view text);

/// The record id under which survey `surveyId` version `version` is stored ("id@version").
std::string surveyRecordId(std::string_view surveyId, std::int64_t version);

/// Opaque pull cursors: "c1." + hex of the change-log sequence; "" means the beginning.
std::string encodeCursor(std::int64_t seq);
/// Fails with `invalid_cursor` for anything encodeCursor does not produce.
Result<std::int64_t> decodeCursor(std::string_view cursor);

} // namespace td::sync
