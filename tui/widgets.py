"""Textual's scroll area and option list with the app's keys: the two every screen reuses.

Textual's own widgets know only the arrow keys.  Every scrolling column
of text and every list in the app should also answer j/k, PageUp/PageDown
and the rest of the key registry's list and scroll keys, so they are bound
once here rather than in a subclass per screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList

from planscope.tui import keys


class Scroller(VerticalScroll):
    """A scrolling column of text (a detail, a chart, the help); j/k scroll it when it has the focus."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.SCROLL)


class PickList(OptionList):
    """A list to choose from (plans, links, hits, formats); j/k move, Enter chooses."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.LIST)
