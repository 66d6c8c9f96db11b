"""Make data safe to put on a terminal: no control characters, no escape sequences.

Plan files come from anywhere.  A title holding ESC, an OSC sequence or a
bare carriage return could retitle the terminal, recolour it, write to the
clipboard or overwrite what is on screen; a bidirectional control (U+202E
and its kin) makes the terminal draw the rest of the line, and whatever
follows it, in another order than it is stored, so text can pose as
something else.  Every front end passes text through :func:`clean` before
display, which shows such characters as visible escapes (``\\x1b``,
``\\u202e``) instead of sending them.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (0x80-0x9f, which
# include the 8-bit CSI and OSC introducers); then the bidirectional controls
# (ALM, LRM, RLM, the embeddings and overrides, the isolates) and the line and
# paragraph separators, which some terminals take as new lines.
_BIDI = "\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}]")
_CONTROL_ALL = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def clean(text: str, *, multiline: bool = False) -> str:
    """Return ``text`` with control characters shown as ``\\xNN`` (bidirectional ones as ``\\uNNNN``).

    Single-line text also turns tabs and newlines into spaces so a title
    stays on its row; multi-line text keeps newlines and expands tabs.
    """
    if multiline:
        return _CONTROL.sub(_visible, text).replace("\t", "    ")
    text = text.replace("\t", " ").replace("\r\n", " ").replace("\n", " ")
    return _CONTROL_ALL.sub(_visible, text)
