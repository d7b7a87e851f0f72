#!/usr/bin/env bash
# Local DynamoDB (moto server) for the store's contract tests.
#   scripts/moto.sh start   install if needed, start on a free port, print the endpoint URL
#   scripts/moto.sh url     print the endpoint URL of the running server
#   scripts/moto.sh stop    stop the server started by `start`
# Typical use: export CCHC_DYNAMODB_ENDPOINT="$(scripts/moto.sh start)"
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${CARGO_TARGET_DIR:-$root/target}/moto"
pid_file="$dir/pid"
port_file="$dir/port"
log_file="$dir/server.log"

die() { echo "moto.sh: $*" >&2; exit 1; }

running() {
    [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

url() { echo "http://127.0.0.1:$(cat "$port_file")"; }

answers() {
    # Any HTTP response means the server is up; moto answers / with 200 or 404 depending on version.
    curl -s -o /dev/null --max-time 2 "$(url)/" 2>/dev/null \
        || python3 -c "import urllib.request,sys
try: urllib.request.urlopen(sys.argv[1], timeout=2)
except urllib.error.HTTPError: pass" "$(url)/" 2>/dev/null
}

# Sets $server to the command that runs moto's server, installing moto[server] if needed.
ensure_installed() {
    if command -v moto_server >/dev/null 2>&1; then
        server=(moto_server)
        return
    fi
    if ! python3 -c 'import moto.server, flask' >/dev/null 2>&1; then
        echo "moto.sh: moto_server not found, installing moto[server] with pip" >&2
        python3 -m pip install --quiet 'moto[server]' >&2 || die "pip install 'moto[server]' failed"
        # pyenv only exposes new console scripts after a rehash.
        command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1 || true
        hash -r
    fi
    if command -v moto_server >/dev/null 2>&1; then
        server=(moto_server)
    elif python3 -c 'import moto.server' >/dev/null 2>&1; then
        server=(python3 -m moto.server)
    else
        die "moto[server] is not importable after pip install"
    fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
    mkdir -p "$dir"
    if running; then
        url
        return
    fi
    ensure_installed
    local port
    port="$(free_port)"
    echo "$port" > "$port_file"
    # setsid detaches the server from this shell so callers like CI can exit cleanly.
    setsid "${server[@]}" -H 127.0.0.1 -p "$port" > "$log_file" 2>&1 < /dev/null &
    echo $! > "$pid_file"
    for _ in $(seq 1 150); do
        if answers; then
            url
            return
        fi
        running || { cat "$log_file" >&2; die "moto_server exited during startup (log above)"; }
        sleep 0.2
    done
    stop
    die "moto_server did not answer on port $port within 30s; see $log_file"
}

stop() {
    if running; then
        kill "$(cat "$pid_file")" 2>/dev/null || true
        for _ in $(seq 1 50); do running || break; sleep 0.1; done
        running && kill -9 "$(cat "$pid_file")" 2>/dev/null || true
    fi
    rm -f "$pid_file" "$port_file"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) running || die "moto is not running; run scripts/moto.sh start"; url ;;
    *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
