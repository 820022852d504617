#include "td/server/resources.hpp"

#include <filesystem>
#include <mutex>
#include <optional>

namespace td::server {
namespace {

namespace fs = std::filesystem;

struct Source {
    std::string ResourcePaths::*field;
    const char* option;
    const char* env;
};

constexpr Source kSources[] = {
    {&ResourcePaths::dashboardDir, "--dashboard-dir", "TD_DASHBOARD_DIR"},
    {&ResourcePaths::contentDir, "--content-dir", "TD_CONTENT_DIR"},
    {&ResourcePaths::populationJson, "--population", "TD_POPULATION_JSON"},
};

// `given` with its empty fields taken from the environment.
ResourcePaths withEnvironment(ResourcePaths given,
                              const std::function<const char*(const char*)>& getenv) {
    for (const Source& s : kSources) {
        std::string& value = given.*s.field;
        if (value.empty())
            if (const char* env = getenv(s.env); env && *env)
                value = env;
    }
    return given;
}

std::mutex g_mutex;
std::optional<ResourcePaths> g_resources;

} // namespace

std::string installDataDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec || exe.empty())
        return {};
    return (exe.parent_path().parent_path() / "share" / "trygghetsdialog").string();
}

ResourcePaths installedResources(const std::string& dataDir) {
    if (dataDir.empty())
        return {};
    const fs::path root(dataDir);
    return {(root / "dashboard").string(), (root / "content").string(),
            (root / "data" / "vindeln.json").string()};
}

ResourcePaths resolveResources(ResourcePaths given,
                               const std::function<const char*(const char*)>& getenv) {
    ResourcePaths out = withEnvironment(std::move(given), getenv);
    const ResourcePaths installed = installedResources(installDataDir());
    for (const Source& s : kSources)
        if ((out.*s.field).empty())
            out.*s.field = installed.*s.field;
    return out;
}

Status checkGivenResources(const ResourcePaths& given,
                           const std::function<const char*(const char*)>& getenv) {
    const ResourcePaths explicitPaths = withEnvironment(given, getenv);
    for (const Source& s : kSources) {
        const std::string& path = explicitPaths.*s.field;
        if (path.empty())
            continue;
        std::error_code ec;
        const bool wantDir = s.field != &ResourcePaths::populationJson;
        const bool ok = wantDir ? fs::is_directory(path, ec) : fs::is_regular_file(path, ec);
        if (!ok) {
            const std::string from = (given.*s.field).empty()
                                         ? std::string(s.env) + " (environment)"
                                         : std::string(s.option);
            return makeError("invalid_argument",
                             from + ": no such " + (wantDir ? "directory" : "file") + ": " + path);
        }
    }
    return {};
}

const ResourcePaths& resources() {
    std::lock_guard lock(g_mutex);
    if (!g_resources)
        g_resources = resolveResources({}, [](const char* name) { return std::getenv(name); });
    return *g_resources;
}

void useResources(ResourcePaths paths) {
    std::lock_guard lock(g_mutex);
    g_resources = std::move(paths);
}

} // namespace td::server
