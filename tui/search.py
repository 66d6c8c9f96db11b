"""Search every kind of record as you type.

Each keystroke starts a worker that waits a moment (debounce), interrupts
the query still running for the previous keystroke, and runs the store's
ranked search on a cursor of its own.  An answer is shown only if its
worker was not superseded and its query is still what the input holds, so
a slow, stale answer never replaces a newer one and typing never waits.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from planscope.tui import keys
from planscope.tui.data import RecordRef, backend_of, error_text, hand_over, is_quiet, post_back, report_error
from planscope.tui.export import ExportJob
from planscope.tui.host import OpenRecord, host_of
from planscope.tui.text import fit, highlighted, join, literal
from planscope.tui.widgets import PickList

if TYPE_CHECKING:
    from planscope.store.db import PrivateCursor
    from planscope.store.results import Hit

#: Seconds to wait after a keystroke before querying, and most hits shown.
DEBOUNCE = 0.03
LIMIT = 50
KIND_LABEL = {
    "plan": "Plan",
    "period": "Period",
    "goal": "Goal",
    "project": "Project",
    "indicator": "Indicator",
    "milestone": "Milestone",
}
KIND_WIDTH = 11


def hit_prompt(hit: Hit, query: str) -> Content:
    """A hit in two lines: kind and title, then id and (for body matches) a snippet."""
    kind = KIND_LABEL.get(hit.kind, hit.kind)
    first = join((fit(kind, KIND_WIDTH), "bold"), highlighted(hit.title, query, "reverse"))
    second = join(" " * KIND_WIDTH, literal(hit.id, "dim"))
    if hit.snippet:
        second = join(second, "  ", highlighted(hit.snippet, query, "reverse", base="italic"))
    return join(first, "\n", second)


class SearchScreen(Screen[None]):
    """A search box over a list of hits.  Escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.SEARCH)

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[Hit] = []
        self._cursor: PrivateCursor | None = None

    def compose(self) -> ComposeResult:
        """Title, the query box, a status line (hit count or progress) and the hits."""
        yield Static(Content.styled("Search plans, goals, projects, indicators and milestones", "bold"))
        with Horizontal(id="search-box"):
            yield Static(Content("/"), id="search-prompt")
            yield Input(placeholder="type to search, e.g. eco-city", id="search-input")
        yield Static(Content("Type to search."), id="search-status", classes="status-line")
        yield PickList(id="search-hits")  # Enter or a click opens a hit
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """The cursor blinks, except in tests (screenshots must not depend on timing)."""
        box = self.query_one(Input)
        box.cursor_blink = not host_of(self).test_mode
        box.focus()

    @property
    def hit_list(self) -> PickList:
        """The list of hits."""
        return self.query_one("#search-hits", PickList)

    @property
    def query_text(self) -> str:
        """What the input holds now."""
        return self.query_one(Input).value

    def on_input_changed(self, event: Input.Changed) -> None:
        """Every keystroke: stop the query in flight and search again after a pause."""
        event.stop()
        self._interrupt()
        status = self.query_one("#search-status", Static)
        if not event.value.strip():
            self.workers.cancel_group(self, "search")
            self.hits = []
            self.hit_list.clear_options()
            status.update(Content("Type to search."))
            return
        status.update(Content("Searching..."))
        self.run_search(event.value)

    def _interrupt(self) -> None:
        cursor = self._cursor
        if cursor is not None:
            cursor.interrupt()  # safe even if its worker has just closed it

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """Wait out the debounce, then query on a private cursor (so it can be interrupted).

        Every search ends in hits or in an error on the status line, never
        in "Searching..." for good: an answer lost to a reload or to an
        interruption is asked for again if the query still stands.
        """
        worker = get_current_worker()
        time.sleep(DEBOUNCE)
        if worker.is_cancelled:
            return
        from planscope.store.queries.search import search

        store = backend_of(self)
        generation = store.generation
        try:
            cursor = store.db.private_cursor()
        except Exception as exc:
            post_back(self, self.search_failed, query, exc)
            return
        self._cursor = cursor
        try:
            hits = cursor.run(lambda cur: search(cur, query, limit=LIMIT))
        except Exception as exc:
            if worker.is_cancelled:  # a newer keystroke's search will answer
                return
            if is_quiet(exc) or store.generation != generation:
                self.call_later(self.search_again, query)
            else:
                hand_over(self, self.search_failed, query, exc)
            return
        finally:
            if self._cursor is cursor:
                self._cursor = None
            cursor.close()
        post_back(self, self.show_hits, query, hits)

    def show_hits(self, query: str, hits: list[Hit]) -> None:
        """Show hits, unless the input has moved on since they were asked for (or search closed)."""
        if not self.is_attached or query != self.query_text:
            return
        self.hits = hits
        hit_list = self.hit_list
        hit_list.clear_options()
        hit_list.add_options([Option(hit_prompt(hit, query)) for hit in hits])
        if hits:
            hit_list.highlighted = 0
        count = f"{len(hits)}{'+' if len(hits) == LIMIT else ''} hit{'' if len(hits) == 1 else 's'} for "
        if not hits:
            count = "No hits for "
        tail = ". Up/down choose, Enter opens." if hits else "."
        self.query_one("#search-status", Static).update(join(count, literal(repr(query)), tail))

    def search_again(self, query: str) -> None:
        """Run a search whose answer was lost, if the input still holds it."""
        if self.is_attached and query == self.query_text:
            self.run_search(query)

    def search_failed(self, query: str, exc: BaseException) -> None:
        """Say on the status line that the search failed, and why; the old hits go."""
        if not self.is_attached or query != self.query_text:
            return
        report_error(self.app, exc)
        self.hits = []
        self.hit_list.clear_options()
        status = join("Search failed: ", literal(error_text(exc)))
        self.query_one("#search-status", Static).update(status)

    def reload(self) -> None:
        """The database was reloaded: the hits on show are old, so search again."""
        query = self.query_text
        if not query.strip():
            return
        self._interrupt()
        self.query_one("#search-status", Static).update(Content("Database reloaded; searching again..."))
        self.run_search(query)

    def action_hit_down(self) -> None:
        """Down from the input moves through the hits."""
        self.hit_list.action_cursor_down()

    def action_hit_up(self) -> None:
        """Up from the input moves through the hits."""
        self.hit_list.action_cursor_up()

    def action_open_hit(self) -> None:
        """Open the highlighted hit."""
        index = self.hit_list.highlighted
        if index is not None and index < len(self.hits):
            self.post_message(OpenRecord(self.hits[index].id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the input opens the highlighted hit."""
        event.stop()
        self.action_open_hit()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a hit opens it."""
        event.stop()
        self.hit_list.highlighted = event.option_index
        self.action_open_hit()

    def action_close(self) -> None:
        """Back to where search was opened."""
        self._interrupt()
        self.dismiss()

    def export_job(self) -> ExportJob | None:
        """The hits on show, best first; None before there are any."""
        hits, query = list(self.hits), self.query_text
        if not hits:
            return None

        def write(cur: Any, fmt: str, folder: Path) -> tuple[Path, int]:
            from planscope.store.export.view import export_records

            return export_records(hits, fmt, folder, "planscope-search")

        return ExportJob(f"the hits for {query!r}", "hit", write)

    def action_export_hits(self) -> None:
        """F2: export the hits (the app's `e` would be typed into the query box)."""
        host_of(self).action_export_view()

    def current_record(self) -> RecordRef | None:
        """The highlighted hit, for `y`."""
        index = self.hit_list.highlighted
        if index is None or index >= len(self.hits):
            return None
        hit = self.hits[index]
        return RecordRef(hit.kind, hit.id, hit.title)
