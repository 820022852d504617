#!/usr/bin/env bash
# Configures and builds into build/ (Ninja, -j2). Extra arguments go to CMake's configure step.
# TD_BUILD_DIR overrides the build directory. ccache is used when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${TD_BUILD_DIR:-build}
launcher=()
if command -v ccache >/dev/null 2>&1; then
    # Paths relative to the checkout, so clones in other directories share the cache.
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
    export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@" >/dev/null
cmake --build "$build_dir" -j2
