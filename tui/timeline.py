"""Tab 4, Timeline: a text Gantt chart of plans, periods, projects and milestones by year.

The chart uses only ``# = - | * +`` so it reads the same on TERM=vt100, on
the Linux console and without colour.  Below it, the milestones in date
order, paged from the store like any long list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from planscope.tui.columns import Column
from planscope.tui.data import RecordRef, backend_of, fetch
from planscope.tui.host import OpenRecord
from planscope.tui.pane import Pane
from planscope.tui.sources import PagedSource
from planscope.tui.text import fit, join, plain
from planscope.tui.vtable import VirtualTable
from planscope.tui.widgets import Scroller

if TYPE_CHECKING:
    import duckdb

    from planscope.store.results import MilestoneRow, Page, PlanInfo, Span, Timeline

#: Project spans drawn under the summary rows; the rest are counted.
SPANS = 40
MIN_LABEL = 18


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything the Gantt chart draws."""

    timeline: Timeline
    plans: list[PlanInfo]
    spans: Page[Span]


def chart_data(cur: duckdb.DuckDBPyConnection) -> Chart:
    """The frame, the plans (for their horizon) and the first project spans."""
    from planscope.store.queries import overview, timeline

    return Chart(timeline.timeline(cur), overview.plans(cur), timeline.project_spans(cur, 0, SPANS))


def milestone_page(cur: duckdb.DuckDBPyConnection, offset: int, limit: int) -> Page[MilestoneRow]:
    """One page of milestones in date order."""
    from planscope.store.queries import timeline

    return timeline.milestones(cur, offset, limit)


def busy(count: int, top: int) -> str:
    """A glyph for how busy a year is, relative to the busiest."""
    if count <= 0:
        return " "
    share = count / max(1, top)
    return "-" if share <= 1 / 3 else "=" if share <= 2 / 3 else "#"


