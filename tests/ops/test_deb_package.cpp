// The Debian package as an admin would get it: cpack builds the .deb from this build tree,
// dpkg-deb unpacks it into an empty root, and the unpacked usr/bin/td-sync-server runs from
// there on a fresh database, finding its dashboard, libraries and data relative to itself.
#include "fixtures.hpp"
#include "server_process.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace td::test;
namespace fs = std::filesystem;

namespace {

std::string run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {}) {
    std::string out;
    const int rc = runProgram(argv, &out, env);
    INFO(argv[0] << " " << (argv.size() > 1 ? argv[1] : "") << " -> " << out);
    REQUIRE(rc == 0);
    return out;
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

} // namespace

TEST_CASE("the .deb unpacked into an empty root serves the dashboard and takes a push") {
    TempDir work;
    const fs::path pkgDir = work.file("pkg");
    run({TD_CPACK_COMMAND, "-G", "DEB", "--config",
         std::string(TD_BINARY_DIR) + "/CPackConfig.cmake", "-B", pkgDir.string()});
    fs::path deb;
    for (const auto& e : fs::directory_iterator(pkgDir))
        if (e.path().extension() == ".deb")
            deb = e.path();
    REQUIRE_FALSE(deb.empty());
    INFO("package " << deb << ", " << fs::file_size(deb) << " bytes");
    CHECK(trimmed(run({"/usr/bin/dpkg-deb", "-f", deb.string(), "Package"})) == "trygghetsdialog");
    CHECK(run({"/usr/bin/dpkg-deb", "-f", deb.string(), "Depends"}).find("libsqlite3") !=
          std::string::npos);

    // The maintainer scripts parse, and the config is a conffile.
    const fs::path control = work.file("control");
    run({"/usr/bin/dpkg-deb", "-e", deb.string(), control.string()});
    for (const char* script : {"postinst", "prerm", "postrm"}) {
        INFO(script);
        CHECK(fs::status(control / script).permissions() == fs::perms(0755));
        run({"/bin/sh", "-n", (control / script).string()});
    }
    CHECK(readFileBytes((control / "conffiles").string()) == "/etc/trygghetsdialog/server.conf\n");

    const fs::path root = work.file("root");
    fs::create_directory(root);
    run({"/usr/bin/dpkg-deb", "-x", deb.string(), root.string()});

    // The layout: binary, units, config, data, and only the vendored files the pages load.
    const fs::path share = root / "usr/share/trygghetsdialog";
    for (const char* file :
         {"usr/bin/td-sync-server", "usr/lib/systemd/system/trygghetsdialog.service",
          "usr/lib/systemd/system/trygghetsdialog-backup.service",
          "usr/lib/systemd/system/trygghetsdialog-backup.timer",
          "usr/lib/sysusers.d/trygghetsdialog.conf", "etc/trygghetsdialog/server.conf",
          "usr/share/doc/trygghetsdialog/operations.md",
          "usr/share/doc/trygghetsdialog/examples/server.conf",
          "usr/share/trygghetsdialog/data/vindeln.json",
          "usr/share/trygghetsdialog/content/trygghetsenkat_vindeln.json",
          "usr/share/trygghetsdialog/dashboard/public/index.html",
          "usr/share/trygghetsdialog/dashboard/vendor/leaflet/leaflet.js",
          "usr/share/trygghetsdialog/dashboard/vendor/leaflet/images/marker-icon.png",
          "usr/share/trygghetsdialog/dashboard/vendor/chart.js/chart.umd.js",
          "usr/share/trygghetsdialog/dashboard/public/s/index.html"}) {
        INFO(file);
        CHECK(fs::is_regular_file(root / file));
    }
#ifdef TD_WASM_DIR
    // The web survey's WebAssembly model, as built.
    CHECK(readFileBytes((share / "dashboard/wasm/td-model.wasm").string()) ==
          readFileBytes(std::string(TD_WASM_DIR) + "/td-model.wasm"));
    CHECK(fs::is_regular_file(share / "dashboard/wasm/td-model.js"));
#endif
    std::size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        INFO(e.path());
        CHECK(e.path().string().find("node_modules") == std::string::npos);
        CHECK(e.path().extension() != ".map");
        files += e.is_regular_file() ? 1 : 0;
    }
    CHECK(files < 120); // the server, its units and docs, the dashboard's pages and vendored files

    // A marker in the unpacked page proves the server reads the unpacked files.
    const fs::path index = share / "dashboard/public/index.html";
    std::ofstream(index, std::ios::app) << "<!-- unpacked-root-marker -->\n";

    const std::string server = (root / "usr/bin/td-sync-server").string();
    const std::string db = work.file("state/trygghetsdialog.sqlite");
    fs::create_directory(work.file("state"));
    run({server, "--db", db, "admin", "create-coordinator", "alice"},
        {std::string("TD_ADMIN_PASSWORD=") + kPassword});
    // With the shipped config, as the service starts it (--db and --listen win over its values).
    const std::string config = (root / "etc/trygghetsdialog/server.conf").string();
    ServerProcess process(db, {"--config", config}, work.file("server.log"), server);
    REQUIRE(process.started());
    HttpClient client(process.address());

    CHECK(client.get("/healthz").status == 200);
    auto page = client.get("/");
    REQUIRE(page.status == 200);
    CHECK(page.body.find("unpacked-root-marker") != std::string::npos);
    auto leaflet = client.get("/vendor/leaflet/leaflet.js");
    REQUIRE(leaflet.status == 200);
    CHECK(leaflet.body == readFileBytes((share / "dashboard/vendor/leaflet/leaflet.js").string()));
    CHECK(client.get("/vendor/exceljs/exceljs.min.js").status == 200);
    auto chart = client.get("/vendor/chart.js/chart.umd.js");
    CHECK(chart.status == 200);
    CHECK(chart.header("content-type") == "text/javascript; charset=utf-8");
    auto survey = client.get("/s/VINDELN-2025");
    CHECK(survey.status == 200);
    CHECK(survey.body == readFileBytes((share / "dashboard/public/s/index.html").string()));
