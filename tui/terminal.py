"""The app's side of the terminal: input that survives slow links and lost connections.

Two things Textual's own Linux driver does not do, done here without
changing Textual itself:

* **Keys that arrive together.**  Over a slow SSH link several keys come in
  one read.  Textual reads ESC followed by a plain character as Alt+key, so
  Escape, Escape, q in one read lost the second Escape and typed q into the
  search box.  planscope binds no Alt key, so an ESC followed by anything
  that cannot continue an escape sequence is the Escape key, and the next
  character is a key of its own.
* **A terminal that goes away.**  When an SSH connection drops, reads from
  the terminal return end-of-file or fail; Textual's input loop then spins
  at 100 % CPU for good.  Here the end of input ends the app.  Writes fail
  too: Textual's output thread then dies, its bounded queue fills, and the
  next write (the app is mostly still drawing, or restoring the terminal
  on its way out) waits for good.  Here the output thread outlives a
  failed write: it drops what no one can see and ends the app.
"""

from __future__ import annotations

import os
import selectors
import threading
from codecs import getincrementaldecoder
from collections.abc import Callable, Iterable, Iterator
from queue import Queue
from typing import IO

from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

ESC = "\x1b"
#: Characters that, after ESC, start a longer sequence: CSI, SS3, OSC, DCS, APC, PM, SOS and ST.
INTRODUCERS = frozenset("[O]P_^X\\")
#: Exit code when the terminal went away (as for a hang-up signal: 128 + SIGHUP).
TERMINAL_LOST = 129


def key_breaks(data: str) -> Iterator[int]:
    """Offsets just after each ESC that is the Escape key because a plain character follows it.

    ESC ESC is left alone: Textual already reads the first as Escape.
    """
    for at in range(len(data) - 1):
        if data[at] == ESC and data[at + 1] != ESC and data[at + 1] not in INTRODUCERS:
            yield at + 1


class BatchParser(XTermParser):
    """Textual's parser, except that ESC before a plain character is Escape, never Alt+key."""

    def feed(self, data: str) -> Iterable[Message]:
        """Parse ``data``, ending each lone ESC as the Escape key instead of waiting for more."""
        start = 0
        for stop in key_breaks(data):
            yield from super().feed(data[start:stop])
            yield from self._escape_now()
            start = stop
        if start < len(data) or not data:  # (empty data means end of input to the parser)
            yield from super().feed(data[start:])

    def _escape_now(self) -> Iterable[Message]:
        """Let the wait for the rest of an escape sequence run out at once, as if the link paused."""
        if self._timeout_time is not None:
            self._timeout_time = 0.0
            yield from self.tick()


#: Writes queued for the terminal before a writer waits (as Textual's own output thread).
QUEUED_WRITES = 30


class Output(threading.Thread):
    """Writes to the terminal on a thread of its own, and keeps taking writes after one fails.

    It stands in for Textual's output thread (same methods), so the app
    never waits on a queue that nobody empties.
    """

    def __init__(self, file: IO[str], lost: Callable[[], None]) -> None:
        super().__init__(daemon=True, name="planscope-output")
        self._queue: Queue[str | None] = Queue(QUEUED_WRITES)
        self._file = file
        self._lost = lost
        self.broken = False

    def write(self, text: str) -> None:
        """Queue ``text`` for the terminal."""
        self._queue.put(text)

    def isatty(self) -> bool:
        """It writes to a terminal."""
        return True

    def fileno(self) -> int:
        """The terminal's file descriptor."""
        return self._file.fileno()

    def flush(self) -> None:
        """Nothing to do here: the thread flushes whenever the queue runs dry."""

    def run(self) -> None:
        """Write what comes, flushing when nothing more is waiting; after a failure, drop it."""
        while (text := self._queue.get()) is not None:
            if self.broken:
                continue
            try:
                self._file.write(text)
                if self._queue.empty():
                    self._file.flush()
            except (OSError, ValueError):  # the terminal is gone (EIO), or its file was closed
                self.broken = True
                self._lost()

    def stop(self) -> None:
        """Finish the queued writes and end the thread."""
        self._queue.put(None)
        self.join()


class PlanscopeDriver(LinuxDriver):
    """The Linux driver with the batch-aware parser and an output thread that survives a lost terminal.

    Either way the terminal is found gone, by a failed read or a failed
    write, the app ends.
    """

    def start_application_mode(self) -> None:
        """Start as Textual does, then hand the output to a thread that outlives a lost terminal."""
        super().start_application_mode()
        stock = self._writer_thread
        if stock is not None:
            stock.stop()  # what it was given is written first, in order
        output = Output(self._file, self._terminal_lost)
        output.start()
        self._writer_thread = output  # type: ignore[assignment]

    def run_input_thread(self) -> None:
        """Read the terminal until the app stops, or until the terminal is gone."""
        parser = BatchParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        selector = selectors.SelectSelector()  # as Textual's own driver, for every kind of tty
        selector.register(self.fileno, selectors.EVENT_READ)
        try:
            while not self.exit_event.is_set():
                if selector.select(0.1):
                    data = self._read()
                    if not data:
                        self._terminal_lost()
                        return
                    for event in parser.feed(decode(data)):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()

    def _read(self) -> bytes:
        """What the terminal sent; empty at end of input or when the terminal is gone (EIO)."""
        try:
            return os.read(self.fileno, 4096)
        except OSError:
            return b""

    def _terminal_lost(self) -> None:
        """Nobody can see or drive the app any more: end it (from any thread, by message)."""
        if not self._lost:
            self._lost = True
            self._app.call_later(self._app.exit, None, TERMINAL_LOST)

    #: True once the terminal was found gone (the app is asked to end only once).
    _lost = False
