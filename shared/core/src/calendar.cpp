#include "td/core/calendar.hpp"

#include <chrono>
#include <cstdio>
#include <optional>

namespace td {
namespace {

using namespace std::chrono;

std::string formatDate(year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

std::optional<year_month_day> parseDate(const std::string& text) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3)
        return std::nullopt;
    const year_month_day date{year{y}, month{m}, day{d}};
    return date.ok() ? std::optional(date) : std::nullopt;
}

// The last Sunday of `m` in `y`, at 01:00 UTC: when EU summer time starts (March) or ends.
sys_seconds lastSundayOneUtc(year y, month m) {
    const sys_days lastDay{y / m / last};
    const weekday wd{lastDay};
    const sys_days sunday = lastDay - (wd - Sunday);
    return sunday + hours{1};
}

} // namespace

std::string swedishDate(std::int64_t nowMs) {
    const sys_seconds now = floor<seconds>(sys_time<milliseconds>{milliseconds{nowMs}});
    const year y = year_month_day{floor<days>(now)}.year();
    const bool summer = now >= lastSundayOneUtc(y, March) && now < lastSundayOneUtc(y, October);
    return formatDate(year_month_day{floor<days>(now + hours{summer ? 2 : 1})});
}

std::string addDays(const std::string& date, int count) {
    auto d = parseDate(date);
    if (!d)
        return date;
    return formatDate(year_month_day{sys_days{*d} + days{count}});
}

} // namespace td
