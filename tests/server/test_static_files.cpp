// The web survey's static files (/s/): its page for any code, the WebAssembly model as
// application/wasm, the CSP that alone allows WebAssembly, gzip and revalidation.
#include "api_harness.hpp"
#include "fixtures.hpp"
#include "live_server.hpp"
#include "td/server/gzip.hpp"
#include "td/server/static_files.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <zlib.h>

using namespace td;
using namespace td::test;
namespace fs = std::filesystem;

namespace {

// Inflates one gzip member, independently of the server's gzip code.
std::string gunzip(const std::string& data) {
    z_stream z{};
    REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buffer[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - z.avail_out);
    }
    inflateEnd(&z);
    REQUIRE(rc == Z_STREAM_END);
    return out;
}

} // namespace

TEST_CASE("the web survey's files: its page for any code, the model as application/wasm, "
          "WebAssembly allowed by the CSP of /s/ only, gzip and revalidation") {
    TempDir dir;
    const fs::path root = dir.file("dashboard");
    auto write = [](const fs::path& p, const std::string& text) {
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
    };
    std::string script;
    for (int i = 0; i < 200; ++i)
        script += "export const line" + std::to_string(i) + " = 'Hur trygg känner du dig?';\n";
    std::string wasm("\0asm\x01\0\0\0", 8);
    for (int i = 0; i < 4000; ++i)
        wasm += static_cast<char>(i % 7 == 0 ? i % 251 : 0);
    write(root / "public" / "index.html", "<!doctype html>dashboard");
    write(root / "public" / "s" / "index.html", "<!doctype html>survey page");
    write(root / "public" / "s" / "app.js", script);
    write(root / "public" / "s" / "tiny.js", "export {};");
    write(root / "wasm" / "td-model.wasm", wasm);
    write(root / "wasm" / "td-model.js", script);
    write(root / "wasm" / "other.wasm", wasm);
    const std::string d = root.string();
    auto get = [&](const std::string& path,
                   std::vector<std::pair<std::string, std::string>> headers = {}) {
        server::HttpRequest req;
        req.method = "GET";
        req.path = path;
        req.headers = std::move(headers);
        return server::serveDashboardFile(d, req);
    };

    for (const char* path : {"/s/VINDELN-2025", "/s/vindeln-2025", "/s/", "/s"}) {
        INFO(path);
        auto page = get(path);
        REQUIRE(page);
        CHECK(page->body == "<!doctype html>survey page");
        CHECK(headerOf(*page, "Content-Security-Policy").find("'wasm-unsafe-eval'") !=
              std::string::npos);
    }
    // The page of a code names the survey's data for preloading, in the case the page asks.
    CHECK(headerOf(*get("/s/vindeln-2025"), "Link") ==
          "</api/v1/web-surveys/VINDELN-2025>; rel=preload; as=fetch; crossorigin=anonymous");
    CHECK(headerOf(*get("/s/"), "Link").empty());
    CHECK(headerOf(*get("/s/app.js"), "Link").empty());
    auto dashboard = get("/");
    REQUIRE(dashboard);
    CHECK(headerOf(*dashboard, "Content-Security-Policy").find("wasm") == std::string::npos);
    CHECK(headerOf(*dashboard, "Content-Security-Policy").find("script-src 'self';") !=
          std::string::npos);

    auto model = get("/s/td-model.wasm");
    REQUIRE(model);
    CHECK(model->contentType == "application/wasm");
    CHECK(model->body == wasm);
    CHECK(headerOf(*model, "Content-Encoding").empty());
    CHECK(headerOf(*model, "Vary") == "Accept-Encoding");
    REQUIRE(get("/s/td-model.js"));
    CHECK(get("/s/td-model.js")->contentType == "text/javascript; charset=utf-8");

    // gzip when accepted, the same bytes once inflated, and a validator of its own.
    auto packed = get("/s/td-model.wasm", {{"accept-encoding", "gzip, deflate, br"}});
    REQUIRE(packed);
    CHECK(headerOf(*packed, "Content-Encoding") == "gzip");
    CHECK(packed->body.size() < wasm.size() / 2);
    CHECK(gunzip(packed->body) == wasm);
    const std::string etag = headerOf(*packed, "ETag");
    CHECK_FALSE(etag.empty());
    CHECK(etag != headerOf(*model, "ETag"));
    auto script1 = get("/s/app.js", {{"accept-encoding", "gzip"}});
    REQUIRE(script1);
    CHECK(gunzip(script1->body) == script);

    // Revalidation: the ETag of the form asked for answers 304 with no body.
    auto notModified =
        get("/s/td-model.wasm", {{"accept-encoding", "gzip"}, {"if-none-match", etag}});
    REQUIRE(notModified);
    CHECK(notModified->status == 304);
    CHECK(notModified->body.empty());
    CHECK(headerOf(*notModified, "ETag") == etag);
    auto otherForm = get("/s/td-model.wasm", {{"if-none-match", etag}});
    CHECK(otherForm->status == 200);
    CHECK(otherForm->body == wasm);
    CHECK(get("/s/td-model.wasm", {{"if-none-match", "W/" + headerOf(*model, "ETag")}})->status ==
          304);

    // What the client refuses, and files too small to gain, are sent as they are.
    for (const char* refused : {"gzip;q=0", "br", "identity", "*;q=0", "gzip;q=0, *"}) {
        INFO(refused);
        CHECK(headerOf(*get("/s/app.js", {{"accept-encoding", refused}}), "Content-Encoding")
                  .empty());
    }
    CHECK(headerOf(*get("/s/app.js", {{"accept-encoding", "*"}}), "Content-Encoding") == "gzip");
    CHECK(headerOf(*get("/s/app.js", {{"accept-encoding", "GZIP;q=0.5"}}), "Content-Encoding") ==
          "gzip");
    auto tiny = get("/s/tiny.js", {{"accept-encoding", "gzip"}});
    CHECK(tiny->body == "export {};");
    CHECK(headerOf(*tiny, "Content-Encoding").empty());

    for (const char* bad :
         {"/s/other.wasm", "/s/%2e%2e/index.html", "/s/../index.html", "/s/a/b", "/s/.hidden",
          "/s/missing.js", "/s/A%20B", "/s/a<b>", "/s/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"}) {
        INFO(bad);
        CHECK_FALSE(get(bad));
    }
}

