#!/usr/bin/python3
# test-e2e-endpoints.py
#
# Copyright 2026 Converc Webhooks contributors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end scenario for the endpoints page, driven through the
# accessibility tree (AT-SPI) the way a user would click it:
#
#   1. `converc emulator` and a receiver on loopback; the app with --base-url.
#      Sign in with the emulator's key; the key is in the keyring.
#      Add an endpoint pointing at the receiver; the secret is shown and is in
#      the keyring. Send a test event; the receiver got a delivery whose
#      X-IC-Signature verifies with that secret. Disable the endpoint.
#   2. The same, shorter, with --demo: nothing is written to the keyring.
#   3. No keyring: the app on a session bus without a Secret Service says so,
#      works for the run, and the secret dialog cannot be closed before the
#      user says the secret was copied.
#   4. Events: `converc emulator --seed`; sign in, open Events, filter to
#      call.ended, search a contact's email, open the event: the summary shows
#      the contact's name.
#   5. Killed after create: a server whose create answer holds a
#      100,000-character URL; the app is killed (SIGKILL) 1.5 s after that
#      answer was sent. The signing secret must be in the keyring: the app
#      stores it before it lays out any of the server's text.
#
# Needs a display, a session bus and an unlocked keyring: run it under
# build-aux/headless.sh. Prints TAP; screenshots go to --shots.

import argparse
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cwtest  # noqa: E402
from cwtest import (Abort, Atspi, KEYS, Receiver, TIMEOUT, add_endpoint, anything_containing,  # noqa: E402,F401
                    button, click, diag, editable, find, has_state, interfaces, is_enabled,
                    keyring_items, label_is, name_of, ok, press, require, role_of, secret_tool,
                    start_emulator, text_of, type_into, verify_signature, wait_for)


# ---------------------------------------------------------------- servers

class LongUrlServer:
    """A Converc server whose create answer carries a 100,000-character URL:
    laying that text out once froze the app before the secret was stored."""

    SECRET = 'whsec_killed_after_create_0123456789'
    WEBHOOK_ID = 'wh_long_url_killed'

    def __init__(self):
        self.created_at = None
        self.webhooks = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self, status, value):
                body = json.dumps(value).encode()
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()

            def do_GET(self):
                if self.path.startswith('/integrations/webhooks'):
                    self.answer(200, {'webhooks': server.webhooks})
                elif self.path.startswith('/webhooks/events'):
                    self.answer(200, [])
                else:
                    self.answer(404, {'error': 'not found'})

            def do_POST(self):
                length = int(self.headers.get('Content-Length') or 0)
                self.rfile.read(length)
                if self.path != '/integrations/webhooks':
                    self.answer(404, {'error': 'not found'})
                    return
                webhook = {'id': server.WEBHOOK_ID,
                           'url': 'https://example.com/' + 'abcdefghij' * 9998,
                           'events': [], 'isActive': True,
                           'createdAt': '2026-12-06T10:00:00Z',
                           'updatedAt': '2026-12-06T10:00:00Z'}
                server.webhooks.append(webhook)
                self.answer(201, {'webhook': webhook, 'secret': server.SECRET})
                server.created_at = time.monotonic()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = 'http://127.0.0.1:%d' % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


def send_test(s, app, receiver):
    before = len(receiver.deliveries)
    click(wait_for('the Send Test Event button', lambda: button(app, 'Send Test Event')))
    result = wait_for('"Delivered — HTTP 200"', lambda: anything_containing(app, 'Delivered — HTTP 200'))
    s.shot('test-sent')
    ok(result is not None, 'the details say "Delivered — HTTP 200"')
    wait_for('a delivery at the receiver', lambda: len(receiver.deliveries) > before, 5)
    return receiver.deliveries[-1]


