#!/usr/bin/env bash
# build-aux/headless.sh — run a command in a private headless desktop session:
# a throw-away HOME and XDG folders, Xvfb, a private D-Bus session bus and an
# unlocked gnome-keyring. Nothing touches the caller's keyring or settings.
#
# Usage: build-aux/headless.sh COMMAND [ARGS...]
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

missing=()
for tool in xvfb-run xauth mcookie dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "headless.sh: missing ${missing[*]}: run build-aux/deps.sh first" >&2
  exit 1
fi

T=$(mktemp -d /tmp/converc-headless.XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME=$T/home
export XDG_CONFIG_HOME=$T/home/.config
export XDG_DATA_HOME=$T/home/.local/share
export XDG_CACHE_HOME=$T/home/.cache
export XDG_RUNTIME_DIR=$T/run
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset GTK_A11Y DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
export GDK_BACKEND=x11
export NO_AT_BRIDGE=0
export GIO_USE_PROXY_RESOLVER=dummy

# HEADLESS_WM=1: a window manager (openbox) manages the display, as one
# always does on a desktop. Without one, GTK 4.8 asks the X server on every
# frame whether a window manager supports a hint (a round trip each time):
# for benchmarks that time frames (BENCHMARKS.md, round 9).
if [ -n "${HEADLESS_WM:-}" ]; then
  for tool in openbox xprop; do
    if ! command -v "$tool" >/dev/null; then
      echo "headless.sh: HEADLESS_WM=1 needs $tool (apt-get install openbox x11-utils)" >&2
      exit 1
    fi
  done
fi

exec xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- bash -c '
  if ! echo -n converc-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; then
    echo "headless.sh: gnome-keyring-daemon did not start: keyring calls will fail" >&2
  fi
  if [ -n "${HEADLESS_WM:-}" ]; then
    openbox --sm-disable >/dev/null 2>&1 &
    managed=
    for i in $(seq 100); do
      if xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id"; then
        managed=1
        break
      fi
      sleep 0.05
    done
    if [ -z "$managed" ]; then
      echo "headless.sh: openbox did not start managing the display" >&2
      exit 1
    fi
  fi
  exec "$@"' _ "$@"
