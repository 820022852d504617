#pragma once
// Query-string parsing for handlers.

#include "td/core/result.hpp"

#include <map>
#include <string>
#include <string_view>

namespace td::server {

/// Decodes %XX escapes and '+' as space; fails with `invalid_query` on a bad escape.
Result<std::string> percentDecode(std::string_view text);

/// Parses "a=1&b=x%20y" into a map; a repeated key fails with `invalid_query`.
Result<std::map<std::string, std::string>> parseQuery(std::string_view query);

} // namespace td::server
