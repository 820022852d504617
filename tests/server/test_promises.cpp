// The agreement, promise, assessment, follow-up and public endpoints through the handler layer
// over a real store: validation, 404s, roles, the follow-up's figures on a small data set, the
// CSV, and that /api/v1/public needs no token and leaks no free text and no count below k.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "td/model/codec.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <cmath>

using namespace td;
using namespace td::test;
using server::Role;
namespace bj = boost::json;

namespace {

constexpr const char* kFreeTextMarker = "FRITEXT-MARKER-7731 Kalle Anka bor på Storgatan 1";
constexpr const char* kMotivationMarker = "MOTIVATION-NOTE-4471";
constexpr const char* kAssessmentMarker = "ASSESSMENT-TEXT-9913";

const char* kAgreement = R"({
  "parties": [{"organisation": "polis", "name": "Polismyndigheten"},
              {"organisation": "kommun", "name": "Vindelns kommun"}],
  "signatories": [
    {"role": {"sv": "Kommunstyrelsens ordförande", "en": "Chair"}, "organisation": "kommun"},
    {"role": {"sv": "Lokalpolisområdeschef", "en": "Head of local police"}, "organisation": "polis"}],
  "period": {"from": "2023-03-03", "to": "2025-12-31"},
  "continues_until_replaced": true,
  "signed": "2023-03-03"})";

std::string promiseJson(const std::string& id, const std::string& baseline = "trygghet_2022") {
    return R"({"id":")" + id + R"(","period":{"from":2023,"to":2025},"focus_area":"close_violence",
      "text":{"sv":"Vi ska förebygga våld i nära relationer","en":"We will prevent violence"},
      "organisations":["polis","kommun"],
      "motivation":[{"kind":"survey_share","campaign_id":"trygghet_2022",
                     "question_id":"q_vald_nara_problem","note":")" +
           kMotivationMarker + R"("}],
      "activities":[
        {"id":"utbildning","what":{"sv":"Utbildning","en":"Training"},"who":"partner",
         "partner_name":"Länsstyrelsen","when":"2024","status":"done"},
        {"id":"information","what":{"sv":"Information","en":"Information"},"who":"kommun",
         "when":"2025","status":"ongoing"},
        {"id":"utvardering","what":{"sv":"Utvärdering","en":"Evaluation"},"who":"both",
         "when":"2025","status":"planned"}],
      "indicators":[
        {"id":"oro_droger","kind":"survey_share","question_id":"q_oro_droger",
         "baseline_campaign_id":")" +
           baseline + R"(","target_direction":"decrease"},
        {"id":"vet_vart_vanda","kind":"survey_share","question_id":"q_vet_vart_vanda",
         "baseline_campaign_id":")" +
           baseline + R"(","target_direction":"decrease"},
        {"id":"atgarder","kind":"measure_count","target_direction":"increase"}]})";
}

bj::value parse(const server::HttpResponse& res) {
    INFO(res.body);
    return bj::parse(res.body);
}

// A response with exactly the given answers, stored as a device would have pushed it.
void storeResponse(ApiHarness& h, const std::string& campaign, int serial,
                   const model::Answers& answers) {
    char id[40];
    std::snprintf(id, sizeof id, "01890000-0000-7000-8000-%012d", serial);
    model::Response r = makeResponse(vindelnSurvey(), campaign, id, 1, 0);
    r.answers = answers;
    REQUIRE(h.store->putRecord("response", id, model::toJsonText(r), "hlc"));
}

struct Seeded {
    ApiHarness h;
    std::string coordinator;

