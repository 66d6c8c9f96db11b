"""A virtual table: draws only the rows on screen, paging them from the store.

Textual's DataTable measures every row it holds on the UI thread (100k rows
took 8.9 s here), so long lists use this ScrollView instead.  It keeps the
row count, a cursor, and a small LRU cache of pages; ``render_line`` asks for
a page it lacks and draws the row blank until a worker brings it.  Memory is
bounded by the cache, whatever the number of rows.  Subclasses say which
columns exist and how a row fills them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import keys
from tui.data import RecordRef, RowSource, db_generation, is_quiet, post_back, report_error
from tui.text import fit

#: Rows per page fetched from the store, and pages kept in memory.
PAGE = 100
CACHE_PAGES = 12
GAP = 1


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its minimal width, its widest useful width and how soon it is dropped."""

    key: str
    title: str
    min: int
    max: int | None = None
    drop: int = 0
    align: str = "left"
    sort: str | None = None


def layout(columns: Sequence[Column], width: int) -> list[tuple[Column, int]]:
    """Fit columns into ``width`` cells.

    Columns with the highest ``drop`` go first until the minima fit.  Spare
    room goes to the growing column (``max=None``) up to 40 cells, then to
    the others up to their ``max``, then to the growing column again.
    """
    shown = list(columns)
    while len(shown) > 1 and sum(c.min for c in shown) + GAP * (len(shown) - 1) > width:
        worst = max(shown, key=lambda c: c.drop)
        if worst.drop <= 0:
            break
        shown.remove(worst)
    widths = {c.key: c.min for c in shown}
    spare = width - sum(widths.values()) - GAP * (len(shown) - 1)
    grow = next((c for c in shown if c.max is None), None)
    if grow is not None and spare > 0:
        add = min(spare, max(0, 40 - widths[grow.key]))
        widths[grow.key] += add
        spare -= add
    for c in shown:
        if c.max is not None and spare > 0:
            add = min(spare, c.max - widths[c.key])
            widths[c.key] += add
            spare -= add
    if grow is not None and spare > 0:
        widths[grow.key] += spare
    return [(c, widths[c.key]) for c in shown]


