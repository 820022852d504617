// Imported police/municipality figures through the handler layer over a real store: CSV import
// (all or nothing, upsert), list, delete, the figures in the picture's focus areas and in the
// follow-up's imported indicators, never pulled by devices; and the one decoded data set the
// picture and follow-up endpoints share.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "picture_cache.hpp"
#include "td/model/codec.hpp"
#include "td/server/admin.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using namespace td;
using namespace td::test;
using server::Role;
namespace bj = boost::json;

namespace {

const char* kAgreement = R"({
  "parties": [{"organisation": "polis", "name": "Polismyndigheten"},
              {"organisation": "kommun", "name": "Vindelns kommun"}],
  "signatories": [{"role": {"sv": "Kommunstyrelsens ordförande", "en": "Chair"},
                   "organisation": "kommun"}],
  "period": {"from": "2023-03-03", "to": "2025-12-31"},
  "continues_until_replaced": true,
  "signed": "2023-03-03"})";

const char* kPromise = R"({"id":"lofte_droger","period":{"from":2023,"to":2025},
  "focus_area":"drugs",
  "text":{"sv":"Vi ska minska narkotikan","en":"We will reduce drugs"},
  "organisations":["polis","kommun"],
  "motivation":[{"kind":"imported","indicator":"anmalda_narkotikabrott","note":"Få anmälningar"}],
  "activities":[],
  "indicators":[{"id":"narkotikabrott","kind":"imported","indicator_name":"anmalda_narkotikabrott",
                 "baseline_campaign_id":"trygghet_2022","target_direction":"increase"}]})";

// Good figures: the drugs figure for 2022 and 2025, a traffic figure under the same name (the
// promise's own area must win), and a municipality figure with a quoted source.
const char* kGoodCsv =
    "indicator,area,period,value,source\r\n"
    "anmalda_narkotikabrott,drugs,2022,31,Polisen\r\n"
    "anmalda_narkotikabrott,traffic,2025,999,Polisen\r\n"
    "anmalda_narkotikabrott,drugs,2025,44.5,Polisen\r\n"
    "skadegorelse_anmalningar,unsafe_places,2025,40,\"Vindelns kommun, teknik\"\r\n";

std::string str(const bj::value& v) {
    return v.is_string() ? std::string(v.as_string()) : bj::serialize(v);
}

bj::value parse(const server::HttpResponse& res) {
    INFO(res.body);
    return bj::parse(res.body);
}

struct Fixture {
    ApiHarness h;
    std::string coordinator;

    Fixture() {
        h.seedContent();
        coordinator = h.tokenFor(Role::Coordinator);
        const std::string baseline =
            R"({"id":"trygghet_2022","name":{"sv":"Trygghetsenkät 2022","en":"Safety survey 2022"},
            "survey_id":"trygghetsenkat_vindeln","survey_version":1,"year":2022,
            "period_start":"2022-03-01","period_end":"2022-04-30","channels":["survey"],
            "public_code":"VINDELN22","status":"closed"})";
        REQUIRE(h.call("POST", "/api/v1/campaigns", baseline, coordinator).status == 201);
        REQUIRE(h.call("PUT", "/api/v1/agreement", kAgreement, coordinator).status == 200);
        REQUIRE(h.call("POST", "/api/v1/promises", kPromise, coordinator).status == 201);
    }

    server::HttpResponse importCsv(const std::string& csv,
                                   const std::string& type = "text/csv; charset=utf-8") {
        return h.call("POST", "/api/v1/indicators", csv, coordinator, type);
    }

    std::int64_t stored() {
        auto n = h.store->countRecords("indicator_figure");
        REQUIRE(n);
        return *n;
    }

    bj::value listed(const std::string& query = "") {
        auto res = h.call("GET", "/api/v1/indicators" + query, "", coordinator);
        REQUIRE(res.status == 200);
        return parse(res);
    }

    // The picture's indicators of one focus area.
    bj::array areaIndicators(const std::string& area) {
        auto res =
            h.call("GET", std::string("/api/v1/picture?campaign=") + kCampaignId, "", coordinator);
        REQUIRE(res.status == 200);
        const bj::value body = parse(res);
        for (const auto& a : body.at("focus_areas").as_array())
            if (str(a.at("area")) == area)
                return a.at("indicators").as_array();
        FAIL("no focus area " << area);
        return {};
    }

    // The follow-up's imported indicator of the promise, for 2025.
    bj::object followUpIndicator() {
        auto res = h.call("GET", "/api/v1/follow-up?year=2025", "", coordinator);
        REQUIRE(res.status == 200);
        const bj::value body = parse(res);
        for (const auto& p : body.at("promises").as_array())
            for (const auto& i : p.at("indicators").as_array())
                if (str(i.at("id")) == "narkotikabrott")
                    return i.as_object();
        FAIL("no imported indicator in the follow-up");
        return {};
    }
};

