#pragma once
// Calendar dates (YYYY-MM-DD) as Swedish users and records count them.

#include <cstdint>
#include <string>

namespace td {

/// Today's date in Sweden (Europe/Stockholm), YYYY-MM-DD, for Unix milliseconds `nowMs`.
std::string swedishDate(std::int64_t nowMs);

/// `date` (YYYY-MM-DD) moved by `days` whole days; an invalid date comes back unchanged.
std::string addDays(const std::string& date, int days);

} // namespace td