TEST_CASE("Accept-Encoding is read as RFC 9110 says") {
    CHECK(server::acceptsGzip("gzip"));
    CHECK(server::acceptsGzip("deflate, gzip;q=1.0, *;q=0.5"));
    CHECK(server::acceptsGzip("x-gzip"));
    CHECK(server::acceptsGzip(" * "));
    CHECK_FALSE(server::acceptsGzip(""));
    CHECK_FALSE(server::acceptsGzip("gzip;q=0"));
    CHECK_FALSE(server::acceptsGzip("gzip;q=0.000"));
    CHECK_FALSE(server::acceptsGzip("gzip;q=abc"));
    CHECK_FALSE(server::acceptsGzip("br, deflate"));
    CHECK_FALSE(server::acceptsGzip("*;q=0"));
}

#ifdef TD_WASM_DIR
TEST_CASE("the server from the build tree serves the page and the built model, compressed, "
          "within the size the page may cost") {
    LiveServer server;
    HttpClient client(server.address());
    auto page = client.request("GET", std::string("/s/") + kCampaignCode, "",
                               {{"Accept-Encoding", "gzip"}});
    REQUIRE(page.status == 200);
    CHECK(page.header("content-encoding") == "gzip");
    CHECK(gunzip(page.body).find("/s/app.js") != std::string::npos);
    CHECK(page.header("content-security-policy").find("'wasm-unsafe-eval'") != std::string::npos);

    const std::string built = readFileBytes(std::string(TD_WASM_DIR) + "/td-model.wasm");
    REQUIRE(built.size() > 1000);
    auto model = client.request("GET", "/s/td-model.wasm", "", {{"Accept-Encoding", "gzip, br"}});
    REQUIRE(model.status == 200);
    CHECK(model.header("content-type") == "application/wasm");
    CHECK(model.header("content-encoding") == "gzip");
    CHECK(gunzip(model.body) == built);
    INFO("td-model.wasm: " << built.size() << " bytes, " << model.body.size() << " gzipped");
    CHECK(model.body.size() <= 250u * 1024u);
    auto again =
        client.request("GET", "/s/td-model.wasm", "",
                       {{"Accept-Encoding", "gzip"}, {"If-None-Match", model.header("etag")}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());
}
#endif
