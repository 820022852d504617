// Holes found by probing the server from outside, each checked again over real HTTP against
// the server binary: request smuggling, private answers left cacheable, one host taking every
// connection, silent connections held, a retry after its campaign closed, and formulas in
// the CSV export for a spreadsheet that splits at another separator, and enrolment codes that
// a leaked database gave away.
#include "live_server.hpp"
#include "td/model/codec.hpp"
#include "td/server/routes.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <charconv>
#include <chrono>
#include <fstream>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <thread>

using namespace td;
using namespace td::test;
using namespace std::chrono_literals;

namespace {

// A request line and headers; `extra` lines end with \r\n each.
std::string head(const std::string& requestLine, const std::string& extra) {
    return requestLine + "\r\nHost: x\r\n" + extra + "\r\n";
}

// The bytes a smuggling probe sends: the first request, then what a server honouring
// Content-Length would read as a second request on the same connection.
constexpr const char* kSmuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";

// Sends `bytes` on a fresh connection and returns the first answer; `more` is set to whether
// anything followed it before the server closed the connection.
ClientResponse probe(const LiveServer& server, const std::string& bytes, bool& more) {
    HttpClient c = server.client();
    REQUIRE(c.connect());
    REQUIRE(c.sendRaw(bytes));
    ClientResponse first = c.readAnswer();
    more = !c.closedByPeer(3000);
    return first;
}

void checkRefusedAndClosed(const LiveServer& server, const std::string& bytes) {
    bool more = true;
    ClientResponse answer = probe(server, bytes, more);
    INFO(bytes);
    CHECK(answer.status == 400);
    CHECK(jsonString(answer.body, "/error/code") == "bad_request");
    CHECK_FALSE(more); // no second answer: the connection closed after the 400
}

} // namespace

TEST_CASE("Transfer-Encoding other than exactly chunked is refused and the connection closed") {
    LiveServer server;
    // The two probes that were answered, their trailing bytes then served as a request.
    checkRefusedAndClosed(server, head("POST /api/v1/auth/login HTTP/1.1",
                                       "Transfer-Encoding: xchunked\r\nContent-Length: 14\r\n") +
                                      "0\r\n\r\nXXXXXXXXX" + kSmuggled);
    checkRefusedAndClosed(server,
                          head("POST /api/v1/auth/login HTTP/1.1",
                               "Transfer-Encoding: chunked, identity\r\nContent-Length: 5\r\n") +
                              "hello" + kSmuggled);
    // The same without Content-Length: the body would be read as the next request.
    checkRefusedAndClosed(server,
                          head("POST /api/v1/auth/login HTTP/1.1", "Transfer-Encoding: gzip\r\n") +
                              kSmuggled);
    // Two Transfer-Encoding fields, even when the last says chunked.
    checkRefusedAndClosed(server, head("POST /api/v1/auth/login HTTP/1.1",
                                       "Transfer-Encoding: identity\r\nTransfer-Encoding: "
                                       "chunked\r\n") +
                                      "0\r\n\r\n" + kSmuggled);
    // Transfer-Encoding in HTTP/1.0, where it does not exist.
    checkRefusedAndClosed(
        server, head("POST /api/v1/auth/login HTTP/1.0", "Transfer-Encoding: chunked\r\n") +
                    "0\r\n\r\n" + kSmuggled);
    // Both headers, chunked first or last.
    checkRefusedAndClosed(server, head("POST /api/v1/auth/login HTTP/1.1",
                                       "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n") +
                                      "0\r\n\r\n" + kSmuggled);
    checkRefusedAndClosed(server, head("POST /api/v1/auth/login HTTP/1.1",
                                       "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") +
                                      "0\r\n\r\n" + kSmuggled);
    // The server is still well.
    CHECK(server.client().get("/healthz").status == 200);
}

