#!/usr/bin/env bash
# ThreadSanitizer run of the concurrent server tests (docs/hardening.md): builds the server and
# those tests with clang-15 and -DTD_SANITIZE=thread into build-tsan and runs them; the server
# tests start the TSan-built server binary, so its I/O threads, group commit and limiters are
# checked under real load. Any report fails the run. Not part of CI (it takes a build of its
# own); run it after changing anything the server's threads share.
#
#   bash scripts/tsan.sh
#
#   test_group_commit       pushes from many threads sharing one group commit
#   test_sync_service       pull paging while records are written
#   test_server_durability  pull paging over HTTP while pushes run; a server killed in flight
#   test_auth_limits        the sign-in and enrolment limiter under concurrent attempts
#   test_server_units       the rate limiter and the per-address connection counters
#   test_server_hardening   per-address caps and idle connections against the live server
#   test_picture_cache      the picture's data kept current from the change log while other
#                           threads push and read it
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh server test
build_dir=${TD_TSAN_BUILD_DIR:-build-tsan}
launcher=()
if command -v ccache >/dev/null 2>&1; then
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
    export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_CXX_COMPILER=clang++-15 -DCMAKE_C_COMPILER=clang-15 "${launcher[@]}" \
    -DTD_SANITIZE=thread -DTD_BUILD_APP=OFF -DTD_BUILD_TESTS=ON >/dev/null
tests=(test_group_commit test_sync_service test_server_durability test_auth_limits
    test_server_units test_server_hardening test_picture_cache)
cmake --build "$build_dir" -j2 --target td-sync-server "${tests[@]}"
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:exitcode=66}
if [ -x /usr/lib/llvm-15/bin/llvm-symbolizer ]; then
    export TSAN_SYMBOLIZER_PATH=/usr/lib/llvm-15/bin/llvm-symbolizer
fi
pattern="^($(IFS='|'; echo "${tests[*]}"))$"
cd "$build_dir"
ctest --output-on-failure --timeout 1800 -j2 -R "$pattern"