// The rejected lines of a 400 invalid_csv answer.
std::vector<std::int64_t> rejectedLines(const server::HttpResponse& res) {
    INFO(res.body);
    REQUIRE(res.status == 400);
    REQUIRE(errorCode(res) == "invalid_csv");
    const bj::value body = parse(res);
    const bj::object& error = body.at("error").as_object();
    std::vector<std::int64_t> lines;
    for (const auto& i : error.at("issues").as_array()) {
        const std::int64_t line = i.at("line").as_int64();
        CHECK(str(i.at("path")) == "line " + std::to_string(line));
        CHECK(std::string(i.at("message").as_string()).find("line " + std::to_string(line)) !=
              std::string::npos);
        lines.push_back(line);
    }
    CHECK(str(error.at("path")) == str(error.at("issues").as_array().front().at("path")));
    return lines;
}

} // namespace

TEST_CASE("indicators: a good CSV is stored and shows in the picture and the follow-up",
          "[indicators]") {
    Fixture f;
    auto before = f.followUpIndicator();
    CHECK(before.at("baseline").is_null());
    CHECK(before.at("current").is_null());

    auto res = f.importCsv(kGoodCsv);
    INFO(res.body);
    REQUIRE(res.status == 200);
    CHECK(parse(res) == bj::parse(R"({"rows":4,"new":4,"replaced":0,"unchanged":0,"renamed":0})"));
    CHECK(f.stored() == 4);

    const bj::array all = f.listed().at("indicators").as_array();
    REQUIRE(all.size() == 4);
    CHECK(all[0] == bj::parse(R"({"indicator":"anmalda_narkotikabrott","area":"drugs",
        "period":"2022","value":31.0,"source":"Polisen"})"));
    CHECK(f.listed("?indicator=skadegorelse_anmalningar").at("indicators") ==
          bj::parse(R"([{"indicator":"skadegorelse_anmalningar","area":"unsafe_places",
            "period":"2025","value":40.0,"source":"Vindelns kommun, teknik"}])"));

    // The picture: each area lists its own figures.
    const bj::array drugs = f.areaIndicators("drugs");
    REQUIRE(drugs.size() == 2);
    CHECK(str(drugs[0].at("period")) == "2022");
    CHECK(drugs[0].at("value").to_number<double>() == 31.0);
    CHECK(str(drugs[1].at("period")) == "2025");
    CHECK(drugs[1].at("value").to_number<double>() == 44.5);
    CHECK(str(drugs[1].at("source")) == "Polisen");
    CHECK(f.areaIndicators("unsafe_places").size() == 1);
    CHECK(f.areaIndicators("close_violence").empty());

    // The follow-up: baseline year 2022 (the baseline campaign's), current 2025, the drugs
    // figure rather than the traffic one of the same name.
    auto ind = f.followUpIndicator();
    CHECK(ind.at("baseline").at("value").to_number<double>() == 31.0);
    CHECK(str(ind.at("baseline").at("suppressed")) == "false");
    CHECK(ind.at("current").at("value").to_number<double>() == 44.5);
    CHECK(ind.at("difference").to_number<double>() == Approx(44.5 - 31.0));
    CHECK(str(ind.at("on_track")) == "true");
    CHECK(ind.at("p_value").is_null());

    auto csv = f.h.call("GET", "/api/v1/export/follow-up.csv?year=2025", "", f.coordinator);
    REQUIRE(csv.status == 200);
    CHECK(csv.body.find("lofte_droger,drugs,narkotikabrott,imported,trygghet_2022,31,,,44.5,,"
                        "13.5,") != std::string::npos);
}

