#include "td/server/static_files.hpp"

#include "td/server/query.hpp"
#include "td/server/resources.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace td::server {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

std::string_view contentTypeOf(std::string_view extension) {
    static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".png", "image/png"},
        {".svg", "image/svg+xml"},
        {".ico", "image/x-icon"},
    };
    for (const auto& [ext, type] : kTypes)
        if (ext == extension)
            return type;
    return {};
}

// Splits the decoded path into segments, refusing anything that could leave the directory.
std::optional<std::vector<std::string>> safeSegments(std::string_view decoded) {
    if (decoded.empty() || decoded.front() != '/')
        return std::nullopt;
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= decoded.size()) {
        std::size_t slash = decoded.find('/', start);
        if (slash == std::string_view::npos)
            slash = decoded.size();
        std::string segment(decoded.substr(start, slash - start));
        if (segment.empty() || segment.front() == '.' ||
            segment.find_first_of(std::string_view("\\\0:", 3)) != std::string::npos)
            return std::nullopt;
        out.push_back(std::move(segment));
        start = slash + 1;
    }
    return out;
}

// The file a URL path maps to, before the containment check.
std::optional<std::pair<fs::path, fs::path>> locate(const fs::path& dir, std::string_view path) {
    if (path == "/" || path == "/index.html")
        return std::make_pair(dir / "public", dir / "public" / "index.html");
    if (path == "/report")
        return std::make_pair(dir / "public", dir / "public" / "report.html");
    if (path == "/walk-report")
        return std::make_pair(dir / "public", dir / "public" / "walk-report.html");
    if (path == "/public")
        return std::make_pair(dir / "public", dir / "public" / "public.html");
    if (path == "/follow-up")
        return std::make_pair(dir / "public", dir / "public" / "follow-up.html");
    auto decoded = percentDecode(path);
    if (!decoded)
        return std::nullopt;
    auto segments = safeSegments(*decoded);
    if (!segments || segments->empty())
        return std::nullopt;
    fs::path root = dir / "public";
    std::size_t first = 0;
    if (segments->size() >= 3 && (*segments)[0] == "vendor") {
        const std::string& package = (*segments)[1];
        if (package != "leaflet" && package != "chart.js")
            return std::nullopt;
        std::error_code ec;
        root = dir / "vendor" / package;
        if (!fs::is_directory(root, ec))
            root = dir / "node_modules" / package / "dist";
        first = 2;
    }
    fs::path file = root;
    for (std::size_t i = first; i < segments->size(); ++i)
        file /= (*segments)[i];
    return std::make_pair(root, file);
}

bool isInside(const fs::path& root, const fs::path& file) {
    std::error_code ec;
    fs::path realRoot = fs::canonical(root, ec);
    if (ec)
        return false;
    fs::path realFile = fs::canonical(file, ec);
    if (ec)
        return false;
    auto [rootEnd, fileIt] =
        std::mismatch(realRoot.begin(), realRoot.end(), realFile.begin(), realFile.end());
    return rootEnd == realRoot.end() && fs::is_regular_file(realFile, ec);
}

} // namespace

std::string defaultDashboardDir() {
    return resources().dashboardDir;
}

std::optional<HttpResponse> serveDashboardFile(const std::string& dashboardDir,
                                               std::string_view method, std::string_view path) {
    if (method != "GET" || path.starts_with("/api/"))
        return std::nullopt;
    auto located = locate(fs::path(dashboardDir), path);
    if (!located)
        return std::nullopt;
    const auto& [root, file] = *located;
    std::string_view type = contentTypeOf(file.extension().string());
    if (type.empty() || !isInside(root, file))
        return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream content;
    content << in.rdbuf();
    HttpResponse r;
    r.contentType = std::string(type);
    r.body = std::move(content).str();
    r.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
}

} // namespace td::server
