#!/usr/bin/env bash
# Installs what is missing, builds everything with warnings as errors and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh server app test
if [ -f dashboard/package.json ]; then
    (cd dashboard && npm ci --no-audit --no-fund --loglevel=error)
fi
export TD_BUILD_DIR=${TD_BUILD_DIR:-build-test}
bash scripts/build.sh -DTD_WERROR=ON -DTD_BUILD_TESTS=ON
export QT_QPA_PLATFORM=offscreen
(cd "$TD_BUILD_DIR" && ctest --output-on-failure --timeout 600 -j2 -LE benchmark)
# The sanitizer and fuzzing stage (docs/hardening.md), in build-asan.
bash scripts/sanitize.sh