class VirtualTable(ScrollView, can_focus=True):
    """A table of any length over a :class:`RowSource`; subclasses define the columns."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.TABLE)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "vtable--header",
        "vtable--cursor",
        "vtable--blur-cursor",
        "vtable--dim",
        "vtable--complete",
        "vtable--active",
        "vtable--at_risk",
        "vtable--closed",
        "vtable--not_started",
        "vtable--good",
        "vtable--bad",
    }

    DEFAULT_CSS = """
    VirtualTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
    }
    VirtualTable > .vtable--header {
        text-style: bold underline;
        color: $text-accent;
    }
    VirtualTable > .vtable--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    VirtualTable > .vtable--blur-cursor {
        background: $block-cursor-blurred-background;
        text-style: none;
    }
    VirtualTable > .vtable--dim {
        color: $text-muted;
    }
    VirtualTable > .vtable--complete { color: $text-success; }
    VirtualTable > .vtable--active { color: $text-primary; }
    VirtualTable > .vtable--at_risk { color: $text-warning; }
    VirtualTable > .vtable--closed { color: $text-muted; text-style: strike; }
    VirtualTable > .vtable--not_started { color: $text-secondary; }
    VirtualTable > .vtable--good { color: $text-success; }
    VirtualTable > .vtable--bad { color: $text-error; }

    App:nocolor VirtualTable > .vtable--cursor {
        text-style: bold reverse;
    }
    """

    COLUMNS: ClassVar[list[Column]] = []
    EMPTY = "No rows."

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Loaded(Message):
        """The source was (re)built; ``total`` rows are available."""

        def __init__(self, table: VirtualTable, total: int) -> None:
            super().__init__()
            self.table = table
            self.total = total

    class Opened(Message):
        """Enter (or a click on the current row) asked to open a row."""

        def __init__(self, table: VirtualTable, row: Any) -> None:
            super().__init__()
            self.table = table
            self.row = row

    class HeaderClicked(Message):
        """A column title was clicked (the Projects tab sorts by it)."""

        def __init__(self, table: VirtualTable, column: Column) -> None:
            super().__init__()
            self.table = table
            self.column = column

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.total = 0
        self.loaded = False
        self.sort_key: str | None = None
        self.descending = False
        self._source: RowSource | None = None
        self._building: RowSource | None = None
        self._generation = 0
        self._cache: OrderedDict[int, Sequence[Any]] = OrderedDict()
        self._pending: set[int] = set()
        self._wanted: frozenset[int] = frozenset()

    # -- what subclasses provide -------------------------------------------------

    def cell(self, row: Any, column: Column, width: int) -> tuple[str, str | None]:
        """The safe text of one cell and the component class that styles it (or None)."""
        raise NotImplementedError

    def record(self, row: Any) -> RecordRef | None:
        """The record a row stands for, for Enter and `y`."""
        return None

    # -- loading -----------------------------------------------------------------

    def load(self, make_source: Callable[[], RowSource]) -> None:
        """Build a new source on a worker; the old rows stay on screen until it is ready."""
        building = self._building
        if building is not None:
            building.interrupt()

        reopened = db_generation(self)

        def job() -> None:
            source = make_source()
            self._building = source
            try:
                total = source.build()
            except Exception as exc:
                if not is_quiet(exc) and db_generation(self) == reopened:
                    post_back(self, report_error, self.app, exc)
                return
            post_back(self, self._swap, source, total)

        self.run_worker(job, thread=True, group=f"build-{id(self)}", exclusive=True, exit_on_error=False)

    def _swap(self, source: RowSource, total: int) -> None:
        """Show the new source; the old one is freed when its last page worker ends."""
        if self._building is source:
            self._building = None
        self._source = source
        self._generation += 1
        self._cache.clear()
        self._pending.clear()
        self.total = total
        self.loaded = True
        self.virtual_size = Size(0, total + 1)
        self.cursor = min(self.cursor, max(0, total - 1))
        self.refresh()
        self.post_message(self.Loaded(self, total))

    def _row(self, index: int) -> Any:
        page = index // PAGE
        rows = self._cache.get(page)
        if rows is None:
            self._request(page)
            return None
        self._cache.move_to_end(page)
        offset = index - page * PAGE
        return rows[offset] if offset < len(rows) else None

    def _request(self, page: int) -> None:
        source, generation = self._source, self._generation
        reopened = db_generation(self)
        if source is None or page in self._pending or page < 0 or page * PAGE >= self.total:
            return
        self._pending.add(page)

        def job() -> None:
            if page not in self._wanted:
                post_back(self, self._forget, page)
                return
            try:
                rows = source.rows(page * PAGE, PAGE)
            except Exception as exc:
                if db_generation(self) == reopened:  # else a reload closed the view: ignore
                    post_back(self, self._failed, generation, page, exc)
                else:
                    post_back(self, self._forget, page)
                return
            post_back(self, self._arrived, generation, page, rows)

        self.run_worker(job, thread=True, group=f"pages-{id(self)}", exclusive=False, exit_on_error=False)

    def _forget(self, page: int) -> None:
        """A page was not fetched after all; ask again when it is next drawn.

        (A Python method, not ``set.discard``: Textual passes a callback only as
        many arguments as its signature shows, and builtins show none.)
        """
        self._pending.discard(page)

    def _arrived(self, generation: int, page: int, rows: Sequence[Any]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page)
        self._cache[page] = rows
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        self.refresh()

    def _failed(self, generation: int, page: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page)
        report_error(self.app, exc)

    # -- drawing -----------------------------------------------------------------

    @property
    def body_height(self) -> int:
        """Rows visible under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def render_lines(self, crop: Any) -> list[Strip]:
        """Note which pages are on screen (and either side) before drawing them."""
        top = self.scroll_offset.y
        first, last = top // PAGE, (top + self.body_height) // PAGE
        self._wanted = frozenset(range(first - 1, last + 2))
        for page in range(first, last + 2):
            if page not in self._cache:
                self._request(page)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Line 0 is the header; the rest are rows from the cache."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        index = self.scroll_offset.y + y - 1
        if not self.loaded or index >= self.total:
            if y == 1 and self.loaded and self.total == 0:
                style = base + self.get_component_rich_style("vtable--dim")
                return Strip([Segment(fit(" " + self.EMPTY, width), style)], width)
            return Strip.blank(width, base)
        row = self._row(index)
        if index == self.cursor:
            name = "vtable--cursor" if self.has_focus else "vtable--blur-cursor"
            row_style = base + self.get_component_rich_style(name)
        else:
            row_style = base
        if row is None:
            return Strip([Segment(" " * width, row_style)], width)
        segments: list[Segment] = []
        for n, (column, cells) in enumerate(layout(self.COLUMNS, width)):
            if n:
                segments.append(Segment(" " * GAP, row_style))
            text, component = self.cell(row, column, cells)
            style = row_style
            if component and index != self.cursor:
                style = row_style + self.get_component_rich_style(component)
            segments.append(Segment(fit(text, cells, column.align), style))
        return Strip(segments).adjust_cell_length(width, row_style)

    def _header(self, width: int, base: Style) -> Strip:
        style = base + self.get_component_rich_style("vtable--header")
        parts = []
        for column, cells in layout(self.COLUMNS, width):
            title = column.title
            if column.sort is not None and column.sort == self.sort_key:
                title += " v" if self.descending else " ^"
            parts.append(fit(title, cells, column.align))
        return Strip([Segment(fit((" " * GAP).join(parts), width), style)], width)

    # -- moving ------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        """Keep the cursor on screen and redraw."""
        rows = self.body_height
        top = self.scroll_offset.y
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + rows:
            self.scroll_to(y=new - rows + 1, animate=False, immediate=True)
        self.refresh()

    def _move(self, to: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, to))

    def action_cursor_down(self) -> None:
        """One row down."""
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        """One row up."""
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        """A screenful down."""
        self._move(self.cursor + self.body_height)

    def action_page_up(self) -> None:
        """A screenful up."""
        self._move(self.cursor - self.body_height)

    def action_first(self) -> None:
        """The first row."""
        self._move(0)

    def action_last(self) -> None:
        """The last row."""
        self._move(self.total - 1)

    def action_open(self) -> None:
        """Ask the owner to open the current row."""
        row = self.current()
        if row is not None:
            self.post_message(self.Opened(self, row))

    def current(self) -> Any:
        """The row under the cursor, if it is loaded."""
        if not self.loaded or self.cursor >= self.total:
            return None
        return self._row(self.cursor)

    def current_record(self) -> RecordRef | None:
        """The record under the cursor, for `y`."""
        row = self.current()
        return None if row is None else self.record(row)

    def on_click(self, event: events.Click) -> None:
        """A click on a title sorts; on a row moves the cursor; on the current row opens it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = 0
            for column, cells in layout(self.COLUMNS, self.scrollable_content_region.width):
                if x <= offset.x < x + cells + GAP:
                    self.post_message(self.HeaderClicked(self, column))
                    return
                x += cells + GAP
            return
        index = self.scroll_offset.y + offset.y - 1
        if index >= self.total:
            return
        if index == self.cursor:
            self.action_open()
        else:
            self.cursor = index

    def on_focus(self) -> None:
        """Redraw the cursor in its focused style."""
        self.refresh()

    def on_blur(self) -> None:
        """Redraw the cursor in its unfocused style."""
        self.refresh()

    def on_resize(self) -> None:
        """Columns re-fit on the next draw; keep the cursor visible."""
        self.cursor = self.cursor
