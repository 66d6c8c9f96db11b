"""Tab 6, Changes: every edition, newest first, with its changes as "old -> new".

It is a virtual table like Projects: a header line per edition, then its
changes grouped by kind, paged from a :class:`~planscope.store.queries.changes_view.ChangeView`
so the tab behaves the same at ten changes and at millions.  ``t`` and ``c``
filter by kind and by change; Enter opens the record a change belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from planscope.store.vocab import KINDS
from planscope.tui import keys
from planscope.tui.columns import Column
from planscope.tui.data import Backend, RecordRef, backend_of
from planscope.tui.edition_line import when
from planscope.tui.host import OpenRecord
from planscope.tui.pane import Pane
from planscope.tui.text import count, fit, join, plain
from planscope.tui.vtable import VirtualTable

if TYPE_CHECKING:
    from planscope.store.queries.changes_view import ChangeLine, ChangeView

ARROW = " -> "
NONE = "(none)"
CHANGES = ("added", "removed", "changed")
CHANGE_STYLE = {"added": "vtable--good", "removed": "vtable--bad", "changed": "vtable--active"}


def values(line: ChangeLine) -> str:
    """``old -> new`` for a changed field; empty for a record added or removed."""
    if line.field is None:
        return ""
    old = NONE if line.old is None else plain(line.old)
    new = NONE if line.new is None else plain(line.new)
    return old + ARROW + new


def header_text(line: ChangeLine, filtered: bool) -> str:
    """``Edition 3, loaded 2026-01-05 10:00 UTC: 7 changes``."""
    what = count(line.count, "matching change" if filtered else "change")
    return f"Edition {line.edition}, loaded {when(line.loaded_at)}: {what}"


class ChangeSource:
    """A RowSource over a ChangeView, created and built on a worker thread."""

    def __init__(self, store: Backend, kind: str | None, change: str | None) -> None:
        self._store = store
        self._kind, self._change = kind, change
        self.view: ChangeView | None = None

    def build(self) -> int:
        """Lay out the editions (and, under a filter, pick the changes)."""
        from planscope.store.queries.changes import ChangeFilter
        from planscope.store.queries.changes_view import ChangeView

        chosen = ChangeFilter(kind=self._kind, change=self._change)
        self.view = ChangeView(self._store.db.private_cursor(), chosen)
        return self.view.build()

    def rows(self, offset: int, limit: int) -> Sequence[Any]:
        """One page of lines, one range read at any depth."""
        assert self.view is not None
        return self.view.rows(offset, limit)

    def interrupt(self) -> None:
        """Stop a build that a newer filter has made pointless."""
        if self.view is not None:
            self.view.interrupt()

    def close(self) -> None:
        """Drop the view's cursor and its temporary table."""
        if self.view is not None:
            self.view.close()


class ChangeTable(VirtualTable):
    """Edition headers spanning the width, and under each its changes."""

    COLUMNS: ClassVar[list[Column]] = [
        Column("change", "Change", 7, 7),
        Column("kind", "Kind", 9, 9, drop=1),
        Column("record", "Record", 16, 30),
        Column("field", "Field", 10, 18),
        Column("values", "Old -> new", 20, None),
    ]
    EMPTY = "No editions: this database has no change log."
    filtered = False

    def render_line(self, y: int) -> Strip:
        """An edition's header is one line across every column; other lines are cells."""
        index = self.scroll_offset.y + y - 1
        if y == 0 or not self.loaded or index >= self.total:
            return super().render_line(y)
        row = self.pager.row(index)
        if row is None or not row.header:
            return super().render_line(y)
        width = self.scrollable_content_region.width
        name = "vtable--header" if index != self.cursor else "vtable--cursor"
        if index == self.cursor and not self.has_focus:
            name = "vtable--blur-cursor"
        style = self.rich_style + self.get_component_rich_style(name)
        return Strip([Segment(fit(" " + header_text(row, self.filtered), width), style)], width)

    def cell(self, row: ChangeLine, column: Column, width: int) -> tuple[str, str | None]:
        """One cell of a change line, as safe text."""
        key = column.key
        if key == "change":
            return row.change, CHANGE_STYLE.get(row.change)
        if key == "kind":
            return row.kind, "vtable--dim"
        if key == "record":
            return plain(row.title or row.id), None
        if key == "field":
            return plain(row.field or ""), "vtable--dim"
        return values(row), None

    def record(self, row: ChangeLine) -> RecordRef | None:
        """The record a change belongs to; None on an edition's header."""
        return None if row.header else RecordRef(row.kind, row.id, row.title or row.id)


class ChangesPane(Pane):
    """A status line (filters, keys) above the table of editions and changes."""

    TAB = "changes"
    BINDINGS: ClassVar[list[BindingType]] = list(keys.CHANGES)

    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None
        self.change: str | None = None

    def compose(self) -> ComposeResult:
        """Status line, then the table; rows arrive from :meth:`reload`."""
        yield Static(Content("Loading changes..."), id="changes-status", classes="status-line")
        yield ChangeTable(id="changes-table")

    def main_widget(self) -> Widget | None:
        """The table."""
        return self.query_one(ChangeTable)

    def reload(self, *, top: bool = False) -> None:
        """Rebuild the view with the current filters; ``top`` puts the cursor on the first line."""
        table = self.query_one(ChangeTable)
        if top:
            table.cursor = 0
        table.filtered = self.kind is not None or self.change is not None
        store, kind, change = backend_of(self), self.kind, self.change
        table.load(lambda: ChangeSource(store, kind, change))
        self._status()

    def _status(self) -> None:
        shown = [f"kind={self.kind}"] if self.kind else []
        shown += [f"change={self.change}"] if self.change else []
        hint = "  (t kind, c change, x clear, Enter opens)"
        line = join(("filter: " + ", ".join(shown), "italic") if shown else ("all changes", "bold"), hint)
        self.query_one("#changes-status", Static).update(line)

    def on_virtual_table_opened(self, event: VirtualTable.Opened) -> None:
        """Enter on a change opens its record (a removed one may be gone: the detail says so)."""
        if not event.row.header:
            self.post_message(OpenRecord(event.row.id))

    def action_next_kind(self) -> None:
        """Show one kind of record, the next one each time; after the last, every kind."""
        order: list[str | None] = [None, *KINDS]
        self.kind = order[(order.index(self.kind) + 1) % len(order)]
        self.reload(top=True)

    def action_next_change(self) -> None:
        """Show only records added, removed or changed, in turn; then every change."""
        order: list[str | None] = [None, *CHANGES]
        self.change = order[(order.index(self.change) + 1) % len(order)]
        self.reload(top=True)

    def action_clear_filters(self) -> None:
        """Show every change again."""
        if self.kind or self.change:
            self.kind = self.change = None
            self.reload(top=True)

    def current_record(self) -> RecordRef | None:
        """The record of the change under the cursor."""
        return self.query_one(ChangeTable).current_record()