def scenario_real(s, receiver):
    emulator, base_url, key = start_emulator(s.args.cli)
    require(base_url is not None and key is not None, 'converc emulator started')
    proc = app = None
    secret = None
    try:
        # Every debug message on, settings written to a file: afterwards
        # neither the key nor the secret may be found outside the keyring.
        proc, app = s.start_app(['--base-url=' + base_url],
                                env={'G_MESSAGES_DEBUG': 'all', 'GSETTINGS_BACKEND': 'keyfile'})

        key_row = wait_for('the API key field', lambda: editable(app, 'API Key'))
        s.shot('sign-in')

        # A wrong key first: an inline error, nothing stored.
        type_into(key_row, 'wrong-key')
        click(wait_for('Sign In', lambda: button(app, 'Sign In')))
        wait_for('the wrong-key message', lambda: anything_containing(app, 'refused the API key'))
        s.shot('sign-in-wrong-key')
        ok('wrong-key' not in keyring_items('com.converc.Webhooks.ApiKey'), 'a refused key is not stored')

        type_into(key_row, key)
        click(button(app, 'Sign In'))
        wait_for('the endpoints list', lambda: find(
            app, lambda n: 'Signed in' in name_of(n) or 'Signed in' in text_of(n)))
        s.shot('signed-in')
        stored = keyring_items('com.converc.Webhooks.ApiKey')
        ok(key in stored, 'the API key is in the keyring (secret-tool search)')

        secret = add_endpoint(s, app, receiver.url)
        s.shot('secret-shown')
        ok(len(secret) >= 16, 'the signing secret is shown')
        ok(anything_containing(app, 'Saved in the Keyring') is not None,
           'the secret dialog says it is saved in the keyring')
        ok(secret in keyring_items('com.converc.Webhooks.SigningSecret'),
           'the signing secret is in the keyring (secret-tool search)')
        click(wait_for('Done', lambda: button(app, 'Done')))

        headers, body = send_test(s, app, receiver)
        signature = headers.get('X-IC-Signature') or headers.get('X-Ic-Signature', '')
        ok(signature.startswith('t='), 'the delivery carries X-IC-Signature')
        ok(verify_signature(secret, signature, body),
           'X-IC-Signature verifies with the secret that was shown')

        # Disable, with confirmation.
        click(wait_for('Disable…', lambda: button(app, 'Disable…')))
        confirm = wait_for('the confirmation dialog', lambda: find(
            app, lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON and label_is(name_of(n), 'Disable')))
        s.shot('disable-confirm')
        click(confirm)
        wait_for('the Disabled mark', lambda: anything_containing(app, 'Endpoint disabled'))
        s.shot('disabled')
        listing = subprocess.run([s.args.cli, '--base-url', base_url, '--json', 'webhooks', 'list'],
                                 capture_output=True, text=True,
                                 env=dict(os.environ, CONVERC_API_KEY=key)).stdout
        try:
            hooks = json.loads(listing)
            hooks = hooks.get('webhooks', hooks) if isinstance(hooks, dict) else hooks
            mine = [h for h in hooks if h.get('url') == receiver.url]
            ok(mine and mine[0].get('isActive') is False, 'the server lists the endpoint as disabled')
        except (ValueError, AttributeError) as e:
            ok(False, 'the server lists the endpoint as disabled (%s)' % e)

        # The server goes away: the list stays, a toast says what to do.
        emulator.terminate()
        emulator.wait(timeout=10)
        click(button(app, 'Refresh'))
        wait_for('the offline message', lambda: anything_containing(app, 'Could not refresh'))
        s.shot('server-down')
        ok(anything_containing(app, receiver.url) is not None,
           'the list keeps its contents when the server is down')
        with open('/proc/%d/cmdline' % proc.pid, 'rb') as f:
            ok(key.encode() not in f.read(), 'the API key is not in the command line')
    finally:
        cwtest.stop_all(s, proc, app, emulator)

    check_no_leaks(s, key, secret)


def check_no_leaks(s, key, secret):
    """The key and the secret are in no log and no file of the home folder
    (GSettings keyfile, caches, state): only in the keyring, encrypted."""
    log = os.path.join(s.args.shots, 'app-base-url.log')
    with open(log, 'rb') as f:
        text = f.read()
    ok(b'DEBUG' in text, 'the app ran with debug messages on')
    ok(key.encode() not in text, 'the API key is in no log message')
    ok(secret is None or secret.encode() not in text, 'the signing secret is in no log message')
    home = os.environ.get('HOME', '')
    found = []
    n_files = 0
    for top in {home, os.environ.get('XDG_CONFIG_HOME', home), os.environ.get('XDG_DATA_HOME', home),
                os.environ.get('XDG_CACHE_HOME', home), os.environ.get('XDG_RUNTIME_DIR', home)}:
        for dirpath, _, files in os.walk(top):
            for name in files:
                path = os.path.join(dirpath, name)
                try:
                    with open(path, 'rb') as f:
                        data = f.read(16 * 1024 * 1024)
                except OSError:
                    continue
                n_files += 1
                if key.encode() in data or (secret and secret.encode() in data):
                    found.append(path)
    diag('scanned %d files under the home and XDG folders' % n_files)
    ok(n_files > 0 and not found, 'no file outside the keyring holds the key or the secret %s'
       % (found or ''))


