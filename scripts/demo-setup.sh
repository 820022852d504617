#!/usr/bin/env bash
# Makes the demo database and the officer enrolment code, all or nothing.
# Usage: scripts/demo-setup.sh SERVER_BINARY DATA_DIR
#   DATA_DIR/trygghetsdialog.sqlite  the Vindeln demo data and a coordinator "demo" (password:
#                                    $TD_DEMO_PASSWORD, default "vindeln-demo-2025")
#   DATA_DIR/officer-code.txt        a one-time officer enrolment code (valid 30 days)
#   DATA_DIR/enrolment-code.key      the key the code is hashed with (created when missing)
# Both are built in a temporary directory inside DATA_DIR and renamed into place only when
# complete, the code file first and the database last: the database exists only when
# everything is there. A run that was killed leaves only the temporary directory, which the next
# run removes before it starts again. When both files exist, nothing is done.
# TD_FAULT_KILL names a crash point for tests (see sync-server/include/td/server/fault_point.hpp;
# this script's own points: setup-code-written, setup-before-db-rename).
set -euo pipefail
server=$1
dir=$2
password=${TD_DEMO_PASSWORD:-vindeln-demo-2025}
db=$dir/trygghetsdialog.sqlite
code_file=$dir/officer-code.txt

fault_point() {
    if [ "${TD_FAULT_KILL:-}" = "$1" ]; then
        kill -KILL $$
    fi
}

# A new officer code, written to a temporary file, synced, then renamed over the target.
write_code() {
    local db_path=$1 tmp_file=$2
    # The key the code is hashed with goes where the server looks for it: beside the final
    # database, not the temporary one.
    "$server" --db "$db_path" --code-key-file "$dir/enrolment-code.key" \
        admin create-enrolment-code --role officer --expires-in 720h > "$tmp_file"
    grep -Eq '^[A-Z0-9]{4}-[A-Z0-9]{4}$' "$tmp_file" || {
        echo "demo-setup: the enrolment code in $tmp_file is malformed" >&2
        exit 1
    }
    chmod 600 "$tmp_file"
    sync "$tmp_file"
    fault_point setup-code-written
    mv -f "$tmp_file" "$code_file"
}

mkdir -p "$dir"
rm -rf "$dir"/.setup.*
if [ -f "$db" ]; then
    if [ ! -s "$code_file" ]; then
        write_code "$db" "$dir/.setup.code.$$"
    fi
    exit 0
fi

work=$dir/.setup.$$
mkdir "$work"
"$server" --db "$work/db.sqlite" demo-data load >/dev/null
TD_ADMIN_PASSWORD="$password" "$server" --db "$work/db.sqlite" admin create-coordinator demo \
    >/dev/null
write_code "$work/db.sqlite" "$work/officer-code.txt"
# Every process that had the database open has exited, so SQLite has checkpointed and removed
# its write-ahead log: the main file is the whole database.
if [ -e "$work/db.sqlite-wal" ] && [ -s "$work/db.sqlite-wal" ]; then
    echo "demo-setup: $work/db.sqlite-wal was left behind" >&2
    exit 1
fi
sync "$work/db.sqlite"
fault_point setup-before-db-rename
mv "$work/db.sqlite" "$db"
sync "$dir"
rm -rf "$work"
