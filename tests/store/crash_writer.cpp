// Crash-test child: submits responses (record + outbox entry, one transaction each) to a
// device store forever and writes each committed id to stdout, one line per commit, after
// the commit returns. The parent kills it with SIGKILL at varying points.
//
//   td_crash_writer <db path> <id prefix> <large every N, 0 = never>

#include "crash_body.hpp"
#include "td/store/device_store.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace {

bool writeAll(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s <db path> <id prefix> <large every N>\n", argv[0]);
        return 2;
    }
    const std::string prefix = argv[2];
    const long largeEvery = std::strtol(argv[3], nullptr, 10);
    auto store = td::store::DeviceStore::open(argv[1]);
    if (!store) {
        std::fprintf(stderr, "open: %s\n", store.error().describe().c_str());
        return 1;
    }
    for (long n = 0;; ++n) {
        const bool large = largeEvery > 0 && n % largeEvery == 0;
        const std::string id = prefix + "-" + std::to_string(n) + (large ? "-L" : "");
        const td::store::LocalRecord record{"response", id, 1, "000000000000-00000000-crash",
                                            td::test::crashBody(id)};
        if (auto s = store->submit(record); !s) {
            std::fprintf(stderr, "submit %s: %s\n", id.c_str(), s.error().describe().c_str());
            return 1;
        }
        if (!writeAll(STDOUT_FILENO, id + "\n"))
            return 1;
    }
}
