// encodePushResponse writes its text directly; it must equal the boost::json serialisation of
// the same message, and read back to the same results.

#include "td/sync/protocol.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace td::sync;
namespace bj = boost::json;

namespace {

std::string reference(const PushResponse& response) {
    bj::array results;
    for (const RecordResult& r : response.results) {
        bj::object o;
        o["id"] = r.id;
        o["rev"] = r.rev;
        o["status"] = toString(r.status);
        if (r.reason) {
            bj::object reason;
            reason["code"] = r.reason->code;
            reason["message"] = r.reason->message;
            if (!r.reason->path.empty())
                reason["path"] = r.reason->path;
            o["reason"] = std::move(reason);
        }
        results.push_back(std::move(o));
    }
    bj::object top;
    top["results"] = std::move(results);
    return bj::serialize(top);
}

} // namespace

TEST_CASE("push response text equals the boost::json serialisation") {
    PushResponse response;
    CHECK(encodePushResponse(response) == reference(response));
    CHECK(encodePushResponse(response) == "{\"results\":[]}");

    response.results.push_back({"01890f3e-7a2b-7c3d-8e4f-5a6b7c8d9e0f", 1, PushStatus::Stored, {}});
    response.results.push_back({"id-2", 9'007'199'254'740'991, PushStatus::Duplicate, {}});
    response.results.push_back({"id\"3", 2, PushStatus::Conflict,
                                td::makeError("conflict", "a different body is stored")});
    response.results.push_back(
        {"id\\4", 1, PushStatus::Rejected,
         td::makeError("validation_failed", "unknown_choice at answers.q1: \"x\"\n is not å choice",
                       "answers.q1[0]")});
    const std::string text = encodePushResponse(response);
    CHECK(text == reference(response));
    auto decoded = decodePushResponse(text);
    REQUIRE(decoded.ok());
    CHECK(decoded.value() == response);
}
