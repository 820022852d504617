// The response CSV export is streamed: the handler answers with a body producer that reads the
// store page by page, and the socket layer sends it with Transfer-Encoding: chunked.
#include "api_export.hpp"
#include "api_harness.hpp"
#include "export_reference.hpp"
#include "fixtures.hpp"
#include "live_server.hpp"
#include "td/demo/generator.hpp"
#include "td/model/codec.hpp"
#include "td/sync/protocol.hpp"

#include <arpa/inet.h>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <netinet/in.h>
#include <set>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace td;
using test::ApiHarness;

namespace {

namespace json = boost::json;

server::HttpResponse exportCall(ApiHarness& h, const std::string& token, const std::string& query) {
    server::HttpRequest req;
    req.method = "GET";
    req.path = "/api/v1/export/responses.csv";
    req.query = query;
    req.headers.emplace_back("authorization", "Bearer " + token);
    return h.api->handle(std::move(req));
}

// The first cell of every data row (the response id), in order.
std::vector<std::string> rowIds(const std::string& csv) {
    std::vector<std::string> ids;
    std::size_t start = csv.find("\r\n"); // skip the header
    REQUIRE(start != std::string::npos);
    start += 2;
    while (start < csv.size()) {
        auto end = csv.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        auto comma = csv.find(',', start);
        ids.push_back(csv.substr(start, std::min(comma, end) - start));
        start = end + 2;
    }
    return ids;
}

std::size_t openFds(int pid) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e :
         std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd"))
        ++n;
    return n;
}

// A bare socket to HOST:PORT, for what the test client does not do: hang up midway, HTTP/1.0.
int connectTo(const std::string& address) {
    auto colon = address.rfind(':');
    sockaddr_in sa{};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(static_cast<std::uint16_t>(std::stoi(address.substr(colon + 1))));
    REQUIRE(inet_pton(AF_INET, address.substr(0, colon).c_str(), &sa.sin_addr) == 1);
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0);
    return fd;
}

void sendAll(int fd, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        REQUIRE(n > 0);
        sent += static_cast<std::size_t>(n);
    }
}

std::string exportRequest(const std::string& token, const char* version) {
    return std::string("GET /api/v1/export/responses.csv?campaign=") + test::kCampaignId + " " +
           version + "\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n";
}

// Pushes `count` responses in batches as the officer; returns their ids.
std::set<std::string> pushMany(test::HttpClient& officer, std::size_t count) {
    std::set<std::string> all;
    for (std::size_t done = 0; done < count; done += 250) {
        std::vector<std::string> ids;
        auto records = test::responseRecords(250, &ids, static_cast<unsigned>(done + 1));
        auto res = officer.post("/api/v1/sync/push", test::pushBody(records));
        REQUIRE(res.status == 200);
        all.insert(ids.begin(), ids.end());
    }
    REQUIRE(all.size() == count);
    return all;
}

} // namespace

TEST_CASE("the streamed CSV equals the in-memory export for the demo data") {
    ApiHarness h;
    auto options = demo::loadDemoOptions(std::string(TD_SOURCE_DIR) + "/shared/content",
                                         std::string(TD_REFERENCE_DATA_DIR) + "/vindeln.json");
    REQUIRE(options);
    options->responsesPerWave = 900; // more than two pages per campaign
    demo::DemoData data = demo::generate(7, *options);
    std::set<std::string> campaigns;
    std::size_t responses = 0;
    for (const auto& r : data.records()) {
        std::string id = r.kind == model::RecordKind::Survey
                             ? sync::surveyRecordId(r.id, r.body.at("version").as_int64())
                             : r.id;
        if (r.kind == model::RecordKind::Campaign)
            campaigns.insert(r.id);
        if (r.kind == model::RecordKind::Response)
            ++responses;
        REQUIRE(
            h.store->putRecord(model::toString(r.kind), id, boost::json::serialize(r.body), "0-1"));
    }
    REQUIRE(campaigns.size() >= 2);
    REQUIRE(responses >= 1800);
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);

    std::size_t rowsSeen = 0;
    for (const auto& campaign : campaigns) {
        for (bool freeText : {false, true}) {
            INFO(campaign << " free_text=" << freeText);
            auto res = exportCall(h, coordinator,
                                  "campaign=" + campaign + (freeText ? "&free_text=1" : ""));
            REQUIRE(res.status == 200);
            REQUIRE(res.producer);
            CHECK(res.body.empty());
            CHECK(res.contentType == "text/csv; charset=utf-8");
            bool named = false;
            for (const auto& [k, v] : res.headers)
                named = named || (k == "Content-Disposition" &&
                                  v == "attachment; filename=\"responses-" +
                                           server::safeFileName(campaign) + ".csv\"");
            CHECK(named);
            REQUIRE(server::drainBody(res));
            CHECK(!res.producer);
            auto expected = test::referenceResponsesCsv(*h.store, campaign, freeText);
            REQUIRE(expected);
            CHECK(res.body == *expected);
            if (!freeText)
                rowsSeen += rowIds(res.body).size();
        }
    }
    CHECK(rowsSeen == responses);
}