TEST_CASE("a chunked request body is read by its chunks, and the next request after it") {
    LiveServer server;
    std::vector<std::string> ids;
    const std::string body = pushBody(responseRecords(2, &ids));
    std::string chunked;
    for (std::size_t at = 0; at < body.size(); at += 100) {
        const std::string piece = body.substr(at, 100);
        char size[16];
        std::snprintf(size, sizeof size, "%zx", piece.size());
        chunked += std::string(size) + "\r\n" + piece + "\r\n";
    }
    chunked += "0\r\n\r\n";
    HttpClient c = server.client();
    REQUIRE(c.connect());
    REQUIRE(c.sendRaw(head("POST /api/v1/sync/push HTTP/1.1",
                           "Authorization: Bearer " + server.tokens.officer +
                               "\r\nContent-Type: application/json\r\nTransfer-Encoding: "
                               "Chunked\r\n") +
                      chunked + kSmuggled));
    ClientResponse pushed = c.readAnswer();
    INFO(pushed.body);
    REQUIRE(pushed.status == 200);
    CHECK(jsonString(pushed.body, "/results/1/status") == "stored");
    CHECK(jsonString(pushed.body, "/results/1/id") == ids[1]);
    CHECK(c.readAnswer().status == 200); // the pipelined GET /healthz
}

TEST_CASE("every API answer, success or error, says no-store and nosniff") {
    LiveServer server;
    auto check = [](const ClientResponse& res, const std::string& what) {
        INFO(what << " -> " << res.status << " " << res.body.substr(0, 200));
        CHECK(res.status != 0);
        CHECK(res.header("cache-control") == "no-store");
        CHECK(res.header("x-content-type-options") == "nosniff");
    };
    auto coordinator = server.client(server.tokens.coordinator);
    auto officer = server.client(server.tokens.officer);

    // The answers that carry secrets or personal data, each with its real success.
    auto login = server.client().post("/api/v1/auth/login", R"({"username":"alice","password":")" +
                                                                std::string(kPassword) + "\"}");
    REQUIRE(login.status == 200);
    check(login, "login");
    auto code = coordinator.post("/api/v1/enrolment-codes", R"({"role":"officer"})");
    REQUIRE(code.status == 201);
    check(code, "enrolment code");
    auto enrolled = server.client().post("/api/v1/devices/enrol",
                                         R"({"code":")" + jsonString(code.body, "/code") + "\"}");
    REQUIRE(enrolled.status == 201);
    check(enrolled, "enrolment");
    for (const char* path : {"/api/v1/sync/pull", "/api/v1/places"}) {
        auto res = officer.get(path);
        REQUIRE(res.status == 200);
        check(res, path);
    }
    for (const char* path : {"/api/v1/devices", "/api/v1/walks", "/api/v1/measures",
                             "/api/v1/audit", "/metrics", "/healthz", "/api/v1/public"}) {
        auto res = path == std::string("/api/v1/audit") ? officer.get(path) : coordinator.get(path);
        check(res, path);
    }
    auto csv = coordinator.get(std::string("/api/v1/export/responses.csv?campaign=") + kCampaignId);
    REQUIRE(csv.status == 200);
    check(csv, "responses.csv (streamed)");

    // Every route of the table, called as the coordinator with placeholder parameters:
    // whatever the answer (200, 400, 403, 404, 405, 415, 422), it is marked.
    for (const server::RouteSpec& route : server::routeTable()) {
        std::string path(route.pathTemplate);
        for (std::size_t open; (open = path.find('{')) != std::string::npos;)
            path.replace(open, path.find('}', open) - open + 1, "x");
        if (route.id == server::RouteId::Login || route.id == server::RouteId::EnrolDevice)
            continue; // called for real above; a wrong guess here would count as a failure
        check(
            coordinator.request(std::string(route.method), path, route.method == "GET" ? "" : "{}"),
            std::string(route.method) + " " + path);
    }
    // Answers given before any endpoint: no token, unknown path, a malformed request.
    check(server.client().get("/api/v1/devices"), "no token");
    check(coordinator.get("/api/v1/nothing-here"), "unknown path");
    check(server.client().raw("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"), "malformed");
    check(server.client().raw(head("POST /api/v1/sync/push HTTP/1.1",
                                   "Transfer-Encoding: xchunked\r\nContent-Length: 1\r\n") +
                              "x"),
          "bad framing");

    // The dashboard's static files are not API answers: the browser may cache them.
    auto page = server.client().get("/");
    REQUIRE(page.status == 200);
    CHECK(page.header("cache-control") != "no-store");
}

