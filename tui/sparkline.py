"""An indicator's observations as a small text chart, in plain characters.

It must read the same on TERM=vt100, the Linux console and without colour,
so it draws with ``#``, ``|``, ``-`` and digits only: one column of ``#``
per observation, scaled between the lowest and highest value, the values
at either end of the axis, and the dates under the columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from planscope.tui.data import backend_of, fetch, is_quiet, post_back, report_error
from planscope.tui.text import fit, number, plain

if TYPE_CHECKING:
    import duckdb

    from planscope.store.queries.observations import Point, Series
    from planscope.tui.data import Query
    from planscope.tui.vtable import VirtualTable

HEIGHT = 5
#: Cells per observation column: the bar, then a gap.
BAR, GAP = 2, 1


def chart_lines(points: list[Point], width: int, height: int = HEIGHT) -> list[str]:
    """The chart as lines of text, at most ``width`` cells wide; the latest points when crowded.

    Bars rise from the lowest value (drawn one cell high, so it stays visible)
    to the highest (the full height); equal values all stand at full height.
    Under the axis, the first and the last date shown.
    """
    if not points:
        return ["no observations"]
    axis = max(len(number(p.value)) for p in points)
    fits = max(1, (width - axis - 2) // (BAR + GAP))
    shown = points[-fits:]
    low, high = min(p.value for p in shown), max(p.value for p in shown)
    span = high - low
    heights = [height if span == 0 else 1 + round((p.value - low) / span * (height - 1)) for p in shown]
    lines = []
    for level in range(height, 0, -1):
        tick = number(high) if level == height else number(low) if level == 1 and span else ""
        cells = "".join(("#" * BAR if h >= level else " " * BAR) + " " * GAP for h in heights)
        lines.append(f"{tick:>{axis}} |{cells}".rstrip())
    run = len(shown) * (BAR + GAP)
    lines.append(f"{'':>{axis}} +" + "-" * run)
    first, last = plain(shown[0].as_of), plain(shown[-1].as_of)
    dates = last if len(shown) == 1 else first + last.rjust(max(len(last) + 1, run - GAP - len(first)))
    lines.append(f"{'':>{axis}}  {dates}")
    if len(shown) < len(points):
        lines.append(f"{'':>{axis}}  (the latest {len(shown)} of {len(points)})")
    return lines


def chart_content(data: Series | None, width: int) -> Content:
    """A heading and the chart, or an empty Content when there is nothing to chart."""
    if data is None:
        return Content("")
    unit = f" ({plain(data.unit)})" if data.unit else ""
    first = f"Observations{unit}: " + ", ".join(f"{plain(p.as_of)} {number(p.value)}" for p in data.points)
    return Content("\n").join(
        [Content.styled(fit(first, width).rstrip(), "bold"), *map(Content, chart_lines(data.points, width))]
    )


def load_series(indicator_id: str) -> Query[Series | None]:
    """A query for one indicator's observations (None for other kinds)."""

    def query(cur: duckdb.DuckDBPyConnection) -> Series | None:
        from planscope.store.queries.observations import series

        return series(cur, indicator_id)

    return query


class ObservationChart(Static):
    """The chart of one indicator; shows nothing for other records or before one is chosen."""

    DEFAULT_CSS = """
    ObservationChart { height: auto; padding: 0 1; }
    """

    def __init__(
        self, indicator_id: str | None = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(Content(""), id=id, classes=classes)
        self.indicator_id = indicator_id
        self.data: Series | None = None
        self._table: VirtualTable | None = None

    def reload(self) -> None:
        """Fetch the observations (again, after the database was reloaded)."""
        if self._table is not None:
            self._cursor_moved(self._table.cursor)
        elif self.indicator_id is not None:
            fetch(self, load_series(self.indicator_id), self._draw, group=f"chart-{id(self)}")

    def follow(self, table: VirtualTable) -> None:
        """Chart whichever indicator is under ``table``'s cursor, as it moves."""
        self._table = table
        self.watch(table, "cursor", self._cursor_moved, init=False)

    def _cursor_moved(self, index: int) -> None:
        """Ask the table's own source for the row at the cursor, so a page not yet cached is no matter."""
        table = self._table
        source = table.pager.source if table is not None else None
        if source is None or table is None or index >= table.total:
            self._draw(None)
            return
        backend = backend_of(self)

        def job() -> None:
            from planscope.store.queries.observations import series

            try:
                rows = source.rows(index, 1)
                rid = getattr(rows[0], "id", None) if rows else None
                data = backend.run(lambda cur: series(cur, rid)) if rid else None
            except Exception as exc:
                if not is_quiet(exc):
                    post_back(self, report_error, self.app, exc)
                return
            post_back(self, self._draw, data)

        self.run_worker(job, thread=True, group=f"chart-{id(self)}", exclusive=True, exit_on_error=False)

    def _draw(self, data: Series | None) -> None:
        if not self.is_attached:
            return
        self.data = data
        self.display = data is not None
        self.update(chart_content(data, max(20, (self.size.width or 78) - 2)))

    def on_resize(self) -> None:
        """Re-fit the chart to the new width."""
        if self.data is not None:
            self.update(chart_content(self.data, max(20, self.size.width - 2)))