TEST_CASE("indicators: a bad CSV is refused with its line numbers and nothing is stored",
          "[indicators]") {
    Fixture f;
    REQUIRE(
        f.importCsv("indicator,area,period,value,source\nfigur,drugs,2024,1,Polisen\n").status ==
        200);
    REQUIRE(f.stored() == 1);
    const std::string header = "indicator,area,period,value,source\n";

    SECTION("wrong header") {
        CHECK(rejectedLines(f.importCsv("indicator,area,period,value\nx,drugs,2024,1\n")) ==
              std::vector<std::int64_t>{1});
        auto res = f.importCsv("indikator,area,period,value,source\n");
        CHECK(rejectedLines(res) == std::vector<std::int64_t>{1});
        CHECK(str(parse(res).at("error").at("issues").at(0).at("code")) == "invalid_header");
    }
    SECTION("empty body") {
        CHECK(rejectedLines(f.importCsv("")) == std::vector<std::int64_t>{1});
    }
    SECTION("non-numeric value, unknown area, duplicate row: every bad line, good ones kept out") {
        const std::string csv = header + "ok_one,drugs,2024,5,Polisen\n"              // line 2
                                         "bad_value,drugs,2024,12 st,Polisen\n"       // line 3
                                         "bad_area,narkotika,2024,3,Polisen\n"        // line 4
                                         "\n"                                         // line 5
                                         "ok_one,drugs,2024,6,Polisen\n"              // line 6
                                         "comma_value,traffic,2024,\"1,5\",Polisen\n" // line 7
                                         "ok_two,traffic,2024-Q2,8,Polisen\n";        // line 8
        auto res = f.importCsv(csv);
        CHECK(rejectedLines(res) == std::vector<std::int64_t>{3, 4, 6, 7});
        const bj::value body = parse(res);
        const auto& issues = body.at("error").at("issues").as_array();
        CHECK(str(issues.at(0).at("code")) == "invalid_row");
    }
    SECTION("wrong content type") {
        for (const char* type : {"application/json", "text/plain", ""}) {
            auto res = f.importCsv(header + "x,drugs,2024,1,Polisen\n", type);
            INFO(type << " " << res.body);
            CHECK(res.status == 415);
            CHECK(errorCode(res) == "unsupported_media_type");
        }
    }
    SECTION("header only") {
        auto res = f.importCsv(header);
        CHECK(res.status == 400);
        CHECK(errorCode(res) == "empty_import");
    }
    CHECK(f.stored() == 1);
    CHECK(f.listed().at("indicators").as_array().size() == 1);
}

TEST_CASE("indicators: a body over the size limit is refused with 413", "[indicators]") {
    server::Limits limits;
    limits.maxBodyBytes = 2048;
    ApiHarness h(limits);
    const std::string token = h.tokenFor(Role::Coordinator);
    std::string csv = "indicator,area,period,value,source\n";
    for (int year = 1900; csv.size() <= 2048; ++year)
        csv += "figur,drugs," + std::to_string(year) + ",1,Polisen\n";
    auto res = h.call("POST", "/api/v1/indicators", csv, token, "text/csv");
    CHECK(res.status == 413);
    CHECK(errorCode(res) == "body_too_large");
    auto n = h.store->countRecords("indicator_figure");
    REQUIRE(n);
    CHECK(*n == 0);
}

