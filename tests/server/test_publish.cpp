// Publishing the public lägesbild summary: devices of every role pull it through the real
// sync client into a real device store; it holds no free text and nothing the full picture
// suppresses; publishing again makes a new rev; the device store refuses malformed ones.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "td/core/json.hpp"
#include "td/model/public_summary.hpp"
#include "td/store/device_store.hpp"
#include "td/sync/sync_client.hpp"
#include "td/sync/transport.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <set>

using namespace td;
using namespace td::test;
using server::Role;
namespace bj = boost::json;

namespace {

// The sync client's transport straight into the handler layer with a device token.
class HarnessTransport : public sync::SyncTransport {
public:
    HarnessTransport(ApiHarness& h, std::string token)
        : m_h(h)
        , m_token(std::move(token)) {}
    sync::TransportReply post(std::string_view path, std::string_view body) override {
        auto r = m_h.call("POST", std::string(path), std::string(body), m_token);
        return {r.status, r.body, {}};
    }
    sync::TransportReply get(std::string_view path) override {
        auto r = m_h.call("GET", std::string(path), {}, m_token);
        return {r.status, r.body, {}};
    }

private:
    ApiHarness& m_h;
    std::string m_token;
};

// A device: its own store file, synced through the real client.
struct Device {
    Device(ApiHarness& h, const std::string& name, Role role)
        : store(unwrap(store::DeviceStore::open(h.dir.file(name + ".sqlite"))))
        , transport(h, h.tokenFor(role)) {}
    void sync() {
        sync::SyncClient client(store);
        auto s = client.syncOnce(transport);
        INFO((s ? std::string() : s.error().describe()));
        REQUIRE(s);
    }
    static store::DeviceStore unwrap(Result<store::DeviceStore> r) {
        REQUIRE(r);
        return std::move(*r);
    }
    store::DeviceStore store;
    HarnessTransport transport;
};

std::string unwrapBody(Result<std::optional<store::RecordRow>> row) {
    REQUIRE(row);
    REQUIRE(*row);
    return (*row)->body;
}

bool unwrap(Result<std::optional<store::RecordRow>> row) {
    REQUIRE(row);
    return row->has_value();
}

const std::string kSummaryId = std::string("public_summary@") + kCampaignId;

// These tests push a whole campaign's responses through one resident token each.
server::Limits noResidentResponseLimit() {
    server::Limits limits;
    limits.residentResponsesPerToken = 0;
    return limits;
}

// Seeds content and `count` responses pushed by a resident; returns the coordinator token.
std::string seedWithResponses(ApiHarness& h, std::size_t count) {
    h.seedContent();
    auto pushed = h.call("POST", "/api/v1/sync/push", pushBody(responseRecords(count, nullptr, 7)),
                         h.tokenFor(Role::Resident));
    INFO(pushed.body);
    REQUIRE(pushed.status == 200);
    REQUIRE(pushed.body.find("rejected") == std::string::npos);
    return h.tokenFor(Role::Coordinator);
}

server::HttpResponse publish(ApiHarness& h, const std::string& token) {
    return h.call("POST", "/api/v1/picture/publish",
                  std::string(R"({"campaign":")") + kCampaignId + "\"}", token);
}

// Every string value anywhere in `v`.
void collectStrings(const bj::value& v, std::set<std::string>& out) {
    if (v.is_string()) {
        out.insert(std::string(v.get_string()));
    } else if (v.is_array()) {
        for (const auto& x : v.get_array())
            collectStrings(x, out);
    } else if (v.is_object()) {
        for (const auto& [key, x] : v.get_object()) {
            out.insert(std::string(key));
            collectStrings(x, out);
        }
    }
}

const bj::object* findById(const bj::array& list, std::string_view key, std::string_view id) {
    for (const auto& x : list)
        if (x.at(key).as_string() == id)
            return &x.as_object();
    return nullptr;
}

} // namespace

