#!/usr/bin/env bash
# Installs what is missing, builds, and runs the system: the sync server on 127.0.0.1:8080 with
# its embedded SQLite database and demo data, and the app when a display is available.
# The first run creates demo-data/trygghetsdialog.sqlite with the Vindeln demo data set and a
# coordinator account "demo" (password: $TD_DEMO_PASSWORD, default "vindeln-demo-2025").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh server app
if [ -f dashboard/package.json ]; then
    (cd dashboard && npm ci --no-audit --no-fund --loglevel=error)
fi
bash scripts/build.sh -DTD_BUILD_TESTS=OFF
build_dir=${TD_BUILD_DIR:-build}
server=$build_dir/sync-server/td-sync-server
app=$build_dir/mobile/trygghetsdialog

mkdir -p demo-data
db=demo-data/trygghetsdialog.sqlite
password=${TD_DEMO_PASSWORD:-vindeln-demo-2025}
if [ ! -f "$db" ]; then
    "$server" --db "$db" demo-data load
    TD_ADMIN_PASSWORD="$password" "$server" --db "$db" admin create-coordinator demo
    "$server" --db "$db" admin create-enrolment-code --role officer --expires-in 720h \
        > demo-data/officer-code.txt
fi
echo "Dashboard: http://127.0.0.1:8080/  (user: demo, password: $password)"
echo "Officer enrolment code for the app: $(cat demo-data/officer-code.txt 2>/dev/null || echo '-')"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$app" ]; then
    "$app" --data-dir demo-data/app &
fi
exec "$server" --db "$db" --listen 127.0.0.1:8080
