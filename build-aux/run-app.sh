#!/usr/bin/env bash
# build-aux/run-app.sh — install what is missing, build, and run Converc
# Webhooks from the build tree in your desktop session.
#
# Usage: build-aux/run-app.sh [--demo] [--base-url=URL]
#
# Without arguments: when the keyring holds an API key for the configured
# API base URL, the app opens on your endpoints; otherwise it starts the
# built-in demo (nothing is written to your keyring or settings), whose
# window can still sign in for real from Preferences or a restart.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-app.sh: no graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set)." >&2
  echo "Run this from a terminal inside your GNOME (or other) desktop session," >&2
  echo "or try it headless with: build-aux/headless.sh build-aux/run-app.sh --demo" >&2
  exit 1
fi

bash build-aux/deps.sh

BUILD=${BUILD_DIR:-_build}
if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" -Dbuildtype=debugoptimized -Dapp=true
elif meson introspect "$BUILD" --buildoptions 2>/dev/null |
     /usr/bin/python3 -c 'import json, sys
sys.exit(0 if any(o["name"] == "app" and o["value"] is False for o in json.load(sys.stdin)) else 1)'; then
  meson configure "$BUILD" -Dapp=true
fi
meson compile -C "$BUILD"

# The schema is compiled into the build tree (data/gschemas.compiled).
export GSETTINGS_SCHEMA_DIR="$PWD/$BUILD/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
if [ $# -eq 0 ]; then
  base_url=$(gsettings get com.converc.Webhooks base-url 2>/dev/null | tr -d "'" || true)
  base_url=${base_url:-https://api.converc.com}
  if ! secret-tool lookup xdg:schema com.converc.Webhooks.ApiKey base-url "${base_url%/}" \
       >/dev/null 2>&1; then
    echo "run-app.sh: no API key stored for $base_url: starting the demo."
    set -- --demo
  fi
fi

# Translations are compiled into the build tree (po/<lang>/LC_MESSAGES).
export CONVERC_LOCALEDIR="$PWD/$BUILD/po"
exec "$BUILD/src/app/converc-webhooks" "$@"