TEST_CASE("a published summary reaches officer and resident devices without free text or "
          "suppressed figures") {
    ApiHarness h(noResidentResponseLimit());
    const std::string coordinator = seedWithResponses(h, 40);

    auto full =
        h.call("GET", std::string("/api/v1/picture?campaign=") + kCampaignId, {}, coordinator);
    REQUIRE(full.status == 200);
    const bj::value picture = bj::parse(full.body);

    auto res = publish(h, coordinator);
    INFO(res.body);
    REQUIRE(res.status == 200);
    const bj::value answer = bj::parse(res.body);
    CHECK(answer.at("id").as_string() == kSummaryId);
    CHECK(answer.at("rev").as_int64() == 1);

    Device officer(h, "officer", Role::Officer);
    Device resident(h, "resident", Role::Resident);
    officer.sync();
    resident.sync();
    for (store::DeviceStore* device : {&officer.store, &resident.store}) {
        auto rows = device->recordsOfKind("public_summary");
        REQUIRE(rows);
        REQUIRE(rows->size() == 1);
        CHECK(rows->front().id == kSummaryId);
        CHECK(rows->front().rev == 1);
    }
    const std::string body = unwrapBody(officer.store.record(kSummaryId));
    auto decoded = model::fromJsonText<model::PublicSummary>(body);
    REQUIRE(decoded);
    CHECK(decoded->id == kCampaignId);
    CHECK(decoded->k == 5);
    CHECK(decoded->title.sv == "Trygghetsenkät 2025");
    CHECK(model::isValidTimestamp(decoded->publishedAt));
    CHECK(model::validatePublicSummary(*decoded).empty());

    // No free text: neither the text answers nor the place descriptions the residents wrote,
    // and no free-text question at all.
    std::set<std::string> strings;
    collectStrings(bj::parse(body), strings);
    CHECK(strings.count("Bättre belysning vid stationen") == 0);
    CHECK(strings.count("Gångtunneln under järnvägen") == 0);
    CHECK(strings.count("unlocated") == 0);
    for (const auto& q : decoded->summary.questions)
        CHECK(q.type != model::QuestionType::Text);

    // Nothing the full picture suppresses is in the summary, and the data had such cells.
    const bj::value published = bj::parse(body);
    const auto& summaryQuestions = published.at("summary").at("questions").as_array();
    std::size_t suppressedSeen = 0, shownBreakdownCells = 0;
    for (const auto& qv : picture.at("questions").as_array()) {
        const auto& q = qv.as_object();
        INFO("question " << q.at("id").as_string());
        const bj::object* pub = findById(summaryQuestions, "id", q.at("id").as_string());
        if (q.at("type").as_string() == "text") {
            CHECK(pub == nullptr);
            continue;
        }
        REQUIRE(pub != nullptr);
        if (q.at("suppressed").as_bool()) {
            ++suppressedSeen;
            CHECK_FALSE(pub->contains("negative"));
            CHECK_FALSE(pub->contains("mean"));
        }
        if (q.contains("distribution") && pub->contains("distribution")) {
            const bool totalHidden = q.at("distribution_total_suppressed").as_bool();
            for (const auto& c : q.at("distribution").as_array()) {
                const bool hidden = totalHidden || c.at("suppressed").as_bool();
                suppressedSeen += hidden ? 1 : 0;
                const bj::object* shown =
                    findById(pub->at("distribution").as_array(), "id", c.at("id").as_string());
                // The public rule may hide more than the picture (complementary cells under
                // the negative share's base), never less, and never shows a count in 1..k-1.
                if (hidden)
                    CHECK(shown == nullptr);
                if (shown) {
                    const std::int64_t n = shown->at("count").as_int64();
                    CHECK(n == c.at("count").as_int64());
                    CHECK((n == 0 || n >= 5));
                }
                if (hidden && c.at("id").as_string() == "vet_ej")
                    CHECK_FALSE(pub->contains("dont_know"));
            }
        }
        if (q.contains("breakdowns") && pub->contains("breakdowns"))
            for (const auto& b : q.at("breakdowns").as_array()) {
                const bj::object* pb = findById(pub->at("breakdowns").as_array(), "dimension",
                                                b.at("dimension").as_string());
                REQUIRE(pb != nullptr);
                for (const auto& c : b.at("cells").as_array()) {
                    const bool hidden = b.at("total_suppressed").as_bool() ||
                                        c.at("suppressed").as_bool() ||
                                        c.at("base").as_int64() == 0;
                    suppressedSeen += hidden && c.at("base").as_int64() > 0 ? 1 : 0;
                    const bj::object* shown =
                        findById(pb->at("cells").as_array(), "key", c.at("key").as_string());
                    if (hidden)
                        CHECK(shown == nullptr);
                    if (shown) {
                        ++shownBreakdownCells;
                        // A share shown with its base discloses the negatives and the rest.
                        const std::int64_t neg = c.at("negative").as_int64();
                        const std::int64_t rest = c.at("base").as_int64() - neg;
                        CHECK((neg == 0 || neg >= 5));
                        CHECK((rest == 0 || rest >= 5));
                        CHECK(shown->at("base").as_int64() == c.at("base").as_int64());
                    }
                }
            }
    }
    CHECK(suppressedSeen > 0);
    CHECK(shownBreakdownCells > 0);
    for (const auto& p : decoded->summary.places)
        CHECK(p.surveyMentions.value_or(decoded->k) + p.observations.value_or(0) >= decoded->k);
}

