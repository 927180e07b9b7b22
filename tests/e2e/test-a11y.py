#!/usr/bin/python3
# test-a11y.py
#
# Copyright 2026 Converc Webhooks contributors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Accessibility of the whole application, through AT-SPI:
#
#   1. The walk: every page and dialog is opened (sign-in page, endpoints
#      page with details, events page with an event's detail, Add Endpoint,
#      the secret dialog, the disable confirmation, Preferences, Keyboard
#      Shortcuts, About) and its whole accessible tree is walked. Every
#      focusable control must have an accessible name and a specific role
#      (not UNKNOWN, INVALID, FILLER, PANEL, REDUNDANT_OBJECT or a focusable
#      plain SECTION), and the name must read as the control's label: no
#      mnemonic underscore ("_Done") and no phrase said twice ("Done Done").
#      Whatever is wrong is printed, one line per control.
#   2. Keyboard only: the main scenario (demo, add an endpoint, send a test
#      event, disable it) with key presses only (xdotool key: Tab, arrows,
#      Enter, Escape, shortcuts and mnemonics; no clicks). AT-SPI only reads.
#
# Needs a display, a session bus and an unlocked keyring (build-aux/headless.sh)
# and xdotool. Prints TAP; screenshots go to --shots.

import argparse
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cwtest as e2e  # noqa: E402

from gi.repository import Atspi  # noqa: E402  (loaded by the module above)

has_state = e2e.has_state
ok, diag, require, Abort = e2e.ok, e2e.diag, e2e.require, e2e.Abort
walk, find, name_of, role_of, text_of = e2e.walk, e2e.find, e2e.name_of, e2e.role_of, e2e.text_of
button, editable, click, wait_for = e2e.button, e2e.editable, e2e.click, e2e.wait_for
anything_containing = e2e.anything_containing

GENERIC_ROLES = {
    Atspi.Role.INVALID, Atspi.Role.UNKNOWN, Atspi.Role.FILLER, Atspi.Role.PANEL,
    Atspi.Role.REDUNDANT_OBJECT, Atspi.Role.SECTION,
}


def path_of(node):
    parts = []
    n = node
    for _ in range(40):
        if n is None:
            break
        role = role_of(n)
        parts.append('%s%s' % (role.value_nick if role else '?',
                               ('[%s]' % name_of(n)) if name_of(n) else ''))
        try:
            n = n.get_parent()
        except Exception:
            break
        if n is not None and role_of(n) == Atspi.Role.APPLICATION:
            break
    return ' < '.join(parts[:6])


TYPE_NAME = re.compile(r'^(Gtk|Adw|Cw|Gsk|GtkSource)[A-Z][A-Za-z]*$')


def real_name(node):
    """GTK 4.8 falls back to the widget's type name ("GtkPaned") when a
    widget has no accessible name: that is no name."""
    name = name_of(node).strip()
    return name if name and not TYPE_NAME.match(name) else ''


def labelled(node):
    """A control labelled by another (AT-SPI LABELLED_BY) has a name too."""
    try:
        for rel in node.get_relation_set() or []:
            if rel.get_relation_type() == Atspi.RelationType.LABELLED_BY and rel.get_n_targets():
                return True
    except Exception:
        pass
    return False


# Roles whose name may come from their content (WAI-ARIA "name from
# content"; Orca reads a focused row or button by its text).
NAME_FROM_CONTENT = {
    Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.LINK, Atspi.Role.MENU_ITEM,
    Atspi.Role.CHECK_BOX, Atspi.Role.RADIO_BUTTON, Atspi.Role.TABLE_ROW, Atspi.Role.LIST_ITEM,
    Atspi.Role.TABLE_CELL, Atspi.Role.PAGE_TAB,
}
# Containers that take the focus only to scroll or to hold rows: they are
# announced with the name of the control they belong to, the nearest named
# ancestor (a list's scroller, a column view's inner list).
CONTAINERS = {Atspi.Role.SCROLL_PANE, Atspi.Role.LIST}


def content_text(node):
    for n in walk(node):
        if n is node:
            continue
        if role_of(n) == Atspi.Role.LABEL and (text_of(n).strip() or real_name(n)):
            return text_of(n).strip() or real_name(n)
    return ''


def all_text(node):
    return ' '.join(text_of(n) for n in walk(node) if role_of(n) == Atspi.Role.LABEL)


def named_ancestor(node, levels=3):
    n = node
    for _ in range(levels):
        try:
            n = n.get_parent()
        except Exception:
            return ''
        if n is None:
            return ''
        if real_name(n):
            return real_name(n)
    return ''


