// HTTPS with a certificate generated at test time.
#include "live_server.hpp"

#include <boost/json/parse.hpp>
#include <cstdlib>

using namespace td;
using namespace td::test;

namespace {

struct Certificate {
    TempDir dir;
    std::string cert = dir.file("cert.pem");
    std::string key = dir.file("key.pem");
    Certificate() {
        std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -keyout " + key + " -out " +
                          cert + " -days 1 -subj /CN=localhost >/dev/null 2>&1";
        REQUIRE(std::system(cmd.c_str()) == 0);
    }
};

} // namespace

TEST_CASE("the server speaks HTTPS with --tls-cert and --tls-key") {
    Certificate certificate;
    LiveServer server({"--tls-cert", certificate.cert, "--tls-key", certificate.key}, true);
    auto health = server.client().get("/healthz");
    CHECK(health.status == 200);
    auto officer = server.client(server.tokens.officer);
    std::vector<std::string> ids;
    auto res = officer.post("/api/v1/sync/push", pushBody(responseRecords(5, &ids)));
    REQUIRE(res.status == 200);
    auto results = boost::json::parse(res.body).at("results").as_array();
    REQUIRE(results.size() == 5);
    for (const auto& r : results)
        CHECK(r.at("status").as_string() == "stored");

    // Plain HTTP to the TLS port gets no HTTP answer.
    HttpClient plain(server.address(), false);
    CHECK(plain.get("/healthz").status == 0);
    CHECK(server.client().get("/healthz").status == 200);
}

TEST_CASE("a missing certificate is an error at start") {
    TempDir dir;
    std::string out;
    int rc = runServerCommand({"--db", dir.file("x.db"), "--listen", "127.0.0.1:0", "--tls-cert",
                               dir.file("none.pem"), "--tls-key", dir.file("none.key")},
                              &out);
    CHECK(rc == 1);
}
