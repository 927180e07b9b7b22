#!/usr/bin/python3
# test-install.py
#
# Copyright 2026 Converc Webhooks contributors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `meson install --destdir` into a temporary folder installs exactly the
# files GNOME expects, where it expects them: the two programs, the desktop
# file, the AppStream metainfo, the icons, the GSettings schema, a .mo per
# language of po/LINGUAS, the man pages and the bash completion, the GNOME
# Shell search provider and the D-Bus service file. Prints TAP.

import argparse
import os
import subprocess
import sys
import tempfile

parser = argparse.ArgumentParser()
parser.add_argument('--build-dir', required=True)
parser.add_argument('--prefix', required=True)
parser.add_argument('--bindir', required=True)
parser.add_argument('--datadir', required=True)
parser.add_argument('--mandir', required=True)
parser.add_argument('--localedir', required=True)
parser.add_argument('--app-id', required=True)
parser.add_argument('--linguas', required=True)
parser.add_argument('--app', default='true')
args = parser.parse_args()

n = 0
failed = 0


def ok(cond, what):
    global n, failed
    n += 1
    print('%s %d - %s' % ('ok' if cond else 'not ok', n, what), flush=True)
    if not cond:
        failed += 1


def under(folder, *parts):
    folder = folder if os.path.isabs(folder) else os.path.join(args.prefix, folder)
    return os.path.join(folder, *parts)


app_id = args.app_id
languages = []
with open(args.linguas, encoding='utf-8') as f:
    for line in f:
        line = line.split('#', 1)[0].strip()
        languages += line.split()

expected = {
    under(args.bindir, 'converc'),
    under(args.mandir, 'man1', 'converc.1'),
    under(args.datadir, 'bash-completion', 'completions', 'converc'),
    under(args.datadir, 'glib-2.0', 'schemas', 'com.converc.Webhooks.gschema.xml'),
}
if args.app == 'true':
    expected |= {
        under(args.bindir, 'converc-webhooks'),
        under(args.mandir, 'man1', 'converc-webhooks.1'),
        under(args.datadir, 'applications', app_id + '.desktop'),
        under(args.datadir, 'metainfo', app_id + '.metainfo.xml'),
        under(args.datadir, 'icons', 'hicolor', 'scalable', 'apps', app_id + '.svg'),
        under(args.datadir, 'icons', 'hicolor', 'symbolic', 'apps', app_id + '-symbolic.svg'),
        under(args.datadir, 'gnome-shell', 'search-providers', app_id + '.search-provider.ini'),
        under(args.datadir, 'dbus-1', 'services', app_id + '.service'),
    }
for lang in languages:
    expected.add(under(args.localedir, lang, 'LC_MESSAGES', 'converc-webhooks.mo'))

with tempfile.TemporaryDirectory(prefix='converc-install.') as dest:
    env = dict(os.environ, DESTDIR=dest)
    r = subprocess.run(['meson', 'install', '-C', args.build_dir, '--no-rebuild', '--quiet',
                        '--destdir', dest],
                       capture_output=True, text=True, env=env)
    ok(r.returncode == 0, 'meson install --destdir succeeds')
    if r.returncode != 0:
        for line in (r.stdout + r.stderr).splitlines():
            print('# ' + line)

    installed = set()
    for root, dirs, files in os.walk(dest):
        for name in files:
            installed.add('/' + os.path.relpath(os.path.join(root, name), dest))

    missing = sorted(expected - installed)
    extra = sorted(installed - expected)
    for path in missing:
        print('# missing: ' + path)
    for path in extra:
        print('# not expected: ' + path)
    ok(not missing, 'every expected file is installed (%d files)' % len(expected))
    ok(not extra, 'nothing else is installed')

    for path in sorted(expected & installed):
        if '/bin/' in path:
            ok(os.access(dest + path, os.X_OK), '%s is executable' % path)
    desktop = under(args.datadir, 'applications', app_id + '.desktop')
    if desktop in installed:
        with open(dest + desktop, encoding='utf-8') as f:
            text = f.read()
        ok('Icon=%s\n' % app_id in text and 'Exec=converc-webhooks' in text,
           'the desktop file names the installed icon and program')
        ok('Name[de]=' in text if 'de' in languages else True,
           'the installed desktop file carries the German name')

    ini = under(args.datadir, 'gnome-shell', 'search-providers', app_id + '.search-provider.ini')
    if ini in installed:
        with open(dest + ini, encoding='utf-8') as f:
            text = f.read()
        ok('DesktopId=%s.desktop\n' % app_id in text and 'BusName=%s\n' % app_id in text and
           'ObjectPath=/%s/SearchProvider\n' % app_id.replace('.', '/') in text and
           'Version=2\n' in text,
           'the search provider names the app, its bus name and object path')
    service = under(args.datadir, 'dbus-1', 'services', app_id + '.service')
    if service in installed:
        with open(dest + service, encoding='utf-8') as f:
            text = f.read()
        ok('Name=%s\n' % app_id in text and
           ('Exec=%s --gapplication-service\n' % under(args.bindir, 'converc-webhooks')) in text,
           'the D-Bus service file starts the installed program as a service')
    if desktop in installed:
        with open(dest + desktop, encoding='utf-8') as f:
            ok('DBusActivatable=true\n' in f.read(), 'the desktop file is D-Bus activatable')

print('1..%d' % n)
sys.exit(1 if failed else 0)
