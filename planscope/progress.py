"""A one-line progress bar on stderr that fits the terminal it is drawn on."""

from __future__ import annotations

import os
import shutil
import sys
import time
import unicodedata
from pathlib import Path

#: Never wider than this, even on a wide terminal: a bar is read at a glance.
MAX_WIDTH = 80
#: The widest a file name and a bar get when there is room for both.
NAME_WIDTH = 30
BAR_WIDTH = 30


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns."""
    out, used = [], 0
    for ch in text:
        used += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used > width:
            break
        out.append(ch)
    return "".join(out)


def terminal_width(stream: object = None) -> int:
    """The columns of the terminal behind ``stream`` (stderr), capped at :data:`MAX_WIDTH`."""
    try:
        columns = os.get_terminal_size((stream or sys.stderr).fileno()).columns  # type: ignore[attr-defined]
    except (OSError, ValueError, AttributeError):
        columns = shutil.get_terminal_size().columns
    if os.environ.get("COLUMNS", "").isdigit():
        columns = int(os.environ["COLUMNS"])
    return max(10, min(MAX_WIDTH, columns or MAX_WIDTH))


def bar_line(verb: str, label: str, share: float, amount: str, width: int) -> str:
    """One frame of the bar, always narrower than ``width`` so the terminal never wraps it.

    The file name, then the bar, give way first when the line is narrow.
    """
    from planscope.store.sanitize import clean

    head = f"{verb} "
    tail = f"] {share:4.0%} ({amount})"
    room = width - 1 - len(head) - len(tail) - 1  # the last column stays free; " [" takes one more
    name = clean(Path(label).name)
    name_width = min(NAME_WIDTH, display_width(name), max(0, room - 10))
    bar_width = max(0, min(BAR_WIDTH, room - name_width - 1))
    if bar_width < 5:
        return clip(f"{head}{share:4.0%}", width - 1)
    shown = clip(name, name_width)
    pad = " " * (name_width - display_width(shown))
    bar = "#" * int(share * bar_width)
    line = f"{head}{shown}{pad} [{bar:<{bar_width}}{tail}"
    return clip(line, width - 1)


class ProgressLine:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, verb: str, unit: str = "MB") -> None:
        """``unit`` names what ``done`` counts, shown in millions: "MB" read, "M rows" written."""
        self.verb = verb
        self.unit = unit
        self.enabled = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        share = min(1.0, done / total) if total else 1.0
        line = bar_line(self.verb, label, share, f"{done / 1e6:,.1f} {self.unit}", terminal_width())
        sys.stderr.write(f"\r{line}\x1b[K")
        sys.stderr.flush()

    def finish(self) -> None:
        """Clear the bar's line."""
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