TEST_CASE("one host's idle connections no longer lock everyone else out") {
    // The default limits: 512 connections, 64 per address. One host opens 512 and sends
    // nothing; before the per-address cap everyone else got 503 until they timed out.
    LiveServer server;
    std::vector<HttpClient> hog;
    hog.reserve(512);
    for (int i = 0; i < 512; ++i) {
        hog.push_back(server.client());
        REQUIRE(hog.back().connect());
    }
    std::this_thread::sleep_for(200ms); // let the server accept them all
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t host = 0; host < 5; ++host) {
        HttpClient other = server.client();
        other.setSourceAddress(loopbackHost(host));
        auto res = other.get("/healthz");
        INFO("from " << loopbackHost(host) << ": " << res.body);
        CHECK(res.status == 200);
    }
    CHECK(std::chrono::steady_clock::now() - start < 3s);
    // The hog's own connections beyond 64 are refused at once, with the reason.
    auto refused = server.client().get("/healthz");
    CHECK(refused.status == 429);
    CHECK(jsonString(refused.body, "/error/code") == "too_many_connections");
    CHECK(refused.header("retry-after") == "1");
    auto metrics = server.client(server.tokens.coordinator);
    metrics.setSourceAddress(loopbackHost(9));
    auto text = metrics.get("/metrics").body;
    CHECK(text.find("td_refused_connections_total 0") == std::string::npos);
}

TEST_CASE("--max-connections-per-peer caps each address on its own") {
    LiveServer server({"--max-connections-per-peer", "3"});
    std::vector<HttpClient> open;
    for (int i = 0; i < 3; ++i)
        open.push_back(server.acceptedClient()); // kept alive
    auto fourth = server.client().get("/healthz");
    CHECK(fourth.status == 429);
    CHECK(jsonString(fourth.body, "/error/code") == "too_many_connections");
    HttpClient elsewhere = server.client();
    elsewhere.setSourceAddress(loopbackHost(0));
    CHECK(elsewhere.get("/healthz").status == 200);
    open.pop_back();               // frees a place for 127.0.0.1
    (void)server.acceptedClient(); // admitted again once the server has seen it close
}

