"""A virtual table: draws only the rows on screen, paging them from the store.

Textual's DataTable measures every row it holds on the UI thread (100k rows
took 8.9 s here), so long lists use this ScrollView instead.  Its rows come
from a :class:`~planscope.tui.paging.Pager`; ``render_line`` draws a row whose page has
not arrived yet as blank, and the page's arrival redraws it.  Subclasses say
which columns exist and how a row fills them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from planscope.tui import keys
from planscope.tui.columns import GAP, Column, layout
from planscope.tui.data import RecordRef
from planscope.tui.paging import Pager
from planscope.tui.sources import RowSource
from planscope.tui.text import fit


class VirtualTable(ScrollView, can_focus=True):
    """A table of any length over a :class:`RowSource`; subclasses define the columns.

    Its colours (header, cursor, statuses) are in ``planscope.tcss``.
    """

    DEFAULT_CSS = """
    VirtualTable { height: 1fr; overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1; }
    """

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

    COLUMNS: ClassVar[list[Column]] = []
    EMPTY = "No rows."

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Loaded(Message):
        """The source was (re)built; ``total`` rows are available."""

        def __init__(self, table: VirtualTable, total: int) -> None:
            super().__init__()
            self.table = table
            self.total = total

    class Failed(Message):
        """The rows could not be loaded; ``text`` says why in one line."""

        def __init__(self, table: VirtualTable, text: str) -> None:
            super().__init__()
            self.table = table
            self.text = text

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
        self.sort_key: str | None = None
        self.descending = False
        self.pager = Pager(self, self._loaded, self._failed)
        #: Why the rows could not be loaded, shown instead of them.
        self.error: str | None = None

    # -- what subclasses provide -------------------------------------------------

    def cell(self, row: Any, column: Column, width: int) -> tuple[str, str | None]:
        """The safe text of one cell and the component class that styles it (or None)."""
        raise NotImplementedError

    def record(self, row: Any) -> RecordRef | None:
        """The record a row stands for, for Enter and `y`."""
        return None

    def empty_text(self) -> str:
        """What the table says when it has no rows."""
        return self.EMPTY

    # -- loading -----------------------------------------------------------------

    def load(self, make_source: Callable[[], RowSource]) -> None:
        """Build a new source on a worker; the old rows stay on screen until it is ready."""
        self.pager.load(make_source)

    def _loaded(self, total: int) -> None:
        self.error = None
        self.virtual_size = Size(0, total + 1)
        self.cursor = min(self.cursor, max(0, total - 1))
        self.refresh()
        self.post_message(self.Loaded(self, total))

    def _failed(self, text: str) -> None:
        self.error = text
        self.refresh()
        self.post_message(self.Failed(self, text))

    @property
    def total(self) -> int:
        """How many rows the table has."""
        return self.pager.total

    @property
    def loaded(self) -> bool:
        """True once a source has been built."""
        return self.pager.loaded

    # -- drawing -----------------------------------------------------------------

    @property
    def body_height(self) -> int:
        """Rows visible under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Note which pages are on screen (and either side) before drawing them."""
        self.pager.show(self.scroll_offset.y, self.body_height)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Line 0 is the header; the rest are rows from the cache."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        index = self.scroll_offset.y + y - 1
        if self.error is not None and y == 1:
            return Strip([Segment(fit(" Could not load: " + self.error, width), base)], width)
        if not self.loaded or index >= self.total:
            if y == 1 and self.loaded and self.total == 0:
                style = base + self.get_component_rich_style("vtable--dim")
                return Strip([Segment(fit(" " + self.empty_text(), width), style)], width)
            return Strip.blank(width, base)
        row = self.pager.row(index)
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
        return self.pager.row(self.cursor)

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

    def on_unmount(self) -> None:
        """Close the sources behind the rows, so no cursor outlives the table."""
        self.pager.close()