    // Baseline 2022: 40 answers to q_oro_droger, 20 worried; 20 know someone, 8 of them do not
    // know where to turn. 2025: 10 of 40 worried; only 3 know someone (below k). One 2025
    // answer carries a free-text marker.
    Seeded() {
        h.seedContent();
        coordinator = h.tokenFor(Role::Coordinator);
        const std::string baseline =
            R"({"id":"trygghet_2022","name":{"sv":"Trygghetsenkät 2022","en":"Safety survey 2022"},
            "survey_id":"trygghetsenkat_vindeln","survey_version":1,"year":2022,
            "period_start":"2022-03-01","period_end":"2022-04-30","channels":["survey"],
            "public_code":"VINDELN22","status":"closed"})";
        REQUIRE(h.call("POST", "/api/v1/campaigns", baseline, coordinator).status == 201);
        int serial = 1;
        for (int i = 0; i < 40; ++i) {
            model::Answers a;
            a["q_oro_droger"] = std::int64_t{i % 2 == 0 ? 3 : 1};
            a["q_kanner_till_vald"] = std::string(i < 20 ? "ja" : "nej");
            if (i < 20)
                a["q_vet_vart_vanda"] = i >= 8;
            storeResponse(h, "trygghet_2022", serial++, a);
        }
        for (int i = 0; i < 40; ++i) {
            model::Answers a;
            a["q_oro_droger"] = std::int64_t{i % 4 == 0 ? 4 : 2};
            a["q_kanner_till_vald"] = std::string(i < 3 ? "ja" : "nej");
            if (i < 3)
                a["q_vet_vart_vanda"] = false;
            if (i == 5)
                a["q_tryggare"] = std::string(kFreeTextMarker);
            storeResponse(h, kCampaignId, serial++, a);
        }
        REQUIRE(h.call("PUT", "/api/v1/agreement", kAgreement, coordinator).status == 200);
        REQUIRE(h.call("POST", "/api/v1/promises", promiseJson("lofte_vald"), coordinator).status ==
                201);
        model::Measure m;
        m.id = "01890000-0000-7000-8000-999999999999";
        m.title = "Stödinformation i butikerna";
        m.focusArea = model::FocusArea::CloseViolence;
        m.status = model::MeasureStatus::Done;
        m.deadline = "2025-06-30";
        REQUIRE(h.store->putRecord("measure", m.id, model::toJsonText(m), "hlc"));
        const std::string assessment = std::string(R"({"text":")") + kAssessmentMarker + "\"}";
        REQUIRE(
            h.call("PUT", "/api/v1/promises/lofte_vald/assessments/2025", assessment, coordinator)
                .status == 200);
    }
};

// The follow-up's test of two independent weighted shares. These respondents give no
// background, so every weight is equal and each share's linearised variance over a campaign of
// n respondents who all answered is p(1 − p)/(n − 1).
double waldPValue(double x1, double n1, double x2, double n2) {
    const double p1 = x1 / n1, p2 = x2 / n2;
    const double se = std::sqrt(p1 * (1 - p1) / (n1 - 1) + p2 * (1 - p2) / (n2 - 1));
    return std::erfc(std::fabs(p1 - p2) / se / std::sqrt(2.0));
}

// Every object in `v` that has an "n" has n >= k and is not suppressed; every suppressed
// figure has neither value nor n. Returns how many figures with n were seen.
int checkFigures(const bj::value& v) {
    int seen = 0;
    if (v.is_array()) {
        for (const auto& e : v.as_array())
            seen += checkFigures(e);
    } else if (v.is_object()) {
        const bj::object& o = v.as_object();
        if (const auto* n = o.if_contains("n"); n && n->is_int64()) {
            CHECK(n->as_int64() >= 5);
            ++seen;
        }
        if (const auto* s = o.if_contains("suppressed"); s && s->is_bool() && s->as_bool()) {
            CHECK_FALSE(o.contains("value"));
            CHECK_FALSE(o.contains("n"));
        }
        for (const auto& [key, child] : o)
            seen += checkFigures(child);
    }
    return seen;
}

} // namespace

