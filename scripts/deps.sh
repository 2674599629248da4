#!/usr/bin/env bash
# Installs the Debian packages that building the app and running every test need, if missing.
set -euo pipefail

packages=(
  build-essential pkg-config
  libwebkit2gtk-4.1-dev libgtk-3-dev libxdo-dev libsoup-3.0-dev   # the desktop webview
  xvfb xauth xdotool imagemagick fonts-dejavu-core                # the window tests and screenshots
  chromium                                                        # the greeter pages' browser test
  gpsd gpsd-clients python3-gps                                   # a real receiver; gpsfake (in gpsd-clients) for tests/window_gps.rs
  libnotify-bin                                                   # notify-send, the off-route notification
)
# node and npm drive chromium (playwright-core); Debian's nodejs brings npm only as a package apart.
command -v npm >/dev/null || packages+=(nodejs npm)

if ! command -v dpkg-query >/dev/null; then
  echo "Not a Debian system: install the equivalents of: ${packages[*]}" >&2
else
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
      echo "Missing packages; as root run: apt-get install ${missing[*]}" >&2
      exit 1
    fi
    echo "Installing: ${missing[*]}"
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

# playwright-core, for the greeter pages' browser test (crates/server/tests/greeter_browser.rs).
if [ ! -d "$(dirname "$0")/browser/node_modules/playwright-core" ]; then
  (cd "$(dirname "$0")/browser" && npm install --no-audit --no-fund --silent)
fi
