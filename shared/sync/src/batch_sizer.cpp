#include "td/sync/batch_sizer.hpp"

#include <algorithm>

namespace td::sync {

BatchSizer::BatchSizer(BatchSizing sizing)
    : m_sizing(sizing)
    , m_budget(sizing.targetRequestTime.count() > 0
                   ? std::clamp(sizing.initialBytes, sizing.minBytes, sizing.maxBytes)
                   : sizing.maxBytes) {}

void BatchSizer::recordSuccess(std::size_t bytes, std::chrono::milliseconds elapsed) {
    if (m_sizing.targetRequestTime.count() <= 0)
        return;
    std::size_t next = m_budget * 2;
    // Only batches that filled most of the budget say what the link can carry.
    if (elapsed.count() > 0 && bytes * 2 >= m_budget) {
        const double sample =
            static_cast<double>(bytes) * 1000.0 / static_cast<double>(elapsed.count());
        m_throughput = m_throughput > 0 ? 0.5 * m_throughput + 0.5 * sample : sample;
        const double target =
            m_throughput * static_cast<double>(m_sizing.targetRequestTime.count()) / 1000.0;
        next = std::min(next, static_cast<std::size_t>(target));
    }
    m_budget = std::clamp(next, m_sizing.minBytes, m_sizing.maxBytes);
}

void BatchSizer::recordCut() {
    if (m_sizing.targetRequestTime.count() <= 0)
        return;
    m_budget = std::max(m_sizing.minBytes, m_budget / 4);
}

} // namespace td::sync
