#!/usr/bin/python3
# test-e2e-delivery.py
#
# Copyright 2026 Converc Webhooks contributors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The one concern of this file: the delivery tools end to end, driven
# through the accessibility tree (AT-SPI) the way a user would click them:
#
#   1. `converc emulator` and a receiver on loopback that verifies
#      X-IC-Signature with the endpoint's secret. Sign in, add an endpoint
#      pointing at the receiver (the secret is shown and is in the keyring),
#      select it, "Send a Signed Event from This Computer…": the exchange view
#      shows 200 and the receiver's body (it says the signature verified).
#   2. The receiver answers 401 with a body: the exchange view shows 401 and
#      that body.
#   3. "Check a Delivery…" (primary menu): a raw request signed with the
#      endpoint's secret whose body got a trailing newline afterwards; Check;
#      the diagnosis names the trailing newline.
#
# Needs a display, a session bus and an unlocked keyring: run it under
# build-aux/headless.sh. Prints TAP; screenshots go to --shots.

import argparse
import hashlib
import hmac
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cwtest  # noqa: E402
from cwtest import (Abort, Atspi, Receiver, add_endpoint, button, click, diag, find,  # noqa: E402
                    keyring_items, name_of, ok, require, role_of, sign_in, start_emulator,
                    text_of, verify_signature, wait_for)

FAILURE_BODY = 'NullPointerException in WebhookController'


class VerifyingReceiver(Receiver):
    """Answers 200 with a JSON body when X-IC-Signature verifies with
    @secret, 401 with a text body when it does not or when told to fail."""

    def __init__(self):
        self.secret = None
        self.fail = False
        super().__init__(self.answer)

    def answer(self, headers, body):
        signature = headers.get('X-IC-Signature') or headers.get('X-Ic-Signature') or ''
        try:
            verified = self.secret is not None and verify_signature(self.secret, signature, body)
        except (KeyError, ValueError):
            verified = False
        if verified and not self.fail:
            return 200, 'application/json', json.dumps({'verified': True,
                                                        'receiver': 'e2e-delivery'}).encode()
        reason = FAILURE_BODY if self.fail else 'signature mismatch'
        return 401, 'text/plain; charset=utf-8', reason.encode()


def text_containing(root, text):
    """A node whose text (a label's or a text view's) holds @text."""
    return find(root, lambda n: text in text_of(n))


def scroll_to_body(window):
    """Focuses the response body, which scrolls it into view for the
    screenshot (the window is shorter than the whole exchange)."""
    body = find(window, lambda n: name_of(n) == 'Response body' and 'Text' in cwtest.interfaces(n))
    try:
        body.grab_focus()
    except Exception:
        pass


def window_titled(app, title):
    return find(app, lambda n: role_of(n) == Atspi.Role.FRAME and name_of(n) == title)


def send_from_computer(s, app):
    """Opens the delivery window of the selected endpoint, from the details'
    More menu."""
    click(wait_for('the More Endpoint Actions menu', lambda: find(
        app, lambda n: name_of(n) == 'More Endpoint Actions' and
        role_of(n) in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON))))
    s.shot('more-menu')
    click(wait_for('Send a Signed Event from This Computer…',
                   lambda: find(app, lambda n: role_of(n) in (Atspi.Role.PUSH_BUTTON,
                                                               Atspi.Role.MENU_ITEM)
                                and name_of(n).replace('_', '').startswith(
                                    'Send a Signed Event from This Computer'))))
    return wait_for('the delivery window', lambda: window_titled(app, 'Send a Signed Event'))


def raw_request(secret, body):
    """A delivery as a receiver may log it: signed over @body, then a
    trailing newline added to the body."""
    t = str(int(time.time()))
    v1 = hmac.new(secret.encode(), t.encode() + b'.' + body, hashlib.sha256).hexdigest()
    changed = body + b'\n'
    return ('POST /hook HTTP/1.1\r\n'
            'Host: 127.0.0.1\r\n'
            'Content-Type: application/json\r\n'
            'X-IC-Event: webhook.test\r\n'
            'X-IC-Signature: t=%s,v1=%s\r\n'
            'Content-Length: %d\r\n'
            '\r\n' % (t, v1, len(changed))) + changed.decode()


def paste_into(node, text):
    """Puts @text into a text view: through AT-SPI's EditableText where the
    toolkit offers it, else by focusing it and typing, as a user would."""
    try:
        if 'EditableText' in cwtest.interfaces(node) and node.set_text_contents(text):
            return
    except Exception:
        pass
    node.grab_focus()
    time.sleep(0.3)
    subprocess.run(['xdotool', 'type', '--delay', '5', text.replace('\r\n', '\n')], check=True)


