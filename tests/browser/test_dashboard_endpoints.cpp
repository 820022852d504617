// The dashboard's server side through the handler layer: the picture, GeoJSON and CSV
// endpoints over a real store, and the static file resolver over a real directory.
#include "api_harness.hpp"
#include "api_picture.hpp"
#include "fixtures.hpp"
#include "td/demo/generator.hpp"
#include "td/model/codec.hpp"
#include "td/server/static_files.hpp"
#include "td/sync/protocol.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace td;
using test::ApiHarness;

namespace {

namespace json = boost::json;

json::value parse(const server::HttpResponse& r) {
    return json::parse(r.body);
}

// Pushes `count` valid responses to the harness campaign as an officer; returns their ids.
std::vector<std::string> pushResponses(ApiHarness& h, const std::string& officer, std::size_t count,
                                       unsigned seed) {
    std::vector<std::string> ids;
    auto records = test::responseRecords(count, &ids, seed);
    auto res = h.call("POST", "/api/v1/sync/push", test::pushBody(records), officer);
    INFO(res.body);
    REQUIRE(res.status == 200);
    const auto body = parse(res);
    for (const auto& r : body.at("results").as_array())
        REQUIRE(r.at("status").as_string() == "stored");
    return ids;
}

std::vector<std::string> lines(const std::string& csv) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < csv.size()) {
        auto end = csv.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        out.push_back(csv.substr(start, end - start));
        start = end + 2;
    }
    return out;
}

// Writes the demo data set straight into the store, as `demo-data load` does.
demo::DemoData storeDemoData(store::ServerStore& store) {
    auto options = demo::loadDemoOptions(std::string(TD_SOURCE_DIR) + "/shared/content",
                                         std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json");
    REQUIRE(options);
    options->responsesPerWave = 120;
    demo::DemoData data = demo::generate(7, *options);
    for (const auto& r : data.records()) {
        std::string id = r.kind == model::RecordKind::Survey
                             ? sync::surveyRecordId(r.id, r.body.at("version").as_int64())
                             : r.id;
        REQUIRE(store.putRecord(model::toString(r.kind), id, json::serialize(r.body), "0-seed"));
    }
    return data;
}

} // namespace

