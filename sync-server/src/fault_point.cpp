#include "td/server/fault_point.hpp"

#include <atomic>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace td::server {
namespace {

// The armed point from TD_FAULT_KILL ("NAME" or "NAME@N"), read once.
struct Armed {
    std::string name; ///< empty: nothing armed
    long long hitAt = 1;

    Armed() {
        const char* env = std::getenv("TD_FAULT_KILL");
        if (!env || !*env)
            return;
        const std::string_view spec(env);
        const auto at = spec.find('@');
        name = std::string(spec.substr(0, at));
        if (at == std::string_view::npos)
            return;
        const std::string_view n = spec.substr(at + 1);
        long long v = 0;
        auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), v);
        if (ec == std::errc{} && end == n.data() + n.size() && v > 0)
            hitAt = v;
    }
};

} // namespace

void faultPoint(std::string_view name) {
    static const Armed armed;
    static std::atomic<long long> passes{0};
    if (armed.name.empty() || armed.name != name)
        return;
    if (passes.fetch_add(1) + 1 == armed.hitAt)
        ::kill(::getpid(), SIGKILL);
}

} // namespace td::server