TEST_CASE("indicators: re-import replaces, identical rows are left alone, delete removes",
          "[indicators]") {
    Fixture f;
    REQUIRE(f.importCsv(kGoodCsv).status == 200);
    CHECK(f.followUpIndicator().at("current").at("value").to_number<double>() == 44.5);

    auto again = f.importCsv("indicator,area,period,value,source\n"
                             "anmalda_narkotikabrott,drugs,2025,50,Polisen\n"
                             "anmalda_narkotikabrott,drugs,2022,31,Polisen\n"
                             "anmalda_narkotikabrott,drugs,2024,47,Polisen\n");
    INFO(again.body);
    REQUIRE(again.status == 200);
    CHECK(parse(again) ==
          bj::parse(R"({"rows":3,"new":1,"replaced":1,"unchanged":1,"renamed":0})"));
    CHECK(f.stored() == 5);
    CHECK(f.followUpIndicator().at("current").at("value").to_number<double>() == 50.0);
    CHECK(f.areaIndicators("drugs").size() == 3);

    auto del = f.h.call("DELETE", "/api/v1/indicators/anmalda_narkotikabrott@drugs@2025", "",
                        f.coordinator);
    CHECK(del.status == 204);
    CHECK(f.listed("?indicator=anmalda_narkotikabrott").at("indicators").as_array().size() == 3);
    CHECK(f.areaIndicators("drugs").size() == 2);
    // The traffic figure of the same name is what remains for 2025.
    CHECK(f.followUpIndicator().at("current").at("value").to_number<double>() == 999.0);
    auto twice = f.h.call("DELETE", "/api/v1/indicators/anmalda_narkotikabrott@drugs@2025", "",
                          f.coordinator);
    CHECK(twice.status == 404);
    CHECK(errorCode(twice) == "not_found");

    // Deleted and imported again: new.
    auto back = f.importCsv("indicator,area,period,value,source\n"
                            "anmalda_narkotikabrott,drugs,2025,51,Polisen\n");
    CHECK(parse(back) == bj::parse(R"({"rows":1,"new":1,"replaced":0,"unchanged":0,"renamed":0})"));
}

TEST_CASE("indicators: names belong to the indicator and reach the list and the picture",
          "[indicators]") {
    Fixture f;
    REQUIRE(f.importCsv(kGoodCsv).status == 200);
    // A file with names for one period renames the indicator's other stored figures too.
    auto named = f.importCsv("indicator,area,period,value,source,name_sv,name_en\n"
                             "anmalda_narkotikabrott,drugs,2025,44.5,Polisen,"
                             "Anmälda narkotikabrott,Reported drug offences\n");
    INFO(named.body);
    REQUIRE(named.status == 200);
    CHECK(parse(named) ==
          bj::parse(R"({"rows":1,"new":0,"replaced":1,"unchanged":0,"renamed":2})"));
    std::size_t withNames = 0;
    const bj::value all = f.listed();
    for (const auto& fig : all.at("indicators").as_array()) {
        const bj::object& o = fig.as_object();
        if (str(o.at("indicator")) == "anmalda_narkotikabrott") {
            CHECK(str(o.at("name_sv")) == "Anmälda narkotikabrott");
            CHECK(str(o.at("name_en")) == "Reported drug offences");
            ++withNames;
        } else {
            CHECK_FALSE(o.contains("name_sv"));
            CHECK_FALSE(o.contains("name_en"));
        }
    }
    CHECK(withNames == 3);
    for (const auto& ind : f.areaIndicators("drugs"))
        CHECK(str(ind.at("name_sv")) == "Anmälda narkotikabrott");

    // A later file without names keeps them; one with only an English name changes only that.
    auto plain = f.importCsv("indicator,area,period,value,source\n"
                             "anmalda_narkotikabrott,drugs,2026,46,Polisen\n");
    REQUIRE(plain.status == 200);
    CHECK(parse(plain) ==
          bj::parse(R"({"rows":1,"new":1,"replaced":0,"unchanged":0,"renamed":0})"));
    auto english = f.importCsv("name_en,indicator,area,period,value,source,name_sv\n"
                               "Drug offences reported,anmalda_narkotikabrott,drugs,2026,46,"
                               "Polisen,\n");
    REQUIRE(english.status == 200);
    CHECK(parse(english) ==
          bj::parse(R"({"rows":1,"new":0,"replaced":1,"unchanged":0,"renamed":3})"));
    const bj::value renamed = f.listed("?indicator=anmalda_narkotikabrott");
    CHECK(renamed.at("indicators").as_array().size() == 4);
    for (const auto& fig : renamed.at("indicators").as_array()) {
        CHECK(str(fig.at("name_sv")) == "Anmälda narkotikabrott");
        CHECK(str(fig.at("name_en")) == "Drug offences reported");
    }

    // Two names for one indicator in one file: refused at the second row, nothing stored.
    const std::int64_t before = f.stored();
    auto clash = f.importCsv("indicator,area,period,value,source,name_sv\n"
                             "nya_brott,drugs,2025,1,Polisen,Nya brott\n"
                             "nya_brott,drugs,2024,1,Polisen,Andra brott\n");
    CHECK(rejectedLines(clash) == std::vector<std::int64_t>{3});
    CHECK(f.stored() == before);
}

