"""A program in its own pseudo-terminal, and one thread that reads every terminal at once.

Used by serve_bench.py to run many sessions without a terminal multiplexer
in between: keys are written to the pty, and the output is kept as a list of
(arrival time, text) chunks, so a wait can tell exactly which chunk first
completed the text it was waiting for.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import selectors
import struct
import subprocess
import termios
import threading
import time

#: Terminal escape sequences: CSI (colours, cursor moves, modes), OSC, and charset choices.
ESCAPES = re.compile(r"\x1b\[[0-9;?$<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]")
TIMEOUT = 300.0


class Session:
    """One program on a fresh 80x24 pty, in its own session."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.spawned = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.fd = master
        self.chunks: list[tuple[float, str]] = []
        self.changed = threading.Condition()
        self.decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
        self.closed = False
        self.last_arrival = 0.0
        self.started = 0.0
        self.latencies: list[float] = []
        self.lost = 0
        self.error = ""

    def feed(self, data: bytes, when: float) -> None:
        """Keep a chunk of output (called by the reader thread)."""
        with self.changed:
            self.chunks.append((when, self.decode(data)))
            self.changed.notify_all()

    def close_stream(self) -> None:
        """The program closed its terminal."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def send(self, keys: str) -> float:
        """Type ``keys``; return the time they were written."""
        os.write(self.fd, keys.encode())
        return time.perf_counter()

    def mark(self) -> int:
        """A position in the output: waits from here look only at what comes after."""
        with self.changed:
            return len(self.chunks)

    def wait_for(self, text: str, since: int, timeout: float = TIMEOUT) -> float:
        """The arrival time of the chunk that completed ``text`` (escape codes ignored) after ``since``."""
        deadline = time.monotonic() + timeout
        seen = ""
        index = since
        with self.changed:
            while True:
                while index < len(self.chunks):
                    when, part = self.chunks[index]
                    index += 1
                    seen += part
                    if text in ESCAPES.sub("", seen[-20000:]):
                        self.last_arrival = when
                        return when
                if self.closed:
                    raise EOFError(f"the program ended before showing {text!r}")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{text!r} did not appear")
                self.changed.wait(0.5)

    def wait_quiet(self, quiet: float, timeout: float = TIMEOUT) -> None:
        """Wait until nothing has been drawn for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while time.monotonic() < deadline:
                last = self.chunks[-1][0] if self.chunks else self.spawned
                idle = time.perf_counter() - last
                if idle >= quiet:
                    return
                self.changed.wait(quiet - idle)

    def finish(self, timeout: float = 60.0) -> None:
        """Wait for the program to exit (after q); kill it if it does not."""
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            self.error = self.error or "did not exit after q"


def pump(sessions: list[Session], stop: threading.Event) -> None:
    """Read every session's terminal as output arrives, stamping each chunk with its arrival time."""
    selector = selectors.DefaultSelector()
    for session in sessions:
        selector.register(session.fd, selectors.EVENT_READ, session)
    while selector.get_map() and not stop.is_set():
        for key, _ in selector.select(0.2):
            session: Session = key.data
            try:
                data = os.read(key.fd, 65536)
            except OSError:
                data = b""
            if data:
                session.feed(data, time.perf_counter())
            else:
                selector.unregister(key.fd)
                os.close(key.fd)
                session.close_stream()
    for key in list(selector.get_map().values()):
        os.close(key.fd)
    selector.close()
