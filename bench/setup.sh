#!/usr/bin/env bash
# Installs the benchmark's peers when missing, from the package registries only:
# Debian's `hugo`, `@11ty/eleventy` from npm (pinned in bench/eleventy/package.json),
# and GNU time for peak memory. Safe to run again.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

apt_updated=0
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    if [ "$apt_updated" = 0 ]; then
        $sudo apt-get update -qq
        apt_updated=1
    fi
    echo "bench setup: apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

command -v hugo >/dev/null 2>&1 || apt_install hugo
[ -x /usr/bin/time ] || apt_install time

if [ ! -f "$here/eleventy/node_modules/@11ty/eleventy/package.json" ] \
    || [ "$here/eleventy/package-lock.json" -nt "$here/eleventy/node_modules/.package-lock.json" ]; then
    echo "bench setup: npm install in bench/eleventy"
    if [ -f "$here/eleventy/package-lock.json" ]; then
        (cd "$here/eleventy" && npm ci --no-audit --no-fund --loglevel=error)
    else
        (cd "$here/eleventy" && npm install --no-audit --no-fund --loglevel=error)
    fi
fi

for tool in hugo node cargo python3 /usr/bin/time; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench setup: $tool is still missing" >&2; exit 1; }
done
