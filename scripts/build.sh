#!/usr/bin/env bash
# Configures and builds into build/ (Ninja, -j2). Extra arguments go to CMake's configure step.
# TD_BUILD_DIR overrides the build directory.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${TD_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" -j2