def scenario_demo(s, receiver):
    api_keys = keyring_items('com.converc.Webhooks.ApiKey')
    secrets = keyring_items('com.converc.Webhooks.SigningSecret')
    proc = app = None
    try:
        proc, app = s.start_app(['--demo'])
        wait_for('the demo badge', lambda: find(app, lambda n: name_of(n) == 'Demo' or
                                                text_of(n) == 'Demo'))
        wait_for('the seeded endpoints', lambda: anything_containing(app, 'demo-receiver'))
        s.shot('demo-start')

        secret = add_endpoint(s, app, receiver.url)
        ok(anything_containing(app, 'Kept for This Run Only') is not None,
           'the demo secret dialog says the secret is kept only for this run')
        s.shot('demo-secret')
        click(wait_for('Done', lambda: button(app, 'Done')))

        headers, body = send_test(s, app, receiver)
        ok(verify_signature(secret, headers.get('X-IC-Signature', ''), body),
           'demo delivery verifies with the shown secret')
    finally:
        if proc is not None:
            s.stop_app(proc, app)

    ok(keyring_items('com.converc.Webhooks.ApiKey') == api_keys, 'demo wrote no API key to the keyring')
    ok(keyring_items('com.converc.Webhooks.SigningSecret') == secrets,
       'demo wrote no signing secret to the keyring')


def choose_in_dropdown(app, dropdown_name, item):
    """Opens a GtkDropDown and picks @item with the keyboard, as a user
    would: AT-SPI has no action that activates a drop-down's row."""
    click(wait_for('the %s drop-down' % dropdown_name, lambda: find(
        app, lambda n: name_of(n) == dropdown_name and role_of(n) == Atspi.Role.COMBO_BOX)))
    popover_list = wait_for('the open drop-down list', lambda: find(
        app, lambda n: role_of(n) == Atspi.Role.LIST and name_of(n) == 'GtkListView' and
        find(n, lambda m: name_of(m) == item) is not None))
    index = None
    for i in range(popover_list.get_child_count()):
        if find(popover_list.get_child_at_index(i), lambda m: name_of(m) == item):
            index = i
    require(index is not None, 'the drop-down offers %s' % item)
    press('Home')
    for _ in range(index):
        press('Down')
    press('Return')


def pick_event(cli, base_url, key):
    """A call.ended event of the seeded data with a contact name and email."""
    out = subprocess.run([cli, '--base-url', base_url, '--json', 'events', '--type', 'call.ended',
                          '--count', '50'], capture_output=True, text=True,
                         env=dict(os.environ, CONVERC_API_KEY=key)).stdout
    for event in json.loads(out):
        contact = ((event.get('data') or {}).get('contact') or {})
        if contact.get('email') and contact.get('name') and contact['name'].isascii():
            return event, contact
    return None, None


def a11y_bus_address():
    r = subprocess.run(['dbus-send', '--session', '--dest=org.a11y.Bus', '--print-reply=literal',
                        '/org/a11y/bus', 'org.a11y.Bus.GetAddress'],
                       capture_output=True, text=True)
    return r.stdout.strip()