def scenario_delivery(s, receiver):
    emulator, base_url, key = start_emulator(s.args.cli)
    require(base_url is not None and key is not None, 'converc emulator started')
    proc = app = None
    try:
        proc, app = s.start_app(['--base-url=' + base_url])
        sign_in(app, key)
        s.shot('signed-in')

        secret = add_endpoint(s, app, receiver.url)
        ok(secret in keyring_items('com.converc.Webhooks.SigningSecret'),
           'the shown secret is in the keyring')
        receiver.secret = secret
        click(wait_for('Done', lambda: button(app, 'Done')))

        # The new endpoint is selected: its details offer the local send.
        window = send_from_computer(s, app)
        s.shot('delivery-window')
        click(wait_for('Send', lambda: button(window, 'Send')))
        status = wait_for('the exchange status 200', lambda: find(
            window, lambda n: role_of(n) == Atspi.Role.LABEL and text_of(n).startswith('200')))
        scroll_to_body(window)
        s.shot('exchange-success')
        ok(status is not None, 'the exchange view shows status 200')
        require(len(receiver.deliveries) >= 1, 'the receiver got the delivery')
        headers, body = receiver.deliveries[-1]
        ok(verify_signature(secret, headers.get('X-IC-Signature') or headers.get('X-Ic-Signature', ''),
                            body), 'the delivery from this computer verifies with the secret')
        ok(wait_for('the receiver body', lambda: text_containing(window, '"verified"'), 5) is not None,
           'the exchange view shows the receiver\'s body (read through AT-SPI)')
        ok(text_containing(window, 'X-IC-Signature') is not None,
           'the exchange view shows the request headers')
        ok(text_containing(window, secret) is None, 'the window never shows the secret')

        receiver.fail = True
        click(wait_for('Send', lambda: button(window, 'Send')))
        status = wait_for('the exchange status 401', lambda: find(
            window, lambda n: role_of(n) == Atspi.Role.LABEL and text_of(n).startswith('401')))
        wait_for('the failure body', lambda: text_containing(window, FAILURE_BODY), 5)
        scroll_to_body(window)
        s.shot('exchange-failure')
        ok(status is not None, 'a receiver answering 401: the exchange view shows 401')
        ok(text_containing(window, FAILURE_BODY) is not None,
           'and the body of its answer ("%s")' % FAILURE_BODY)
        receiver.fail = False
        close = button(window, 'Close')
        if close is not None:
            click(close)

        # The delivery doctor, from the primary menu.
        main = wait_for('the main window', lambda: window_titled(app, 'Converc Webhooks'))
        click(wait_for('Main Menu', lambda: find(main, lambda n: name_of(n) == 'Main Menu')))
        click(wait_for('Check a Delivery…', lambda: find(
            app, lambda n: role_of(n) in (Atspi.Role.MENU_ITEM, Atspi.Role.PUSH_BUTTON)
            and name_of(n).replace('_', '').startswith('Check a Delivery'))))
        doctor = wait_for('the Check a Delivery window', lambda: window_titled(app, 'Check a Delivery'))
        request_view = wait_for('the raw request field', lambda: find(
            doctor, lambda n: name_of(n) == 'Raw HTTP request' and 'Text' in cwtest.interfaces(n)))
        event_body = json.dumps({'type': 'webhook.test', 'id': 'evt_e2e_doctor',
                                 'data': {'message': 'hello'}}, separators=(',', ':')).encode()
        paste_into(request_view, raw_request(secret, event_body))
        wait_for('the pasted request', lambda: 'X-IC-Signature' in text_of(request_view), 5)
        s.shot('doctor-pasted')
        click(wait_for('Check', lambda: button(doctor, 'Check')))
        diagnosis = wait_for('the diagnosis', lambda: find(
            doctor, lambda n: role_of(n) == Atspi.Role.LABEL and
            'trailing newline' in text_of(n)))
        s.shot('doctor-diagnosis')
        ok(diagnosis is not None, 'the delivery doctor says a trailing newline was added')
        diag('diagnosis: ' + text_of(diagnosis))
        ok(text_containing(doctor, secret) is None, 'the doctor never shows the secret')
    finally:
        cwtest.stop_all(s, proc, app, emulator)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--app', required=True)
    parser.add_argument('--cli', required=True)
    parser.add_argument('--shots', required=True)
    args = parser.parse_args()

    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        print('1..0 # SKIP no display: run under build-aux/headless.sh')
        return 0

    args.shots = os.path.join(args.shots, 'delivery')
    os.makedirs(args.shots, exist_ok=True)
    cwtest.hold_display()
    s = cwtest.Session(args)
    cwtest.ON_TIMEOUT = s.shot
    receiver = VerifyingReceiver()
    try:
        scenario_delivery(s, receiver)
    except Abort as e:
        ok(False, 'scenario_delivery aborted: %s' % e)
    finally:
        receiver.stop()
    return cwtest.finish()


if __name__ == '__main__':
    sys.exit(main())
