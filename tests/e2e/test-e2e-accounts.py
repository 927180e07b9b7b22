#!/usr/bin/python3
# test-e2e-accounts.py
#
# Copyright 2026 Converc Webhooks contributors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The one concern of this file: two organisations side by side, end to end
# through the accessibility tree:
#
#   Two independent Converc servers on loopback, each with its own API key
#   and its own endpoints, each logging every request it gets. The first
#   organisation is added through the first-run sign-in, the second through
#   the badge's switcher → Add Organisation… (a wrong key first: refused,
#   nothing stored). Each one's endpoints show under its own badge. An
#   endpoint is disabled in the second; the first server saw no request
#   that changed anything and its endpoints are as they were. Manage
#   Organisations… lists both; removing one asks a confirmation that names
#   it (cancelled here). Before that, the first goes back into the window
#   and the second opens in a new one (the switcher's Open in New Window):
#   two windows, each under its own badge and title with only its own
#   server's endpoints; an endpoint disabled in the new window leaves the
#   first server untouched. Then the command line against both:
#   `converc --account NAME webhooks list` lists each server's endpoints.
#
# Needs a display, a session bus and an unlocked keyring: run it under
# build-aux/headless.sh. Prints TAP; screenshots go to --shots.

import argparse
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cwtest  # noqa: E402
from cwtest import (Abort, Atspi, anything_containing, button, click, diag, editable,  # noqa: E402
                    find, is_enabled, keyring_items, name_of, ok, require, role_of, text_of,
                    type_into, wait_for)


class OrgServer:
    """A Converc API server for one organisation: its own key, its own
    endpoints, and a log of every request (method, path, whether the key
    was right)."""

    def __init__(self, key, name, n_endpoints=3):
        self.key = key
        self.log = []
        self.webhooks = [{
            'id': 'wh_%s_%d' % (name, i),
            'url': 'https://%s.example/hook-%d' % (name, i),
            'events': ['call.ended'],
            'isActive': True,
            'createdAt': '2026-12-0%dT10:00:00Z' % (i + 1),
            'updatedAt': '2026-12-0%dT10:00:00Z' % (i + 1),
        } for i in range(n_endpoints)]
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self, status, value):
                body = json.dumps(value).encode()
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def authorised(self):
                good = self.headers.get('Authorization') == 'Bearer ' + server.key
                server.log.append((self.command, self.path, good))
                if not good:
                    self.answer(401, {'error': 'invalid API key'})
                return good

            def do_GET(self):
                if not self.authorised():
                    return
                if self.path.startswith('/integrations/webhooks'):
                    self.answer(200, {'webhooks': server.webhooks})
                elif self.path.startswith('/webhooks/events'):
                    self.answer(200, [])
                else:
                    self.answer(404, {'error': 'not found'})

            def do_DELETE(self):
                if not self.authorised():
                    return
                wid = self.path.rsplit('/', 1)[-1]
                for hook in server.webhooks:
                    if hook['id'] == wid:
                        hook['isActive'] = False
                        self.answer(200, {'ok': True, 'webhookId': wid, 'isActive': False})
                        return
                self.answer(404, {'error': 'not found'})

            def do_POST(self):
                if not self.authorised():
                    return
                self.answer(400, {'error': 'not in this test'})

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = 'http://127.0.0.1:%d' % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def changes(self):
        """The requests that could have changed something."""
        return [entry for entry in self.log if entry[0] != 'GET']

    def stop(self):
        self.server.shutdown()


def badge(app, label):
    return find(app, lambda n: name_of(n) == 'Organisation: ' + label)


def shows_url(app, url):
    return find(app, lambda n: url in name_of(n) or
                (role_of(n) == Atspi.Role.LABEL and url in text_of(n)))


def shows_url_on_screen(root, url):
    return find(root, lambda n: (url in name_of(n) or
                                 (role_of(n) == Atspi.Role.LABEL and url in text_of(n))) and
                cwtest.has_state(n, Atspi.StateType.SHOWING))