TEST_CASE("publishing again makes the next rev, which devices pull over the old one") {
    ApiHarness h(noResidentResponseLimit());
    const std::string coordinator = seedWithResponses(h, 12);
    REQUIRE(publish(h, coordinator).status == 200);
    Device kiosk(h, "kiosk", Role::Kiosk);
    kiosk.sync();
    auto first =
        model::fromJsonText<model::PublicSummary>(unwrapBody(kiosk.store.record(kSummaryId)));
    REQUIRE(first);
    REQUIRE(first->summary.respondents == 12);

    auto more = h.call("POST", "/api/v1/sync/push", pushBody(responseRecords(8, nullptr, 99)),
                       h.tokenFor(Role::Resident));
    REQUIRE(more.status == 200);
    h.nowMs += 60'000;
    auto again = publish(h, coordinator);
    REQUIRE(again.status == 200);
    CHECK(bj::parse(again.body).at("rev").as_int64() == 2);
    kiosk.sync();
    auto row = kiosk.store.record(kSummaryId);
    REQUIRE(row);
    REQUIRE(*row);
    CHECK((*row)->rev == 2);
    auto second = model::fromJsonText<model::PublicSummary>((*row)->body);
    REQUIRE(second);
    CHECK(second->summary.respondents == 20);
    CHECK(second->publishedAt > first->publishedAt);
    auto stored = h.store->listRecords("public_summary");
    REQUIRE(stored);
    CHECK(stored->size() == 1);
}

