#!/usr/bin/python3
# cwtest.py
#
# Copyright 2026 Converc Webhooks contributors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The one concern of this file: what the AT-SPI end-to-end tests share --
# TAP output, finding and driving the app's accessible tree, starting the
# app, the emulator and a loopback webhook receiver, the keyring and
# signature checks. test-e2e-endpoints.py, test-e2e-delivery.py and
# test-a11y.py import it; it runs nothing itself.

import ctypes
import hashlib
import hmac
import http.server
import os
import re
import subprocess
import sys
import threading
import time

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError) as e:
    print('1..0 # SKIP python3-gi with Atspi is not available: %s' % e)
    sys.exit(0)


TIMEOUT = 20
ON_TIMEOUT = None  # called with a name before a wait gives up (screenshot)

# ---------------------------------------------------------------- TAP

_n = 0
_failed = 0


def ok(cond, what):
    global _n, _failed
    _n += 1
    if cond:
        print('ok %d - %s' % (_n, what), flush=True)
    else:
        _failed += 1
        print('not ok %d - %s' % (_n, what), flush=True)
    return cond


def diag(text):
    for line in str(text).splitlines():
        print('# ' + line, flush=True)


class Abort(Exception):
    pass


def require(cond, what):
    if not ok(cond, what):
        raise Abort(what)



def finish():
    """Prints the TAP plan; the exit status of the run."""
    print('1..%d' % _n)
    return 1 if _failed else 0


# ---------------------------------------------------------------- receiver