TEST_CASE("a connection that sends nothing is dropped after the idle timeout") {
    LiveServer server({"--idle-timeout-ms", "300", "--read-timeout-ms", "20000"});
    HttpClient silent = server.client();
    REQUIRE(silent.connect());
    HttpClient kept = server.client();
    REQUIRE(kept.get("/healthz").status == 200); // then idle between requests
    HttpClient slow = server.client();
    REQUIRE(slow.connect());
    REQUIRE(slow.sendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\n")); // a request under way
    const auto start = std::chrono::steady_clock::now();
    CHECK(silent.closedByPeer(3000));
    CHECK(kept.closedByPeer(3000));
    CHECK(std::chrono::steady_clock::now() - start < 2500ms);
    // The request under way has the read timeout, not the idle one.
    CHECK_FALSE(slow.closedByPeer(1000));
    REQUIRE(slow.sendRaw("\r\n"));
    CHECK(slow.readAnswer().status == 200);
}

TEST_CASE("behind a trusted proxy: the proxy is exempt, each forwarded client is capped") {
    LiveServer server({"--behind-proxy", "--trusted-proxy", "127.0.0.1",
                       "--max-connections-per-peer", "2", "--max-requests-per-client", "2"});
    // The proxy holds more connections than the per-address cap.
    std::vector<HttpClient> proxy;
    for (int i = 0; i < 5; ++i) {
        proxy.push_back(server.client());
        REQUIRE(proxy.back().get("/healthz").status == 200);
    }
    // Two requests of client 10.0.0.1 in flight (headers in, body still coming) ...
    const std::string partial =
        head("POST /api/v1/auth/login HTTP/1.1", "X-Forwarded-For: 10.0.0.1\r\nContent-Type: "
                                                 "application/json\r\nContent-Length: 40\r\n") +
        R"({"username":)";
    REQUIRE(proxy[0].sendRaw(partial));
    REQUIRE(proxy[1].sendRaw(partial));
    std::this_thread::sleep_for(200ms);
    // ... so its third is refused, while another client passes.
    auto third = proxy[2].request("GET", "/healthz", "", {{"X-Forwarded-For", "10.0.0.1"}});
    CHECK(third.status == 429);
    CHECK(jsonString(third.body, "/error/code") == "too_many_requests");
    auto other = proxy[3].request("GET", "/healthz", "", {{"X-Forwarded-For", "10.0.0.2"}});
    CHECK(other.status == 200);
    // The two finish; the client's next request passes again.
    const std::string rest = R"("x","password":"yyyyyyyyyyyyyy"})";
    REQUIRE(proxy[0].sendRaw(rest.substr(0, 40 - 12)));
    REQUIRE(proxy[1].sendRaw(rest.substr(0, 40 - 12)));
    CHECK(proxy[0].readAnswer().status != 429);
    CHECK(proxy[1].readAnswer().status != 429);
    auto again = proxy[4].request("GET", "/healthz", "", {{"X-Forwarded-For", "10.0.0.1"}});
    CHECK(again.status == 200);

    // A peer that is not the proxy is an ordinary client, capped by its own address.
    std::vector<HttpClient> direct;
    for (int i = 0; i < 2; ++i)
        direct.push_back(server.acceptedClient(loopbackHost(3)));
    HttpClient over = server.client();
    over.setSourceAddress(loopbackHost(3));
    CHECK(over.request("GET", "/healthz", "", {{"X-Forwarded-For", "10.9.9.9"}}).status == 429);
}

TEST_CASE("--trusted-proxy takes IP addresses and needs --behind-proxy") {
    TempDir dir;
    std::string out;
    CHECK(runServerCommand({"--db", dir.file("x.db"), "--trusted-proxy", "127.0.0.1"}, &out) == 2);
    CHECK(runServerCommand(
              {"--db", dir.file("x.db"), "--behind-proxy", "--trusted-proxy", "proxy.local"},
              &out) == 2);
    CHECK(runServerCommand({"--help"}, &out) == 0);
    CHECK(out.find("--max-connections-per-peer") != std::string::npos);
    CHECK(out.find("--idle-timeout-ms") != std::string::npos);
}

TEST_CASE("a retry after its campaign closed is a duplicate, a new response is rejected") {
    LiveServer server;
    auto officer = server.client(server.tokens.officer);
    std::vector<std::string> ids;
    auto records = responseRecords(2, &ids);
    // The first push is stored, but say its acknowledgement never reached the device.
    REQUIRE(officer.post("/api/v1/sync/push", pushBody({records[0]})).status == 200);
    auto closed = server.client(server.tokens.coordinator)
                      .post(std::string("/api/v1/campaigns/") + kCampaignId + "/close", "");
    REQUIRE(closed.status == 200);
    // The device retries the same batch with a response it created since.
    auto retry = officer.post("/api/v1/sync/push", pushBody(records));
    INFO(retry.body);
    REQUIRE(retry.status == 200);
    CHECK(jsonString(retry.body, "/results/0/status") == "duplicate");
    CHECK(jsonString(retry.body, "/results/1/status") == "rejected");
    CHECK(jsonString(retry.body, "/results/1/reason/code") == "campaign_closed");
    // The retried response was not stored twice.
    auto pulled = server.client(server.tokens.coordinator)
                      .get(std::string("/api/v1/export/responses.csv?campaign=") + kCampaignId);
    REQUIRE(pulled.status == 200);
    std::size_t rows = 0;
    for (std::size_t at = 0; (at = pulled.body.find(ids[0], at)) != std::string::npos; ++at)
        ++rows;
    CHECK(rows == 1);
    CHECK(pulled.body.find(ids[1]) == std::string::npos);
}

namespace {

// Reads CSV as a spreadsheet does with separator `sep`: a field that starts with a quote runs
// to the closing quote ("" inside is one quote; what follows the closing quote up to the
// separator is appended as it is); a quote anywhere else is an ordinary character.
std::vector<std::vector<std::string>> readCsv(std::string_view text, char sep) {
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool fieldStart = true, quoted = false;
    auto endField = [&] {
        row.push_back(std::move(field));
        field.clear();
        fieldStart = true;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        if (quoted) {
            if (c == '"' && next == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (fieldStart && c == '"') {
            quoted = true;
            fieldStart = false;
        } else if (c == sep) {
            endField();
        } else if (c == '\n' || (c == '\r' && next == '\n')) {
            endField();
            rows.push_back(std::move(row));
            row.clear();
            if (c == '\r')
                ++i;
        } else {
            field += c;
            fieldStart = false;
        }
    }
    if (!field.empty() || !row.empty()) {
        endField();
        rows.push_back(std::move(row));
    }
    return rows;
}

bool isNumber(std::string_view s) {
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return !s.empty() && ec == std::errc{} && end == s.data() + s.size();
}

// Whether a spreadsheet would take `field` for a formula: its first character other than a
// space is = + - or @ (a plain number aside).
bool readsAsFormula(std::string_view field) {
    while (!field.empty() && field.front() == ' ')
        field.remove_prefix(1);
    if (field.empty() || isNumber(field))
        return false;
    return std::string_view("=+-@").find(field.front()) != std::string_view::npos;
}

// `cell` without the ' the export puts before a character that would start a formula.
std::string unmarked(std::string_view cell) {
    std::string out;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == '\'' && i + 1 < cell.size() &&
            std::string_view("=+-@\t\r").find(cell[i + 1]) != std::string_view::npos)
            continue;
        out += cell[i];
    }
    return out;
}

} // namespace

TEST_CASE("the CSV export holds no formula whether split at commas or at semicolons") {
    LiveServer server;
    const std::vector<std::string> texts{
        "x;=1+1;",
        "a,@SUM(A1:A9)",
        "nej\n=cmd|' /C calc'!A0",
        "tab\t-2+3",
        "citat \"=1+1\" slut",
        " -5 grader; +46 70 123",
        "=HYPERLINK(\"http://x\";\"y\")",
        "vanlig text, utan fara; alls",
    };
    std::vector<std::string> records, ids;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        ids.push_back(newRecordId());
        auto response =
            makeResponse(vindelnSurvey(), kCampaignId, ids.back(), static_cast<unsigned>(i));
        response.answers["q_tryggare"] = texts[i];
        records.push_back(pushRecordJson("response", ids.back(), 1, model::toJsonText(response)));
    }
    auto pushed = server.client(server.tokens.officer).post("/api/v1/sync/push", pushBody(records));
    REQUIRE(pushed.status == 200);
    REQUIRE(pushed.body.find("rejected") == std::string::npos);
    auto csv =
        server.client(server.tokens.coordinator)
            .get(std::string("/api/v1/export/responses.csv?free_text=1&campaign=") + kCampaignId);
    REQUIRE(csv.status == 200);

    for (char sep : {',', ';', '\t'}) {
        for (const auto& row : readCsv(csv.body, sep))
            for (const auto& field : row) {
                INFO("split at '" << sep << "': " << field);
                CHECK_FALSE(readsAsFormula(field));
            }
    }
    // Read as written (commas), every text comes back whole, apart from the marks.
    const auto rows = readCsv(csv.body, ',');
    REQUIRE(!rows.empty());
    const auto& header = rows.front();
    const auto column = std::find(header.begin(), header.end(), "q_tryggare") - header.begin();
    REQUIRE(column < static_cast<std::ptrdiff_t>(header.size()));
    for (std::size_t i = 0; i < texts.size(); ++i) {
        auto row = std::find_if(rows.begin(), rows.end(),
                                [&](const auto& r) { return !r.empty() && r[0] == ids[i]; });
        REQUIRE(row != rows.end());
        REQUIRE(static_cast<std::ptrdiff_t>(row->size()) ==
                static_cast<std::ptrdiff_t>(header.size()));
        CHECK(unmarked((*row)[static_cast<std::size_t>(column)]) == texts[i]);
    }
}

