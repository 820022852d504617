#pragma once
// Small-cell suppression for public output: primary (counts 1..k−1) and complementary, so
// that no hidden cell can be recovered as the row total minus the visible cells.

#include <cstdint>
#include <span>
#include <vector>

namespace td::picture {

/// Default minimum number of respondents behind any public figure.
inline constexpr std::int64_t kDefaultMinCell = 5;

/// Which cells of a row to hide. `cells` are non-negative counts whose sum is the row total;
/// the total is published alongside unless `hideTotal` comes back true. Rules
/// (docs/lagesbild.md): hide every cell in 1..k−1; while the hidden cells' sum is in 1..k−1,
/// or exactly one cell is hidden, hide the smallest visible non-zero cell as well (or, when none
/// is left, the total). A total in 1..k−1 hides the whole row.
struct RowSuppression {
    std::vector<bool> hidden;
    bool hideTotal = false;
};
RowSuppression suppressRow(std::span<const std::int64_t> cells, std::int64_t k = kDefaultMinCell);

} // namespace td::picture
