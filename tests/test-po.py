#!/usr/bin/python3
# test-po.py
#
# Copyright 2026 Converc Webhooks contributors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Translations: every source file with translatable strings is listed in
# po/POTFILES.in (and every listed file exists); every language of
# po/LINGUAS has a .po that msgfmt --check accepts, with no untranslated or
# fuzzy message. Prints TAP.

import os
import re
import subprocess
import sys

src = sys.argv[1]
n = 0
failed = 0


def ok(cond, what):
    global n, failed
    n += 1
    print('%s %d - %s' % ('ok' if cond else 'not ok', n, what), flush=True)
    if not cond:
        failed += 1


MARKS = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext|g_dpgettext2)\s*\(|'
                   r'translatable="yes"')

with open(os.path.join(src, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    listed = {line.strip() for line in f if line.strip() and not line.startswith('#')}

marked = set()
for folder in ('src', 'data'):
    for root, dirs, files in os.walk(os.path.join(src, folder)):
        for name in files:
            if not name.endswith(('.c', '.h', '.ui', '.in', '.xml')):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, src)
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            if name.endswith(('.c', '.h')):
                text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
            if rel.endswith('.gschema.xml') or rel.endswith('.desktop.in') or \
                    rel.endswith('.metainfo.xml.in') or MARKS.search(text):
                marked.add(rel)

missing = sorted(marked - listed)
for rel in missing:
    print('# not in po/POTFILES.in: ' + rel)
ok(not missing, 'every file with translatable strings is in po/POTFILES.in (%d files)' % len(marked))
gone = sorted(p for p in listed if not os.path.exists(os.path.join(src, p)))
for rel in gone:
    print('# listed but missing: ' + rel)
ok(not gone, 'every file in po/POTFILES.in exists')

with open(os.path.join(src, 'po', 'LINGUAS'), encoding='utf-8') as f:
    languages = [w for line in f for w in line.split('#', 1)[0].split()]
ok(len(languages) > 0, 'po/LINGUAS names at least one language (%s)' % ' '.join(languages))

for lang in languages:
    po = os.path.join(src, 'po', lang + '.po')
    r = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                       capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
    ok(r.returncode == 0, '%s.po passes msgfmt --check' % lang)
    stats = r.stderr.strip()
    for line in stats.splitlines():
        print('# ' + line)
    ok(r.returncode == 0 and 'untranslated' not in stats and 'fuzzy' not in stats,
       '%s.po is complete: %s' % (lang, stats.splitlines()[-1] if stats else '?'))

# The strings of today's sources, extracted as meson's gettext preset does:
# every one must have its translation in every language.
import shutil
import tempfile
if shutil.which('xgettext') and shutil.which('msgmerge'):
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'current.pot')
        r = subprocess.run(['xgettext', '--files-from', os.path.join(src, 'po', 'POTFILES.in'),
                            '--directory', src, '--from-code=UTF-8', '--add-comments',
                            '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                            '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
                            '--keyword=g_dpgettext2:2c,3', '--flag=N_:1:pass-c-format',
                            '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
                            '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
                            '--flag=g_string_printf:2:c-format', '--flag=g_printf:1:c-format',
                            '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
                            '-o', pot],
                           capture_output=True, text=True)
        ok(r.returncode == 0, 'xgettext extracts the strings of POTFILES.in')
        for lang in languages:
            merged = os.path.join(tmp, lang + '.po')
            subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged,
                            os.path.join(src, 'po', lang + '.po'), pot], check=False)
            r = subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', merged],
                               capture_output=True, text=True)
            missing = [line[7:-1] for line in r.stdout.splitlines()
                       if line.startswith('msgid "') and line != 'msgid ""']
            for m in missing:
                print('# untranslated in %s.po: %s' % (lang, m))
            ok(not missing, '%s.po translates every string of the current sources (%d missing)'
               % (lang, len(missing)))

# converc run in German: its own messages and libconverc's errors (which use
# the program's text domain) come out in German.
cli = os.environ.get('CONVERC_CLI')
localedir = os.environ.get('CONVERC_LOCALEDIR')
if cli and localedir and 'de' in languages:
    env = dict(os.environ, LANGUAGE='de', LANG='C.UTF-8', LC_ALL='C.UTF-8',
               CONVERC_LOCALEDIR=localedir, CONVERC_API_KEY='x')
    r = subprocess.run([cli, '--base-url', 'http://127.0.0.1:9', 'webhooks', 'list'],
                       capture_output=True, text=True, env=env, timeout=60)
    print('# ' + r.stderr.strip())
    ok(r.returncode == 1 and 'nicht erreichbar' in r.stderr,
       'a libconverc error from converc shows in German with LANGUAGE=de')
    r = subprocess.run([cli, '--help'], capture_output=True, text=True, env=env, timeout=60)
    ok('Befehle:' in r.stdout, 'converc --help shows in German with LANGUAGE=de')

print('1..%d' % n)
sys.exit(1 if failed else 0)
