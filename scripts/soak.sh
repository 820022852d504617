#!/usr/bin/env bash
# Soak of the sync server (docs/hardening.md): builds the server and bench_soak in the test
# build (TD_BUILD_DIR, default build-test) and holds 500 pushes per second of mixed batches
# from 200 simulated devices on distinct 127.0.x.y addresses for 10 minutes, with slow-loris,
# silent and oversize noise alongside. Prints success rate, p50/p99, RSS over time and open
# file descriptors; fails unless every push got exactly the expected answer. Not part of CI.
#
#   bash scripts/soak.sh [bench_soak options, e.g. --seconds 600 --rate 500 --devices 200]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh server test
export TD_BUILD_DIR=${TD_BUILD_DIR:-build-test}
if [ ! -f "$TD_BUILD_DIR/CMakeCache.txt" ]; then
    bash scripts/build.sh -DTD_BUILD_TESTS=ON -DTD_BUILD_APP=OFF
fi
cmake --build "$TD_BUILD_DIR" -j2 --target td-sync-server bench_soak
# Every simulated device and every noise thread holds connections and a thread.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec "$TD_BUILD_DIR/tests/bench/bench_soak" "$@"
