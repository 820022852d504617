#!/usr/bin/env bash
# Fuzzes the server's parsers with libFuzzer (tests/fuzz, docs/hardening.md).
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]   build build-asan (clang-15, ASan+UBSan, libFuzzer)
#                                                 and fuzz each target SECONDS (default 600)
#                                                 from its committed corpus, two at a time
#   bash scripts/fuzz.sh --run BINARY CORPUS SECONDS
#                                                 fuzz one built target (what the CTest test
#                                                 fuzz_<name> runs)
#
# New inputs go to a scratch copy, never into the repository. A crash fails the run and leaves
# the input under $TD_ASAN_BUILD_DIR/fuzz-crashes/<target>/: add it to tests/fuzz/corpus/<target>/,
# fix the fault, and the test fuzz_<target>_corpus keeps it fixed. Each run prints its
# executions, executions per second and coverage (libFuzzer's cov: edges, ft: features).
set -euo pipefail
cd "$(dirname "$0")/.."

run_one() {
    local binary=$1 corpus=$2 seconds=$3
    local name
    name=$(basename "$binary")
    local crashes
    crashes="$(dirname "$binary")/../../fuzz-crashes/${name#fuzz_}"
    mkdir -p "$crashes"
    crashes=$(cd "$crashes" && pwd)
    local scratch
    scratch=$(mktemp -d "/tmp/td-${name}.XXXXXX")
    local log="$scratch.log"
    local rc=0
    # -rss_limit_mb: the server keeps request memory resident; -timeout: one input, seconds.
    "$binary" -max_total_time="$seconds" -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix="$crashes/" "$scratch" "$corpus" >"$log" 2>&1 || rc=$?
    local execs cov ft units
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    units=$(find "$scratch" "$corpus" -type f | wc -l)
    printf '%-16s %4ss  execs %-10s exec/s %-8s cov %-6s ft %-6s corpus %s\n' "$name" "$seconds" \
        "${execs:-?}" "$(( ${execs:-0} / (seconds > 0 ? seconds : 1) ))" "${cov:-?}" "${ft:-?}" "$units"
    if [ "$rc" -ne 0 ]; then
        echo "--- $name failed (exit $rc); its output ends:" >&2
        tail -60 "$log" >&2
        echo "--- the input is in $crashes (add it to $corpus)" >&2
    fi
    rm -rf "$scratch" "$log"
    return "$rc"
}

if [ "${1:-}" = "--run" ]; then
    run_one "$2" "$3" "$4"
    exit $?
fi

seconds=${1:-600}
shift || true
export TD_ASAN_BUILD_DIR=${TD_ASAN_BUILD_DIR:-build-asan}
bash scripts/sanitize.sh --build-only
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(json records push http indicators walk)
fi
failed=0
pids=()
for t in "${targets[@]}"; do
    run_one "$TD_ASAN_BUILD_DIR/tests/fuzz/fuzz_$t" "tests/fuzz/corpus/$t" "$seconds" &
    pids+=($!)
    if [ ${#pids[@]} -ge 2 ]; then
        wait "${pids[0]}" || failed=1
        pids=("${pids[@]:1}")
    fi
done
for p in "${pids[@]}"; do
    wait "$p" || failed=1
done
exit $failed