TEST_CASE("the export keeps its checks before anything is streamed") {
    ApiHarness h;
    h.seedContent();
    const std::string coordinator = h.tokenFor(server::Role::Coordinator);
    const std::string officer = h.tokenFor(server::Role::Officer);
    auto forbidden = exportCall(h, officer, std::string("campaign=") + test::kCampaignId);
    CHECK(forbidden.status == 403);
    CHECK(!forbidden.producer);
    auto missing = exportCall(h, coordinator, "");
    CHECK(missing.status == 400);
    CHECK(test::errorCode(missing) == "missing_parameter");
    auto unknown = exportCall(h, coordinator, "campaign=nope");
    CHECK(unknown.status == 404);
    CHECK(!unknown.producer);
    // No responses yet: the header row alone.
    auto empty =
        h.call("GET", std::string("/api/v1/export/responses.csv?campaign=") + test::kCampaignId, "",
               coordinator);
    REQUIRE(empty.status == 200);
    CHECK(empty.body.rfind("\xEF\xBB\xBFresponse_id,submitted_at,channel,locale,", 0) == 0);
    CHECK(empty.body.find("\r\n") == empty.body.size() - 2);
}

TEST_CASE("2,500 responses stream over HTTP in chunks, each exactly once") {
    const bool tls = false;
    INFO("tls=" << tls);
    test::LiveServer server({}, tls);
    auto officer = server.client(server.tokens.officer);
    const auto pushed = pushMany(officer, 2500);
    auto coordinator = server.client(server.tokens.coordinator);

    const std::string target =
        std::string("/api/v1/export/responses.csv?campaign=") + test::kCampaignId;
    auto res = coordinator.get(target);
    REQUIRE(res.status == 200);
    CHECK(res.header("transfer-encoding") == "chunked");
    CHECK(res.header("content-length").empty());
    CHECK(res.header("content-type") == "text/csv; charset=utf-8");
    CHECK(res.header("cache-control") == "no-store");
    CHECK(res.chunks >= 6); // 400 rows a page
    auto ids = rowIds(res.body);
    CHECK(ids.size() == 2500);
    CHECK(std::set<std::string>(ids.begin(), ids.end()) == pushed);

    // The keep-alive connection is still in step after the chunked answer.
    auto health = coordinator.get("/healthz");
    CHECK(health.status == 200);

    // Logged once with its status and duration, and counted.
    const std::string log = server.logText();
    auto at = log.find("\"route\":\"/api/v1/export/responses.csv\"");
    REQUIRE(at != std::string::npos);
    auto lineStart = log.rfind('\n', at) + 1;
    auto line = log.substr(lineStart, log.find('\n', at) - lineStart);
    CHECK(line.find("\"status\":200") != std::string::npos);
    CHECK(line.find("\"duration_us\":") != std::string::npos);
    auto metrics = coordinator.get("/metrics");
    CHECK(metrics.body.find("td_http_requests_total{route=\"/api/v1/export/responses.csv\","
                            "status=\"200\"} 1") != std::string::npos);
}

TEST_CASE("clients that hang up midway leave the server healthy and leak nothing") {
    test::LiveServer server;
    auto officer = server.client(server.tokens.officer);
    pushMany(officer, 2500);
    auto coordinator = server.client(server.tokens.coordinator);
    REQUIRE(coordinator.get("/healthz").status == 200);
    auto hangUps = [&](int count) {
        for (int i = 0; i < count; ++i) {
            int fd = connectTo(server.address());
            sendAll(fd, exportRequest(server.tokens.coordinator, "HTTP/1.1"));
            char buf[4096];
            REQUIRE(::recv(fd, buf, sizeof buf, 0) > 0); // the stream has begun
            if (i % 2) {                                 // half of them reset the connection
                linger l{1, 0};
                ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
            }
            ::close(fd);
        }
    };
    // SQLite keeps a few closed descriptors for reuse while another connection holds a lock on
    // the file: measure after a first round, then another round must not add any.
    hangUps(10);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const std::size_t fdsBefore = openFds(server.process->pid());
    hangUps(20);
    std::size_t fdsAfter = 0;
    for (int wait = 0; wait < 100; ++wait) {
        fdsAfter = openFds(server.process->pid());
        if (fdsAfter < fdsBefore + 5)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    // A leaked connection or export would leave one or more descriptors per hang-up (20).
    CHECK(fdsAfter < fdsBefore + 5);
    REQUIRE(::kill(server.process->pid(), 0) == 0);
    auto full =
        coordinator.get(std::string("/api/v1/export/responses.csv?campaign=") + test::kCampaignId);
    REQUIRE(full.status == 200);
    CHECK(rowIds(full.body).size() == 2500);
}

TEST_CASE("an HTTP/1.0 client gets the export unchunked, ended by closing the connection") {
    test::LiveServer server;
    auto officer = server.client(server.tokens.officer);
    pushMany(officer, 500);
    int fd = connectTo(server.address());
    sendAll(fd, exportRequest(server.tokens.coordinator, "HTTP/1.0"));
    std::string all;
    char buf[65536];
    while (true) {
        auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        all.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    auto headEnd = all.find("\r\n\r\n");
    REQUIRE(headEnd != std::string::npos);
    const std::string head = all.substr(0, headEnd);
    CHECK(head.rfind("HTTP/1.0 200", 0) == 0);
    CHECK(head.find("chunked") == std::string::npos);
    CHECK(rowIds(all.substr(headEnd + 4)).size() == 500);
}