class Receiver:
    """A webhook receiver on loopback that records every delivery. With
    @respond, a function of (headers, body) giving (status, content type,
    answer bytes), it answers what that says; else 200 {"ok":true}."""

    def __init__(self, respond=None):
        self.deliveries = []
        self.respond = respond or (lambda headers, body: (200, 'application/json', b'{"ok":true}'))
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get('Content-Length') or 0)
                body = self.rfile.read(length)
                headers = dict(self.headers.items())
                receiver.deliveries.append((headers, body))
                status, content_type, answer = receiver.respond(headers, body)
                self.send_response(status)
                self.send_header('Content-Type', content_type)
                self.send_header('Content-Length', str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = 'http://127.0.0.1:%d/hook' % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


def verify_signature(secret, header, body):
    fields = dict(part.split('=', 1) for part in header.split(',') if '=' in part)
    expected = hmac.new(secret.encode(), fields['t'].encode() + b'.' + body,
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields.get('v1', ''))


# ---------------------------------------------------------------- AT-SPI

def walk(node):
    stack = [node]
    while stack:
        n = stack.pop()
        if n is None:
            continue
        yield n
        try:
            count = n.get_child_count()
        except Exception:
            continue
        for i in range(count - 1, -1, -1):
            try:
                stack.append(n.get_child_at_index(i))
            except Exception:
                pass


def name_of(node):
    try:
        return node.get_name() or ''
    except Exception:
        return ''


def role_of(node):
    try:
        return node.get_role()
    except Exception:
        return None


def text_of(node):
    try:
        return node.get_text(0, node.get_character_count())
    except Exception:
        return ''


def interfaces(node):
    try:
        return node.get_interfaces()
    except Exception:
        return []


def label_is(name, text):
    """GTK 4.8 names a button with a mnemonic label "_Label Label"."""
    plain = name.replace('_', '')
    return plain == text or plain == text + ' ' + text


def wait_for(what, fn, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            result = fn()
        except Exception:
            result = None
        if result:
            return result
        time.sleep(0.25)
    if ON_TIMEOUT is not None:
        ON_TIMEOUT('timeout')
    raise Abort('timed out waiting for ' + what)


def find_app(name, pid=None):
    """The application @name on the accessibility bus; with @pid, only the
    one of that process (an app of an earlier scenario may linger there
    while it quits)."""
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is None or name_of(app) != name:
            continue
        if pid is not None:
            try:
                if app.get_process_id() != pid:
                    continue
            except Exception:
                continue
        return app
    return None


def find(root, pred):
    for n in walk(root):
        try:
            if pred(n):
                return n
        except Exception:
            pass
    return None


def button(root, text):
    return find(root, lambda n: role_of(n) in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON)
                and label_is(name_of(n), text))


def editable(root, text):
    return find(root, lambda n: name_of(n) == text and 'EditableText' in interfaces(n))


def anything_containing(root, text):
    return find(root, lambda n: text in name_of(n) or
                (role_of(n) == Atspi.Role.LABEL and text in text_of(n)))


def click(node):
    """Activates @node, or the first node inside it that has an action
    (a GtkMenuButton's accessible wraps its inner button)."""
    for n in walk(node):
        try:
            if n.get_n_actions() > 0:
                n.do_action(0)
                return
        except Exception:
            continue
    raise Abort('nothing to click in ' + name_of(node))


def type_into(node, text):
    node.set_text_contents(text)


# ---------------------------------------------------------------- helpers

_x_keepalive = None


def hold_display():
    """Keeps one X connection open for the whole run. Xvfb as started by
    xvfb-run resets itself whenever its last client disconnects, and a
    program that connects during that reset is refused ("cannot open
    display"): the screenshots and the two app runs would race with it."""
    global _x_keepalive
    try:
        x11 = ctypes.CDLL('libX11.so.6')
    except OSError:
        return
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    for _ in range(40):
        _x_keepalive = x11.XOpenDisplay(None)
        if _x_keepalive:
            return
        time.sleep(0.25)


class Session:
    def __init__(self, args):
        self.args = args
        self.step = 0

    def shot(self, name):
        self.step += 1
        os.makedirs(self.args.shots, exist_ok=True)
        path = os.path.join(self.args.shots, '%02d-%s.png' % (self.step, name))
        time.sleep(0.6)  # let animations settle
        subprocess.run(['import', '-window', 'root', path], check=False)
        diag('screenshot: ' + path)

    def start_app(self, extra, wrapper=(), env=None):
        extra_env = env or {}
        env = dict(os.environ)
        env.update(extra_env)
        env.pop('GTK_A11Y', None)
        env.setdefault('GSETTINGS_BACKEND', 'memory')
        log = open(os.path.join(self.args.shots, 'app-%s.log' % extra[0].strip('-').split('=')[0]), 'w')
        for attempt in range(2):
            proc = subprocess.Popen(list(wrapper) + [self.args.app] + extra, env=env,
                                    stdout=log, stderr=log)
            app = wait_for('the app on the accessibility bus',
                           lambda: find_app('converc-webhooks', self.app_pid(proc)) or
                           proc.poll() is not None)
            if proc.poll() is None:
                break
            diag('the app exited at start (status %s); trying again' % proc.returncode)
        app = wait_for('the app on the accessibility bus',
                       lambda: find_app('converc-webhooks', self.app_pid(proc)))
        return proc, app

    @staticmethod
    def app_pid(proc):
        """The app's own process: @proc itself, or the child of a wrapper
        such as dbus-run-session."""
        try:
            with open('/proc/%d/task/%d/children' % (proc.pid, proc.pid)) as f:
                children = [int(c) for c in f.read().split()]
        except OSError:
            children = []
        for child in children:
            try:
                with open('/proc/%d/cmdline' % child, 'rb') as f:
                    if b'converc-webhooks' in f.read():
                        return child
            except OSError:
                pass
        return proc.pid

    def stop_app(self, proc, app):
        # Quit the way a user would: the primary menu is not needed, the
        # window's own close action runs the normal shutdown.
        closed = False
        frame = find(app, lambda n: role_of(n) == Atspi.Role.FRAME) if app else None
        if frame is not None:
            close = button(frame, 'Close')
            if close is not None:
                try:
                    click(close)
                    closed = True
                except Exception:
                    pass
        try:
            proc.wait(timeout=10 if closed else 0.1)
        except subprocess.TimeoutExpired:
            proc.terminate()
            proc.wait(timeout=10)
        return proc.returncode


def stop_all(s, proc, app, emulator):
    """Quits the app of Session @s (if it was started) and the emulator."""
    if proc is not None:
        s.stop_app(proc, app)
    if emulator.poll() is None:
        emulator.terminate()
        emulator.wait(timeout=10)


def secret_tool(*args):
    r = subprocess.run(['secret-tool'] + list(args), capture_output=True, text=True)
    return r.stdout + r.stderr


def keyring_items(schema):
    out = secret_tool('search', '--all', '--unlock', 'xdg:schema', schema)
    return re.findall(r'^secret = (.*)$', out, re.M)


def start_emulator(cli, extra=()):
    proc = subprocess.Popen([cli, 'emulator'] + list(extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    url = key = None
    deadline = time.time() + TIMEOUT
    while time.time() < deadline and (url is None or key is None):
        line = proc.stdout.readline()
        if not line:
            break
        m = re.search(r'listening on (http://\S+)', line)
        if m:
            url = m.group(1)
        m = re.search(r'API key: (\S+)', line)
        if m:
            key = m.group(1)
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    return proc, url, key


# ---------------------------------------------------------------- scenarios

def add_endpoint(s, app, receiver_url):
    click(wait_for('the Add Endpoint button', lambda: button(app, 'Add Endpoint')))
    # On a heavily loaded machine a click sent while the window still settles
    # can be lost (seen once with three builds running): click once more if
    # no dialog came, as a user would.
    deadline = time.time() + 8
    while time.time() < deadline and not editable(app, 'URL'):
        time.sleep(0.25)
    if not editable(app, 'URL'):
        print('# no Add Endpoint dialog after 8 s: clicking again')
        click(wait_for('the Add Endpoint button', lambda: button(app, 'Add Endpoint')))
    url_row = wait_for('the URL entry of the Add Endpoint dialog', lambda: editable(app, 'URL'))
    create = wait_for('the Create button', lambda: button(app, 'Create'))
    type_into(url_row, 'ftp://nope')
    time.sleep(0.3)
    ok(anything_containing(app, 'http') is not None, 'a bad URL shows an error under the field')
    type_into(url_row, receiver_url)
    s.shot('add-endpoint')
    click(create)
    copy = wait_for('the secret dialog', lambda: button(app, 'Copy Secret'))
    # The secret is the label beside "Copy Secret" on the same card.
    card = copy.get_parent()
    secret_label = find(card, lambda n: role_of(n) == Atspi.Role.LABEL and
                        text_of(n) and ' ' not in text_of(n) and text_of(n) != 'Copy Secret')
    require(secret_label is not None, 'the secret dialog shows the secret')
    return text_of(secret_label)



KEYS = {'Down': 0xff54, 'Up': 0xff52, 'Return': 0xff0d, 'Home': 0xff50, 'space': 0x20,
        'Tab': 0xff09}


def has_state(node, state):
    try:
        return node.get_state_set().contains(state)
    except Exception:
        return False


def press(name):
    Atspi.generate_keyboard_event(KEYS[name], None,
                                  Atspi.KeySynthType.PRESSRELEASE | Atspi.KeySynthType.SYM)
    time.sleep(0.15)


def is_enabled(node):
    return has_state(node, Atspi.StateType.SENSITIVE)


def sign_in(app, key):
    """Types @key into the sign-in page and waits for the endpoints list."""
    type_into(wait_for('the API key field', lambda: editable(app, 'API Key')), key)
    click(wait_for('Sign In', lambda: button(app, 'Sign In')))
    wait_for('the endpoints list', lambda: find(
        app, lambda n: 'Signed in' in name_of(n) or 'Signed in' in text_of(n)))
