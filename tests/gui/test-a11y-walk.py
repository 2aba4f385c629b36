#!/usr/bin/python3
# test-a11y-walk.py — what a screen reader finds on every page of the app
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: dbus-run-session -- /usr/bin/python3 test-a11y-walk.py CONVOLVE
#
# Starts the real app with the accessibility bridge on (its own session
# bus, so the registry holds only this app), shows each page in turn with
# Alt+1 … Alt+N as a keyboard user would, and walks the whole accessible
# tree of the window, with the lesson panel open, and of the
# translation invariance window (Ctrl+I). Every node on screen that can take the focus or has
# an action must have a name that
#   - is not empty, nor only the widget's type (GTK 4.8's fallback),
#   - does not start with one text twice ("Learning rate Learning rate": a
#     row and its control both labelled, the name made of both),
#   - holds no mnemonic underscore ("_Normalize drawing").
# Waits are on states, each bounded; no wait is on a time span alone.
# /usr/bin/python3 and not another one on PATH: pyatspi is Debian's.

import os
import re
import subprocess
import sys
import tempfile
import time

# G_DEBUG=fatal-warnings (tests/meson.build) is for the code under test:
# libatspi in this process warns about what GTK does not serve (its
# "cache" object). Read once, when GLib loads: so before pyatspi is.
if 'G_DEBUG' in os.environ:
    env = dict(os.environ)
    del env['G_DEBUG']
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import pyatspi  # noqa: E402

WAIT_S = 60           # a bound for each wait: only reached when the state never comes
POLL_S = 0.05
# GTK 4.24's X11 backend warns about its own frame bookkeeping on Xvfb
# (see tests/gui/test-log.h); every other warning fails the walk.
BENIGN = ('gdk_frame_timings_submitted() called on submitted frame',)
MNEMONIC = re.compile(r'_(?=[^\W\d_])')
# GTK 4.8 names a widget with no name of its own by its type
TYPE_NAME = re.compile(r'^(Gtk|Adw|Convolve)[A-Z]\w*$')


# the app under test and its log, shown with any failure
app_proc = None
app_log = None


def fail(message):
    if app_proc is not None:
        print(f'(the app: {"running" if app_proc.poll() is None else f"exited with {app_proc.returncode}"})',
              file=sys.stderr)
    if app_log is not None and os.path.exists(app_log):
        print('the app said:\n' + open(app_log).read(), file=sys.stderr)
    print('FAIL:', message, file=sys.stderr)
    sys.exit(1)


def wait_for(what, predicate):
    """Polls predicate until it returns something true; fails after WAIT_S."""
    end = time.monotonic() + WAIT_S
    while True:
        try:
            value = predicate()
        except Exception:          # a node that went away while it was read
            value = None
        if value:
            return value
        if time.monotonic() > end:
            fail(f'timed out waiting for {what}')
        time.sleep(POLL_S)


def children(node):
    try:
        return [c for c in (node.getChildAtIndex(i) for i in range(node.childCount))
                if c is not None]
    except Exception:
        return []


def label(node):
    return f'{node.getRoleName()} {node.name!r}' if node.name else node.getRoleName()


class Ancestor:
    def __init__(self, node):
        self.role = node.getRole()
        self.name = node.name
        self.label = label(node)


def has_no_area(node):
    """A widget with no area: off screen, and so is what it holds (a page
    not in view, a closed popover). Nodes that are not widgets (a stack's
    pages) have no extents at all and are walked into."""
    try:
        ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return False
    return ext.width <= 0 and ext.height <= 0


def walk(node, path=(), prune=False):
    """Depth first: (node, its ancestors) for node and its descendants;
    with prune, not into widgets with no area."""
    yield node, path
    if prune and path and has_no_area(node):
        return
    here = path + (Ancestor(node),)
    for child in children(node):
        yield from walk(child, here, prune)


def where(path):
    """The ancestors up to the nearest two with a name: enough to find it"""
    named, i = 0, len(path)
    while i > 0 and named < 2:
        i -= 1
        named += bool(path[i].name)
    return ' > '.join(a.label for a in path[i:])


def states(node):
    return node.getState()


def on_screen(node):
    """GTK 4 exposes no "showing" state: a node is on screen when it has an
    area (pages not in view, closed popovers and hidden rows have none)."""
    try:
        ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except NotImplementedError:
        return False
    return ext.width > 0 and ext.height > 0


def actions(node):
    """The node's own actions: GTK also lists the widget's internal action
    groups ("clipboard.copy", "menu.popup" on every label), not what a user
    does with it"""
    try:
        action = node.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
    except Exception:          # none, or the node changed while it was read
        return []
    return [n for n in names if '.' not in n]