TEST_CASE("csvCell quotes separators and defuses formulas") {
    CHECK(server::csvCell("plain") == "plain");
    CHECK(server::csvCell("") == "");
    CHECK(server::csvCell("a,b") == "\"a,b\"");
    CHECK(server::csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(server::csvCell("two\nlines") == "\"two\nlines\"");
    CHECK(server::csvCell("=1+2") == "'=1+2");
    CHECK(server::csvCell("+46") == "'+46");
    CHECK(server::csvCell("-x") == "'-x");
    CHECK(server::csvCell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(server::csvCell("=HYPERLINK(\"u\",\"x\")") == "\"'=HYPERLINK(\"\"u\"\",\"\"x\"\")\"");
    CHECK(server::csvCell("a=b") == "a=b");
}

TEST_CASE("the picture endpoint answers staff only, checks its parameters and sees new pushes") {
    ApiHarness h;
    h.seedContent();
    const std::string officer = h.tokenFor(server::Role::Officer);
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);
    pushResponses(h, officer, 20, 1);

    const std::string target = std::string("/api/v1/picture?campaign=") + test::kCampaignId;
    auto res = h.call("GET", target, "", coordinator);
    INFO(res.body);
    REQUIRE(res.status == 200);
    CHECK(parse(res).at("respondents").as_int64() == 20);
    CHECK(parse(res).at("focus_areas").as_array().size() == 5);

    CHECK(h.call("GET", target).status == 401);
    CHECK(h.call("GET", target, "", officer).status == 403);
    CHECK(h.call("GET", target, "", h.tokenFor(server::Role::Admin)).status == 200);
    auto missing = h.call("GET", "/api/v1/picture", "", coordinator);
    CHECK(missing.status == 400);
    CHECK(test::errorCode(missing) == "missing_parameter");
    auto unknown = h.call("GET", "/api/v1/picture?campaign=nope", "", coordinator);
    CHECK(unknown.status == 404);
    CHECK(test::errorCode(unknown) == "unknown_campaign");
    auto badDate = h.call("GET", target + "&from=2025-13-45", "", coordinator);
    CHECK(badDate.status == 400);
    CHECK(test::errorCode(badDate) == "invalid_date");

    // The cached data set is rebuilt after a push.
    pushResponses(h, officer, 5, 99);
    auto after = h.call("GET", target, "", coordinator);
    REQUIRE(after.status == 200);
    CHECK(parse(after).at("respondents").as_int64() == 25);
    // ...and reused when nothing changed.
    CHECK(h.call("GET", target, "", coordinator).body == after.body);
}

TEST_CASE("the CSV export has one row per response and free text only when asked for") {
    ApiHarness h;
    h.seedContent();
    const std::string officer = h.tokenFor(server::Role::Officer);
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);
    auto ids = pushResponses(h, officer, 12, 3);

    auto hostile =
        test::makeResponse(test::vindelnSurvey(), test::kCampaignId, test::newRecordId(), 5);
    hostile.answers["q_tryggare"] = std::string("=cmd|' /C calc'!A0");
    auto push = h.call("POST", "/api/v1/sync/push",
                       test::pushBody({test::pushRecordJson("response", hostile.id, 1,
                                                            model::toJsonText(hostile))}),
                       officer);
    REQUIRE(push.status == 200);
    REQUIRE(parse(push).at("results").at(0).at("status").as_string() == "stored");

    const std::string target =
        std::string("/api/v1/export/responses.csv?campaign=") + test::kCampaignId;
    auto plain = h.call("GET", target, "", coordinator);
    INFO(plain.body);
    REQUIRE(plain.status == 200);
    CHECK(plain.contentType == "text/csv; charset=utf-8");
    REQUIRE(plain.body.rfind("\xEF\xBB\xBF", 0) == 0);
    auto rows = lines(plain.body.substr(3));
    REQUIRE(rows.size() == 14); // header + 13 responses
    CHECK(rows[0].rfind("response_id,submitted_at,channel,locale,q_trygg_dag,", 0) == 0);
    CHECK(rows[0].find("q_tryggare") == std::string::npos);
    for (const auto& id : ids)
        CHECK(plain.body.find(id) != std::string::npos);
    CHECK(plain.body.find("calc") == std::string::npos);

    auto full = h.call("GET", target + "&free_text=1", "", coordinator);
    REQUIRE(full.status == 200);
    auto fullRows = lines(full.body.substr(3));
    REQUIRE(fullRows.size() == 14);
    CHECK(fullRows[0].find(",q_tryggare") != std::string::npos);
    CHECK(full.body.find("'=cmd|' /C calc'!A0") != std::string::npos);
    CHECK(full.body.find(",=cmd") == std::string::npos);

    CHECK(h.call("GET", target, "", officer).status == 403);
    CHECK(h.call("GET", "/api/v1/export/responses.csv", "", coordinator).status == 400);
    CHECK(h.call("GET", "/api/v1/export/responses.csv?campaign=nope", "", coordinator).status ==
          404);
}

TEST_CASE("the GeoJSON export holds the picture's clusters and the campaign's mentions") {
    ApiHarness h;
    auto data = storeDemoData(*h.store);
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);
    const std::string campaign = demo::surveyCampaignId(2025);

    auto pic = h.call("GET", "/api/v1/picture?campaign=" + campaign, "", coordinator);
    INFO(pic.body.substr(0, 400));
    REQUIRE(pic.status == 200);
    const auto picDoc = parse(pic);
    const auto& places = picDoc.at("places").as_array();
    REQUIRE(!places.empty());

    auto geo =
        h.call("GET", "/api/v1/picture/places.geojson?campaign=" + campaign, "", coordinator);
    REQUIRE(geo.status == 200);
    CHECK(geo.contentType == "application/geo+json");
    auto doc = parse(geo);
    CHECK(doc.at("type").as_string() == "FeatureCollection");
    std::size_t clusters = 0;
    std::size_t labelled = 0;
    std::int64_t mentionCount = 0;
    for (const auto& f : doc.at("features").as_array()) {
        const auto& props = f.at("properties");
        const auto& coords = f.at("geometry").at("coordinates").as_array();
        if (props.at("kind").as_string() == "cluster") {
            const auto& p = places.at(clusters);
            CHECK(props.at("rank").as_int64() == p.at("rank").as_int64());
            CHECK(coords.at(0).as_double() == p.at("lon").as_double());
            CHECK(coords.at(1).as_double() == p.at("lat").as_double());
            CHECK(props.at("survey_mentions").as_int64() == p.at("survey_mentions").as_int64());
            for (const auto& r : props.at("reasons").as_array())
                if (r.at("id").as_string() == "poor_lighting") {
                    CHECK(r.at("label").at("sv").as_string() == "Dålig belysning");
                    ++labelled;
                }
            ++clusters;
        } else {
            CHECK(props.at("kind").as_string() == "mention");
            mentionCount += props.at("count").as_int64();
        }
    }
    CHECK(clusters == places.size());
    CHECK(labelled > 0);
    // Every located or registry place in the campaign's answers is one mention.
    std::int64_t expected = 0;
    for (const auto& r : data.responses) {
        if (r.campaignId != campaign)
            continue;
        for (const auto& [qid, answer] : r.answers)
            if (auto* entries = std::get_if<std::vector<model::PlaceEntry>>(&answer))
                for (const auto& e : *entries)
                    expected += e.placeId || e.position ? 1 : 0;
    }
    CHECK(mentionCount == expected);
    CHECK(expected > 0);
}