def scenario_no_keyring(s, receiver):
    emulator, base_url, key = start_emulator(s.args.cli)
    require(base_url is not None and key is not None, 'converc emulator started')
    address = a11y_bus_address()
    require(address != '', 'the accessibility bus has an address')
    proc = app = None
    try:
        # A session bus of its own that cannot start a Secret Service (no
        # service directories); the app still joins our accessibility bus.
        config = os.path.join(s.args.shots, 'bus-without-services.conf')
        with open(config, 'w') as f:
            f.write('<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>'
                    '<auth>EXTERNAL</auth><policy context="default">'
                    '<allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/>'
                    '<allow own="*"/></policy></busconfig>')
        proc, app = s.start_app(['--base-url=' + base_url],
                                wrapper=['dbus-run-session', '--config-file=' + config, '--'],
                                env={'AT_SPI_BUS_ADDRESS': address})
        notice = wait_for('the no-keyring notice', lambda: anything_containing(app, 'for this run only'))
        s.shot('no-keyring-sign-in')
        ok(notice is not None, 'the sign-in page says the key is kept for this run only')

        type_into(wait_for('the API key field', lambda: editable(app, 'API Key')), key)
        click(button(app, 'Sign In'))
        wait_for('the endpoints page', lambda: button(app, 'Add Endpoint') and is_enabled(button(app, 'Add Endpoint')))
        ok(True, 'signed in and working without a keyring')

        secret = add_endpoint(s, app, receiver.url)
        ok(len(secret) >= 16, 'the secret is shown although the keyring is missing')
        ok(anything_containing(app, 'Not Saved in the Keyring') is not None,
           'the secret dialog says it was not saved in the keyring')
        done = wait_for('Done', lambda: button(app, 'Done'))
        ok(not is_enabled(done), 'Done is disabled until the copy is acknowledged')
        s.shot('no-keyring-secret')
        ack = wait_for('the acknowledgement', lambda: find(
            app, lambda n: role_of(n) == Atspi.Role.CHECK_BOX and 'copied' in name_of(n)))
        # GTK 4.8 gives a check button no AT-SPI action (and GrabFocus does
        # not answer): Tab to it and press Space, as a keyboard user would.
        for _ in range(12):
            if has_state(ack, Atspi.StateType.FOCUSED):
                break
            press('Tab')
        require(has_state(ack, Atspi.StateType.FOCUSED), 'Tab reaches the acknowledgement')
        press('space')
        wait_for('Done enabled', lambda: is_enabled(button(app, 'Done')))
        click(button(app, 'Done'))
        ok(wait_for('the dialog closed', lambda: button(app, 'Copy Secret') is None or True),
           'the dialog closes once the copy is acknowledged')

        headers, body = send_test(s, app, receiver)
        ok(verify_signature(secret, headers.get('X-IC-Signature', ''), body),
           'a test delivery verifies with the shown secret (no keyring needed)')
    finally:
        cwtest.stop_all(s, proc, app, emulator)


def scenario_events(s, receiver):
    emulator, base_url, key = start_emulator(s.args.cli, ['--seed'])
    require(base_url is not None and key is not None, 'converc emulator --seed started')
    proc = app = None
    try:
        event, contact = pick_event(s.args.cli, base_url, key)
        require(event is not None, 'the seeded data has a call.ended event with a contact')
        email, name = contact['email'], contact['name']
        # The email may be shared with other contacts: count what should match.
        out = subprocess.run([s.args.cli, '--base-url', base_url, '--json', 'events', '--type',
                              'call.ended', '--count', '50'], capture_output=True, text=True,
                             env=dict(os.environ, CONVERC_API_KEY=key)).stdout
        expected = [e for e in json.loads(out) if email.lower() in json.dumps(e).lower()]

        proc, app = s.start_app(['--base-url=' + base_url])
        key_row = wait_for('the API key field', lambda: editable(app, 'API Key'))
        type_into(key_row, key)
        click(button(app, 'Sign In'))
        tab = wait_for('the Events tab', lambda: find(
            app, lambda n: role_of(n) == Atspi.Role.PAGE_TAB and name_of(n) == 'Events'))
        click(tab)
        wait_for('the event list', lambda: find(app, lambda n: 'events' in text_of(n) and
                                                 'updated' in text_of(n)))
        s.shot('events')

        choose_in_dropdown(app, 'Event type', 'call.ended')
        wait_for('only call.ended rows', lambda: find(
            app, lambda n: name_of(n) == 'Event type' and
            find(n, lambda m: text_of(m) == 'call.ended' or name_of(m) == 'call.ended')))
        s.shot('events-call-ended')

        search = wait_for('the search field', lambda: editable(app, 'Search events'))
        type_into(search, email)
        status = wait_for('the filtered count', lambda: find(
            app, lambda n: role_of(n) == Atspi.Role.LABEL and
            re.match(r'^%d of \d+ events' % len(expected), text_of(n))))
        ok(status is not None, 'searching %s leaves %d event(s)' % (email, len(expected)))
        s.shot('events-search')

        table = wait_for('the event table', lambda: find(
            app, lambda n: name_of(n) == 'GtkColumnListView' and
            find(n, lambda m: name_of(m) == email or name in name_of(m)) is not None))
        require('Selection' in interfaces(table), 'the event list supports selection')
        table.select_child(0)
        detail = wait_for('the contact in the detail view', lambda: find(
            app, lambda n: role_of(n) == Atspi.Role.LABEL and text_of(n) == name and
            not find_ancestor(n, 'GtkColumnListView')))
        s.shot('event-detail')
        ok(detail is not None, 'the detail summary shows the contact name %s' % name)
        ok(anything_containing(app, event['id']) is not None, 'the detail shows the event id')
    finally:
        cwtest.stop_all(s, proc, app, emulator)


