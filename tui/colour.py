"""The colours the app starts with, and NO_COLOR meaning no colour codes at all.

A terminal with only its own 8 or 16 colours gets the ANSI theme, which
uses that palette rather than squeezing Textual's into it.

Textual honours NO_COLOR by filtering what it draws: with its own themes
it turns every colour grey, which it still sends as 256-colour or
true-colour codes, and with the ANSI themes it sends "default colour"
codes.  A terminal whose user asked for no colour should get neither, so
the app replaces that filter with one that drops colour from every style,
leaving bold, underline, reverse and the rest (``planscope.tcss`` marks
cursors and highlights with those under ``App:nocolor``).
"""

from __future__ import annotations

import os
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter, Monochrome, NoColor


@lru_cache(1024)
def _plain(style: Style) -> Style:
    return style.without_color


class NoColour(LineFilter):
    """Removes foreground and background colours from everything drawn."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """The same segments, their styles without colour."""
        return [
            Segment(text, None if style is None else _plain(style), control)
            for text, style, control in segments
        ]


def without_colour(filters: list[LineFilter]) -> list[LineFilter]:
    """Textual's filters with its NO_COLOR filters replaced by :class:`NoColour`, applied last."""
    kept = [f for f in filters if not isinstance(f, Monochrome | NoColor)]
    return [*kept, NoColour()]


def default_theme() -> str:
    """``ansi-dark`` where the terminal has only its own 8 or 16 colours, else Textual's dark theme.

    On TERM=linux or vt100 Textual would squeeze its palette into 16 colours;
    the ANSI theme uses the terminal's own palette instead, which reads better.
    """
    term = os.environ.get("TERM", "")
    rich_colour = os.environ.get("COLORTERM") or term.endswith(("256color", "direct", "truecolor"))
    return "textual-dark" if rich_colour else "ansi-dark"