TEST_CASE("agreement: 404 before one is stored, validation, stored and visible to devices",
          "[promises]") {
    ApiHarness h;
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    auto missing = h.call("GET", "/api/v1/agreement", "", coordinator);
    CHECK(missing.status == 404);
    CHECK(errorCode(missing) == "not_found");

    bj::object oneParty = bj::parse(kAgreement).as_object();
    oneParty["parties"].as_array().pop_back();
    auto bad = h.call("PUT", "/api/v1/agreement", bj::serialize(oneParty), coordinator);
    CHECK(bad.status == 422);
    CHECK(errorCode(bad) == "validation_failed");
    CHECK(jsonString(bad.body, "/error/path") == "parties");
    CHECK(jsonString(bad.body, "/error/issues/0/code") == "too_few_parties");

    bj::object reversed = bj::parse(kAgreement).as_object();
    reversed["period"].as_object()["to"] = "2022-12-31";
    auto rev = h.call("PUT", "/api/v1/agreement", bj::serialize(reversed), coordinator);
    CHECK(rev.status == 422);
    CHECK(rev.body.find("period_reversed") != std::string::npos);

    bj::object extra = bj::parse(kAgreement).as_object();
    extra["mayor"] = "x";
    auto unknown = h.call("PUT", "/api/v1/agreement", bj::serialize(extra), coordinator);
    CHECK(unknown.status == 422);
    CHECK(errorCode(unknown) == "unknown_field");
    CHECK(h.call("PUT", "/api/v1/agreement", "{\"parties\":", coordinator).status == 400);
    CHECK(errorCode(h.call("GET", "/api/v1/agreement", "", h.tokenFor(Role::Officer))) ==
          "forbidden");

    auto stored = h.call("PUT", "/api/v1/agreement", kAgreement, coordinator);
    REQUIRE(stored.status == 200);
    const std::string id = jsonString(stored.body, "/id");
    CHECK(model::isValidUuid(id));
    auto got = h.call("GET", "/api/v1/agreement", "", coordinator);
    CHECK(got.status == 200);
    CHECK(got.body == stored.body);
    // A second PUT without an id replaces the same record.
    bj::object changed = bj::parse(kAgreement).as_object();
    changed["continues_until_replaced"] = false;
    auto again = h.call("PUT", "/api/v1/agreement", bj::serialize(changed), coordinator);
    CHECK(jsonString(again.body, "/id") == id);
    CHECK(h.store->countRecords("agreement").value() == 1);

    auto page = h.store->changesSince(0, 100, store::Audience{store::Role::Resident, "c"});
    REQUIRE(page);
    REQUIRE(page->changes.size() == 1);
    CHECK(page->changes[0].record.kind == "agreement");
}

TEST_CASE("promises: create, list, get, replace; validation, conflicts and 404", "[promises]") {
    ApiHarness h;
    h.seedContent();
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    const std::string known = promiseJson("lofte_a", kCampaignId);
    auto created = h.call("POST", "/api/v1/promises", known, coordinator);
    INFO(created.body);
    REQUIRE(created.status == 201);
    CHECK(jsonString(created.body, "/id") == "lofte_a");
    CHECK(h.call("POST", "/api/v1/promises", known, coordinator).status == 409);
    auto list = parse(h.call("GET", "/api/v1/promises", "", coordinator));
    REQUIRE(list.at("promises").as_array().size() == 1);
    CHECK(list.at("promises").at(0).at("activities").as_array().size() == 3);
    CHECK(h.call("GET", "/api/v1/promises/lofte_a", "", coordinator).body == created.body);

    auto none = h.call("GET", "/api/v1/promises/no_such", "", coordinator);
    CHECK(none.status == 404);
    CHECK(errorCode(none) == "not_found");
    CHECK(
        h.call("PUT", "/api/v1/promises/lofte_b", promiseJson("lofte_b", kCampaignId), coordinator)
            .status == 404);
    auto mismatch =
        h.call("PUT", "/api/v1/promises/lofte_a", promiseJson("lofte_b", kCampaignId), coordinator);
    CHECK(mismatch.status == 422);
    CHECK(errorCode(mismatch) == "id_mismatch");

    auto unknownCampaign =
        h.call("POST", "/api/v1/promises", promiseJson("lofte_c", "nope_2020"), coordinator);
    CHECK(unknownCampaign.status == 422);
    CHECK(jsonString(unknownCampaign.body, "/error/path") == "indicators[0].baseline_campaign_id");
    CHECK(jsonString(unknownCampaign.body, "/error/issues/0/code") == "unknown_campaign");

    bj::object noPartner = bj::parse(known).as_object();
    noPartner["id"] = "lofte_d";
    noPartner["activities"].as_array()[0].as_object().erase("partner_name");
    auto partner = h.call("POST", "/api/v1/promises", bj::serialize(noPartner), coordinator);
    CHECK(partner.status == 422);
    CHECK(jsonString(partner.body, "/error/path") == "activities[0].partner_name");
    bj::object badStatus = bj::parse(known).as_object();
    badStatus["activities"].as_array()[0].as_object()["status"] = "finished";
    auto status = h.call("PUT", "/api/v1/promises/lofte_a", bj::serialize(badStatus), coordinator);
    CHECK(status.status == 422);
    CHECK(jsonString(status.body, "/error/message").find("activities[0].status") !=
          std::string::npos);

    bj::object changed = bj::parse(known).as_object();
    changed["activities"].as_array()[2].as_object()["status"] = "ongoing";
    auto replaced = h.call("PUT", "/api/v1/promises/lofte_a", bj::serialize(changed), coordinator);
    CHECK(replaced.status == 200);
    CHECK(jsonString(h.call("GET", "/api/v1/promises/lofte_a", "", coordinator).body,
                     "/activities/2/status") == "ongoing");
    CHECK(h.call("GET", "/api/v1/promises", "", h.tokenFor(Role::Kiosk)).status == 403);
}

