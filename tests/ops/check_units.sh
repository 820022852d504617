#!/usr/bin/env bash
# Checks the systemd units in packaging/systemd: `systemd-analyze verify` must pass, and
# `systemd-analyze security --offline=yes` must rate the server at most MAX_SERVER and the backup
# and purge services at most MAX_BACKUP (the exposure scale, 0 = safest, 10 = unsafe). ExecStart names the
# installed /usr/bin/td-sync-server, which verify requires to exist: the checked copies point at
# the build's binary instead, nothing else is changed. Exits 77 (skipped) without systemd-analyze.
# Usage: check_units.sh UNIT_DIR SERVER_BINARY MAX_SERVER MAX_BACKUP
set -euo pipefail
unit_dir=$1 server=$2 max_server=$3 max_backup=$4
if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "systemd-analyze is not installed: skipped"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
units=()
for unit in trygghetsdialog.service trygghetsdialog-backup.service trygghetsdialog-backup.timer \
    trygghetsdialog-purge.service trygghetsdialog-purge.timer; do
    sed "s|/usr/bin/td-sync-server|$server|g" "$unit_dir/$unit" > "$work/$unit"
    units+=("$work/$unit")
done
grep -q "^ExecStart=$server --config /etc/trygghetsdialog/server.conf$" "$work/trygghetsdialog.service"
systemd-analyze verify "${units[@]}"
echo "systemd-analyze verify: ok"

score() { # prints the overall exposure of a unit
    systemd-analyze security --offline=yes "$1" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p'
}
status=0
for pair in "trygghetsdialog.service:$max_server" "trygghetsdialog-backup.service:$max_backup" \
    "trygghetsdialog-purge.service:$max_backup"; do
    unit=${pair%%:*} max=${pair##*:}
    got=$(score "$work/$unit")
    echo "systemd-analyze security $unit: $got (at most $max)"
    if [ -z "$got" ] || ! awk -v g="$got" -v m="$max" 'BEGIN { exit !(g <= m) }'; then
        systemd-analyze security --offline=yes "$work/$unit" | grep '✗' || true
        status=1
    fi
done
exit $status
