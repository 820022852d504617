// The demo set-up step (scripts/demo-setup.sh: demo data, the "demo" coordinator and an officer
// code) killed with SIGKILL at points inside each of its steps, then run again: every run
// after a kill must end in a working demo, and a killed run must never leave a database that
// looks complete.
#include "http_client.hpp"
#include "server_process.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace td::test;
namespace fs = std::filesystem;

namespace {

const std::string kPassword = "vindeln-demo-2025";

ino_t inodeOf(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

int runSetup(const std::string& dir, const std::string& fault = {}) {
    std::vector<std::string> env{"TD_DEMO_PASSWORD=" + kPassword};
    if (!fault.empty())
        env.push_back("TD_FAULT_KILL=" + fault);
    std::string out;
    return runProgram(
        {"bash", std::string(TD_SOURCE_DIR) + "/scripts/demo-setup.sh", serverBinary(), dir}, &out,
        env);
}

// The demo as a newcomer uses it: the server starts on the database, "demo" signs in and sees
// the demo campaigns, and the officer code in the file enrols a device.
void requireWorkingDemo(const std::string& dir) {
    const std::string db = dir + "/trygghetsdialog.sqlite";
    REQUIRE(fs::exists(db));
    std::string code = readFile(dir + "/officer-code.txt");
    while (!code.empty() && code.back() == '\n')
        code.pop_back();
    REQUIRE(code.size() == 9);
    ServerProcess server(db, {}, dir + "/server.log");
    REQUIRE(server.started());
    HttpClient client(server.address());
    auto login =
        client.post("/api/v1/auth/login", R"({"username":"demo","password":")" + kPassword + "\"}");
    REQUIRE(login.status == 200);
    client.setToken(jsonString(login.body, "/token"));
    auto campaigns = client.get("/api/v1/campaigns");
    REQUIRE(campaigns.status == 200);
    CHECK(campaigns.body.find("trygghetsenkat_2025") != std::string::npos);
    auto promises = client.get("/api/v1/promises");
    REQUIRE(promises.status == 200);
    CHECK(promises.body.find("\"promises\":[{") != std::string::npos);
    HttpClient device(server.address());
    auto enrolled = device.post("/api/v1/devices/enrol", R"({"code":")" + code + "\"}");
    CHECK(enrolled.status == 201);
    // Nothing of the set-up's temporary work is left behind.
    for (const auto& entry : fs::directory_iterator(dir))
        CHECK(entry.path().filename().string().rfind(".setup", 0) != 0);
}

} // namespace

TEST_CASE("a set-up killed at any step leaves no complete-looking database, and the next run "
          "makes a working demo") {
    // Where the process dies: inside the demo load (early, after part of the records, after
    // the records but before the indicator figures and promises), inside account creation
    // (after hashing, after the insert), while the code file is written (code stored in the
    // database, nothing printed yet), with the code file complete but not renamed, and
    // with everything done but the database's rename.
    const std::vector<std::string> faults{
        "demo-record@3",  "demo-record@700",       "demo-published",     "account-hashed",
        "account-stored", "enrolment-code-stored", "setup-code-written", "setup-before-db-rename"};
    for (const auto& fault : faults) {
        DYNAMIC_SECTION("killed at " << fault) {
            TempDir tmp;
            const std::string dir = tmp.file("demo-data");
            const int killed = runSetup(dir, fault);
            CHECK(killed == 128 + 9);
            // Killed before the final rename: no database under the real name.
            CHECK_FALSE(fs::exists(dir + "/trygghetsdialog.sqlite"));
            REQUIRE(runSetup(dir) == 0);
            requireWorkingDemo(dir);
        }
    }
}

TEST_CASE("a second set-up run keeps the demo; a lost code file is made again, atomically") {
    TempDir tmp;
    const std::string dir = tmp.file("demo-data");
    REQUIRE(runSetup(dir) == 0);
    const ino_t database = inodeOf(dir + "/trygghetsdialog.sqlite");
    REQUIRE(database != 0);
    const std::string code = readFile(dir + "/officer-code.txt");
    REQUIRE(runSetup(dir) == 0);
    CHECK(readFile(dir + "/officer-code.txt") == code);

    fs::remove(dir + "/officer-code.txt");
    CHECK(runSetup(dir, "enrolment-code-stored") == 128 + 9);
    CHECK_FALSE(fs::exists(dir + "/officer-code.txt"));
    REQUIRE(runSetup(dir) == 0);
    CHECK(readFile(dir + "/officer-code.txt") != code);
    CHECK(inodeOf(dir + "/trygghetsdialog.sqlite") == database); // the same database kept
    requireWorkingDemo(dir);
}