TEST_CASE("assessments: stored for staff only, validated, never pulled", "[promises]") {
    ApiHarness h;
    h.seedContent();
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    REQUIRE(h.call("POST", "/api/v1/promises", promiseJson("lofte_a", kCampaignId), coordinator)
                .status == 201);
    const std::string path = "/api/v1/promises/lofte_a/assessments/2025";
    auto ok = h.call("PUT", path, R"({"text":"Bra år."})", coordinator);
    REQUIRE(ok.status == 200);
    CHECK(jsonString(ok.body, "/promise_id") == "lofte_a");
    CHECK(parse(ok).at("year").as_int64() == 2025);
    CHECK(jsonString(ok.body, "/text") == "Bra år.");
    CHECK(jsonString(ok.body, "/updated_at") == "2025-04-30T08:00:00.000Z");

    CHECK(h.call("PUT", "/api/v1/promises/nope/assessments/2025", R"({"text":"x"})", coordinator)
              .status == 404);
    auto year =
        h.call("PUT", "/api/v1/promises/lofte_a/assessments/20x5", R"({"text":"x"})", coordinator);
    CHECK(year.status == 400);
    CHECK(errorCode(year) == "invalid_parameter");
    CHECK(errorCode(h.call("PUT", path, R"({"text":"  "})", coordinator)) == "blank_text");
    CHECK(errorCode(h.call("PUT", path, R"({})", coordinator)) == "missing_field");
    CHECK(errorCode(h.call("PUT", path, R"({"text":"x","by":"y"})", coordinator)) ==
          "unknown_field");
    const std::string long4000(4000, 'a');
    CHECK(h.call("PUT", path, R"({"text":")" + long4000 + "\"}", coordinator).status == 200);
    auto tooLong = h.call("PUT", path, R"({"text":")" + long4000 + "b\"}", coordinator);
    CHECK(tooLong.status == 422);
    CHECK(errorCode(tooLong) == "too_long");
    CHECK(h.call("PUT", path, R"({"text":"x"})", h.tokenFor(Role::Officer)).status == 403);

    for (auto role : {store::Role::Officer, store::Role::Kiosk, store::Role::Resident}) {
        auto page = h.store->changesSince(0, 1000, store::Audience{role, kCampaignId});
        REQUIRE(page);
        for (const auto& c : page->changes)
            CHECK(c.record.kind != "promise_assessment");
    }
}