class Frame:
    """The chart's geometry for one width: label column, then one cell per year."""

    def __init__(self, first: int, last: int, width: int) -> None:
        self.first, self.last = first, last
        self.years = max(1, last - first + 1)
        self.cell = max(1, min(4, (width - MIN_LABEL - 1) // self.years))
        self.label = max(8, width - 1 - self.cell * self.years)

    def row(
        self, label: str, glyph_of: Callable[[int], str], style: str = "", *, point: bool = False
    ) -> Content:
        """A chart row: ``label|cells``; ``glyph_of(year)`` gives each year's glyph.

        A span fills a year's cell with its glyph; a ``point`` mark (a
        milestone) is drawn once, at the start of the year's cell.
        """
        if point:
            cells = "".join(fit(glyph_of(y), self.cell) for y in range(self.first, self.last + 1))
        else:
            cells = "".join(glyph_of(y) * self.cell for y in range(self.first, self.last + 1))
        return join(fit(label, self.label), "|", (cells, style) if style else cells)

    def span_row(self, label: str, start: int, end: int, glyph: str, style: str = "") -> Content:
        """A row with ``glyph`` over the years ``start`` to ``end``."""
        return self.row(label, lambda y: glyph if start <= y <= end else " ", style)

    def axis(self) -> list[Content]:
        """Year numbers (every fifth year, the first and the last) over tick marks."""
        width = self.cell * self.years
        labels = [" "] * width
        taken = -1
        for y in range(self.first, self.last + 1):
            if y not in (self.first, self.last) and y % 5:
                continue
            text = str(y)
            at = min((y - self.first) * self.cell, width - len(text))
            if at > taken and at >= 0:
                labels[at : at + len(text)] = text
                taken = at + len(text)
        ticks = "".join(
            ("+" if y % 5 == 0 else "-") + "-" * (self.cell - 1) for y in range(self.first, self.last + 1)
        )
        pad = " " * self.label
        return [Content(pad + " " + "".join(labels)), Content(pad + "+" + ticks)]


def draw(chart: Chart, width: int) -> Content:
    """The whole chart for ``width`` cells."""
    tl = chart.timeline
    if not tl.plans:
        return Content("No plans to draw.")
    frame = Frame(tl.first_year, tl.last_year, width)
    lines = frame.axis()
    lines.append(Content.styled("Plans  (= plan period, - horizon)", "bold"))
    for plan in chart.plans:
        horizon = plan.horizon_year or plan.end_year

        def glyph_of(y: int, p: PlanInfo = plan, h: int = horizon) -> str:
            return "=" if p.start_year <= y <= p.end_year else "-" if p.end_year < y <= h else " "

        lines.append(frame.row(plain(plan.title), glyph_of, "bold"))
    lines.append(Content.styled("Periods  (#)", "bold"))
    lines += [frame.span_row(plain(p.title), p.start_year, p.end_year, "#") for p in tl.periods]
    lines.append(Content.styled("Activity by year", "bold"))
    top = max(tl.project_years.values(), default=0)
    lines.append(frame.row("Projects (-=#)", lambda y: busy(tl.project_years.get(y, 0), top)))
    lines.append(
        frame.row("Milestones (*)", lambda y: "*" if tl.milestone_years.get(y) else " ", "bold", point=True)
    )
    spans = chart.spans
    lines.append(
        Content.styled(f"Projects  (= dated, - plan's span when undated; {spans.total:,} in all)", "bold")
    )
    for span in spans.rows:
        lines.append(
            frame.span_row(plain(span.title), span.start_year, span.end_year, "=" if span.dated else "-")
        )
    if spans.total > len(spans.rows):
        lines.append(Content(f"and {spans.total - len(spans.rows):,} more in the Projects tab"))
    return Content("\n").join(lines)


class Gantt(Widget):
    """The chart, redrawn for the width it is given."""

    DEFAULT_CSS = """
    Gantt { height: auto; }
    """

    def __init__(self) -> None:
        super().__init__(id="gantt")
        self.chart: Chart | None = None
        self.error: Content | None = None

    def show(self, chart: Chart) -> None:
        """Draw new data."""
        self.chart, self.error = chart, None
        self.refresh(layout=True)

    def fail(self, text: Content) -> None:
        """Say why there is no chart."""
        self.chart, self.error = None, text
        self.refresh(layout=True)

    def render(self) -> Content:
        """The chart at the current width."""
        if self.error is not None:
            return self.error
        if self.chart is None:
            return Content("Loading the timeline...")
        return draw(self.chart, max(40, self.size.width))


class MilestoneTable(VirtualTable):
    """Milestones in date order; Enter opens one."""

    COLUMNS: ClassVar[list[Column]] = [
        Column("when", "When", 10, 10),
        Column("title", "Milestone", 20, None),
        Column("plan", "Plan", 12, 16, drop=1),
        Column("period", "Period", 14, 24, drop=2),
    ]
    EMPTY = "No milestones."

    def cell(self, row: MilestoneRow, column: Column, width: int) -> tuple[str, str | None]:
        """One cell; a milestone without a date shows its period's years (dimmed)."""
        if column.key == "when":
            if row.date:
                return plain(row.date), None
            return plain(row.period_years or "undated"), "vtable--dim"
        if column.key == "title":
            return plain(row.title), None
        if column.key == "plan":
            return plain(row.plan_id), "vtable--dim"
        return plain(row.period_id or "-"), "vtable--dim"

    def record(self, row: MilestoneRow) -> RecordRef | None:
        """The milestone a row shows."""
        return RecordRef("milestone", row.id, row.title)


class TimelinePane(Pane):
    """The chart above, the milestone list below."""

    TAB = "timeline"

    def compose(self) -> ComposeResult:
        """The chart scrolls in the top part; the milestone table takes the rest."""
        with Scroller(id="gantt-scroll"):
            yield Gantt()
        yield Static(
            Content.styled("Milestones and events, in date order (Enter opens)", "bold"),
            classes="status-line",
        )
        yield MilestoneTable(id="milestone-table")

    def main_widget(self) -> Widget | None:
        """The milestone list."""
        return self.query_one(MilestoneTable)

    def reload(self) -> None:
        """Fetch the chart and rebuild the milestone list."""
        fetch(self, chart_data, self.query_one(Gantt).show, group="timeline", failed=self.load_failed)
        backend = backend_of(self)
        self.query_one(MilestoneTable).load(lambda: PagedSource(backend, milestone_page))

    def show_failure(self, text: Content) -> None:
        """The error replaces the chart."""
        self.query_one(Gantt).fail(text)

    def on_virtual_table_opened(self, event: VirtualTable.Opened) -> None:
        """Enter opens the milestone."""
        self.post_message(OpenRecord(event.row.id))

    def current_record(self) -> RecordRef | None:
        """The milestone under the cursor."""
        return self.query_one(MilestoneTable).current_record()