TEST_CASE("indicators: staff only, and never pulled by devices", "[indicators]") {
    Fixture f;
    REQUIRE(f.importCsv(kGoodCsv).status == 200);
    for (Role role : {Role::Officer, Role::Kiosk, Role::Resident}) {
        const std::string token = f.h.tokenFor(role);
        CHECK(f.h.call("GET", "/api/v1/indicators", "", token).status == 403);
        CHECK(f.h.call("POST", "/api/v1/indicators", kGoodCsv, token, "text/csv").status == 403);
        auto pull = f.h.call("GET", "/api/v1/sync/pull", "", token);
        INFO(pull.body);
        REQUIRE(pull.status == 200);
        CHECK(pull.body.find("indicator_figure") == std::string::npos);
        CHECK(pull.body.find("kommun, teknik") == std::string::npos);
    }
}

TEST_CASE("picture and follow-up share one decoded data set, refreshed after a push",
          "[indicators]") {
    Fixture f;
    const std::string picture = std::string("/api/v1/picture?campaign=") + kCampaignId;
    REQUIRE(f.h.call("GET", picture, "", f.coordinator).status == 200);
    const std::uint64_t afterPicture = server::pictureDataLoads();
    REQUIRE(f.h.call("GET", "/api/v1/follow-up?year=2025", "", f.coordinator).status == 200);
    REQUIRE(f.h.call("GET", "/api/v1/public", "").status == 200);
    REQUIRE(f.h.call("GET", picture, "", f.coordinator).status == 200);
    CHECK(server::pictureDataLoads() == afterPicture);

    // A push moves the change log: the next request appends the new response to the data
    // instead of decoding everything again, and both see it.
    const std::uint64_t updates = server::pictureDataUpdates();
    const std::string officer = f.h.tokenFor(Role::Officer);
    std::vector<std::string> ids;
    auto push = f.h.call("POST", "/api/v1/sync/push", pushBody(responseRecords(1, &ids)), officer);
    INFO(push.body);
    REQUIRE(push.status == 200);
    auto followUp = f.h.call("GET", "/api/v1/follow-up?year=2025", "", f.coordinator);
    REQUIRE(followUp.status == 200);
    CHECK(server::pictureDataLoads() == afterPicture);
    CHECK(server::pictureDataUpdates() == updates + 1);
    auto pic = f.h.call("GET", picture, "", f.coordinator);
    REQUIRE(pic.status == 200);
    CHECK(parse(pic).at("respondents").to_number<int>() == 1);
    CHECK(server::pictureDataLoads() == afterPicture);
    CHECK(server::pictureDataUpdates() == updates + 1);

    // An import is not an append: the data is decoded again, and the follow-up's figure
    // appears without a restart.
    REQUIRE(f.importCsv(kGoodCsv).status == 200);
    CHECK(f.followUpIndicator().at("current").at("value").to_number<double>() == 44.5);
    CHECK(f.areaIndicators("drugs").size() == 2);
    CHECK(server::pictureDataLoads() == afterPicture + 1);
}

