"""One key at a time: a key is handed to the widgets only once the key before it is done.

Textual sends each key to the focused widget's queue as soon as the key
arrives.  When several keys arrive together (a slow SSH link delivers them
in one read), they all queue at the widget that had the focus when the
first arrived, although the first may change the screen: Escape, Escape, q
typed quickly closed search and then typed q into its box, and `/` followed
by text at once lost the text.  The app therefore holds later keys until
the one before has been fully handled and the screen it led to is ready.

A key is done when it has bubbled back to the app (which runs the
bindings last), when a priority binding took it before it was sent on, or
when a widget stopped it on the way.  The last case leaves no trace but
the event's stop flag, so the queue looks again shortly after the flag is
seen (see :meth:`KeyOrder._watch`).
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App

#: Seconds between looks at a key still on its way, and after which a key is given up as lost.
LOOK_EVERY = 0.005
GIVE_UP = 1.0


class KeyOrder:
    """Holds the keys that arrive while an earlier key is still being handled."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        #: The key on its way through the widgets (or released and about to be), if any.
        self.travelling: events.Key | None = None
        self.since = 0.0
        self.waiting_since = 0.0
        self.held: deque[events.Key] = deque()

    @property
    def idle(self) -> bool:
        """True when no key is held or on its way: everything typed so far has been handled."""
        return self.travelling is None and not self.held

    def admit(self, event: events.Key) -> bool:
        """True if ``event`` may go to the widgets now; else it is held (in order) for later."""
        if event is self.travelling:
            return True
        if self.travelling is None and not self.held and self._screen_ready():
            self._start(event)
            return True
        self.held.append(event)
        if self.travelling is None:
            self.app.set_timer(LOOK_EVERY, self._release)
        return False

    def sent(self, event: events.Key) -> None:
        """The app has dealt with a fresh key: it is done unless it went on to the widgets."""
        if event.is_forwarded:
            self.app.call_later(self._watch, event, False)
        else:
            self.finished(event)

    def finished(self, event: events.Key) -> None:
        """``event`` is done: let the next held key go."""
        if event is self.travelling:
            self.travelling = None
            self._release()

    def _start(self, event: events.Key) -> None:
        self.travelling = event
        self.since = time.monotonic()

    def _screen_ready(self) -> bool:
        """False while the screen on top is still being mounted (its focus is not set yet)."""
        try:
            return self.app.screen.is_mounted
        except Exception:  # no screen yet, at start-up
            return False

    def _release(self) -> None:
        """Send the next held key to the app once nothing is travelling and the screen is ready.

        A screen that never finishes mounting does not hold the keys for good.
        """
        if self.travelling is not None or not self.held:
            return
        if not self._screen_ready():
            if not self.waiting_since:
                self.waiting_since = time.monotonic()
            if time.monotonic() - self.waiting_since < GIVE_UP:
                self.app.set_timer(LOOK_EVERY, self._release)
                return
        self.waiting_since = 0.0
        event = self.held.popleft()
        self._start(event)
        self.app.post_message(event)

    def _watch(self, event: events.Key, stopped_before: bool) -> None:
        """Look whether a key stopped on its way, or was lost, and so will not reach the app.

        A stop flag may also have been set by the screen just before it hands
        the key to the app; the app's queue is first-in first-out, so one
        more look, queued behind the key, tells the two cases apart.
        """
        if event is not self.travelling:
            return
        if event._stop_propagation:
            if stopped_before:
                self.finished(event)
            else:
                self.app.call_later(self._watch, event, True)
        elif time.monotonic() - self.since > GIVE_UP:
            self.finished(event)  # dropped on the way (its widget went): do not hold the rest for good
        else:
            self.app.set_timer(LOOK_EVERY, lambda: self._watch(event, False))
