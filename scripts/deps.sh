#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing; quiet when all are there.
# Usage: scripts/deps.sh [server|app|test]...   (default: server app)
set -euo pipefail

server_pkgs=(cmake ninja-build g++ pkg-config libboost1.81-dev libboost-json1.81-dev
    libsqlite3-dev sqlite3 libssl-dev libsodium-dev catch2 openssl ca-certificates zlib1g-dev
    emscripten libqrcodegencpp-dev)
app_pkgs=(qt6-base-dev qt6-declarative-dev qt6-positioning-dev qt6-tools-dev qt6-l10n-tools
    qt6-translations-l10n qml6-module-qtquick qml6-module-qtquick-controls
    qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-templates
    qml6-module-qtqml-workerscript qml6-module-qtquick-shapes qml6-module-qtpositioning
    qml6-module-qttest qml6-module-qt-labs-settings libqt6positioning6-plugins
    libqt6svg6 fonts-dejavu-core)
test_pkgs=(xvfb xauth dpkg-dev systemd libgl1-mesa-dri libglx-mesa0 chromium curl procps r-base-core
    r-cran-survey clang-15 llvm-15 poppler-utils zbar-tools)

wanted=()
profiles=("$@")
[ ${#profiles[@]} -eq 0 ] && profiles=(server app)
for p in "${profiles[@]}"; do
    case "$p" in
        server) wanted+=("${server_pkgs[@]}") ;;
        app) wanted+=("${app_pkgs[@]}") ;;
        test) wanted+=("${test_pkgs[@]}") ;;
        *) echo "deps.sh: unknown profile '$p' (server, app, test)" >&2; exit 2 ;;
    esac
done

missing=()
for pkg in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
        missing+=("$pkg")
    fi
done
# Node.js and npm (for the dashboard's libraries and the browser tests): the machine's own
# Node.js is used when present; Debian's otherwise.
if ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
fi

if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi
