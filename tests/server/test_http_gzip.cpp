// Compressed sync over real HTTP: gzip request bodies on push (and any POST), gzip pull and
// push answers for clients that ask, plain JSON from older apps as before, and the refusals:
// a body that inflates past the limit (413, without the server ever holding more), a coding
// the server does not know (415), and gzip that is not valid (400).
#include "live_server.hpp"
#include "td/core/gzip.hpp"

#include <boost/json/parse.hpp>
#include <fstream>
#include <zlib.h>

using namespace td;
using namespace td::test;

namespace {

std::size_t storedCount(const std::string& body) {
    std::size_t n = 0;
    const auto answer = boost::json::parse(body);
    for (const auto& r : answer.at("results").as_array())
        n += r.at("status").as_string() == "stored" ? 1 : 0;
    return n;
}

// The server's peak resident memory (VmHWM) in KiB.
long peakRssKiB(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

// `n` zero bytes as gzip, deflated piece by piece (the test never holds them inflated).
std::string gzipZeros(std::size_t n) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string zeros(1 << 20, '\0'), out;
    char buf[1 << 16];
    for (std::size_t left = n; left > 0 || z.avail_in > 0;) {
        if (z.avail_in == 0) {
            const std::size_t take = std::min(left, zeros.size());
            z.next_in = reinterpret_cast<Bytef*>(zeros.data());
            z.avail_in = static_cast<uInt>(take);
            left -= take;
        }
        do {
            z.next_out = reinterpret_cast<Bytef*>(buf);
            z.avail_out = sizeof buf;
            deflate(&z, Z_NO_FLUSH);
            out.append(buf, sizeof buf - z.avail_out);
        } while (z.avail_out == 0);
    }
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = deflate(&z, Z_FINISH);
        out.append(buf, sizeof buf - z.avail_out);
    }
    deflateEnd(&z);
    return out;
}

const std::vector<std::pair<std::string, std::string>> kGzipPost{
    {"Content-Type", "application/json"}, {"Content-Encoding", "gzip"}};

} // namespace

TEST_CASE("a gzip push is stored like a plain one, and plain JSON from older apps still is") {
    LiveServer server;
    auto officer = server.client(server.tokens.officer);
    std::vector<std::string> ids;
    const std::string body = pushBody(responseRecords(40, &ids, 3));
    const std::string packed = gzipCompress(body).value();
    CHECK(packed.size() * 4 < body.size());
    auto res = officer.request("POST", "/api/v1/sync/push", packed, kGzipPost);
    REQUIRE(res.status == 200);
    CHECK(storedCount(res.body) == 40);
    // The same records again as plain JSON (an older app's retry): duplicates.
    auto again = officer.post("/api/v1/sync/push", body);
    REQUIRE(again.status == 200);
    CHECK(storedCount(again.body) == 0);
    CHECK(again.body.find("\"duplicate\"") != std::string::npos);
    // New records as plain JSON, as an app before compression sends them.
    auto plain = officer.post("/api/v1/sync/push", pushBody(responseRecords(5, nullptr, 99)));
    REQUIRE(plain.status == 200);
    CHECK(storedCount(plain.body) == 5);
    CHECK(plain.header("content-encoding").empty());
}

TEST_CASE("pull and push answers come gzip-compressed to clients that accept it") {
    LiveServer server;
    auto officer = server.client(server.tokens.officer);
    auto pushed = officer.request("POST", "/api/v1/sync/push",
                                  gzipCompress(pushBody(responseRecords(30))).value(),
                                  {{"Content-Type", "application/json"},
                                   {"Content-Encoding", "gzip"},
                                   {"Accept-Encoding", "gzip"}});
    REQUIRE(pushed.status == 200);
    CHECK(pushed.header("content-encoding") == "gzip");
    CHECK(storedCount(gzipInflate(pushed.body, 1 << 20).value()) == 30);

    auto coordinator = server.client(server.tokens.coordinator);
    const std::string target = "/api/v1/sync/pull?limit=1000";
    auto plain = coordinator.get(target);
    REQUIRE(plain.status == 200);
    CHECK(plain.header("content-encoding").empty());
    auto packed = coordinator.request("GET", target, {}, {{"Accept-Encoding", "gzip, br"}});
    REQUIRE(packed.status == 200);
    CHECK(packed.header("content-encoding") == "gzip");
    CHECK(packed.header("vary").find("Accept-Encoding") != std::string::npos);
    CHECK(packed.body.size() * 3 < plain.body.size());
    CHECK(gzipInflate(packed.body, 64 << 20).value() == plain.body);
    auto refused = coordinator.request("GET", target, {}, {{"Accept-Encoding", "gzip;q=0"}});
    CHECK(refused.header("content-encoding").empty());
    CHECK(refused.body == plain.body);
}

TEST_CASE("a gzip bomb is refused with 413 and never inflated in full") {
    LiveServer server({"--max-body-bytes", "1048576"});
    auto officer = server.client(server.tokens.officer);
    const std::string bomb = gzipZeros(256u << 20); // 256 MiB of zeros in about 0.25 MiB
    REQUIRE(bomb.size() < 1048576);
    const long before = peakRssKiB(server.process->pid());
    REQUIRE(before > 0);
    auto res = officer.request("POST", "/api/v1/sync/push", bomb, kGzipPost);
    CHECK(res.status == 413);
    CHECK(jsonString(res.body, "/error/code") == "payload_too_large");
    // Inflating in full would have taken 256 MiB; the cap is 1 MiB of output.
    CHECK(peakRssKiB(server.process->pid()) - before < 64 * 1024);
    // A compressed body that inflates just within the limit is read.
    auto fits = officer.request("POST", "/api/v1/sync/push",
                                gzipCompress(pushBody(responseRecords(3))).value(), kGzipPost);
    CHECK(fits.status == 200);
    CHECK(server.client().get("/healthz").status == 200);
}

TEST_CASE("an unknown Content-Encoding is 415 and broken gzip is 400") {
    LiveServer server;
    auto officer = server.client(server.tokens.officer);
    const std::string body = pushBody(responseRecords(2));
    for (const char* coding : {"br", "deflate", "gzip, gzip", "compress"}) {
        INFO(coding);
        auto res =
            officer.request("POST", "/api/v1/sync/push", body,
                            {{"Content-Type", "application/json"}, {"Content-Encoding", coding}});
        CHECK(res.status == 415);
        CHECK(jsonString(res.body, "/error/code") == "unsupported_encoding");
        CHECK(res.header("accept-encoding") == "gzip");
    }
    auto identity =
        officer.request("POST", "/api/v1/sync/push", body,
                        {{"Content-Type", "application/json"}, {"Content-Encoding", "identity"}});
    CHECK(identity.status == 200);
    const std::string packed = gzipCompress(body).value();
    for (const std::string& bad : {body, packed.substr(0, packed.size() - 9)}) {
        auto res = officer.request("POST", "/api/v1/sync/push", bad, kGzipPost);
        CHECK(res.status == 400);
        CHECK(jsonString(res.body, "/error/code") == "malformed_gzip");
    }
    // Any POST the device makes may be compressed: enrolment's answer is the same as plain.
    auto anon = server.client();
    auto enrol = anon.request("POST", "/api/v1/devices/enrol",
                              gzipCompress(R"({"code":"AAAA-BBBB"})").value(), kGzipPost);
    CHECK(enrol.status == anon.post("/api/v1/devices/enrol", R"({"code":"AAAA-BBBB"})").status);
}
