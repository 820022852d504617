#include "td/server/static_files.hpp"

#include "td/core/gzip.hpp"
#include "td/core/sha256.hpp"
#include "td/server/gzip.hpp"
#include "td/server/query.hpp"
#include "td/server/resources.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace td::server {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";
// The resident web survey (/s/): WebAssembly compiles only with 'wasm-unsafe-eval', which no
// other page gets; no inline styles and no images from elsewhere.
constexpr std::string_view kSurveyContentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// Smaller bodies are sent as they are: gzip's header would eat most of the gain.
constexpr std::size_t kMinCompressedSize = 256;

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
        {".wasm", "application/wasm"},
        {".webmanifest", "application/manifest+json"},
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

bool isCompressible(std::string_view type) {
    return type.starts_with("text/") || type.starts_with("application/json") ||
           type == "application/wasm" || type == "image/svg+xml" ||
           type == "application/manifest+json";
}

// A campaign's public code as it may stand in /s/<code>: 1-32 letters, digits, '-' and '_'.
bool isSurveyCode(std::string_view s) {
    return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
}

// The web survey's own files under /s/: "/s/" and "/s/<public code>" are its page, the
// WebAssembly build (td-model.js, td-model.wasm) comes from the build's wasm/ directory.
std::optional<std::pair<fs::path, fs::path>> locateSurvey(const fs::path& dir,
                                                          std::string_view rest) {
    const fs::path page = dir / "public" / "s" / "index.html";
    if (rest.empty() || isSurveyCode(rest))
        return std::make_pair(dir / "public", page);
    if (rest == "td-model.js" || rest == "td-model.wasm")
        return std::make_pair(dir / "wasm", dir / "wasm" / std::string(rest));
    return std::nullopt;
}

// For /s/<code>: the survey's data named in a preload Link header, so that the browser fetches
// it beside the page's modules rather than after them (one round trip less on a slow network).
// The code is upper-cased as the page does before it asks.
std::optional<std::string> surveyPreload(std::string_view path) {
    if (!path.starts_with("/s/") || !isSurveyCode(path.substr(3)))
        return std::nullopt;
    std::string code(path.substr(3));
    for (char& c : code)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return "</api/v1/web-surveys/" + code + ">; rel=preload; as=fetch; crossorigin=anonymous";
}

// The file a URL path maps to, before the containment check.
std::optional<std::pair<fs::path, fs::path>> locate(const fs::path& dir, std::string_view path) {
    if (path.starts_with("/s/")) {
        if (auto survey = locateSurvey(dir, path.substr(3)))
            return survey;
    }
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
    if (path == "/enrol")
        return std::make_pair(dir / "public", dir / "public" / "enrol.html");
    if (path == "/tillganglighet")
        return std::make_pair(dir / "public", dir / "public" / "accessibility.html");
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
        if (package != "leaflet" && package != "chart.js" && package != "exceljs")
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

// A file's validators and its gzip form, computed once per content.
struct FileVariants {
    std::string etag;
    std::string gzipEtag;
    std::optional<std::string> gzip;
};

// Variants by content digest: the same bytes at any path or time share one entry. The map is
// emptied when it grows past a bound, so memory stays within a few dashboard copies.
std::shared_ptr<const FileVariants> variantsOf(const std::string& content, bool compressible) {
    static std::mutex mutex;
    static std::unordered_map<std::string, std::shared_ptr<const FileVariants>> cache;
    const std::string digest = sha256Hex(content).substr(0, 32);
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(digest); it != cache.end() && (it->second->gzip || !compressible))
            return it->second;
    }
    auto v = std::make_shared<FileVariants>();
    v->etag = "\"" + digest + "\"";
    v->gzipEtag = "\"" + digest + "-gz\"";
    if (compressible)
        v->gzip = td::gzipCompress(content, td::kGzipBest);
    std::lock_guard lock(mutex);
    if (cache.size() >= 256)
        cache.clear();
    cache.insert_or_assign(digest, v);
    return v;
}

// Whether an If-None-Match value names `etag` (weak comparison, RFC 9110 §13.1.2) or is "*".
bool matchesEtag(std::string_view ifNoneMatch, std::string_view etag) {
    while (!ifNoneMatch.empty()) {
        const std::size_t comma = ifNoneMatch.find(',');
        std::string_view tag = ifNoneMatch.substr(0, comma);
        ifNoneMatch =
            comma == std::string_view::npos ? std::string_view() : ifNoneMatch.substr(comma + 1);
        while (!tag.empty() && tag.front() == ' ')
            tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ')
            tag.remove_suffix(1);
        if (tag.starts_with("W/"))
            tag.remove_prefix(2);
        if (tag == "*" || tag == etag)
            return true;
    }
    return false;
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
    HttpRequest request;
    request.method = std::string(method);
    request.path = std::string(path);
    return serveDashboardFile(dashboardDir, request);
}

std::optional<HttpResponse> serveDashboardFile(const std::string& dashboardDir,
                                               const HttpRequest& request) {
    std::string_view path = request.path;
    if (request.method != "GET" || path.starts_with("/api/"))
        return std::nullopt;
    if (path == "/s")
        path = "/s/";
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
    const bool survey = path.starts_with("/s/");
    r.headers.emplace_back(
        "Content-Security-Policy",
        std::string(survey ? kSurveyContentSecurityPolicy : kContentSecurityPolicy));
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
    r.headers.emplace_back("Cache-Control", "no-cache");
    if (auto link = surveyPreload(path))
        r.headers.emplace_back("Link", std::move(*link));

    // Compressed when the client takes gzip; either form carries its own validator so that a
    // revalidation (Cache-Control: no-cache) costs a 304 and no body.
    const bool compressible = isCompressible(type) && r.body.size() >= kMinCompressedSize;
    const auto variants = variantsOf(r.body, compressible);
    std::string_view etag = variants->etag;
    if (compressible) {
        r.headers.emplace_back("Vary", "Accept-Encoding");
        if (variants->gzip && acceptsGzip(request.header("accept-encoding"))) {
            r.body = *variants->gzip;
            r.headers.emplace_back("Content-Encoding", "gzip");
            etag = variants->gzipEtag;
        }
    }
    r.headers.emplace_back("ETag", std::string(etag));
    if (matchesEtag(request.header("if-none-match"), etag)) {
        r.status = 304;
        r.body.clear();
    }
    return r;
}

} // namespace td::server
