"""The help screen: every binding of the registry, grouped where it applies.

It reads :mod:`~planscope.tui.keys`, the same objects the widgets bind, so the list is
complete by construction.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from planscope.tui import keys
from planscope.tui.text import fit, join
from planscope.tui.widgets import Scroller

KEY_WIDTH = 12


def help_content(sections: list[keys.Section] | None = None) -> Content:
    """Every section of the registry (or the ``sections`` given) as ``key  description`` lines."""
    lines: list[Content] = []
    for section in keys.SECTIONS if sections is None else sections:
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(section.title, "bold underline"))
        seen: set[tuple[str, str]] = set()
        for binding in section.bindings:
            label = keys.key_label(binding)
            if (label, binding.description) in seen:
                continue
            seen.add((label, binding.description))
            lines.append(join("  ", (fit(label, KEY_WIDTH), "bold"), binding.description))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Every key and what it does.  Escape (or ?) closes."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.HELP)

    def compose(self) -> ComposeResult:
        """A dialog with one scrolling list of keys."""
        with Vertical(id="help-dialog"):
            yield Static(Content.styled("planscope keys  (Escape closes)", "bold"), id="help-title")
            with Scroller(id="help-scroll"):
                yield Static(help_content(), id="help-body")

    def on_mount(self) -> None:
        """Focus the list so j/k scroll at once."""
        self.query_one("#help-scroll", Scroller).focus()

    def action_close(self) -> None:
        """Back to the app."""
        self.dismiss()
