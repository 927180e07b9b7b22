#!/usr/bin/python3
# test-e2e-history.py
#
# Copyright 2026 Converc Webhooks contributors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The one concern of this file: the event history end to end, driven
# through the accessibility tree (AT-SPI) the way a user would:
#
#   1. Demo: the app with --demo keeps its journal in memory: nothing is
#      written under $XDG_DATA_HOME/converc-webhooks.
#   2. Gone from the server: `converc emulator --seed --events 40 --keep 40`;
#      sign in, open Events; the emulator gets 40 newer events (SIGUSR1), so
#      the server no longer has the first ones. Refresh; typing the email of
#      a customer whose call.ended event left the server's window still finds
#      it, and its detail opens.
#   3. Restart with the server down: the page shows the stored events at
#      once, the status says "Offline — events as of …", and the search still
#      finds the event.
#
# Needs a display, a session bus and an unlocked keyring: run it under
# build-aux/headless.sh. Prints TAP; screenshots go to --shots.

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cwtest  # noqa: E402
from cwtest import (Abort, Atspi, anything_containing, button, click, diag, editable,  # noqa: E402
                    find, interfaces, name_of, ok, require, role_of, start_emulator,
                    text_of, type_into, wait_for)


def app_env(home):
    """The app's own data and settings folders (settings in a key file, so
    that the account survives a restart)."""
    return {'XDG_DATA_HOME': os.path.join(home, 'data'),
            'XDG_CONFIG_HOME': os.path.join(home, 'config'),
            'GSETTINGS_BACKEND': 'keyfile'}


def cli_events(cli, base_url, key, *args):
    out = subprocess.run([cli, '--base-url', base_url, '--json', 'events'] + list(args),
                         capture_output=True, text=True,
                         env=dict(os.environ, CONVERC_API_KEY=key)).stdout
    return json.loads(out)


def pick_event(events):
    """A call.ended event with a contact name and an email no other event
    has (so that exactly one event matches)."""
    emails = {}
    for event in events:
        email = (((event.get('data') or {}).get('contact') or {}).get('email') or '').lower()
        if email:
            emails[email] = emails.get(email, 0) + 1
    for event in events:
        if event.get('type') != 'call.ended':
            continue
        contact = ((event.get('data') or {}).get('contact') or {})
        email = (contact.get('email') or '').lower()
        if email and emails[email] == 1 and contact.get('name') and contact['name'].isascii():
            return event, contact
    return None, None


def status_label(app, pattern):
    return find(app, lambda n: role_of(n) == Atspi.Role.LABEL and re.search(pattern, text_of(n)))


def open_events(app):
    tab = wait_for('the Events tab', lambda: find(
        app, lambda n: role_of(n) == Atspi.Role.PAGE_TAB and name_of(n) == 'Events'))
    click(tab)


def find_ancestor(node, name):
    parent = node.get_parent()
    while parent is not None:
        if name_of(parent) == name:
            return parent
        parent = parent.get_parent()
    return None


def search_and_open(s, app, email, name, event_id, shot):
    search = wait_for('the search field', lambda: editable(app, 'Search events'))
    type_into(search, email)
    status = wait_for('one match', lambda: status_label(app, r'(^|· )1 of \d+ events'))
    ok(status is not None, 'searching %s finds one stored event (%s)' % (email, text_of(status)))
    table = wait_for('the event table with the contact', lambda: find(
        app, lambda n: name_of(n) == 'GtkColumnListView' and
        find(n, lambda m: name in name_of(m) or email in name_of(m)) is not None))
    require('Selection' in interfaces(table), 'the event list supports selection')
    table.select_child(0)
    detail = wait_for('the contact in the detail view', lambda: find(
        app, lambda n: role_of(n) == Atspi.Role.LABEL and text_of(n) == name and
        not find_ancestor(n, 'GtkColumnListView')))
    ok(detail is not None, 'its detail opens with the contact name %s' % name)
    ok(wait_for('the event id', lambda: anything_containing(app, event_id)) is not None,
       'the detail shows the event id %s' % event_id)
    s.shot(shot)