def cli(s, env, *args):
    r = subprocess.run([s.args.cli] + list(args), capture_output=True, text=True, env=env,
                       timeout=60)
    return r


def scenario_two_organisations(s):
    a = OrgServer('sk_test_acme_production_4f1c9a', 'production')
    b = OrgServer('sk_test_acme_staging_77e0b2', 'staging')
    config = tempfile.mkdtemp(prefix='e2e-accounts-config-')
    data = tempfile.mkdtemp(prefix='e2e-accounts-data-')
    # The accounts live in GSettings: a keyfile of this scenario's own, so
    # that the command line afterwards reads what the app wrote, and no
    # other scenario's accounts are found.
    env = dict(os.environ, GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=config,
               XDG_DATA_HOME=data)
    env.pop('CONVERC_API_KEY', None)
    env.pop('CONVERC_ACCOUNT', None)
    env.pop('CONVERC_BASE_URL', None)
    subprocess.run(['gsettings', 'set', 'com.converc.Webhooks', 'base-url', a.url], env=env,
                   check=True)
    proc = app = None
    try:
        proc, app = start_app(s, env)

        # 1. The first organisation through the first-run sign-in.
        type_into(wait_for('the API key field', lambda: editable(app, 'API Key')), a.key)
        click(wait_for('Sign In', lambda: button(app, 'Sign In')))
        first = wait_for("the first organisation's badge", lambda: badge(app, '127.0.0.1'))
        wait_for("the first server's endpoints", lambda: shows_url(app, a.webhooks[0]['url']))
        ok(all(shows_url(app, h['url']) for h in a.webhooks),
           "the first organisation's endpoints are listed under its badge")
        ok(not any(shows_url(app, h['url']) for h in b.webhooks),
           "none of the second server's endpoints are there")
        s.shot('accounts-first')

        # 2. The second through the switcher: Add Organisation…
        click(first)
        add_item = wait_for('Add Organisation… in the switcher',
                            lambda: button(app, 'Add Organisation…'))
        ok(button(app, 'Manage Organisations…') is not None,
           'the switcher offers Manage Organisations…')
        s.shot('accounts-switcher')
        click(add_item)
        name_row = wait_for('the Add Organisation dialog',
                            lambda: editable(app, 'Name (for example “Acme — Staging”)'))
        key_row = wait_for('its API Key field', lambda: find(
            app, lambda n: name_of(n) == 'API Key' and 'EditableText' in interfaces_of(n) and
            n is not None and find_dialog(app) is not None and is_inside(n, find_dialog(app))))
        click(wait_for('Advanced', lambda: find(find_dialog(app), lambda n: name_of(n) == 'Advanced'
                                               and n.get_n_actions() > 0)))
        url_row = wait_for('the Base URL field', lambda: editable(app, 'Base URL'))
        type_into(name_row, 'Acme — Staging')
        type_into(url_row, b.url)
        type_into(key_row, 'sk_test_wrong_key')
        keys_before = keyring_items('com.converc.Webhooks.ApiKey')
        click(wait_for('Add', lambda: button(find_dialog(app), 'Add')))
        wait_for('the refused-key message', lambda: anything_containing(app, 'refused this API key'))
        s.shot('accounts-add-wrong-key')
        ok(keyring_items('com.converc.Webhooks.ApiKey') == keys_before,
           'a refused key: nothing stored in the keyring')
        ok(len(b.log) == 1 and b.log[0][2] is False,
           'the second server was asked once, with the wrong key')

        type_into(key_row, b.key)
        s.shot('accounts-add')
        click(button(find_dialog(app), 'Add'))
        second = wait_for("the second organisation's badge", lambda: badge(app, 'Acme — Staging'))
        ok(b.key in keyring_items('com.converc.Webhooks.ApiKey'),
           "the second organisation's key is in the keyring")
        wait_for("the second server's endpoints", lambda: shows_url(app, b.webhooks[0]['url']))
        ok(all(shows_url(app, h['url']) for h in b.webhooks),
           "the second organisation's endpoints are listed under its badge")
        ok(not any(shows_url(app, h['url']) for h in a.webhooks),
           "none of the first server's endpoints are there")
        s.shot('accounts-second')

        # 3. Disable an endpoint in the second: the first sees nothing.
        a_before = json.dumps(a.webhooks)
        table = wait_for('the endpoint table', lambda: find(
            app, lambda n: 'Selection' in interfaces_of(n) and
            find(n, lambda m: b.webhooks[0]['url'] in name_of(m) or
                 b.webhooks[0]['url'] in text_of(m)) is not None))
        table.select_child(0)
        click(wait_for('Disable…', lambda: button(app, 'Disable…')))
        confirm = wait_for('the confirmation', lambda: find(
            app, lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON and
            cwtest.label_is(name_of(n), 'Disable')))
        ok(anything_containing(app, 'Acme — Staging') is not None,
           'the confirmation names the organisation')
        s.shot('accounts-disable-confirm')
        click(confirm)
        wait_for('the endpoint disabled', lambda: anything_containing(app, 'Endpoint disabled'))
        ok(any(entry[0] == 'DELETE' for entry in b.changes()),
           'the second server got the DELETE')
        ok(sum(1 for h in b.webhooks if not h['isActive']) == 1,
           'one endpoint of the second server is disabled')
        ok(a.changes() == [], 'the first server saw no request that changes anything (%d GETs)'
           % len(a.log))
        ok(json.dumps(a.webhooks) == a_before, "the first server's endpoints are as they were")

        # 4. The second in a new window, the first back in this one: two
        # windows, each under its own badge with only its own server's
        # endpoints. An endpoint disabled in the new window: the first
        # server saw nothing that changes anything.
        click(second)
        wait_for('the switcher', lambda: button(app, 'Add Organisation…'))
        row = None
        for _ in range(12):
            row = find(app, lambda n: role_of(n) == Atspi.Role.LIST_ITEM and
                       cwtest.has_state(n, Atspi.StateType.FOCUSED) and
                       anything_containing(n, a.url) is not None)
            if row is not None:
                break
            cwtest.press('Tab')
        require(row is not None, "Tab reaches the first organisation's row in the switcher")
        cwtest.press('Return')
        wait_for('the first organisation back in this window',
                 lambda: badge(app, '127.0.0.1'))
        wait_for("the first server's endpoints again",
                 lambda: shows_url(app, a.webhooks[0]['url']))
        click(badge(app, '127.0.0.1'))
        click(wait_for('Open “Acme — Staging” in New Window',
                       lambda: button(app, 'Open “Acme — Staging” in New Window')))
        windows = wait_for('two windows', lambda: two_windows(app))
        by_label = {}
        for frame, label in windows:
            by_label[label] = frame
        require(sorted(by_label) == ['127.0.0.1', 'Acme — Staging'],
                'two application windows, one per organisation (%s)' % sorted(by_label))
        old_win, new_win = by_label['127.0.0.1'], by_label['Acme — Staging']
        ok('127.0.0.1' in name_of(old_win) and 'Acme — Staging' in name_of(new_win),
           'each window\'s title names its organisation (%s | %s)'
           % (name_of(old_win), name_of(new_win)))
        wait_for("the second server's endpoints in the new window",
                 lambda: shows_url(new_win, b.webhooks[1]['url']))
        wait_for("the first server's endpoints in the first window",
                 lambda: all(shows_url(old_win, h['url']) for h in a.webhooks))
        # What is on screen: a widget the window keeps hidden (not SHOWING)
        # is noted, not counted.
        for h in b.webhooks:
            node = shows_url(old_win, h['url'])
            if node is not None:
                path, parent = [], node
                while parent is not None and parent != old_win:
                    path.append('%s:%s' % (role_of(parent).value_nick, name_of(parent)[:30]))
                    parent = parent.get_parent()
                diag('hidden in the first window: %s (showing=%s) in %s' % (
                    h['url'], cwtest.has_state(node, Atspi.StateType.SHOWING),
                    ' < '.join(path)))
        stray = [h['url'] for h in b.webhooks if shows_url_on_screen(old_win, h['url'])]
        ok(stray == [], 'the first window lists only the first server\'s endpoints (%s)'
           % stray)
        ok(all(shows_url(new_win, h['url']) for h in b.webhooks) and
           not any(shows_url(new_win, h['url']) for h in a.webhooks),
           'the new window lists only the second server\'s endpoints')
        s.shot('accounts-two-windows')

        a_changes, b_deletes = len(a.changes()), len(b.changes())
        a_before = json.dumps(a.webhooks)
        table = wait_for('the endpoint table of the new window', lambda: find(
            new_win, lambda n: 'Selection' in interfaces_of(n) and
            find(n, lambda m: b.webhooks[1]['url'] in name_of(m) or
                 b.webhooks[1]['url'] in text_of(m)) is not None))
        index = next((i for i in range(table.get_child_count())
                      if find(table.get_child_at_index(i), lambda m: b.webhooks[1]['url']
                              in name_of(m) or b.webhooks[1]['url'] in text_of(m))), None)
        require(index is not None, "the new window's table has the second endpoint's row")
        table.select_child(index)
        click(wait_for('Disable… in the new window', lambda: button(new_win, 'Disable…')))
        confirm = wait_for('the confirmation', lambda: find(
            app, lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON and
            cwtest.label_is(name_of(n), 'Disable')))
        ok(anything_containing(app, 'Disable Endpoint in Acme — Staging?') is not None,
           'the confirmation names the new window\'s organisation')
        s.shot('accounts-new-window-disable-confirm')
        click(confirm)
        wait_for('the second endpoint disabled', lambda: not b.webhooks[1]['isActive'])
        ok(len(b.changes()) == b_deletes + 1 and b.changes()[-1][0] == 'DELETE' and
           b.changes()[-1][1].endswith(b.webhooks[1]['id']),
           'the second server got the DELETE for that endpoint')
        time.sleep(1)
        ok(len(a.changes()) == a_changes == 0,
           'the first server saw no request that changes anything (%d GETs)' % len(a.log))
        ok(json.dumps(a.webhooks) == a_before, "the first server's endpoints are as they were")

        # 5. Manage Organisations…: both listed; removal names the one removed.
        second = badge(new_win, 'Acme — Staging')
        click(second)
        click(wait_for('Manage Organisations…', lambda: button(app, 'Manage Organisations…')))
        manage = wait_for('the Manage Organisations window', lambda: find(
            app, lambda n: role_of(n) in (Atspi.Role.FRAME, Atspi.Role.DIALOG, Atspi.Role.WINDOW)
            and name_of(n) == 'Manage Organisations'))
        ok(anything_containing(manage, '127.0.0.1') is not None and
           anything_containing(manage, 'Acme — Staging') is not None,
           'Manage Organisations lists both organisations')
        s.shot('accounts-manage')
        # GTK 4.8 gives a list row no AT-SPI action: Tab to the row and
        # press Space, as a keyboard user would.
        for _ in range(12):
            row = find(manage, lambda n: name_of(n).startswith('Acme — Staging') and
                       cwtest.has_state(n, Atspi.StateType.FOCUSED))
            if row is not None:
                break
            cwtest.press('Tab')
        if row is None:
            for n in cwtest.walk(manage):
                if name_of(n):
                    diag('%s %s' % (role_of(n), name_of(n)))
        require(row is not None, "Tab reaches the second organisation's row")
        cwtest.press('space')
        # Each row has its Remove…; the second organisation's comes last.
        removes = wait_for('Remove…', lambda: [
            n for n in cwtest.walk(manage) if role_of(n) == Atspi.Role.PUSH_BUTTON and
            cwtest.label_is(name_of(n), 'Remove…')])
        require(len(removes) == 2, 'each organisation has a Remove… button')
        click(removes[-1])
        heading = wait_for('the removal confirmation', lambda: anything_containing(
            app, 'Remove “Acme — Staging” from this computer?'))
        ok(heading is not None, 'the removal confirmation names the organisation')
        s.shot('accounts-remove-confirm')
        cancel = wait_for('Cancel', lambda: find(
            app, lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON and
            cwtest.label_is(name_of(n), 'Cancel') and
            find_ancestor_named(n, 'Remove “Acme — Staging”?')))
        click(cancel)
        time.sleep(0.5)
        ok(b.key in keyring_items('com.converc.Webhooks.ApiKey'),
           'cancelled: the key is still in the keyring')
    finally:
        if proc is not None:
            s.stop_app(proc, app)

    # 6. The command line against both, by name.
    try:
        r = cli(s, env, 'accounts', 'list')
        diag(r.stdout + r.stderr)
        ok(r.returncode == 0 and 'Acme — Staging' in r.stdout and '127.0.0.1' in r.stdout,
           'converc accounts list shows both organisations')
        for label, server in (('Acme — Staging', b), ('127.0.0.1', a)):
            r = cli(s, env, '--account', label, '--json', 'webhooks', 'list')
            try:
                hooks = json.loads(r.stdout)
                hooks = hooks.get('webhooks', hooks) if isinstance(hooks, dict) else hooks
            except ValueError:
                diag(r.stderr)
                hooks = []
            urls = sorted(h.get('url') for h in hooks)
            ok(urls == sorted(h['url'] for h in server.webhooks),
               'converc --account "%s" webhooks list lists that server\'s endpoints' % label)
            active = {h.get('id'): h.get('isActive') for h in hooks}
            ok(active == {h['id']: h['isActive'] for h in server.webhooks},
               'and their state as that server has it')
    finally:
        a.stop()
        b.stop()


