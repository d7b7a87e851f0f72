#!/usr/bin/env bash
# Installs every tool the tests need, from the package registries only.
# Safe to run again: each step is skipped when the tool is already there.
# A step that fails stops the run; tests never skip for a missing tool.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

apt_updated=0
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return
    if [ "$apt_updated" = 0 ]; then
        apt-get update -qq
        apt_updated=1
    fi
    echo "setup: apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Headless browser tests and the HTML validator (Java).
command -v chromium >/dev/null 2>&1 || apt_install chromium
command -v java >/dev/null 2>&1 || apt_install default-jre-headless

# Local DynamoDB / SES v2 / S3 stand-in.
if ! command -v moto_server >/dev/null 2>&1; then
    echo "setup: pip install moto[server]"
    python3 -m pip install --quiet 'moto[server]'
    hash -r
fi

# Browser test packages (playwright-core drives Debian's Chromium; nothing is downloaded from elsewhere).
if [ ! -d tests/browser/node_modules/playwright-core ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
    echo "setup: npm ci in tests/browser"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

for tool in chromium java moto_server node cargo; do
    command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is still missing" >&2; exit 1; }
done
