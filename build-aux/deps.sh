#!/usr/bin/env bash
# build-aux/deps.sh — install the Debian 12 packages Converc Webhooks needs to
# build, run and test. Installs only what is missing, so a second run is fast.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libgtk-4-dev libgtk-4-bin libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsecret-1-dev libgtksourceview-5-dev libepoxy-dev
  desktop-file-utils appstream appstream-util
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  at-spi2-core python3 python3-gi gir1.2-gtk-4.0 gir1.2-atspi-2.0
  imagemagick libgl1-mesa-dri fonts-dejavu-core adwaita-icon-theme librsvg2-common
  glib-networking openssl curl valgrind
  xdotool groff-base man-db bash-completion clang-format
  libxml2-utils
  libsqlite3-dev
  clang libclang-rt-14-dev llvm
)
# Not pulled in by the packages above with --no-install-recommends, and each
# silently missing on a fresh Debian 12:
#   libxml2-utils       xmllint, for xml-stripblanks in the GResource bundle
#                       (without it glib-compile-resources warns and ships
#                       the templates unstripped)
#   libclang-rt-14-dev  clang's sanitizer and libFuzzer runtimes (only a
#                       Recommends of clang): without it -fsanitize=fuzzer
#                       and -fsanitize=address do not link
#   llvm                llvm-symbolizer, so ASan, UBSan and libFuzzer print
#                       function names and LeakSanitizer's suppressions by
#                       function name (build-aux/lsan.supp) match
#   clang-format        `git clang-format`, to check a change's style
#                       (HACKING.md)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