def two_windows(app):
    """The app's windows that show an organisation's badge, with its label,
    when there are exactly two."""
    found = []
    for i in range(app.get_child_count()):
        frame = app.get_child_at_index(i)
        if role_of(frame) != Atspi.Role.FRAME:
            continue
        node = find(frame, lambda n: name_of(n).startswith('Organisation: '))
        if node is not None:
            found.append((frame, name_of(node)[len('Organisation: '):]))
    return found if len(found) == 2 else None


def start_app(s, env):
    """The app as a user starts it (no option: its server is the one in
    the settings), with @env."""
    env = dict(env)
    env.pop('GTK_A11Y', None)
    log = open(os.path.join(s.args.shots, 'app-accounts.log'), 'w')
    proc = subprocess.Popen([s.args.app], env=env, stdout=log, stderr=log)
    app = wait_for('the app on the accessibility bus',
                   lambda: cwtest.find_app('converc-webhooks', s.app_pid(proc)))
    return proc, app


def interfaces_of(node):
    return cwtest.interfaces(node)


def find_dialog(app):
    return find(app, lambda n: role_of(n) in (Atspi.Role.FRAME, Atspi.Role.DIALOG,
                                              Atspi.Role.WINDOW)
                and name_of(n) == 'Add Organisation')


def is_inside(node, ancestor):
    parent = node
    while parent is not None:
        if parent == ancestor:
            return True
        parent = parent.get_parent()
    return False


def find_ancestor_named(node, name):
    parent = node.get_parent()
    while parent is not None:
        if name in name_of(parent):
            return parent
        parent = parent.get_parent()
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--app', required=True)
    parser.add_argument('--cli', required=True)
    parser.add_argument('--shots', required=True)
    args = parser.parse_args()

    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        print('1..0 # SKIP no display: run under build-aux/headless.sh')
        return 0

    os.makedirs(args.shots, exist_ok=True)
    cwtest.hold_display()
    s = cwtest.Session(args)
    cwtest.ON_TIMEOUT = s.shot
    try:
        scenario_two_organisations(s)
    except Abort as e:
        ok(False, 'scenario_two_organisations aborted: %s' % e)

    return cwtest.finish()


if __name__ == '__main__':
    sys.exit(main())