namespace {

std::string hex(const unsigned char* bytes, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

// HMAC-SHA-256 and SHA-256 by OpenSSL, as the test's own reference.
std::string hmacHex(const std::string& key, const std::string& data) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
    return hex(mac, len);
}

std::string sha256Hex(const std::string& data) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
    return hex(digest, sizeof digest);
}

// "ABCD-EFGH" as the server stores it before hashing: upper case, no dash or space.
std::string canonical(std::string code) {
    code.erase(std::remove(code.begin(), code.end(), '-'), code.end());
    return code;
}

std::vector<std::string> codeHashes(const std::string& db, const char* where = "") {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    const std::string sql = std::string("SELECT code_hash FROM enrolment_codes ") + where;
    REQUIRE(sqlite3_prepare_v2(raw, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::vector<std::string> out;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    sqlite3_close(raw);
    return out;
}

void execSql(const std::string& db, const std::string& sql) {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &error);
    INFO((error ? error : ""));
    sqlite3_free(error);
    sqlite3_close(raw);
    REQUIRE(rc == SQLITE_OK);
}

std::string enrol(const LiveServer& server, const std::string& code) {
    auto res = server.client().post("/api/v1/devices/enrol", R"({"code":")" + code + "\"}");
    return res.status == 201 ? "enrolled" : jsonString(res.body, "/error/code");
}

} // namespace

