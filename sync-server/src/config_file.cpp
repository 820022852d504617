// The `--config FILE` format: `key = value` lines, blank lines and `#` comments.
#include "td/server/config.hpp"

#include <fstream>
#include <map>

namespace td::server {
namespace {

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

} // namespace

Result<std::vector<ConfigEntry>> readConfigFile(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        return makeError("config_unreadable", "cannot read config file " + path);
    std::vector<ConfigEntry> entries;
    std::map<std::string, int, std::less<>> seen;
    std::string raw;
    for (int lineNo = 1; std::getline(in, raw); ++lineNo) {
        const std::string where = path + ":" + std::to_string(lineNo) + ": ";
        std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#')
            continue;
        const auto eq = line.find('=');
        if (eq == std::string_view::npos)
            return makeError("invalid_argument", where + "expected key = value");
        const std::string_view key = trim(line.substr(0, eq));
        const std::string_view value = trim(line.substr(eq + 1));
        if (key.empty() || key.starts_with('-') ||
            key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") !=
                std::string_view::npos)
            return makeError("invalid_argument",
                             where + "bad key \"" + std::string(key) +
                                 "\" (keys are long option names without --, e.g. listen)");
        if (value.empty())
            return makeError("invalid_argument", where + std::string(key) + " has no value");
        if (auto it = seen.find(key); it != seen.end())
            return makeError("invalid_argument", where + std::string(key) +
                                                     " is already set on line " +
                                                     std::to_string(it->second));
        seen.emplace(std::string(key), lineNo);
        entries.push_back({std::string(key), std::string(value), lineNo});
    }
    if (in.bad())
        return makeError("config_unreadable", "cannot read config file " + path);
    return entries;
}

} // namespace td::server