def accessible_name(node):
    role = role_of(node)
    if real_name(node) or labelled(node):
        return real_name(node) or '(labelled)'
    if role == Atspi.Role.LABEL:
        return text_of(node).strip()
    if role in NAME_FROM_CONTENT:
        return content_text(node)
    if role in CONTAINERS:
        return named_ancestor(node)
    return ''


# "_Done", "Show _Disabled"; not "call.transcript_ready" (an identifier).
MNEMONIC = re.compile(r'(?<![^\W_])_[^\W\d_]')
MNEMONIC_MARK = re.compile(r'(?<![^\W_])_(?=[^\W\d_])')


def repeated_phrase(name):
    """The phrase that @name says twice in a row ("Done Done", "Show
    Disabled Show Disabled"), or ''. GTK 4.8 joins a button's label property
    and the label it is labelled by into one name."""
    words = MNEMONIC_MARK.sub('', name).split()
    for size in range(1, len(words) // 2 + 1):
        for start in range(len(words) - 2 * size + 1):
            if words[start:start + size] == words[start + size:start + 2 * size]:
                phrase = ' '.join(words[start:start + size])
                # One short word twice may be real text ("10 10"); a phrase
                # of a word with letters is not.
                if re.search(r'[^\W\d_]{2}', phrase):
                    return phrase
    return ''


def name_defect(node):
    """What is wrong with @node's name as a screen reader reads it: a
    mnemonic underscore the visible label does not show, or a phrase said
    twice. '' when it reads as it should."""
    name = real_name(node)
    if not name:
        return ''
    visible = text_of(node) + ' ' + all_text(node)
    if MNEMONIC.search(name) and not MNEMONIC.search(visible):
        return 'mnemonic underscore in the name "%s"' % name
    phrase = repeated_phrase(name)
    if phrase and not repeated_phrase(visible):
        return 'the name "%s" says "%s" twice' % (name, phrase)
    return ''


def audit(root, where):
    """Returns one line per focusable control that lacks a name, has a
    generic role, or has a name that does not read as its label (a mnemonic
    underscore, a phrase said twice). Hidden controls (not VISIBLE) are
    skipped."""
    problems = []
    seen = 0
    for n in walk(root):
        if not has_state(n, Atspi.StateType.FOCUSABLE):
            continue
        if not has_state(n, Atspi.StateType.VISIBLE):
            continue
        role = role_of(n)
        if role == Atspi.Role.LABEL and not text_of(n).strip():
            # An empty selectable label (an error line, a detail title) sits
            # in a part that is not shown yet; it has its text when it shows.
            continue
        seen += 1
        if role in GENERIC_ROLES:
            problems.append('%s: generic role %s: %s' % (where, role.value_nick, path_of(n)))
        elif not accessible_name(n):
            problems.append('%s: no accessible name: %s' % (where, path_of(n)))
        elif name_defect(n):
            problems.append('%s: %s: %s' % (where, name_defect(n), path_of(n)))
    return seen, problems


class Walk:
    def __init__(self, shots):
        self.shots = shots
        self.found = []
        self.step = 0

    def check(self, root, where):
        seen, problems = audit(root, where)
        for p in problems:
            diag(p)
        self.found += problems
        ok(seen > 0 and not problems,
           '%s: %d focusable controls, all named as they read, none generic (%d problems)'
           % (where, seen, len(problems)))

    def shot(self, name):
        self.step += 1
        path = os.path.join(self.shots, 'a11y-%02d-%s.png' % (self.step, name))
        time.sleep(0.5)
        subprocess.run(['import', '-window', 'root', path], check=False)
        diag('screenshot: ' + path)


def key(*keys):
    subprocess.run(['xdotool', 'key', '--delay', '60'] + list(keys), check=True)
    time.sleep(0.35)


def type_text(text):
    subprocess.run(['xdotool', 'type', '--delay', '20', text], check=True)
    time.sleep(0.3)


APP_PID = None


def focus_window():
    """No window manager gives a new window the input focus: do what one
    would, and focus the app's newest visible window (not a click)."""
    args = ['xdotool', 'search', '--onlyvisible']
    args += ['--pid', str(APP_PID)] if APP_PID else ['--name', 'Converc Webhooks']
    out = subprocess.run(args, capture_output=True, text=True).stdout.split()
    if out:
        newest = max(out, key=int)
        subprocess.run(['xdotool', 'windowfocus', '--sync', newest], check=False)
        time.sleep(0.3)


def click_at(node):
    """A pointer click in the middle of @node (the walk only: the keyboard
    scenario never clicks). No window manager: screen coordinates are real."""
    ext = node.get_extents(Atspi.CoordType.SCREEN)
    subprocess.run(['xdotool', 'mousemove', str(ext.x + min(ext.width // 2, 60)),
                    str(ext.y + ext.height // 2), 'click', '1'], check=True)
    time.sleep(0.5)


def focused(app):
    return find(app, lambda n: has_state(n, Atspi.StateType.FOCUSED))


def windows(app):
    out = []
    for i in range(app.get_child_count()):
        w = app.get_child_at_index(i)
        if w is not None:
            out.append(w)
    return out


def window_named(app, text):
    for w in windows(app):
        if text in name_of(w):
            return w
    return None


def newest_window(app, exclude):
    for w in reversed(windows(app)):
        if name_of(w) not in exclude and has_state(w, Atspi.StateType.VISIBLE):
            return w
    return None


def start_emulator(cli):
    """`converc emulator --seed`: sample endpoints and events."""
    return e2e.start_emulator(cli, ['--seed'])


# ---------------------------------------------------------------- the walk

def scenario_walk(s, w):
    emulator, base_url, api_key = start_emulator(s.args.cli)
    require(base_url is not None and api_key is not None, 'converc emulator started')
    proc = app = None
    try:
        proc, app = s.start_app(['--base-url=' + base_url])
        key_row = wait_for('the API key field', lambda: editable(app, 'API Key'))
        w.shot('sign-in')
        w.check(app, 'sign-in page')

        e2e.type_into(key_row, api_key)
        click(button(app, 'Sign In'))
        wait_for('the endpoints list', lambda: find(
            app, lambda n: 'Signed in' in name_of(n) or 'Signed in' in text_of(n)))

        # Add an endpoint so that the list has one and its details show.
        receiver = e2e.Receiver()
        try:
            click(wait_for('Add Endpoint', lambda: button(app, 'Add Endpoint')))
            url_row = wait_for('the URL entry', lambda: editable(app, 'URL'))
            e2e.type_into(url_row, receiver.url)
            dialog = window_named(app, 'Add Endpoint') or app
            w.shot('add-endpoint')
            w.check(dialog, 'Add Endpoint dialog')
            click(wait_for('Create', lambda: button(app, 'Create')))
            wait_for('the secret dialog', lambda: button(app, 'Copy Secret'))
            w.shot('secret')
            w.check(newest_window(app, ['Converc Webhooks']) or app, 'secret dialog')
            click(button(app, 'Done'))

            wait_for('the details', lambda: button(app, 'Send Test Event'))
            click(button(app, 'Send Test Event'))
            wait_for('the test result', lambda: anything_containing(app, 'Delivered — HTTP 200'))
            w.shot('endpoint-details')
            w.check(window_named(app, 'Converc Webhooks') or app, 'endpoints page with details')

            click(wait_for('Disable…', lambda: button(app, 'Disable…')))
            confirm = wait_for('the confirmation', lambda: find(
                app, lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON and e2e.label_is(name_of(n), 'Disable')))
            w.shot('disable-confirm')
            w.check(confirm.get_parent() and newest_window(app, ['Converc Webhooks']) or app,
                    'disable confirmation')
            click(confirm)
            wait_for('the Disabled mark', lambda: anything_containing(app, 'Endpoint disabled'))
        finally:
            receiver.stop()

        # Events page with an event's detail.
        main = window_named(app, 'Converc Webhooks')
        events_tab = wait_for('the Events tab', lambda: find(
            main, lambda n: role_of(n) in (Atspi.Role.TOGGLE_BUTTON, Atspi.Role.PAGE_TAB,
                                           Atspi.Role.PUSH_BUTTON) and name_of(n) == 'Events'))
        click(events_tab)
        wait_for('events in the list', lambda: find(
            main, lambda n: role_of(n) in (Atspi.Role.TABLE_ROW, Atspi.Role.LIST_ITEM, Atspi.Role.ROW_HEADER)
            and has_state(n, Atspi.StateType.SHOWING)) or anything_containing(main, 'call.'))
        table = wait_for('the event list', lambda: find(
            main, lambda n: role_of(n) == Atspi.Role.TREE_TABLE and name_of(n) == 'Events'))
        row = wait_for('an event row', lambda: find(
            table, lambda n: role_of(n) == Atspi.Role.TABLE_ROW and 'call.' in all_text(n)))
        click_at(row)
        wait_for('the event detail', lambda: anything_containing(main, 'Copy JSON')
                 or button(main, 'Copy JSON'))
        w.shot('events-detail')
        w.check(main, 'events page with detail')

        # Preferences, Keyboard Shortcuts, About.
        focus_window()
        key('ctrl+comma')
        prefs = wait_for('Preferences', lambda: window_named(app, 'Preferences'))
        w.shot('preferences')
        w.check(prefs, 'Preferences')
        key('Escape')
        wait_for('Preferences closed', lambda: window_named(app, 'Preferences') is None
                 or not has_state(window_named(app, 'Preferences'), Atspi.StateType.VISIBLE))

        focus_window()
        key('ctrl+question')
        shortcuts = wait_for('Keyboard Shortcuts', lambda: window_named(app, 'Shortcuts'))
        w.shot('shortcuts')
        w.check(shortcuts, 'Keyboard Shortcuts')
        key('Escape')

        focus_window()
        main = window_named(app, 'Converc Webhooks')
        click(wait_for('Main Menu', lambda: find(main, lambda n: name_of(n) == 'Main Menu')))
        about_item = wait_for('the About item', lambda: find(
            app, lambda n: role_of(n) in (Atspi.Role.MENU_ITEM, Atspi.Role.PUSH_BUTTON)
            and name_of(n).replace('_', '').startswith('About')))
        click(about_item)
        about = wait_for('About', lambda: newest_window(app, ['Converc Webhooks', 'Preferences']))
        time.sleep(0.5)
        w.shot('about')
        w.check(about, 'About')
        key('Escape')
    finally:
        e2e.stop_all(s, proc, app, emulator)


# ---------------------------------------------------------------- keyboard only

def active_window(app):
    """The window that has the focus (else the newest visible one)."""
    for w in reversed(windows(app)):
        if has_state(w, Atspi.StateType.ACTIVE):
            return w
    return newest_window(app, [])


def focused_in(app):
    w = active_window(app)
    return find(w, lambda n: has_state(n, Atspi.StateType.FOCUSED)) if w is not None else None


def describe(node):
    if node is None:
        return '(nothing)'
    return '%s "%s"' % (role_of(node).value_nick, accessible_name(node) or text_of(node)[:40])


def tab_to(app, what, pred, keys=('Tab',), limit=60):
    """Presses Tab (or @keys) until the focused control matches @pred."""
    trail = []
    for _ in range(limit):
        node = focused_in(app)
        if node is not None and pred(node):
            return node
        trail.append(describe(node))
        key(*keys)
    diag('focus went through: ' + ' → '.join(trail[-25:]))
    raise Abort('Tab never reached ' + what)


def tab_to_editable(app, name, limit=40):
    """GTK 4.8 does not report the focus of the text inside an entry row
    (the focused GtkText is not in the accessible tree): when nothing says
    it has the focus, type a probe letter and see whether the field got it."""
    field = wait_for('the %s field' % name, lambda: editable(app, name))
    for tabs in range(limit):
        if focused_in(app) is None:
            before = text_of(field)
            key('q')
            if text_of(field) != before:
                key('BackSpace')
                return field, tabs
        key('Tab')
    raise Abort('Tab never reached the %s field' % name)


def row_of(node):
    """The table row that holds @node (a cell's button has the focus)."""
    n = node
    for _ in range(6):
        if n is None:
            return None
        if role_of(n) == Atspi.Role.TABLE_ROW:
            return n
        try:
            n = n.get_parent()
        except Exception:
            return None
    return None


def is_button(text):
    return lambda n: role_of(n) in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON) and \
        e2e.label_is(accessible_name(n), text)


def scenario_keyboard(s, w):
    receiver = e2e.Receiver()
    proc = app = None
    try:
        proc, app = s.start_app(['--demo'])
        global APP_PID
        APP_PID = proc.pid
        wait_for('the seeded endpoints', lambda: anything_containing(app, 'demo-receiver'))
        focus_window()

        # Add an endpoint: Ctrl+N, type the URL, Enter.
        key('ctrl+n')
        wait_for('the Add Endpoint dialog', lambda: window_named(app, 'Add Endpoint'))
        focus_window()
        url, tabs = tab_to_editable(app, 'URL')
        ok(tabs == 0, 'keyboard: Ctrl+N opens Add Endpoint with the focus in the URL field '
           '(%d Tab presses needed)' % tabs)
        type_text(receiver.url)
        key('Return')
        copy = wait_for('the secret dialog', lambda: button(app, 'Copy Secret'))
        card = copy.get_parent()
        secret_label = find(card, lambda n: role_of(n) == Atspi.Role.LABEL and text_of(n)
                            and ' ' not in text_of(n) and text_of(n) != 'Copy Secret')
        secret = text_of(secret_label) if secret_label is not None else ''
        ok(len(secret) >= 16, 'keyboard: Enter in the URL field creates the endpoint; the secret shows')
        w.shot('keyboard-secret')
        focus_window()
        tab_to(app, 'Done', is_button('Done'))
        key('Return')
        wait_for('the secret dialog to close', lambda: button(app, 'Copy Secret') is None)

        # The new endpoint is selected: Send Test Event, then Disable. The
        # demo's window is titled after its account ("Endpoints — Demo").
        main = window_named(app, '— Demo')
        wait_for('the new endpoint in the details', lambda: anything_containing(main, receiver.url))
        focus_window()
        tab_to(app, 'Send Test Event', is_button('Send Test Event'))
        before = len(receiver.deliveries)
        key('Return')
        wait_for('"Delivered — HTTP 200"', lambda: anything_containing(app, 'Delivered — HTTP 200'))
        wait_for('a delivery at the receiver', lambda: len(receiver.deliveries) > before, 5)
        headers, body = receiver.deliveries[-1]
        ok(e2e.verify_signature(secret, headers.get('X-IC-Signature', ''), body),
           'keyboard: Enter on Send Test Event delivers a signed test event')
        w.shot('keyboard-test-sent')

        tab_to(app, 'Disable…', is_button('Disable…'))
        key('Return')
        wait_for('the confirmation', lambda: find(app, lambda n: is_button('Disable')(n)))
        focus_window()
        # Escape cancels the confirmation; Enter on Disable confirms it.
        key('Escape')
        time.sleep(0.5)
        ok(find(app, lambda n: is_button('Disable')(n)) is None and
           anything_containing(app, 'Endpoint disabled') is None,
           'keyboard: Escape cancels the disable confirmation')
        focus_window()
        tab_to(app, 'Disable…', is_button('Disable…'))
        key('Return')
        wait_for('the confirmation', lambda: find(app, lambda n: is_button('Disable')(n)))
        focus_window()
        tab_to(app, 'Disable in the confirmation', is_button('Disable'))
        key('Return')
        # The toast, or (when a slow tree walk missed the toast's few
        # seconds) the details no longer offering Disable…: both mean done.
        wait_for('"Endpoint disabled"', lambda: anything_containing(app, 'Endpoint disabled') or
                 button(app, 'Disable…') is None)
        ok(True, 'keyboard: Tab to Disable and Enter disables the endpoint')
        w.shot('keyboard-disabled')

        # Arrows move through the list; the details follow.
        focus_window()
        row = row_of(tab_to(app, 'a row of the endpoint list', lambda n: row_of(n) is not None))
        first = all_text(row)
        key('Up')
        key('Up')
        second = all_text(row_of(focused_in(app)) or row)
        ok(first != second, 'keyboard: arrows move between endpoints (%s → %s)'
           % (first[:30], second[:30]))

        # Escape closes Preferences; Ctrl+Q quits.
        key('ctrl+comma')
        wait_for('Preferences', lambda: window_named(app, 'Preferences'))
        focus_window()
        key('Escape')
        wait_for('Preferences to close', lambda: window_named(app, 'Preferences') is None)
        ok(True, 'keyboard: Ctrl+, opens Preferences and Escape closes it')
        focus_window()
        key('ctrl+q')
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        ok(proc.poll() == 0, 'keyboard: Ctrl+Q quits (status %s)' % proc.poll())
    finally:
        receiver.stop()
        if proc is not None and proc.poll() is None:
            s.stop_app(proc, app)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--app', required=True)
    parser.add_argument('--cli', required=True)
    parser.add_argument('--shots', required=True)
    parser.add_argument('--only', choices=['walk', 'keyboard'])
    args = parser.parse_args()

    if not os.environ.get('DISPLAY'):
        print('1..0 # SKIP no display: run under build-aux/headless.sh')
        return 0
    if shutil.which('xdotool') is None:
        print('1..0 # SKIP xdotool is not installed (build-aux/deps.sh installs it)')
        return 0

    os.makedirs(args.shots, exist_ok=True)
    e2e.hold_display()
    s = e2e.Session(args)
    w = Walk(args.shots)
    e2e.ON_TIMEOUT = w.shot
    scenarios = []
    if args.only in (None, 'walk'):
        scenarios.append(scenario_walk)
    if args.only in (None, 'keyboard'):
        scenarios.append(globals().get('scenario_keyboard'))
    for scenario in scenarios:
        if scenario is None:
            continue
        try:
            scenario(s, w)
        except Abort as e:
            ok(False, '%s aborted: %s' % (scenario.__name__, e))

    if w.found:
        diag('%d accessibility problems in all' % len(w.found))
    return e2e.finish()


if __name__ == '__main__':
    sys.exit(main())