TEST_CASE("enrolment codes are stored as an HMAC under a 0600 key file beside the database") {
    LiveServer server;
    const std::string keyPath = server.dir.file("enrolment-code.key");
    struct stat st {};
    REQUIRE(::stat(keyPath.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const std::string key = readFileBytes(keyPath);
    REQUIRE(key.size() == 32);

    auto created = server.client(server.tokens.coordinator)
                       .post("/api/v1/enrolment-codes", R"({"role":"kiosk"})");
    REQUIRE(created.status == 201);
    const std::string code = jsonString(created.body, "/code");
    const auto stored = codeHashes(server.db(), "WHERE used_at IS NULL");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0] == hmacHex(key, canonical(code)));
    CHECK(stored[0] != sha256Hex(canonical(code))); // what a leaked database used to give away

    // The admin command, run beside the running server, uses the same key file.
    std::string out;
    REQUIRE(runServerCommand(
                {"--db", server.db(), "admin", "create-enrolment-code", "--role", "officer"},
                &out) == 0);
    const std::string adminCode = out.substr(0, 9);
    CHECK(enrol(server, adminCode) == "enrolled");
    CHECK(enrol(server, code) == "enrolled");
    CHECK(readFileBytes(keyPath) == key); // never replaced once there

    // A code hashed under another key is not recognised.
    TempDir other;
    REQUIRE(runServerCommand({"--db", server.db(), "--code-key-file", other.file("k"), "admin",
                              "create-enrolment-code", "--role", "officer"},
                             &out) == 0);
    CHECK(enrol(server, out.substr(0, 9)) == "invalid_code");
}

TEST_CASE("a key file others can read, or of the wrong size, stops the server with its reason") {
    TempDir dir;
    const std::string db = dir.file("server.db");
    const std::string keyPath = dir.file("enrolment-code.key");
    {
        std::ofstream key(keyPath, std::ios::binary);
        key << std::string(32, 'k');
    }
    ::chmod(keyPath.c_str(), 0644);
    std::string out;
    CHECK(runServerCommand({"--db", db, "admin", "create-enrolment-code", "--role", "officer"},
                           &out) == 1);
    {
        ServerProcess server(db, {}, dir.file("server.log"));
        CHECK_FALSE(server.started());
    }
    CHECK(readFileBytes(dir.file("server.log")).find("key_file_insecure") != std::string::npos);

    ::chmod(keyPath.c_str(), 0600);
    {
        std::ofstream key(keyPath, std::ios::binary | std::ios::trunc);
        key << std::string(31, 'k');
    }
    {
        ServerProcess server(db, {}, dir.file("server2.log"));
        CHECK_FALSE(server.started());
    }
    CHECK(readFileBytes(dir.file("server2.log")).find("key_file_invalid") != std::string::npos);
}

TEST_CASE("codes stored with the old unkeyed hash are removed on upgrade and match nothing") {
    TempDir dir;
    const std::string db = dir.file("server.db");
    REQUIRE(createCoordinator(db)); // a current database ...
    // ... taken back to schema 4 holding an unused and a used code under plain SHA-256.
    execSql(db, "INSERT INTO enrolment_codes VALUES ('" + sha256Hex("ABCDEFGH") +
                    "', 'officer', 0, 32503680000000, NULL, 'old');"
                    "INSERT INTO enrolment_codes VALUES ('" +
                    sha256Hex("HGFEDCBA") +
                    "', 'officer', 0, 32503680000000, 1000, 'old');"
                    // (tables of later steps go too, so that the upgrade runs them again)
                    "DROP TABLE resident_responses;"
                    "DROP TABLE device_status;"
                    "DROP TABLE place_links;"
                    "DROP TABLE place_links_version;"
                    "PRAGMA user_version = 4;");
    ServerProcess server(db, {}, dir.file("server.log"));
    REQUIRE(server.started());
    CHECK(codeHashes(db, "WHERE used_at IS NULL").empty());
    CHECK(codeHashes(db) == std::vector<std::string>{sha256Hex("HGFEDCBA")});
    HttpClient c(server.address());
    auto res = c.post("/api/v1/devices/enrol", R"({"code":"ABCD-EFGH"})");
    CHECK(res.status == 404);
    CHECK(jsonString(res.body, "/error/code") == "invalid_code");
}