def find_ancestor(node, name):
    parent = node.get_parent()
    while parent is not None:
        if name_of(parent) == name:
            return parent
        parent = parent.get_parent()
    return None


def scenario_killed_after_create(s, receiver):
    server = LongUrlServer()
    proc = app = None
    try:
        proc, app = s.start_app(['--base-url=' + server.url])
        key_row = wait_for('the API key field', lambda: editable(app, 'API Key'))
        type_into(key_row, 'any-key-for-this-server')
        click(wait_for('Sign In', lambda: button(app, 'Sign In')))
        wait_for('the endpoints list', lambda: find(
            app, lambda n: 'Signed in' in name_of(n) or 'Signed in' in text_of(n)))

        click(wait_for('the Add Endpoint button', lambda: button(app, 'Add Endpoint')))
        url_row = wait_for('the URL entry of the Add Endpoint dialog', lambda: editable(app, 'URL'))
        type_into(url_row, receiver.url)
        click(wait_for('the Create button', lambda: button(app, 'Create')))
        wait_for('the create answer sent', lambda: server.created_at is not None, TIMEOUT)
        # Right after the answer: no time for anything but what comes first.
        while time.monotonic() < server.created_at + 1.5:
            time.sleep(0.01)
        pid = s.app_pid(proc)
        os.kill(pid, 9)
        proc.wait(timeout=10)
        diag('app killed %.2f s after the create answer was sent' %
             (time.monotonic() - server.created_at))
        proc = None
        ok(server.SECRET in keyring_items('com.converc.Webhooks.SigningSecret'),
           'killed 1.5 s after a create answer with a 100,000-character URL, '
           'the signing secret is in the keyring')
        stored = secret_tool('lookup', 'webhook-id', server.WEBHOOK_ID).strip()
        ok(stored == server.SECRET, 'it is stored for that endpoint (secret-tool lookup webhook-id)')
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--app', required=True)
    parser.add_argument('--cli', required=True)
    parser.add_argument('--shots', required=True)
    parser.add_argument('--only', help='run one scenario: real, demo, no_keyring, events or killed_after_create')
    args = parser.parse_args()

    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        print('1..0 # SKIP no display: run under build-aux/headless.sh')
        return 0
    if os.environ.get('GTK_A11Y') == 'none':
        diag('GTK_A11Y=none is set: it is removed for the app')

    os.makedirs(args.shots, exist_ok=True)
    cwtest.hold_display()
    s = cwtest.Session(args)
    cwtest.ON_TIMEOUT = s.shot
    receiver = Receiver()
    try:
        for scenario in (scenario_real, scenario_demo, scenario_no_keyring, scenario_events,
                         scenario_killed_after_create):
            if args.only and scenario.__name__ != 'scenario_' + args.only:
                continue
            try:
                scenario(s, receiver)
            except Abort as e:
                ok(False, '%s aborted: %s' % (scenario.__name__, e))
    finally:
        receiver.stop()

    return cwtest.finish()


if __name__ == '__main__':
    sys.exit(main())