def scenario_demo(s, home):
    proc = app = None
    try:
        proc, app = s.start_app(['--demo'], env=app_env(home))
        wait_for('the seeded endpoints', lambda: anything_containing(app, 'demo-receiver'))
        open_events(app)
        wait_for('the demo events', lambda: status_label(app, r'\d+ events'))
    finally:
        if proc is not None:
            s.stop_app(proc, app)
    folder = os.path.join(home, 'data', 'converc-webhooks')
    found = []
    for root, dirs, files in os.walk(folder):
        found += [os.path.join(root, f) for f in files]
    ok(found == [], 'the demo wrote nothing under $XDG_DATA_HOME/converc-webhooks%s' %
       ('' if not found else ' (found: %s)' % ', '.join(found)))


def scenario_history(s, home):
    emulator, base_url, key = start_emulator(s.args.cli, ['--seed', '--events', '40', '--keep', '40'])
    require(base_url is not None and key is not None, 'converc emulator --keep 40 started')
    proc = app = None
    try:
        first = cli_events(s.args.cli, base_url, key, '--count', '100')
        ok(len(first) == 40, 'the server has 40 events')
        event, contact = pick_event(first)
        require(event is not None, 'the seeded data has a call.ended event with its own email')
        email, name = contact['email'], contact['name']
        diag('target: %s %s <%s>' % (event['id'], name, email))

        proc, app = s.start_app(['--base-url=' + base_url], env=app_env(home))
        type_into(wait_for('the API key field', lambda: editable(app, 'API Key')), key)
        click(button(app, 'Sign In'))
        open_events(app)
        wait_for('40 stored events', lambda: status_label(app, r'^40 events.*updated'))
        s.shot('history-online')

        # Newer events push the first ones out of the server's window.
        emulator.send_signal(signal.SIGUSR1)
        wait_for('the newer events', lambda: event['id'] not in
                 [e['id'] for e in cli_events(s.args.cli, base_url, key, '--count', '100')])
        now = cli_events(s.args.cli, base_url, key, '--count', '100')
        ok(len(now) == 40 and event['id'] not in [e['id'] for e in now],
           'the server no longer has %s (its newest 40 are newer)' % event['id'])

        click(wait_for('Refresh', lambda: button(app, 'Refresh')))
        wait_for('80 stored events', lambda: status_label(app, r'^80 events.*updated'))
        search_and_open(s, app, email, name, event['id'], 'history-found-gone')

        search = editable(app, 'Search events')
        type_into(search, 'no event holds these words zzqx')
        empty = wait_for('the empty result',
                         lambda: anything_containing(app, 'Searched all 80 stored events'))
        ok(empty is not None, 'an empty result says how many stored events were searched')
        s.shot('history-empty-result')
    finally:
        if proc is not None:
            s.stop_app(proc, app)
            proc = None
        if emulator.poll() is None:
            emulator.terminate()
            emulator.wait(timeout=10)

    # The server is down: the stored events, at once, and the search.
    try:
        proc, app = s.start_app(['--base-url=' + base_url], env=app_env(home))
        open_events(app)
        started = time.monotonic()
        status = wait_for('the stored events offline',
                          lambda: status_label(app, r'^Offline — events as of \d+.*80 events'))
        diag('stored events shown %.1f s after the Events tab was clicked: %s' % (time.monotonic() - started,
                                                            text_of(status)))
        ok(status is not None, 'restarted with the server down, the page says "%s"' %
           text_of(status))
        s.shot('history-offline')
        search_and_open(s, app, email, name, event['id'], 'history-offline-found')
    finally:
        if proc is not None:
            s.stop_app(proc, app)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--app', required=True)
    parser.add_argument('--cli', required=True)
    parser.add_argument('--shots', required=True)
    parser.add_argument('--only', help='run one scenario: demo or history')
    args = parser.parse_args()

    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        print('1..0 # SKIP no display: run under build-aux/headless.sh')
        return 0

    os.makedirs(args.shots, exist_ok=True)
    cwtest.hold_display()
    s = cwtest.Session(args)
    cwtest.ON_TIMEOUT = s.shot
    for scenario in (scenario_demo, scenario_history):
        if args.only and scenario.__name__ != 'scenario_' + args.only:
            continue
        home = tempfile.mkdtemp(prefix='cw-e2e-history-')
        try:
            scenario(s, home)
        except Abort as e:
            ok(False, '%s aborted: %s' % (scenario.__name__, e))
        finally:
            shutil.rmtree(home, ignore_errors=True)

    return cwtest.finish()


if __name__ == '__main__':
    sys.exit(main())
