#pragma once
// Internal: imported police and municipality figures (td::picture::Indicator) kept in the
// server store as server-only records of kind `indicator_figure`, and their endpoints.

#include "api_context.hpp"
#include "td/picture/indicators.hpp"

#include <string>
#include <vector>

namespace td::server {

/// Record kind of a stored figure; id `<indicator>@<area>@<period>`. Never pulled by devices.
inline constexpr const char* kIndicatorKind = "indicator_figure";

/// The record id of a figure.
std::string indicatorRecordId(const picture::Indicator& figure);

/// Every stored figure (deleted ones left out), ordered by record id.
Result<std::vector<picture::Indicator>> storedIndicators(store::ServerStore& store);
/// The figures among stored indicator records (deleted ones left out).
std::vector<picture::Indicator> indicatorsOf(const std::vector<store::StoredRecord>& records);

/// Upserts `figures` by (indicator, area, period) in one transaction; figures identical to the
/// stored ones are left alone. Names belong to the indicator: names in `figures` are written to
/// every stored figure of that indicator (`renamed`), and figures without names take the stored
/// ones. Counts what happened.
struct IndicatorImportCounts {
    std::size_t added = 0;
    std::size_t replaced = 0;
    std::size_t unchanged = 0;
    std::size_t renamed = 0; ///< stored figures, not in `figures`, that took a new name
};
Result<IndicatorImportCounts> storeIndicators(store::ServerStore& store,
                                              const std::vector<picture::Indicator>& figures,
                                              std::int64_t nowMs);

/// POST /api/v1/indicators: body text/csv (docs/lagesbild.md); any bad row → 400, nothing stored.
HttpResponse importIndicators(RequestContext& ctx);
/// GET /api/v1/indicators[?indicator=]: the stored figures.
HttpResponse listIndicators(RequestContext& ctx);
/// DELETE /api/v1/indicators/{id} (id `<indicator>@<area>@<period>`): removes one figure (404
/// if absent).
HttpResponse deleteIndicator(RequestContext& ctx);

} // namespace td::server
