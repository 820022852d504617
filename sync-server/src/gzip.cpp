#include "td/server/gzip.hpp"

#include <cctype>
#include <cstdlib>

namespace td::server {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// The q value of one coding's parameters ("q=0.5"); 1 when absent, 0 when malformed.
double quality(std::string_view params) {
    while (!params.empty()) {
        const std::size_t semi = params.find(';');
        std::string_view p = trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
        if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
            const std::string value(trim(p.substr(2)));
            char* end = nullptr;
            const double q = std::strtod(value.c_str(), &end);
            if (value.empty() || end != value.c_str() + value.size() || q < 0 || q > 1)
                return 0;
            return q;
        }
    }
    return 1;
}

} // namespace

bool acceptsGzip(std::string_view acceptEncoding) {
    std::optional<double> gzip, any;
    while (!acceptEncoding.empty()) {
        const std::size_t comma = acceptEncoding.find(',');
        std::string_view item = acceptEncoding.substr(0, comma);
        acceptEncoding =
            comma == std::string_view::npos ? std::string_view() : acceptEncoding.substr(comma + 1);
        const std::size_t semi = item.find(';');
        const std::string_view coding = trim(item.substr(0, semi));
        const double q =
            quality(semi == std::string_view::npos ? std::string_view() : item.substr(semi + 1));
        if (equalsIgnoringCase(coding, "gzip") || equalsIgnoringCase(coding, "x-gzip"))
            gzip = q;
        else if (coding == "*")
            any = q;
    }
    if (gzip)
        return *gzip > 0;
    return any && *any > 0;
}

} // namespace td::server
