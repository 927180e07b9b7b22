#!/usr/bin/env bash
# build-aux/run-tests.sh — install what is missing, build, and run every test
# headless (Xvfb, private D-Bus session, unlocked keyring).
#
# Usage: build-aux/run-tests.sh [meson test args...]
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/deps.sh

BUILD=${BUILD_DIR:-_build}
if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" -Dbuildtype=debugoptimized
fi
meson compile -C "$BUILD"
bash build-aux/headless.sh meson test -C "$BUILD" --print-errorlogs --num-processes 2 "$@"