#ifdef TD_WASM_DIR
    auto model = client.get("/s/td-model.wasm");
    CHECK(model.status == 200);
    CHECK(model.header("content-type") == "application/wasm");
    CHECK(model.body == readFileBytes((share / "dashboard/wasm/td-model.wasm").string()));
#endif
    const std::string log = readFileBytes(work.file("server.log"));
    CHECK(log.find("\"dashboard\":\"" + (share / "dashboard").string() + "\"") !=
          std::string::npos);
    CHECK(log.find("population_missing") == std::string::npos);

    // Survey and campaign over the API, then a device enrolled with a code from the unpacked
    // binary's admin command pushes one response.
    bootstrap(process.address());
    const std::string code =
        trimmed(run({server, "--db", db, "admin", "create-enrolment-code", "--role", "officer"}));
    HttpClient anon(process.address());
    auto enrolled = anon.post("/api/v1/devices/enrol", R"({"code":")" + code + "\"}");
    REQUIRE(enrolled.status == 201);
    HttpClient device(process.address());
    device.setToken(jsonString(enrolled.body, "/token"));
    std::vector<std::string> ids;
    auto pushed = device.post("/api/v1/sync/push", pushBody(responseRecords(1, &ids)));
    REQUIRE(pushed.status == 200);
    CHECK(jsonString(pushed.body, "/results/0/id") == ids[0]);
    CHECK(jsonString(pushed.body, "/results/0/status") == "stored");

    // What the backup timer runs, with the backup directory moved into the test's root.
    fs::create_directory(work.file("state/backups"));
    const std::string report = run({server, "--config", config, "--db", db, "--backup-dir",
                                    work.file("state/backups"), "admin", "backup"});
    CHECK(report.find("\"integrity\":\"ok\"") != std::string::npos);
    std::size_t copies = 0;
    for (const auto& e : fs::directory_iterator(work.file("state/backups")))
        copies += e.path().filename().string().starts_with("trygghetsdialog-") ? 1 : 0;
    CHECK(copies == 1);
}