TEST_CASE("dashboard files are served from public/ and the vendor dist folders only") {
    test::TempDir dir;
    namespace fs = std::filesystem;
    const fs::path root = dir.file("dashboard");
    auto write = [](const fs::path& p, const std::string& text) {
        fs::create_directories(p.parent_path());
        std::ofstream(p) << text;
    };
    write(root / "public" / "index.html", "<!doctype html>index");
    write(root / "public" / "report.html", "report");
    write(root / "public" / "app.js", "app");
    write(root / "public" / "i18n" / "sv.json", "{}");
    write(root / "public" / "notes.txt", "no type");
    write(root / "package.json", "{\"secret\":1}");
    write(root / "node_modules" / "leaflet" / "dist" / "leaflet.css", "css");
    write(root / "node_modules" / "leaflet" / "package.json", "{}");
    write(root / "node_modules" / "chart.js" / "dist" / "chart.umd.js", "chart");
    write(root / "node_modules" / "exceljs" / "dist" / "exceljs.min.js", "xlsx");
    write(root / "node_modules" / "other" / "dist" / "x.js", "x");
    write(root / "outside.js", "outside");
    fs::create_symlink(root / "outside.js", root / "public" / "link.js");

    const std::string d = root.string();
    auto get = [&](std::string_view path) {
        return server::serveDashboardFile(d, "GET", path);
    };
    auto index = get("/");
    REQUIRE(index);
    CHECK(index->body == "<!doctype html>index");
    CHECK(index->contentType == "text/html; charset=utf-8");
    bool hasCsp = false;
    for (const auto& [name, value] : index->headers)
        hasCsp = hasCsp || (name == "Content-Security-Policy" &&
                            value.find("script-src 'self'") != std::string::npos);
    CHECK(hasCsp);
    CHECK(get("/report")->body == "report");
    CHECK(get("/app.js")->contentType == "text/javascript; charset=utf-8");
    CHECK(get("/i18n/sv.json")->body == "{}");
    CHECK(get("/vendor/leaflet/leaflet.css")->body == "css");
    CHECK(get("/vendor/exceljs/exceljs.min.js")->body == "xlsx");
    CHECK(get("/vendor/chart.js/chart.umd.js")->body == "chart");

    for (std::string_view bad :
         {"/package.json", "/../package.json", "/%2e%2e/package.json", "/%2E%2E/outside.js",
          "/vendor/leaflet/../package.json", "/vendor/leaflet/%2e%2e/package.json",
          "/vendor/other/x.js", "/notes.txt", "/link.js", "//etc/passwd", "/app.js%00", "/i18n/",
          "/missing.js", "/api/v1/picture", "/.hidden.js", "/vendor/leaflet"}) {
        INFO(bad);
        CHECK_FALSE(get(bad));
    }
    CHECK_FALSE(server::serveDashboardFile(d, "POST", "/"));
    CHECK_FALSE(server::serveDashboardFile(dir.file("nowhere"), "GET", "/"));
}

TEST_CASE("the handler serves the dashboard beside the API without a token") {
    ApiHarness h;
    auto res = h.call("GET", "/");
    REQUIRE(res.status == 200);
    CHECK(res.contentType == "text/html; charset=utf-8");
    CHECK(res.body.find("<script type=\"module\" src=\"/app.js\">") != std::string::npos);
    auto api = h.call("GET", "/api/v1/unknown");
    CHECK(api.status == 404);
    CHECK(test::errorCode(api) == "not_found");
    CHECK(h.call("DELETE", "/").status == 404);
}
