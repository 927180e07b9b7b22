#!/usr/bin/python3
# build-aux/screenshots.py — take screenshots of the real application in demo
# mode: for data/screenshots/ (AppStream) and to look at the dark, high
# contrast, narrow (360 px) and German variants.
#
# Usage: build-aux/headless.sh build-aux/screenshots.py BUILD_DIR OUT_DIR [VARIANT…]
#   VARIANT: light dark hc narrow de offline (default: all)
#   offline: the sign-in page after a key was tried against a server that
#   cannot be reached (the key field must not be marked wrong).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import importlib.util
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    'a11y', os.path.join(HERE, '..', 'tests', 'e2e', 'test-a11y.py'))
a11y = importlib.util.module_from_spec(spec)
spec.loader.exec_module(a11y)
e2e = a11y.e2e
Atspi = a11y.Atspi

VARIANTS = {
    'light': {},
    'dark': {'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'},
    'hc': {'ADW_DEBUG_HIGH_CONTRAST': '1'},
    'narrow': {},
    'de': {'LANGUAGE': 'de', 'LANG': 'de_DE.UTF-8', 'LC_ALL': 'C.UTF-8'},
    'offline': {},
}


def window_id(pid, name=None):
    """The app's newest visible window (named @name, else any but popups)."""
    args = ['xdotool', 'search', '--onlyvisible', '--pid', str(pid)]
    if name:
        args += ['--name', name]
    out = subprocess.run(args, capture_output=True, text=True).stdout.split()
    return max(out, key=int) if out else None


def shot(pid, path, main_window=True):
    time.sleep(0.8)
    subprocess.run(['xdotool', 'mousemove', '1279', '799'])  # no tooltip
    time.sleep(0.4)
    wid = window_id(pid, 'Converc Webhooks') if main_window else window_id(pid)
    subprocess.run(['import', '-window', wid or 'root', path], check=False)
    print('screenshot:', path, flush=True)


def run_variant(build, out, variant):
    env = dict(os.environ)
    env.update(VARIANTS[variant])
    env['GSETTINGS_SCHEMA_DIR'] = os.path.join(build, 'data')
    env['GSETTINGS_BACKEND'] = 'memory'
    env['CONVERC_LOCALEDIR'] = os.path.join(build, 'po')
    env.pop('GTK_A11Y', None)
    # GNOME's own title-bar layout (only a close button), as users see it.
    conf = os.path.join(env.get('XDG_CONFIG_HOME', '/tmp'), 'gtk-4.0')
    os.makedirs(conf, exist_ok=True)
    with open(os.path.join(conf, 'settings.ini'), 'w') as f:
        f.write('[Settings]\ngtk-decoration-layout=appmenu:close\n')

    if variant == 'offline':
        run_offline(build, out, env)
        return

    proc = subprocess.Popen([os.path.join(build, 'src', 'app', 'converc-webhooks'), '--demo'],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        app = e2e.wait_for('the app', lambda: e2e.find_app('converc-webhooks'))
        e2e.wait_for('the seeded endpoints', lambda: e2e.anything_containing(app, 'demo-receiver'))
        if variant == 'narrow':
            subprocess.run(['xdotool', 'windowsize', window_id(proc.pid), '360', '720'])
            time.sleep(1.0)
        main = e2e.wait_for('the main window', lambda: next(
            (w for w in a11y.windows(app) if a11y.role_of(w) == Atspi.Role.FRAME), None))

        # Endpoints with the details of the first one and a test result.
        table = e2e.wait_for('the endpoint list', lambda: e2e.find(
            main, lambda n: a11y.role_of(n) == Atspi.Role.TREE_TABLE))
        row = e2e.wait_for('a row', lambda: e2e.find(
            table, lambda n: a11y.role_of(n) == Atspi.Role.TABLE_ROW and 'demo-receiver' in a11y.all_text(n)))
        # Before anything is selected: the details say so.
        time.sleep(0.5)
        shot(proc.pid, os.path.join(out, '%s-endpoints-unselected.png' % variant))
        a11y.click_at(row)
        test = e2e.wait_for('the test button', lambda: e2e.find(
            main, lambda n: a11y.role_of(n) == Atspi.Role.PUSH_BUTTON and
            a11y.has_state(n, Atspi.StateType.VISIBLE) and
            e2e.label_is(a11y.accessible_name(n), a11y.accessible_name(n)) and
            n.get_n_actions() > 0 and ('Test' in a11y.accessible_name(n) or 'Testereignis' in a11y.accessible_name(n))
            and 'http' not in a11y.accessible_name(n)))
        e2e.click(test)
        e2e.wait_for('the test result', lambda: e2e.anything_containing(main, 'HTTP 200'))
        time.sleep(5.5)  # let the toast go
        shot(proc.pid, os.path.join(out, '%s-endpoints.png' % variant))

        # Events with the detail of the newest.
        tab = e2e.find(main, lambda n: a11y.role_of(n) in (Atspi.Role.PAGE_TAB, Atspi.Role.TOGGLE_BUTTON)
                       and a11y.accessible_name(n) in ('Events', 'Ereignisse'))
        e2e.click(tab)
        table = e2e.wait_for('the event list', lambda: e2e.find(
            main, lambda n: a11y.role_of(n) == Atspi.Role.TREE_TABLE and
            a11y.accessible_name(n) in ('Events', 'Ereignisse')))
        row = e2e.wait_for('an event row', lambda: e2e.find(
            table, lambda n: a11y.role_of(n) == Atspi.Role.TABLE_ROW and 'call.ended' in a11y.all_text(n)))
        a11y.click_at(row)
        time.sleep(1.0)
        shot(proc.pid, os.path.join(out, '%s-events.png' % variant))

        # The Add Endpoint dialog.
        subprocess.run(['xdotool', 'windowfocus', '--sync', window_id(proc.pid)])
        subprocess.run(['xdotool', 'key', 'ctrl+n'])
        time.sleep(1.5)
        shot(proc.pid, os.path.join(out, '%s-add-endpoint.png' % variant), main_window=False)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def run_offline(build, out, env):
    """The sign-in page after Sign In against a port where nothing listens."""
    proc = subprocess.Popen([os.path.join(build, 'src', 'app', 'converc-webhooks'),
                             '--base-url=http://127.0.0.1:9'],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        app = e2e.wait_for('the app', lambda: e2e.find_app('converc-webhooks', proc.pid))
        key_row = e2e.wait_for('the API key field', lambda: e2e.editable(app, 'API Key'))
        e2e.type_into(key_row, 'a-key-that-may-be-right')
        e2e.click(e2e.wait_for('Sign In', lambda: e2e.button(app, 'Sign In')))
        e2e.wait_for('the error', lambda: e2e.anything_containing(app, 'Could not reach'))
        shot(proc.pid, os.path.join(out, 'offline-sign-in.png'))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('build')
    parser.add_argument('out')
    parser.add_argument('variants', nargs='*', default=list(VARIANTS))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    e2e.hold_display()
    for v in args.variants:
        try:
            run_variant(os.path.abspath(args.build), args.out, v)
        except e2e.Abort as e:
            print('%s: %s' % (v, e), file=sys.stderr)
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
