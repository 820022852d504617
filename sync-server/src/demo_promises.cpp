#include "demo_promises.hpp"

#include "td/core/json.hpp"
#include "td/model/codec.hpp"
#include "td/model/validator.hpp"

#include <boost/json/serialize.hpp>
#include <fstream>
#include <sstream>

namespace td::server {
namespace {

namespace bj = boost::json;

// Assessments in the demo carry a fixed time so that the data set stays deterministic.
constexpr const char* kAssessedAt = "2025-12-15T10:00:00.000Z";

struct Pending {
    std::string kind;
    std::string id;
    std::string body;
    std::optional<store::Visibility> visibility;
};

Error invalid(const std::string& path, const std::string& what, const model::Issues& issues) {
    return makeError("invalid_content", path + ": " + what + ": " + issues.front().code + " at " +
                                            issues.front().path + ": " + issues.front().message);
}

Result<std::vector<Pending>> readContent(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError("io_error", "cannot open " + path);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = json::parse(text.str());
    if (!parsed)
        return parsed.error();
    json::ObjectReader r(*parsed, "");
    std::vector<Pending> out;
    if (const bj::value* v = r.required("agreement")) {
        auto a = model::decode<model::Agreement>(*v, "agreement");
        if (!a)
            return a.error();
        if (auto issues = model::validateAgreement(*a); !issues.empty())
            return invalid(path, "agreement", issues);
        out.push_back({"agreement", a->id, bj::serialize(model::encode(*a)), std::nullopt});
    }
    if (const bj::value* v = r.required("promises")) {
        auto list = json::readArray(*v, "promises", 50);
        if (!list)
            return list.error();
        for (std::size_t i = 0; i < (*list)->size(); ++i) {
            auto p = model::decode<model::Promise>((**list)[i], json::indexPath("promises", i));
            if (!p)
                return p.error();
            if (auto issues = model::validatePromise(*p); !issues.empty())
                return invalid(path, "promise " + p->id, issues);
            out.push_back({"promise", p->id, bj::serialize(model::encode(*p)), std::nullopt});
        }
    }
    if (const bj::value* v = r.required("assessments")) {
        auto list = json::readArray(*v, "assessments", 200);
        if (!list)
            return list.error();
        for (std::size_t i = 0; i < (*list)->size(); ++i) {
            json::ObjectReader a((**list)[i], json::indexPath("assessments", i));
            std::string promiseId;
            std::int64_t year = 0;
            std::string text;
            if (const bj::value* f = a.required("promise_id"))
                a.take(json::readString(*f, a.fieldPath("promise_id"), 64, true), promiseId);
            if (const bj::value* f = a.required("year"))
                a.take(json::readInt(*f, a.fieldPath("year"), 2000, 2100), year);
            if (const bj::value* f = a.required("text"))
                a.take(json::readString(*f, a.fieldPath("text"), 4000, true), text);
            if (Status s = a.finish(); !s)
                return s.error();
            const bj::object body{{"promise_id", promiseId},
                                  {"year", year},
                                  {"text", text},
                                  {"updated_at", kAssessedAt}};
            out.push_back({"promise_assessment", promiseId + "@" + std::to_string(year),
                           bj::serialize(body), store::Visibility{}});
        }
    }
    if (Status s = r.finish(); !s)
        return s.error();
    return out;
}

} // namespace

Result<std::size_t> loadDemoPromises(store::ServerStore& store, const std::string& path,
                                     std::string_view hlc) {
    auto records = readContent(path);
    if (!records)
        return records.error();
    for (const auto& p : *records)
        if (auto rev = store.putRecord(p.kind, p.id, p.body, hlc, p.visibility); !rev)
            return rev.error();
    return records->size();
}

} // namespace td::server
