#pragma once
// How big the next push batch may be, sized to the link: from the throughput the last pushes
// reached, a batch that takes about the target time to send and answer. Grows by at most a
// doubling after each success and shrinks to a quarter after a cut, so that a flaky link
// resends little and a good one soon carries full batches.

#include <chrono>
#include <cstddef>

namespace td::sync {

struct BatchSizing {
    /// The time one push request should take; 0 switches sizing off (every batch may use
    /// maxBytes, the bound used before batches were sized to the link).
    std::chrono::milliseconds targetRequestTime{8000};
    std::size_t initialBytes = 128 * 1024; ///< before anything is measured
    std::size_t minBytes = 4 * 1024;
    std::size_t maxBytes = 4 * 1024 * 1024;
};

class BatchSizer {
public:
    explicit BatchSizer(BatchSizing sizing);

    /// The bound on the next batch's record bytes (the first record is always sent).
    std::size_t budgetBytes() const { return m_budget; }
    /// Bytes per second the pushes reached so far (a moving average), 0 until measured.
    double throughput() const { return m_throughput; }

    /// A batch of `bytes` was answered after `elapsed` (0: not measured).
    void recordSuccess(std::size_t bytes, std::chrono::milliseconds elapsed);
    /// The connection failed before an answer: the next batch is smaller.
    void recordCut();

private:
    BatchSizing m_sizing;
    std::size_t m_budget;
    double m_throughput = 0;
};

} // namespace td::sync