TEST_CASE("follow-up: figures against the baseline, suppression, measures, assessment",
          "[promises]") {
    Seeded s;
    auto res = s.h.call("GET", "/api/v1/follow-up", "", s.coordinator);
    REQUIRE(res.status == 200);
    CHECK(res.headers.end() !=
          std::find(res.headers.begin(), res.headers.end(),
                    std::make_pair(std::string("Cache-Control"), std::string("no-store"))));
    const bj::value doc = parse(res);
    CHECK(doc.at("year").as_int64() == 2025);
    CHECK(doc.at("k").as_int64() == 5);
    CHECK(doc.at("agreement").at("signed").as_string() == "2023-03-03");
    REQUIRE(doc.at("promises").as_array().size() == 1);
    const bj::value& p = doc.at("promises").at(0);
    CHECK(p.at("promise").at("id").as_string() == "lofte_vald");
    CHECK(p.at("activities").at("done").as_int64() == 1);
    CHECK(p.at("activities").at("ongoing").as_int64() == 1);
    CHECK(p.at("activities").at("planned").as_int64() == 1);
    CHECK(p.at("activities").at("cancelled").as_int64() == 0);
    CHECK(p.at("assessment").at("text").as_string() == kAssessmentMarker);
    REQUIRE(p.at("measures").as_array().size() == 1);
    CHECK(p.at("measures").at(0).at("status").as_string() == "done");
    CHECK(p.at("measures").at(0).at("deadline").as_string() == "2025-06-30");

    const bj::value& oro = p.at("indicators").at(0);
    CHECK(oro.at("id").as_string() == "oro_droger");
    CHECK(oro.at("label").at("sv").as_string().size() > 0);
    CHECK(oro.at("baseline").at("campaign_id").as_string() == "trygghet_2022");
    CHECK(oro.at("baseline").at("value").as_double() == Approx(0.5));
    CHECK(oro.at("baseline").at("n").as_int64() == 40);
    CHECK(oro.at("current").at("campaign_id").as_string() == kCampaignId);
    CHECK(oro.at("current").at("label").at("en").as_string() == "Safety survey 2025");
    CHECK(oro.at("current").at("value").as_double() == Approx(0.25));
    CHECK(oro.at("current").at("ci_low").as_double() < 0.25);
    CHECK(oro.at("current").at("ci_high").as_double() > 0.25);
    CHECK(oro.at("difference").as_double() == Approx(-0.25));
    CHECK(oro.at("current").at("weighted").as_bool());
    CHECK(oro.at("current").at("year").as_int64() == 2025);
    CHECK(oro.at("p_value").as_double() == Approx(waldPValue(10, 40, 20, 40)).margin(1e-12));
    // The only test of the year: adjusting changes nothing.
    CHECK(oro.at("p_adjusted").as_double() == Approx(oro.at("p_value").as_double()));
    CHECK(oro.at("significant").as_bool() == (waldPValue(10, 40, 20, 40) < 0.05));
    CHECK(oro.at("difference_ci").at("low").as_double() < -0.25);
    CHECK(oro.at("on_track").as_bool());

    const bj::value& vet = p.at("indicators").at(1);
    CHECK(vet.at("baseline").at("suppressed").as_bool() == false);
    CHECK(vet.at("baseline").at("value").as_double() == Approx(8.0 / 20));
    CHECK(vet.at("current").at("suppressed").as_bool());
    CHECK_FALSE(vet.at("current").as_object().contains("value"));
    CHECK_FALSE(vet.at("current").as_object().contains("n"));
    CHECK(vet.at("difference").is_null());
    CHECK(vet.at("p_value").is_null());
    CHECK(vet.at("significant").is_null());
    CHECK(vet.at("on_track").is_null());

    const bj::value& count = p.at("indicators").at(2);
    CHECK(count.at("kind").as_string() == "measure_count");
    CHECK(count.at("baseline").at("value").as_double() == 0);
    CHECK(count.at("current").at("value").as_double() == 1);
    CHECK(count.at("on_track").as_bool());

    // 2024 has no survey campaign after the baseline yet; the assessment is per year.
    const bj::value y2024 =
        parse(s.h.call("GET", "/api/v1/follow-up?year=2024", "", s.coordinator));
    CHECK(y2024.at("promises").at(0).at("indicators").at(0).at("current").is_null());
    CHECK(y2024.at("promises").at(0).at("assessment").is_null());
    // The agreement continues until replaced: 2027 is followed up, 2022 is outside it.
    CHECK(s.h.call("GET", "/api/v1/follow-up?year=2027", "", s.coordinator).status == 200);
    auto early = s.h.call("GET", "/api/v1/follow-up?year=2022", "", s.coordinator);
    CHECK(early.status == 400);
    CHECK(errorCode(early) == "year_out_of_range");
    auto bad = s.h.call("GET", "/api/v1/follow-up?year=twenty", "", s.coordinator);
    CHECK(bad.status == 400);
    CHECK(errorCode(bad) == "invalid_parameter");
    CHECK(s.h.call("GET", "/api/v1/follow-up", "", s.h.tokenFor(Role::Officer)).status == 403);
    CHECK(s.h.call("GET", "/api/v1/follow-up", "").status == 401);

    // A new response moves the change log: the cached figures are rebuilt.
    model::Answers a;
    a["q_oro_droger"] = std::int64_t{4};
    storeResponse(s.h, kCampaignId, 500, a);
    const bj::value after = parse(s.h.call("GET", "/api/v1/follow-up", "", s.coordinator));
    CHECK(after.at("promises").at(0).at("indicators").at(0).at("current").at("n").as_int64() == 41);
}

