#!/usr/bin/env bash
# Installs what is missing, builds, and runs the system: the sync server on 127.0.0.1:8080 with
# its embedded SQLite database and demo data, and the app when a display is available.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh server app
if [ -f dashboard/package.json ]; then
    (cd dashboard && npm ci --no-audit --no-fund --loglevel=error)
fi
bash scripts/build.sh -DTD_BUILD_TESTS=OFF
build_dir=${TD_BUILD_DIR:-build}
server=$build_dir/sync-server/td-sync-server
if [ ! -x "$server" ]; then
    echo "The sync server is not built yet; the shared library was built in $build_dir." >&2
    exit 0
fi
mkdir -p demo-data
db=demo-data/trygghetsdialog.sqlite
if [ ! -f "$db" ]; then
    "$server" --db "$db" demo-data load
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$build_dir/mobile/trygghetsdialog" ]; then
    "$build_dir/mobile/trygghetsdialog" &
fi
exec "$server" --db "$db" --listen 127.0.0.1:8080