TEST_CASE("publish refuses unknown campaigns and malformed bodies") {
    ApiHarness h(noResidentResponseLimit());
    h.seedContent();
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    auto unknown =
        h.call("POST", "/api/v1/picture/publish", R"({"campaign":"no_such"})", coordinator);
    CHECK(unknown.status == 404);
    CHECK(errorCode(unknown) == "unknown_campaign");
    auto extra = h.call("POST", "/api/v1/picture/publish",
                        std::string(R"({"campaign":")") + kCampaignId + R"(","k":2})", coordinator);
    CHECK(extra.status == 422);
    CHECK(errorCode(extra) == "unknown_field");
    auto missing = h.call("POST", "/api/v1/picture/publish", "{}", coordinator);
    CHECK(missing.status == 422);
    CHECK(errorCode(missing) == "missing_field");
    auto broken = h.call("POST", "/api/v1/picture/publish", "{", coordinator);
    CHECK(broken.status == 400);
    auto officer =
        h.call("POST", "/api/v1/picture/publish",
               std::string(R"({"campaign":")") + kCampaignId + "\"}", h.tokenFor(Role::Officer));
    CHECK(officer.status == 403);
    auto none = h.store->listRecords("public_summary");
    REQUIRE(none);
    CHECK(none->empty());
}

TEST_CASE("a device store refuses a malformed or leaking public summary and keeps its cursor") {
    ApiHarness h(noResidentResponseLimit());
    const std::string coordinator = seedWithResponses(h, 30);
    auto res = publish(h, coordinator);
    REQUIRE(res.status == 200);
    const bj::value good = bj::parse(res.body).at("body");
    Device device(h, "device", Role::Officer);

    auto attempt = [&](const std::string& id, const bj::value& body) {
        return device.store.applyPulled(
            {store::PulledRecord{"public_summary", id, 1, "h", bj::serialize(body), false}},
            "c1.01");
    };
    REQUIRE(attempt(kSummaryId, good));
    CHECK(unwrap(device.store.record(kSummaryId)));

    bj::value extra = good;
    extra.as_object()["note"] = "hej";
    auto e1 = attempt(kSummaryId, extra);
    REQUIRE_FALSE(e1);
    CHECK(e1.error().code == "invalid_record");
    CHECK(e1.error().path == "records[0].body.note");

    auto e2 = attempt("public_summary@other", good);
    REQUIRE_FALSE(e2);
    CHECK(e2.error().path == "records[0].id");

    bj::value small = good;
    bool changed = false;
    for (auto& q : small.at("summary").at("questions").as_array())
        if (!changed && q.as_object().contains("answered")) {
            q.as_object()["answered"] = 3;
            changed = true;
        }
    REQUIRE(changed);
    auto e3 = attempt(kSummaryId, small);
    REQUIRE_FALSE(e3);
    CHECK(e3.error().path.find("answered") != std::string::npos);
    CHECK(e3.error().message.find("below_min_cell") != std::string::npos);

    bj::value text = good;
    text.at("summary").at("questions").as_array().front().as_object()["type"] = "text";
    auto e4 = attempt(kSummaryId, text);
    REQUIRE_FALSE(e4);
    CHECK(e4.error().message.find("free_text") != std::string::npos);

    auto state = device.store.syncState();
    REQUIRE(state);
    CHECK(state->cursor == "c1.01");
}

TEST_CASE("a summary published before the rule on dependent place figures is read with them "
          "withheld, on /public and on devices") {
    ApiHarness h(noResidentResponseLimit());
    const std::string coordinator = seedWithResponses(h, 30);
    auto res = publish(h, coordinator);
    REQUIRE(res.status == 200);
    bj::value old = bj::parse(res.body).at("body");
    // A place as an earlier server published it: both components withheld, yet its severity,
    // times of day and reasons shown.
    old.at("summary").as_object()["places"] = bj::parse(
        R"([{"rank":1,"lat":64.2,"lon":19.71,"place_id":null,"place_name":null,
             "survey_mentions":null,"observations":null,"severity":0.6,
             "times_of_day":{"morning":0,"day":null,"evening":11,"night":6},
             "reasons":{"dark":9}}])");
    REQUIRE(h.store->putRecord("public_summary", kSummaryId, bj::serialize(old), "h").ok());

    auto page = h.call("GET", "/api/v1/public", "");
    REQUIRE(page.status == 200);
    const bj::value doc = bj::parse(page.body);
    const bj::value& place = doc.at("summaries").at(0).at("summary").at("places").at(0);
    CHECK(place.at("severity").is_null());
    CHECK(place.at("times_of_day").at("evening").is_null());
    CHECK(place.at("times_of_day").at("night").is_null());
    CHECK(place.at("times_of_day").at("morning").as_int64() == 0);
    CHECK(place.at("reasons").as_object().empty());

    // A device takes it (the pull goes on), and still refuses a count below k beside it.
    Device device(h, "device", Role::Officer);
    auto apply = [&](const bj::value& body) {
        return device.store.applyPulled(
            {store::PulledRecord{"public_summary", kSummaryId, 2, "h", bj::serialize(body), false}},
            "c1.02");
    };
    CHECK(apply(old));
    bj::value leaking = old;
    leaking.at("summary").at("places").at(0).as_object()["survey_mentions"] = 3;
    leaking.at("summary").at("places").at(0).as_object()["observations"] = 0;
    auto refused = apply(leaking);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("below_min_cell") != std::string::npos);
}