# Containers that take the focus only to hand it on (a list box, a scrolled
# window, a page): they need no name of their own, but the one they have
# must not be doubled or hold a mnemonic.
CONTAINERS = {
    pyatspi.ROLE_SCROLL_PANE, pyatspi.ROLE_LIST, pyatspi.ROLE_PANEL,
    pyatspi.ROLE_FILLER, pyatspi.ROLE_TABLE, pyatspi.ROLE_GROUPING,
    pyatspi.ROLE_VIEWPORT, pyatspi.ROLE_PAGE_TAB_LIST, pyatspi.ROLE_TREE,
    pyatspi.ROLE_LAYERED_PANE, pyatspi.ROLE_SPLIT_PANE,
}
BUTTONS = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON}


def part_of_named_combo(path):
    """Inside a combo box that has a name, what shows the current choice is
    the combo's own part; only a button there takes the focus (GtkDropDown's
    on GTK 4.8) and must be named."""
    return any(a.role == pyatspi.ROLE_COMBO_BOX and a.name for a in path)


def name_problem(name, container=False):
    """Why a name is wrong, or None"""
    text = ' '.join((name or '').split())
    if not text or TYPE_NAME.match(text):
        if container:
            return None
        return 'no name' if not text else 'no name but its type'
    words = text.casefold().split(' ')
    # "Learning rate Learning rate", or a name that starts with one phrase
    # twice ("Confusion Matrix Confusion matrix Each row …"): two labels
    for k in range(1, len(words) // 2 + 1):
        if words[:k] == words[k:2 * k] and any(w.isalpha() for w in words[:k]):
            return 'the name twice'
    if MNEMONIC.search(text):
        return 'a mnemonic underscore'
    return None


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in children(desktop):
        if app.get_process_id() == pid:
            return app
    return None


def frame(app, name):
    for child in children(app):
        if child.getRole() == pyatspi.ROLE_FRAME and child.name == name:
            return child
    return None


def main_window(app):
    return frame(app, 'Convolve')


def lesson_button(window):
    for node, _path in walk(window, prune=True):
        if node.getRole() in BUTTONS and node.name == 'Lesson':
            return node
    return None


def press(node):
    """The node's first own action (a button's click)"""
    action = node.queryAction()
    for i in range(action.nActions):
        if '.' not in action.getName(i):
            action.doAction(i)
            return
    fail(f'{label(node)} has no action')


def lesson_shown(window):
    """The lesson panel's Next button on screen"""
    for node, _path in walk(window, prune=True):
        if node.getRole() in BUTTONS and node.name == 'Next' and on_screen(node):
            return True
    return False


def page_tabs(window):
    """The names of the pages, in order, from the first view switcher"""
    for node, _path in walk(window):
        if node.getRole() == pyatspi.ROLE_PAGE_TAB_LIST:
            tabs = [c for c in children(node) if c.getRole() == pyatspi.ROLE_PAGE_TAB]
            if tabs:
                return [t.name for t in tabs]
    # AdwViewSwitcher on libadwaita 1.2 has no tab list: the tabs directly
    tabs = []
    for node, _path in walk(window):
        if node.getRole() == pyatspi.ROLE_PAGE_TAB and node.name not in tabs:
            tabs.append(node.name)
    return tabs


def selected_tab(window):
    for node, _path in walk(window):
        if node.getRole() == pyatspi.ROLE_PAGE_TAB \
                and states(node).contains(pyatspi.STATE_SELECTED):
            return node.name
    return None


def xdotool(*args):
    subprocess.run(['xdotool', *args], check=True, timeout=WAIT_S)


def main():
    if len(sys.argv) != 2:
        fail(f'usage: {sys.argv[0]} CONVOLVE')
    if not os.environ.get('DISPLAY'):
        fail('no display: run it under Xvfb (build-aux/dev test does)')

    tmp = tempfile.TemporaryDirectory(prefix='convolve-a11y-')
    env = dict(os.environ)
    # the bridge on, for this app only (tests/meson.build turns it off)
    env.pop('NO_AT_BRIDGE', None)
    env['GTK_A11Y'] = 'atspi'
    # warnings are read from the log below rather than made fatal
    env.pop('G_DEBUG', None)
    env['XDG_DATA_HOME'] = os.path.join(tmp.name, 'data')
    env['XDG_CONFIG_HOME'] = os.path.join(tmp.name, 'config')
    global app_proc, app_log
    log_path = app_log = os.path.join(tmp.name, 'convolve.log')
    log = open(log_path, 'w')
    proc = app_proc = subprocess.Popen([sys.argv[1]], env=env, stdout=log, stderr=subprocess.STDOUT)
    starts = 1

    def started():
        """The app on the bus. Xvfb resets when its last client leaves (the
        accessibility bus launcher is one, briefly): a client connecting
        then is refused, so an app that could not open the display is
        started again, twice at most."""
        nonlocal proc, starts, log
        global app_proc
        if proc.poll() is not None:
            log.flush()
            said = open(log_path).read()
            if starts < 3 and ('Failed to open display' in said or 'cannot open display' in said):
                starts += 1
                log.close()
                log = open(log_path, 'w')
                proc = app_proc = subprocess.Popen([sys.argv[1]], env=env, stdout=log,
                                                   stderr=subprocess.STDOUT)
                return None
            fail(f'the app exited with {proc.returncode}')
        return find_app(proc.pid)

    problems = []
    try:
        app = wait_for('the app on the accessibility bus', started)
        if starts > 1:
            print(f'(the app was started {starts} times: the display refused it)')
        window = wait_for('the main window', lambda: main_window(app))
        tabs = wait_for('the page tabs', lambda: page_tabs(window))
        print(f'pages: {tabs}')
        if len(tabs) < 4:
            fail(f'expected at least 4 pages, found {tabs}')
        xid = wait_for('the X window', lambda: subprocess.run(
            ['xdotool', 'search', '--onlyvisible', '--pid', str(proc.pid), '--name', '^Convolve$'],
            stdout=subprocess.PIPE, text=True, timeout=WAIT_S).stdout.split())[0]

        # the lesson panel stays open beside every page: walked with each.
        # Opened with its header-bar button, as a screen reader user would;
        # not with F9: xdotool sends F9 as Alt+F9 with Debian testing's
        # keymap (it takes the first level it finds the keysym on).
        button = wait_for('the Lesson button', lambda: lesson_button(window))
        press(button)
        wait_for('the lesson panel after pressing Lesson', lambda: lesson_shown(window))

        def check(top, tab):
            checked = 0
            for node, path in walk(top, prune=True):
                st = states(node)
                if not (st.contains(pyatspi.STATE_FOCUSABLE) or actions(node)):
                    continue
                if not st.contains(pyatspi.STATE_VISIBLE) or not on_screen(node):
                    continue
                role = node.getRole()
                if role not in BUTTONS and part_of_named_combo(path):
                    continue
                checked += 1
                if os.environ.get('CONVOLVE_A11Y_DUMP'):
                    print(f'  {label(node)}  [{where(path)}]')
                why = name_problem(node.name, container=role in CONTAINERS)
                if why:
                    problems.append(f'{label(node)}: {why}, on {tab}\n      in {where(path)}')
            print(f'{tab}: {checked} focusable or actionable nodes')
            if checked < 5:
                fail(f'{tab}: only {checked} focusable or actionable nodes found')

        for i, tab in enumerate(tabs, start=1):
            if i > 9:
                break
            xdotool('windowfocus', '--sync', xid, 'key', '--clearmodifiers', f'alt+{i}')
            wait_for(f'page {tab} shown after Alt+{i}', lambda: selected_tab(window) == tab)
            check(window, tab)

        # the translation invariance window, from Explore (Ctrl+I)
        xdotool('windowfocus', '--sync', xid, 'key', '--clearmodifiers', 'alt+1')
        wait_for(f'page {tabs[0]} shown after Alt+1', lambda: selected_tab(window) == tabs[0])
        xdotool('windowfocus', '--sync', xid, 'key', '--clearmodifiers', 'ctrl+i')
        invariance = wait_for('the invariance window after Ctrl+I',
                              lambda: frame(app, 'Translation Invariance'))
        check(invariance, 'Translation Invariance')
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=WAIT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()

    output = open(log_path).read()
    print(output, end='')
    app_log = None
    warned = [l for l in output.splitlines()
              if ('WARNING' in l or 'CRITICAL' in l) and not any(b in l for b in BENIGN)]
    if warned:
        problems += ['the app warned: ' + l for l in warned]
    # the same node is met again on every page: each problem once, with the
    # first page it was met on
    seen, keys = [], set()
    for p in problems:
        key = re.sub(r', on [^\n]*', '', p)
        if key not in keys:
            keys.add(key)
            seen.append(p)
    if seen:
        fail(f'{len(seen)} accessibility problem(s):\n  ' + '\n  '.join(seen))
    print('ok')


if __name__ == '__main__':
    main()
