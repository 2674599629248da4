#!/usr/bin/env bash
# Runs every test of the workspace: the core and the server (which never build the UI), then
# the app's component tests, the end-to-end tests against the real server, and the real window
# under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh

# The end-to-end tests start these binaries as processes.
cargo build -p velay-server -p velay-cli
# The greeter pages' browser test fails here, rather than skipping, if chromium is missing.
VELAY_REQUIRE_BROWSER=1 cargo test -p velay-server -p velay-cli -p netsim
# The core on its own, with its `oracles` feature: the planner's test oracles, which
# planner_optimality and real_feeds require (without it they would not run). Apart, so that the
# server and the CLI above are built once, with the features they ship with.
cargo test -p velay-core --features oracles
# tests/window_shipped.rs starts the app with scripts/run.sh, as the README does; run.sh builds
# these release binaries itself, and the same command here finds them built.
cargo build --release -p velay-server -p velay-cli -p velay
cargo test -p velay
