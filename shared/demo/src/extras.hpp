#pragma once
// Internal: the youth-centre kiosk round added to the demo data (see extras.cpp).

#include "td/demo/generator.hpp"

namespace td::demo {

/// Appends the youth-centre kiosk campaign of the last year and its few responses.
void addYouthKiosk(DemoData& out, std::uint64_t seed, const DemoOptions& options);

} // namespace td::demo
