#pragma once
// Where the server finds the files it ships with: the dashboard, the survey content and the
// population table. Each comes from, in order: its option (--dashboard-dir, --content-dir,
// --population), the config file, the environment (TD_DASHBOARD_DIR, TD_CONTENT_DIR,
// TD_POPULATION_JSON), and last the install-relative default below the binary's own prefix.

#include "td/core/result.hpp"

#include <functional>
#include <string>

namespace td::server {

struct ResourcePaths {
    std::string dashboardDir;   ///< holds public/ and vendor/ (or node_modules/)
    std::string contentDir;     ///< survey, place and promise JSON (demo data reads it)
    std::string populationJson; ///< the population table shares are weighted to
};

/// `<dir of the running binary>/../share/trygghetsdialog`, the binary found through
/// /proc/self/exe; "" when it cannot be read.
std::string installDataDir();

/// The install-relative defaults below `dataDir` (an installDataDir()).
ResourcePaths installedResources(const std::string& dataDir);

/// Fills the fields `given` leaves empty from `getenv` (TD_DASHBOARD_DIR, TD_CONTENT_DIR,
/// TD_POPULATION_JSON), then from installedResources(installDataDir()).
ResourcePaths resolveResources(ResourcePaths given,
                               const std::function<const char*(const char*)>& getenv);

/// Fails with `invalid_argument` naming the option when a path set by an option, the config
/// file or the environment does not exist (install-relative defaults may be missing: the
/// server then runs without them and says so in its log).
Status checkGivenResources(const ResourcePaths& given,
                           const std::function<const char*(const char*)>& getenv);

/// The paths the request handlers use: those set by useResources(), else resolveResources()
/// of nothing from the process environment.
const ResourcePaths& resources();

/// Sets the paths resources() returns; called once at start, before serving.
void useResources(ResourcePaths paths);

} // namespace td::server
