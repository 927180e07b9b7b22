#!/usr/bin/env bash
# build-aux/run-app.sh — install what is missing, build, and run Converc
# Webhooks from the build tree in your desktop session.
#
# Usage: build-aux/run-app.sh [--demo] [--base-url=URL]
#
# Without a stored API key the app opens on its sign-in page, which also
# offers "Try the Demo". Pass --demo to go straight to the built-in demo
# server (nothing is written to your keyring or settings).
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
exec "$BUILD/src/app/converc-webhooks" "$@"