TEST_CASE("follow-up CSV: one row per indicator, suppressed as text, injection-safe",
          "[promises]") {
    Seeded s;
    auto res = s.h.call("GET", "/api/v1/export/follow-up.csv?year=2025", "", s.coordinator);
    REQUIRE(res.status == 200);
    CHECK(res.contentType == "text/csv; charset=utf-8");
    std::vector<std::string> lines;
    std::string body = res.body.substr(3); // UTF-8 BOM
    CHECK(res.body.substr(0, 3) == "\xEF\xBB\xBF");
    for (std::size_t at = 0; at < body.size();) {
        auto end = body.find("\r\n", at);
        REQUIRE(end != std::string::npos);
        lines.push_back(body.substr(at, end - at));
        at = end + 2;
    }
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "promise_id,focus_area,indicator_id,kind,baseline_campaign,baseline_value,"
                      "baseline_n,current_campaign,current_value,current_n,difference,p_value,"
                      "p_adjusted,significant,on_track");
    CHECK(lines[1].rfind("lofte_vald,close_violence,oro_droger,survey_share,trygghet_2022,0.5,40,"
                         "trygghet_2025,0.25,40,-0.25,",
                         0) == 0);
    CHECK(lines[2] == "lofte_vald,close_violence,vet_vart_vanda,survey_share,trygghet_2022,0.4,20,"
                      "trygghet_2025,suppressed,suppressed,,,,,");
    CHECK(lines[3] == "lofte_vald,close_violence,atgarder,measure_count,,0,,,1,,1,,,,true");
    for (const auto& line : lines)
        for (std::size_t at = 0; at <= line.size();) {
            auto comma = line.find(',', at);
            const std::string cell = line.substr(at, comma - at);
            if (!cell.empty()) {
                CHECK(std::string("=+@\t\r").find(cell.front()) == std::string::npos);
                if (cell.front() == '-')
                    CHECK_NOTHROW(std::stod(cell));
            }
            if (comma == std::string::npos)
                break;
            at = comma + 1;
        }
}

TEST_CASE("public: no token needed, a token ignored, no free text, nothing below k", "[promises]") {
    Seeded s;
    auto anonymous = s.h.call("GET", "/api/v1/public", "");
    REQUIRE(anonymous.status == 200);
    const std::string coordinator = s.coordinator;
    auto withToken = s.h.call("GET", "/api/v1/public", "", coordinator);
    CHECK(withToken.status == 200);
    CHECK(withToken.body == anonymous.body);
    auto badToken = s.h.call("GET", "/api/v1/public", "", "not-a-real-token");
    CHECK(badToken.status == 200);
    CHECK(badToken.body == anonymous.body);

    const std::string& body = anonymous.body;
    CHECK(body.find(coordinator) == std::string::npos);
    CHECK(body.find("not-a-real-token") == std::string::npos);
    CHECK(body.find("FRITEXT-MARKER") == std::string::npos);
    CHECK(body.find("Storgatan") == std::string::npos);
    CHECK(body.find(kMotivationMarker) == std::string::npos);
    CHECK(body.find(kAssessmentMarker) == std::string::npos);
    CHECK(body.find("Länsstyrelsen") == std::string::npos); // partner names are not listed
    CHECK(body.find("motivation") == std::string::npos);
    CHECK(body.find("assessment") == std::string::npos);
    for (const auto& [name, value] : anonymous.headers)
        CHECK(value.find(coordinator) == std::string::npos);

    const bj::value doc = parse(anonymous);
    CHECK(doc.at("k").as_int64() == 5);
    CHECK(doc.at("agreement").at("parties").as_array().size() == 2);
    CHECK(doc.at("summaries").as_array().empty());
    REQUIRE(doc.at("promises").as_array().size() == 1);
    const bj::object& p = doc.at("promises").at(0).as_object();
    CHECK(p.at("focus_area").as_string() == "close_violence");
    CHECK(p.at("period").at("from").as_int64() == 2023);
    CHECK(p.at("activities").at(0).at("status").as_string() == "done");
    CHECK_FALSE(p.at("activities").at(0).as_object().contains("partner_name"));
    const bj::array& indicators = p.at("indicators").as_array();
    REQUIRE(indicators.size() == 3);
    CHECK(indicators[0].at("current").at("n").as_int64() == 40);
    CHECK(indicators[1].at("current").at("suppressed").as_bool());
    CHECK(checkFigures(doc) == 3); // oro_droger twice and the 2022 vet_vart_vanda figure

    // The cached body follows new data.
    REQUIRE(s.h.call("POST", "/api/v1/promises", promiseJson("lofte_ny"), coordinator).status ==
            201);
    CHECK(parse(s.h.call("GET", "/api/v1/public", "")).at("promises").as_array().size() == 2);
}
