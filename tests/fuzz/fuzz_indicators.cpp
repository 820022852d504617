// The indicator CSV import: any text gives figures, refused lines or a file error, never a
// crash, and every figure it keeps meets the documented rules (names included).
#include "fuzz_support.hpp"
#include "td/core/json.hpp"
#include "td/core/utf8.hpp"
#include "td/picture/indicators.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    using td::fuzz::require;
    const std::string_view text = td::fuzz::asText(data, size);
    auto imported = td::picture::importIndicatorsCsv(text);
    if (!imported.fileError.empty())
        require(imported.rows.empty(), "a file error keeps no rows");
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) +
                              static_cast<std::size_t>(std::count(text.begin(), text.end(), '\r')) +
                              1;
    for (const auto& r : imported.rejected)
        require(r.line >= 1 && r.line <= lines && !r.reason.empty(), "rejections name a line");
    if (!imported.rows.empty())
        require(td::json::firstInvalidUtf8Offset(text) == std::string_view::npos,
                "figures come only from UTF-8 text");
    std::set<std::tuple<std::string, int, std::string>> seen;
    std::map<std::string, std::string> nameSv;
    std::map<std::string, std::string> nameEn;
    for (const auto& f : imported.rows) {
        for (const std::string* name : {&f.nameSv, &f.nameEn}) {
            require(name->size() <= 120, "name length");
            require(std::none_of(name->begin(), name->end(),
                                 [](char c) {
                                     const auto u = static_cast<unsigned char>(c);
                                     return u < 0x20 || u == 0x7f;
                                 }),
                    "no control characters in names");
        }
        for (auto [names, name] : {std::pair{&nameSv, &f.nameSv}, std::pair{&nameEn, &f.nameEn}})
            if (!name->empty())
                require(names->try_emplace(f.indicator, *name).first->second == *name,
                        "one name per indicator and language in a file");
        require(!f.indicator.empty() && f.indicator.size() <= 64, "indicator length");
        require(std::all_of(f.indicator.begin(), f.indicator.end(),
                            [](char c) {
                                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                            }),
                "indicator characters");
        require(std::isfinite(f.value), "finite value");
        require(!f.source.empty() && td::json::utf8Length(f.source) <= 200, "source length");
        require(!f.period.empty(), "period");
        require(seen.emplace(f.indicator, static_cast<int>(f.area), f.period).second,
                "no duplicate figure");
    }
    return 0;
}
