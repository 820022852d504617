#include "td/server/query.hpp"

namespace td::server {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

Result<std::string> percentDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= text.size())
                return makeError("invalid_query", "truncated percent escape");
            int hi = hexValue(text[i + 1]);
            int lo = hexValue(text[i + 2]);
            if (hi < 0 || lo < 0)
                return makeError("invalid_query", "invalid percent escape");
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

Result<std::map<std::string, std::string>> parseQuery(std::string_view query) {
    std::map<std::string, std::string> out;
    while (!query.empty()) {
        auto amp = query.find('&');
        auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty())
            continue;
        auto eq = pair.find('=');
        auto key = percentDecode(pair.substr(0, eq));
        if (!key)
            return key.error();
        auto value =
            percentDecode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
        if (!value)
            return value.error();
        if (!out.emplace(std::move(*key), std::move(*value)).second)
            return makeError("invalid_query", "query parameter given twice");
    }
    return out;
}

} // namespace td::server
