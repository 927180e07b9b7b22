#!/usr/bin/env bash
# build-aux/run-tests.sh — install what is missing, build, and run every test
# headless (Xvfb, private D-Bus session, unlocked keyring).
#
# Usage: build-aux/run-tests.sh [--sanitize] [meson test args...]
#   --sanitize  build in _build-asan with AddressSanitizer and
#               UndefinedBehaviorSanitizer and run the suite there
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

sanitize=0
if [ "${1:-}" = "--sanitize" ]; then
  sanitize=1
  shift
fi

bash build-aux/deps.sh

if [ $sanitize -eq 1 ]; then
  BUILD=${BUILD_DIR:-_build-asan}
  if [ ! -f "$BUILD/build.ninja" ]; then
    meson setup "$BUILD" -Dbuildtype=debug -Db_sanitize=address,undefined -Db_lundef=false
  fi
  # intercept_tls_get_addr=0: with Debian 12's glibc, LeakSanitizer's tracer
  # crashes ("Tracer caught signal 11") reading the dynamic TLS of modules
  # loaded at run time (glib-networking's GnuTLS, after any TLS handshake).
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:intercept_tls_get_addr=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  export LSAN_OPTIONS=suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0
  export G_SLICE=always-malloc
else
  BUILD=${BUILD_DIR:-_build}
  if [ ! -f "$BUILD/build.ninja" ]; then
    meson setup "$BUILD" -Dbuildtype=debugoptimized
  fi
fi

meson compile -C "$BUILD"
status=0

if [ $sanitize -eq 1 ] && [ $# -eq 0 ]; then
  # Leak checking needs full stack unwinding to match the suppressions; that
  # stalls GTK, so the widget and end-to-end suites run without leak checks
  # (GTK 4.8 itself leaks after an AT-SPI client walked the tree).
  ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1:intercept_tls_get_addr=0 \
    bash build-aux/headless.sh meson test -C "$BUILD" --print-errorlogs --num-processes 2 \
      --timeout-multiplier 5 --no-suite app --no-suite e2e || status=1
  /usr/bin/python3 build-aux/test-summary.py "$BUILD"
  if meson test -C "$BUILD" --list --suite app --suite e2e >/dev/null 2>&1; then
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
      bash build-aux/headless.sh meson test -C "$BUILD" --print-errorlogs --num-processes 2 \
        --timeout-multiplier 3 --suite app --suite e2e || status=1
    /usr/bin/python3 build-aux/test-summary.py "$BUILD"
  fi
else
  bash build-aux/headless.sh meson test -C "$BUILD" --print-errorlogs --num-processes 2 "$@" \
    || status=1
  /usr/bin/python3 build-aux/test-summary.py "$BUILD"
fi
exit $status
