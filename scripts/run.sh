#!/usr/bin/env bash
# Builds and runs the Velay companion: velay-server on 127.0.0.1 with its store seeded from
# routes-data, then the desktop app connected to it. With no display, the server keeps running.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh

addr=${VELAY_BIND:-127.0.0.1:8737}
data=${VELAY_SERVER_DATA:-.velay/server}
# One build for the three: the crates they share are compiled once, with one set of features.
cargo build --release -p velay-server -p velay-cli -p velay

# Import checks the content first (`velay-server check routes-data`) and refuses it if a route
# or a greeter slot cannot be reached without a car.
target/release/velay-server import routes-data --data "$data"
target/release/velay-server serve --data "$data" --bind "$addr" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT INT TERM
host=${addr%:*} port=${addr##*:}
for _ in $(seq 50); do (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && break; sleep 0.2; done

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: the app needs a graphical session (or run it under xvfb-run)."
  echo "The server keeps running at http://$addr (Ctrl-C stops it)."
  wait "$server"
  exit 0
fi
VELAY_SERVER="http://$addr" target/release/velay
