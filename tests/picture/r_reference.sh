#!/bin/sh
# Exports the demo data and the lägesbild's figures, then recomputes them with R's survey
# package. Usage: r_reference.sh EXPORT_TOOL R_SCRIPT
set -eu
if ! command -v Rscript >/dev/null 2>&1; then
    echo "Rscript not found: install r-base-core and r-cran-survey (bash scripts/deps.sh test)" >&2
    exit 1
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$1" "$dir"
Rscript --vanilla "$2" "$dir"
