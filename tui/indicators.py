"""Tab 5, Indicators: baseline, targets, latest actual, an ASCII progress bar and the band.

When there is no progress to band, the Band column says why: no target (as
for every Tianjin indicator), no data yet, a target equal to the baseline,
or no baseline.  The bar then shows ``n/a``: a band would otherwise be a guess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from planscope.store.vocab import BAND_LABEL
from planscope.tui.columns import Column
from planscope.tui.data import RecordRef, backend_of
from planscope.tui.host import OpenRecord
from planscope.tui.pane import Pane
from planscope.tui.sources import PagedSource
from planscope.tui.sparkline import ObservationChart
from planscope.tui.text import bar, number, percent, plain
from planscope.tui.vtable import VirtualTable

if TYPE_CHECKING:
    import duckdb

    from planscope.store.results import IndicatorRow, Page

BAND_STYLE = {
    "ahead": "vtable--good",
    "achieved": "vtable--good",
    "on_track": "vtable--active",
    "lagging": "vtable--bad",
}


def indicator_page(cur: duckdb.DuckDBPyConnection, offset: int, limit: int) -> Page[IndicatorRow]:
    """One page of indicators, every plan, in file order."""
    from planscope.store.queries import indicators

    return indicators.page(cur, None, offset, limit)


def target_text(row: IndicatorRow) -> str:
    """The last numeric target and its year, or ``no target``."""
    numeric = [t for t in row.targets if t.value is not None]
    if not numeric:
        return "no target"
    last = numeric[-1]
    return f"{number(last.value)} by {last.end_year}"


def baseline_text(row: IndicatorRow) -> str:
    """The baseline and its year, or ``-``."""
    if row.baseline is None:
        return "-"
    return f"{number(row.baseline)} ({row.baseline_year})" if row.baseline_year else number(row.baseline)


def latest_text(row: IndicatorRow) -> str:
    """The latest observation and when it was taken."""
    if row.latest is None:
        return "no data"
    return f"{number(row.latest.value)} ({plain(row.latest.as_of)})"


class IndicatorTable(VirtualTable):
    """One indicator per row."""

    COLUMNS: ClassVar[list[Column]] = [
        Column("title", "Indicator", 14, None),
        Column("baseline", "Baseline", 8, 12),
        Column("target", "Target", 9, 14),
        Column("latest", "Latest", 16, 18),
        Column("progress", "Progress", 8, 17),
        Column("band", "Band", 11, 11),
        Column("unit", "Unit", 10, 14, drop=1),
    ]
    EMPTY = "No indicators."

    def cell(self, row: IndicatorRow, column: Column, width: int) -> tuple[str, str | None]:
        """One cell of an indicator row."""
        key = column.key
        if key == "title":
            return plain(row.title), None
        if key == "baseline":
            return baseline_text(row), None if row.baseline is not None else "vtable--dim"
        if key == "target":
            text = target_text(row)
            return text, "vtable--dim" if text == "no target" else None
        if key == "latest":
            return latest_text(row), None
        if key == "progress":
            if width >= 15:
                return f"{bar(row.progress, width - 5)} {percent(row.progress):>4}", None
            return bar(row.progress, width), None
        if key == "band":
            return BAND_LABEL.get(row.band, row.band), BAND_STYLE.get(row.band, "vtable--dim")
        return plain(row.unit or "-"), "vtable--dim"

    def record(self, row: IndicatorRow) -> RecordRef | None:
        """The indicator a row shows."""
        return RecordRef("indicator", row.id, row.title)


class IndicatorsPane(Pane):
    """A line of explanation above the table."""

    TAB = "indicators"

    def compose(self) -> ComposeResult:
        """The progress formula, so the bars can be read, above the table."""
        yield Static(
            Content("Progress = (latest - baseline) / (target - baseline)"),
            classes="status-line",
        )
        yield IndicatorTable(id="indicator-table")
        yield ObservationChart(id="indicator-chart")

    def main_widget(self) -> Widget | None:
        """The table."""
        return self.query_one(IndicatorTable)

    def reload(self) -> None:
        """Rebuild the table from the store."""
        backend = backend_of(self)
        self.query_one(IndicatorTable).load(lambda: PagedSource(backend, indicator_page))
        self.query_one(ObservationChart).reload()

    def on_mount(self) -> None:
        """The chart follows the indicator under the cursor."""
        self.query_one(ObservationChart).follow(self.query_one(IndicatorTable))

    def on_virtual_table_opened(self, event: VirtualTable.Opened) -> None:
        """Enter opens the indicator."""
        self.post_message(OpenRecord(event.row.id))

    def current_record(self) -> RecordRef | None:
        """The indicator under the cursor."""
        return self.query_one(IndicatorTable).current_record()
