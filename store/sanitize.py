"""Make data safe to put on a terminal: no control characters, no escape sequences.

Plan files come from anywhere.  A title holding ESC, an OSC sequence or a
bare carriage return could retitle the terminal, recolour it, write to the
clipboard or overwrite what is on screen.  Every front end passes text
through :func:`clean` before display, which shows such characters as
visible escapes (``\\x1b``) instead of sending them.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (0x80-0x9f, which
# include the 8-bit CSI and OSC introducers).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ALL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def clean(text: str, *, multiline: bool = False) -> str:
    """Return ``text`` with control characters shown as ``\\xNN``.

    Single-line text also turns tabs and newlines into spaces so a title
    stays on its row; multi-line text keeps newlines and expands tabs.
    """
    if multiline:
        return _CONTROL.sub(_visible, text).replace("\t", "    ")
    text = text.replace("\t", " ").replace("\r\n", " ").replace("\n", " ")
    return _CONTROL_ALL.sub(_visible, text)
