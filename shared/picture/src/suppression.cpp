#include "td/picture/suppression.hpp"

namespace td::picture {

RowSuppression suppressRow(std::span<const std::int64_t> cells, std::int64_t k) {
    RowSuppression s;
    s.hidden.assign(cells.size(), false);
    std::int64_t total = 0;
    for (std::int64_t c : cells)
        total += c;
    if (total > 0 && total < k) {
        s.hidden.assign(cells.size(), true);
        s.hideTotal = true;
        return s;
    }
    std::int64_t hiddenSum = 0;
    std::size_t hiddenCount = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (cells[i] > 0 && cells[i] < k) {
            s.hidden[i] = true;
            hiddenSum += cells[i];
            ++hiddenCount;
        }
    }
    while (hiddenCount > 0 && (hiddenCount == 1 || hiddenSum < k)) {
        std::size_t next = cells.size();
        for (std::size_t i = 0; i < cells.size(); ++i)
            if (!s.hidden[i] && cells[i] > 0 && (next == cells.size() || cells[i] < cells[next]))
                next = i;
        if (next == cells.size()) {
            s.hideTotal = true;
            break;
        }
        s.hidden[next] = true;
        hiddenSum += cells[next];
        ++hiddenCount;
    }
    return s;
}

} // namespace td::picture
