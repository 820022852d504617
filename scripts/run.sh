#!/usr/bin/env bash
# Installs what is missing, builds, and runs the system: the sync server on 127.0.0.1:8080 with
# its embedded SQLite database and demo data, and the app when a display is available.
# The first run creates demo-data/trygghetsdialog.sqlite with the Vindeln demo data set and a
# coordinator account "demo" (password: $TD_DEMO_PASSWORD, default "vindeln-demo-2025"), and an
# officer enrolment code in demo-data/officer-code.txt, all or nothing (scripts/demo-setup.sh).
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

db=demo-data/trygghetsdialog.sqlite
password=${TD_DEMO_PASSWORD:-vindeln-demo-2025}
bash scripts/demo-setup.sh "$server" demo-data
echo "Dashboard: http://127.0.0.1:8080/  (user: demo, password: $password)"
echo "Officer enrolment code for the app: $(cat demo-data/officer-code.txt 2>/dev/null || echo '-')"
echo "Resident web survey (a link or QR code for residents): http://127.0.0.1:8080/s/VINDELN-2025"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$app" ]; then
    "$app" --data-dir demo-data/app &
fi
exec "$server" --db "$db" --listen 127.0.0.1:8080
