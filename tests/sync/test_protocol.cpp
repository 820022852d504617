#include "td/sync/protocol.hpp"

#include <catch2/catch.hpp>

using namespace td::sync;

namespace {

const char* const kRecord =
    R"({"kind":"response","id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",)"
    R"("rev":1,"hlc":"00000190a1b2c3d4-0000-dev1","body":{"a":[1,2],"b":"x"}})";

std::string batch(const std::string& records, const std::string& extra = "") {
    return R"({)" + extra + R"("records":[)" + records + "]}";
}

/// Decodes `text` expecting failure; returns the error.
td::Error failure(const std::string& text, const ProtocolLimits& limits = {}) {
    auto r = decodePushRequest(text, limits);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

std::string withField(const std::string& replaceFrom, const std::string& replaceTo) {
    std::string record = kRecord;
    auto at = record.find(replaceFrom);
    REQUIRE(at != std::string::npos);
    record.replace(at, replaceFrom.size(), replaceTo);
    return batch(record);
}

} // namespace

TEST_CASE("a push request decodes and re-encodes", "[protocol]") {
    auto decoded = decodePushRequest(batch(kRecord, R"("device_batch_id":"b-17",)"));
    REQUIRE(decoded.ok());
    REQUIRE(decoded->deviceBatchId == std::optional<std::string>("b-17"));
    REQUIRE(decoded->records.size() == 1);
    const PushRecord& r = decoded->records[0];
    CHECK(r.kind == "response");
    CHECK(r.id == "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    CHECK(r.rev == 1);
    CHECK(r.hlc == "00000190a1b2c3d4-0000-dev1");
    CHECK(r.body == R"({"a":[1,2],"b":"x"})");

    auto encoded = encodePushRequest(*decoded);
    REQUIRE(encoded.ok());
    auto again = decodePushRequest(*encoded);
    REQUIRE(again.ok());
    CHECK(*again == *decoded);
}

TEST_CASE("an empty batch is valid", "[protocol]") {
    auto decoded = decodePushRequest(R"({"records":[]})");
    REQUIRE(decoded.ok());
    CHECK(decoded->records.empty());
    CHECK_FALSE(decoded->deviceBatchId);
}

TEST_CASE("malformed JSON is malformed_json", "[protocol]") {
    for (const std::string& text :
         {std::string("{"), std::string(R"({"records":[})"), std::string("[1,2"),
          std::string(R"({"records":[],"records":[]})"), std::string("{\"records\":[\"\xff\"]}"),
          std::string(R"({"records":[NaN]})"), std::string(R"({"records":[]} x)"),
          std::string(100, '[') + std::string(100, ']')}) {
        INFO(text);
        CHECK(failure(text).code == "malformed_json");
    }
}

TEST_CASE("a request over the byte limit is request_too_large", "[protocol]") {
    ProtocolLimits limits;
    limits.maxRequestBytes = 64;
    CHECK(failure(batch(kRecord), limits).code == "request_too_large");
}

TEST_CASE("unknown fields are named by path", "[protocol]") {
    auto top = failure(batch(kRecord, R"("extra":1,)"));
    CHECK(top.code == "unknown_field");
    CHECK(top.path == "extra");
    auto inRecord = failure(withField(R"("rev":1,)", R"("rev":1,"deleted":false,)"));
    CHECK(inRecord.code == "unknown_field");
    CHECK(inRecord.path == "records[0].deleted");
}

TEST_CASE("missing fields are named by path", "[protocol]") {
    auto noRecords = failure(R"({"device_batch_id":"x"})");
    CHECK(noRecords.code == "missing_field");
    CHECK(noRecords.path == "records");
    for (const std::string field : {"kind", "id", "rev", "hlc"}) {
        std::string record = kRecord;
        const std::string key = "\"" + field + "\":";
        auto at = record.find(key);
        auto end = record.find(',', at);
        record.erase(at, end - at + 1);
        auto e = failure(batch(record));
        INFO(record);
        CHECK(e.code == "missing_field");
        CHECK(e.path == "records[0]." + field);
    }
    auto noBody = failure(batch(R"({"kind":"response","id":"i","rev":1,"hlc":"h"})"));
    CHECK(noBody.code == "missing_field");
    CHECK(noBody.path == "records[0].body");
}

TEST_CASE("wrong types are named by path", "[protocol]") {
    CHECK(failure("[]").code == "wrong_type");
    auto notArray = failure(R"({"records":{}})");
    CHECK(notArray.code == "wrong_type");
    CHECK(notArray.path == "records");
    auto notObject = failure(R"({"records":[1]})");
    CHECK(notObject.code == "wrong_type");
    CHECK(notObject.path == "records[0]");
    auto revString = failure(withField(R"("rev":1)", R"("rev":"1")"));
    CHECK(revString.code == "wrong_type");
    CHECK(revString.path == "records[0].rev");
    auto revFraction = failure(withField(R"("rev":1)", R"("rev":1.5)"));
    CHECK(revFraction.code == "wrong_type");
    auto bodyArray = failure(withField(R"("body":{"a":[1,2],"b":"x"})", R"("body":[1])"));
    CHECK(bodyArray.code == "wrong_type");
    CHECK(bodyArray.path == "records[0].body");
    auto kindNumber = failure(withField(R"("kind":"response")", R"("kind":7)"));
    CHECK(kindNumber.code == "wrong_type");
    CHECK(kindNumber.path == "records[0].kind");
    auto batchId = failure(batch(kRecord, R"("device_batch_id":5,)"));
    CHECK(batchId.code == "wrong_type");
    CHECK(batchId.path == "device_batch_id");
}

TEST_CASE("out-of-range and invalid values", "[protocol]") {
    auto revZero = failure(withField(R"("rev":1)", R"("rev":0)"));
    CHECK(revZero.code == "out_of_range");
    CHECK(revZero.path == "records[0].rev");
    auto revHuge = failure(withField(R"("rev":1)", R"("rev":9007199254740993)"));
    CHECK(revHuge.code == "out_of_range");
    auto emptyId =
        failure(withField(R"("id":"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")", R"("id":"")"));
    CHECK(emptyId.code == "invalid_value");
    CHECK(emptyId.path == "records[0].id");
    auto longHlc = failure(withField(R"("hlc":"00000190a1b2c3d4-0000-dev1")",
                                     R"("hlc":")" + std::string(65, 'a') + "\""));
    CHECK(longHlc.code == "too_long");
    CHECK(longHlc.path == "records[0].hlc");
}

TEST_CASE("batch and record size limits", "[protocol]") {
    ProtocolLimits limits;
    limits.maxRecordsPerBatch = 2;
    std::string three = std::string(kRecord) + "," + kRecord + "," + kRecord;
    auto big = failure(batch(three), limits);
    CHECK(big.code == "batch_too_large");
    CHECK(big.path == "records");
    std::string two = std::string(kRecord) + "," + kRecord;
    CHECK(decodePushRequest(batch(two), limits).ok());

    limits.maxBodyBytes = 10;
    auto body = failure(batch(kRecord), limits);
    CHECK(body.code == "record_too_large");
    CHECK(body.path == "records[0].body");
    // The envelope decoder leaves body sizes to its caller.
    CHECK(decodePushEnvelope(batch(kRecord), limits).ok());
}

TEST_CASE("encodePushRequest rejects a body that is not a JSON object", "[protocol]") {
    PushRequest request;
    request.records.push_back(PushRecord{"response", "i", 1, "h", "{\"ok\":true}"});
    request.records.push_back(PushRecord{"response", "j", 1, "h", "[1]"});
    auto encoded = encodePushRequest(request);
    REQUIRE_FALSE(encoded.ok());
    CHECK(encoded.error().code == "malformed_json");
    CHECK(encoded.error().path == "records[1].body");
    request.records[1].body = "{nope";
    CHECK(encodePushRequest(request).error().path == "records[1].body");
}

TEST_CASE("push responses round-trip with reasons", "[protocol]") {
    PushResponse response;
    response.results.push_back(RecordResult{"a", 1, PushStatus::Stored, std::nullopt});
    response.results.push_back(RecordResult{"b", 1, PushStatus::Duplicate, std::nullopt});
    response.results.push_back(
        RecordResult{"c", 2, PushStatus::Conflict, td::makeError("conflict", "differs")});
    response.results.push_back(RecordResult{
        "d", 1, PushStatus::Rejected,
        td::makeError("validation_failed", "scale_out_of_range", "answers.q_trygg_kvall")});
    const std::string text = encodePushResponse(response);
    CHECK(text.find(R"("status":"duplicate")") != std::string::npos);
    CHECK(text.find(R"("path":"answers.q_trygg_kvall")") != std::string::npos);
    auto decoded = decodePushResponse(text);
    REQUIRE(decoded.ok());
    CHECK(*decoded == response);
}

TEST_CASE("push response decoding is strict", "[protocol]") {
    auto badStatus = decodePushResponse(R"({"results":[{"id":"a","rev":1,"status":"ok"}]})");
    REQUIRE_FALSE(badStatus.ok());
    CHECK(badStatus.error().code == "invalid_value");
    CHECK(badStatus.error().path == "results[0].status");
    auto noReason = decodePushResponse(R"({"results":[{"id":"a","rev":1,"status":"rejected"}]})");
    REQUIRE_FALSE(noReason.ok());
    CHECK(noReason.error().code == "missing_field");
    CHECK(noReason.error().path == "results[0].reason");
    auto extra = decodePushResponse(R"({"results":[],"x":1})");
    CHECK(extra.error().code == "unknown_field");
    CHECK(parsePushStatus("stored").value() == PushStatus::Stored);
    CHECK(parsePushStatus("Stored").error().code == "invalid_value");
}

TEST_CASE("pull responses round-trip", "[protocol]") {
    PullResponse pull;
    pull.changes.push_back(Change{"survey", "s@1", 3, "h1", R"({"id":"s","v":"\"q\""})", false});
    pull.changes.push_back(Change{"place", "p\"1", 1, "h2", "", true});
    pull.cursor = encodeCursor(42);
    pull.more = true;
    const std::string text = encodePullResponse(pull);
    auto decoded = decodePullResponse(text);
    REQUIRE(decoded.ok());
    CHECK(*decoded == pull);

    auto deletedWithBody = decodePullResponse(
        R"({"changes":[{"kind":"k","id":"i","rev":1,"hlc":"h","body":{},"deleted":true}],)"
        R"("cursor":"","more":false})");
    REQUIRE_FALSE(deletedWithBody.ok());
    CHECK(deletedWithBody.error().path == "changes[0].body");
    auto noMore = decodePullResponse(R"({"changes":[],"cursor":""})");
    REQUIRE_FALSE(noMore.ok());
    CHECK(noMore.error().code == "missing_field");
    CHECK(noMore.error().path == "more");
}

TEST_CASE("error bodies round-trip", "[protocol]") {
    const auto error = td::makeError("batch_too_large", "too many", "records");
    const std::string text = encodeError(error);
    CHECK(text == R"({"error":{"code":"batch_too_large","message":"too many","path":"records"}})");
    auto decoded = decodeError(text);
    REQUIRE(decoded.ok());
    CHECK(decoded->error == error);
    CHECK(encodeError(td::makeError("x", "y")) == R"({"error":{"code":"x","message":"y"}})");
    CHECK(decodeError(R"({"error":{"message":"y"}})").error().path == "error.code");
}

TEST_CASE("cursors are opaque, round-trip and reject forgeries", "[protocol]") {
    CHECK(encodeCursor(0).empty());
    CHECK(decodeCursor("").value() == 0);
    for (std::int64_t seq : {std::int64_t{1}, std::int64_t{255}, std::int64_t{1} << 40}) {
        const std::string c = encodeCursor(seq);
        CHECK(c.rfind("c1.", 0) == 0);
        CHECK(decodeCursor(c).value() == seq);
    }
    for (const char* bad : {"42", "c1.", "c1.0", "c1.-5", "c1.XYZ", "c1.FF", "c2.10", "c1.10 ",
                            "c1.1000000000000000"}) {
        INFO(bad);
        auto r = decodeCursor(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "invalid_cursor");
    }
}

TEST_CASE("survey record ids name the version", "[protocol]") {
    CHECK(surveyRecordId("trygghetsenkat_vindeln", 2) == "trygghetsenkat_vindeln@2");
}
