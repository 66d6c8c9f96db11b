"""The Projects filter dialog: four facets, each value with how many projects carry it.

Counts of a facet follow the choices made in the others (the store ignores
a facet's own choice when counting it), so the numbers always say what a
choice would leave.  Choices are a plain dict of facet name to value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from planscope.store.vocab import PROJECT_FACETS, UNKNOWN, status_label
from planscope.tui import keys
from planscope.tui.data import fetch
from planscope.tui.text import join, literal, plain
from planscope.tui.widgets import PickList

if TYPE_CHECKING:
    import duckdb

    from planscope.store.results import FacetValue
    from planscope.tui.data import Query

#: The facets the dialog offers, in the store's order: all but the plan, as four fit its grid at 80x24.
FACETS = tuple(name for name in PROJECT_FACETS if name != "plan")
ANY = "(any)"


def value_label(facet: str, value: str | None) -> str:
    """How a facet value reads: status labels, and "(not given)" for a missing value."""
    if facet == "status":
        return status_label(value)
    return "(not given)" if value in (None, UNKNOWN) else plain(value)


class FacetList(PickList):
    """The values of one facet; Enter chooses (or, on the chosen one, clears)."""

    def __init__(self, facet: str) -> None:
        super().__init__(id=f"facet-{facet}")
        self.facet = facet
        self.values: list[str | None] = []


def facet_counts(choices: dict[str, str]) -> Query[dict[str, list[FacetValue]]]:
    """A query for every facet's values and counts under the current choices."""

    def query(cur: duckdb.DuckDBPyConnection) -> dict[str, list[FacetValue]]:
        from planscope.store.queries.projects import ProjectFilter, facet

        chosen = ProjectFilter(**choices)
        return {name: facet(cur, name, chosen) for name in FACETS}

    return query


class FilterScreen(ModalScreen[dict[str, str] | None]):
    """Choose a value per facet; Escape applies, x clears everything."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.FILTERS)

    def __init__(self, choices: dict[str, str]) -> None:
        super().__init__()
        self.choices = dict(choices)

    def compose(self) -> ComposeResult:
        """A 2x2 grid of facets, so all four fit at 80x24."""
        with Vertical(id="filter-dialog"):
            yield Static(Content.styled("Filter projects", "bold"), id="filter-title")
            with Grid(id="filter-grid"):
                for name in FACETS:
                    with Vertical(classes="facet"):
                        yield Static(Content.styled(PROJECT_FACETS[name], "bold"), classes="facet-title")
                        yield FacetList(name)
            yield Footer(compact=True)

    def on_mount(self) -> None:
        """Count the values."""
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """Count every facet's values under the current choices, on a worker."""
        fetch(
            self,
            facet_counts(self.choices),
            self.show_counts,
            group="facets",
            failed=self.show_failure,
        )

    def reload(self) -> None:
        """The database was reloaded: count again."""
        self.refresh_counts()

    def show_failure(self, text: str) -> None:
        """Say under the title that the values could not be counted."""
        self.query_one("#filter-title", Static).update(
            join(("Filter projects", "bold"), "  could not count: ", literal(text))
        )

    def show_counts(self, counts: dict[str, list[FacetValue]]) -> None:
        """Fill the four lists, marking the chosen value with ``*``."""
        for name, values in counts.items():
            facet_list = self.query_one(f"#facet-{name}", FacetList)
            keep = facet_list.highlighted
            facet_list.clear_options()
            chosen = self.choices.get(name)
            options = [Option(join("* " if chosen is None else "  ", ANY))]
            facet_list.values = [None]
            for value in values:
                label = value_label(name, value.value)
                mark = "* " if value.value == chosen else "  "
                options.append(Option(join(mark, literal(label), (f"  {value.count:,}", "dim"))))
                facet_list.values.append(value.value)
            facet_list.add_options(options)
            facet_list.highlighted = min(keep or 0, len(options) - 1)
        if self.focused is None:
            self.query_one("#facet-status", FacetList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Choose a value, or clear the facet with "(any)"."""
        event.stop()
        facet_list = event.option_list
        if not isinstance(facet_list, FacetList):
            return
        value = facet_list.values[event.option_index]
        if value is None or self.choices.get(facet_list.facet) == value:
            self.choices.pop(facet_list.facet, None)
        else:
            self.choices[facet_list.facet] = value
        self.refresh_counts()

    def action_clear(self) -> None:
        """Forget every choice."""
        self.choices = {}
        self.refresh_counts()

    def action_close(self) -> None:
        """Apply the choices and go back to the table."""
        self.dismiss(self.choices)
