#!/usr/bin/python3
# test-flatpak-manifest.py
#
# Copyright 2026 Converc Webhooks contributors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Flatpak manifest cannot be built here (no network for the runtime):
# this checks that it is valid JSON and asks for the narrowest permissions
# the app needs: network, IPC, Wayland with an X11 fallback, the GPU, and
# the Secret Service; no file system access (Save JSON uses the file chooser
# portal through GtkFileChooserNative). Prints TAP.

import json
import sys

n = 0
failed = 0


def ok(cond, what):
    global n, failed
    n += 1
    print('%s %d - %s' % ('ok' if cond else 'not ok', n, what))
    if not cond:
        failed += 1


path = sys.argv[1]
try:
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)
    ok(True, 'the manifest is valid JSON')
except (OSError, ValueError) as e:
    ok(False, 'the manifest is valid JSON (%s)' % e)
    print('1..%d' % n)
    sys.exit(1)

ok(manifest.get('id') == 'com.converc.Webhooks', 'the id is com.converc.Webhooks')
ok(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk',
   'it builds on the GNOME runtime and SDK')
version = str(manifest.get('runtime-version', ''))
ok(version.isdigit() and int(version) >= 44,
   'runtime-version %s has libadwaita >= 1.2 and libsoup 3 (GNOME 44 or later)' % version)
ok(manifest.get('command') == 'converc-webhooks', 'the command is converc-webhooks')

args = manifest.get('finish-args', [])
expected = {'--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11',
            '--device=dri', '--talk-name=org.freedesktop.secrets'}
ok(set(args) == expected, 'finish-args are exactly %s (got %s)' % (sorted(expected), sorted(args)))
ok(not any(a.startswith(('--filesystem', '--socket=x11', '--device=all', '--talk-name=org.freedesktop.Flatpak',
                         '--socket=session-bus', '--socket=system-bus')) for a in args),
   'no file system, full X11, all devices or whole-bus access')

modules = manifest.get('modules', [])
app = modules[-1] if modules else {}
ok(app.get('name') == 'converc-webhooks' and app.get('buildsystem') == 'meson',
   'the last module builds converc-webhooks with meson')

print('1..%d' % n)
sys.exit(1 if failed else 0)
