#!/usr/bin/env bash
# Runs two bench_picture builds (e.g. main's and this branch's) alternately in one session and
# prints, per size, the median of each timing column and the ratio new/old, so that a noisy,
# shared machine affects both alike. Not part of CI.
# Usage: compare_picture.sh OLD_BENCH NEW_BENCH [ROUNDS] [SIZES...]
set -euo pipefail
old=$1
new=$2
rounds=${3:-3}
shift $(( $# < 3 ? $# : 3 ))
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000000)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for ((r = 0; r < rounds; r++)); do
    for which in old new; do
        bin=$old
        [ "$which" = new ] && bin=$new
        # Every line is shown as it comes (prefixed old/new); the timing rows are also kept.
        "$bin" "${sizes[@]}" | while IFS= read -r line; do
            echo "$which $line"
            echo "$which $line" | awk 'NF == 9 && $2 ~ /^[0-9]+$/' >>"$out/rows"
        done
    done
done
# Columns: responses ingest_ms ingest_us/resp scan_ms full_ms locality_ms dates_ms full/scan
awk '
function median(list, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (list[j] < list[i]) { t = list[i]; list[i] = list[j]; list[j] = t }
    return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
}
{ key = $1 " " $2; n[key]++; for (c = 3; c <= 9; c++) v[key, c, n[key]] = $c; sizes[$2] = 1 }
END {
    split("ingest_ms ingest_us scan_ms full_ms locality_ms dates_ms full/scan", names, " ")
    for (s in sizes) {
        printf "%s responses: median of %d runs each\n", s, n["old " s]
        printf "  %-12s %12s %12s %8s\n", "column", "old", "new", "new/old"
        for (c = 3; c <= 8; c++) {
            delete a; delete b
            for (i = 1; i <= n["old " s]; i++) a[i] = v["old " s, c, i]
            for (i = 1; i <= n["new " s]; i++) b[i] = v["new " s, c, i]
            mo = median(a, n["old " s]); mn = median(b, n["new " s])
            printf "  %-12s %12.3f %12.3f %8.2f\n", names[c - 2], mo, mn, (mo > 0 ? mn / mo : 0)
        }
    }
}' "$out/rows"