TEST_CASE("indicators: an import that cannot store every row stores none", "[indicators]") {
    Fixture f;
    // An id held by a record of another kind: the second row cannot be written.
    REQUIRE(f.h.store->putRecord("promise_assessment", "clash@drugs@2024", R"({"text":"x"})", "hlc",
                                 store::Visibility{}));
    auto res = f.importCsv("indicator,area,period,value,source\n"
                           "first,drugs,2024,1,Polisen\n"
                           "clash,drugs,2024,2,Polisen\n");
    INFO(res.body);
    CHECK(res.status == 400);
    CHECK(errorCode(res) == "kind_mismatch");
    CHECK(f.stored() == 0);
    CHECK(f.listed().at("indicators").as_array().empty());
}

TEST_CASE("demo data: imported figures show as numbers, the youth-centre figure as too few answers",
          "[indicators][demo]") {
    ApiHarness h;
    REQUIRE(server::loadDemoData(*h.store, {"--responses-per-wave", "80"}));
    const std::string coordinator = h.tokenFor(Role::Coordinator);
    auto listed =
        h.call("GET", "/api/v1/indicators?indicator=anmalda_narkotikabrott", "", coordinator);
    REQUIRE(listed.status == 200);
    const bj::value figures = parse(listed);
    auto valueOf = [&](const std::string& period) {
        for (const auto& f : figures.at("indicators").as_array())
            if (str(f.at("period")) == period && str(f.at("area")) == "drugs")
                return f.at("value").to_number<double>();
        FAIL("no figure for " << period);
        return 0.0;
    };

    auto res = h.call("GET", "/api/v1/follow-up?year=2025", "", coordinator);
    REQUIRE(res.status == 200);
    const bj::value body = parse(res);
    const bj::object* imported = nullptr;
    const bj::object* suppressed = nullptr;
    for (const auto& p : body.at("promises").as_array())
        for (const auto& i : p.at("indicators").as_array()) {
            if (str(i.at("id")) == "narkotikabrott")
                imported = &i.as_object();
            if (str(i.at("id")) == "otrygg_dialog")
                suppressed = &i.as_object();
        }
    REQUIRE(imported);
    CHECK(imported->at("current").at("value").to_number<double>() == valueOf("2025"));
    CHECK(imported->at("baseline").at("value").to_number<double>() == valueOf("2022"));
    REQUIRE(suppressed);
    const bj::object& current = suppressed->at("current").as_object();
    CHECK(str(current.at("campaign_id")) == "ungdomsdialog_2025");
    CHECK(str(current.at("suppressed")) == "true");
    CHECK_FALSE(current.contains("value"));
    CHECK_FALSE(current.contains("n"));
    CHECK(str(suppressed->at("baseline").at("suppressed")) == "false");
    CHECK(suppressed->at("difference").is_null());
    CHECK(suppressed->at("on_track").is_null());

    auto csv = h.call("GET", "/api/v1/export/follow-up.csv?year=2025", "", coordinator);
    REQUIRE(csv.status == 200);
    const auto at = csv.body.find("vindeln_2023_unsafe_places,unsafe_places,otrygg_dialog,");
    REQUIRE(at != std::string::npos);
    const std::string row = csv.body.substr(at, csv.body.find("\r\n", at) - at);
    INFO(row);
    CHECK(row.find(",ungdomsdialog_2025,suppressed,suppressed,,,,") != std::string::npos);

    // The public page never shows it as a number either.
    auto pub = h.call("GET", "/api/v1/public", "");
    REQUIRE(pub.status == 200);
    CHECK(pub.body.find("ungdomsdialog_2025") != std::string::npos);
    const bj::value pubBody = parse(pub);
    int seen = 0;
    for (const auto& p : pubBody.at("promises").as_array())
        for (const auto& i : p.at("indicators").as_array()) {
            const bj::value& now = i.at("current");
            const bj::value* campaign =
                now.is_object() ? now.as_object().if_contains("campaign_id") : nullptr;
            if (campaign && str(*campaign) == "ungdomsdialog_2025") {
                ++seen;
                CHECK(str(now.at("suppressed")) == "true");
                CHECK_FALSE(now.as_object().contains("value"));
                CHECK_FALSE(now.as_object().contains("n"));
            }
        }
    CHECK(seen == 1);
}
