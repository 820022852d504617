#pragma once
// Internal: the response export as CSV and the CSV cell and file-name helpers it shares with
// other exports.

#include "api_context.hpp"

#include <string>
#include <string_view>

namespace td::server {

/// GET /api/v1/export/responses.csv?campaign=[&free_text=1] — one row per response, one column
/// per question; text answers and place descriptions only with free_text=1.
HttpResponse exportResponsesCsv(RequestContext& ctx);

/// A CSV cell: quoted when needed, and with a ' put before = + - @ (or a tab or carriage
/// return) wherever a cell could begin: at its start and after every separator (comma,
/// semicolon, tab), quote or line break within it, spaces skipped. So no spreadsheet reads a
/// formula in it, whatever separator it splits the file at.
std::string csvCell(std::string_view value);

/// `id` with every character other than letters, digits, _ and - replaced by _, for a
/// Content-Disposition file name.
std::string safeFileName(std::string_view id);

} // namespace td::server
