"""The rows behind a virtual table: a source, its row count, and a small LRU cache of pages.

Only pages on screen (and one either side) are fetched, each on a worker
thread; at most ``CACHE_PAGES`` are kept, so memory does not grow with the
table.  A new source (a new sort or filter) is built on a worker while the
old rows stay on screen, and answers that belong to an older source are
dropped by comparing generations.  Every source is closed once nothing can
use it any more: the old one when its last page worker ends, a build that
failed or was superseded at once, and the one on show when the table goes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from textual.widget import Widget
from textual.worker import get_current_worker

from planscope.tui.data import (
    RETRIES,
    db_generation,
    error_text,
    hand_over,
    is_quiet,
    post_back,
    report_error,
)
from planscope.tui.sources import RowSource

#: Rows per page fetched from the store, and pages kept in memory.
PAGE = 100
CACHE_PAGES = 12


class Readers:
    """How many page workers read each source, so that a replaced source is closed after the last.

    Counts go up on the UI thread (a page asked for) and down on worker
    threads (a page fetched or given up), hence the lock.  A source is
    counted by identity, and kept alive by the workers that read it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count: dict[int, int] = {}
        self._retired: dict[int, RowSource] = {}

    def enter(self, source: RowSource) -> None:
        """A page worker will read ``source``."""
        with self._lock:
            self._count[id(source)] = self._count.get(id(source), 0) + 1

    def leave(self, source: RowSource) -> None:
        """A page worker is done with ``source``; close it if it was retired and this was the last."""
        with self._lock:
            left = self._count.get(id(source), 0) - 1
            if left > 0:
                self._count[id(source)] = left
                return
            self._count.pop(id(source), None)
            retired = self._retired.pop(id(source), None)
        if retired is not None:
            retired.close()

    def retire(self, source: RowSource) -> None:
        """``source`` is no longer shown: close it now if no worker reads it, else after the last."""
        with self._lock:
            if self._count.get(id(source), 0) > 0:
                self._retired[id(source)] = source
                return
        source.close()

    def close_all(self) -> None:
        """Close every retired source now, without waiting for workers that were cancelled."""
        with self._lock:
            retired = list(self._retired.values())
            self._retired.clear()
            self._count.clear()
        for source in retired:
            source.close()

    @property
    def waiting(self) -> int:
        """How many retired sources wait for their page workers to end."""
        with self._lock:
            return len(self._retired)


class Pager:
    """Pages of one table's rows, fetched for (and redrawn in) the widget that owns it."""

    def __init__(self, owner: Widget, loaded: Callable[[int], None], failed: Callable[[str], None]) -> None:
        self.owner = owner
        self.on_loaded = loaded
        self.on_failed = failed
        self.builds = 0
        self.total = 0
        self.loaded = False
        self.source: RowSource | None = None
        self.building: RowSource | None = None
        self.generation = 0
        self.cache: OrderedDict[int, Sequence[Any]] = OrderedDict()
        self.pending: set[int] = set()
        #: Pages whose query failed; not asked for again until the next build.
        self.broken: set[int] = set()
        self.wanted: frozenset[int] = frozenset()
        self.readers = Readers()

    def load(self, make_source: Callable[[], RowSource], attempt: int = 0) -> None:
        """Build a new source on a worker; the old rows stay on screen until it is ready.

        Only the latest build is used.  If its answer is lost (a reload closed
        its cursor, or its worker was cancelled with nothing newer asked), it
        is built again; if it fails, the table says so instead of waiting.
        """
        if self.building is not None:
            self.building.interrupt()
        self.builds += 1
        serial = self.builds
        reopened = db_generation(self.owner)

        def again() -> None:
            if serial != self.builds or not self.owner.is_attached:
                return
            if attempt >= RETRIES:
                self._build_failed(serial, RuntimeError("the rows were lost; try again"))
            else:
                self.load(make_source, attempt + 1)

        def job() -> None:
            worker = get_current_worker()
            source: RowSource | None = None
            try:
                source = make_source()
                self.building = source
                total = source.build()
            except Exception as exc:
                if source is not None:
                    source.close()  # never shown, and nothing else reads it
                if worker.is_cancelled or is_quiet(exc) or db_generation(self.owner) != reopened:
                    self.owner.call_later(again)
                else:
                    hand_over(self.owner, self._build_failed, serial, exc)
                return
            hand_over(self.owner, self._swap, serial, source, total)

        self.owner.run_worker(
            job, thread=True, group=f"build-{id(self)}", exclusive=True, exit_on_error=False
        )

    def _build_failed(self, serial: int, exc: BaseException) -> None:
        if serial == self.builds:
            report_error(self.owner.app, exc)
            self.on_failed(error_text(exc))

    def _swap(self, serial: int, source: RowSource, total: int) -> None:
        """Use the new source; the old one is freed when its last page worker ends."""
        if serial != self.builds:  # a newer build is coming, so this one is never shown
            source.close()
            return
        if self.building is source:
            self.building = None
        old, self.source = self.source, source
        if old is not None and old is not source:
            self.readers.retire(old)
        self.generation += 1
        self.cache.clear()
        self.pending.clear()
        self.broken.clear()
        self.total = total
        self.loaded = True
        self.on_loaded(total)

    def show(self, top: int, height: int) -> None:
        """Rows ``top`` to ``top + height`` are on screen: fetch their pages and their neighbours."""
        first, last = top // PAGE, (top + height) // PAGE
        self.wanted = frozenset(range(first - 1, last + 2))
        for page in range(first, last + 2):
            if page not in self.cache:
                self.request(page)

    def row(self, index: int) -> Any:
        """Row ``index`` if its page is here; else None, and the page is asked for."""
        page = index // PAGE
        rows = self.cache.get(page)
        if rows is None:
            self.request(page)
            return None
        self.cache.move_to_end(page)
        offset = index - page * PAGE
        return rows[offset] if offset < len(rows) else None

    def request(self, page: int) -> None:
        """Fetch one page on a worker, unless it is already coming or out of range."""
        source, generation = self.source, self.generation
        if source is None or page in self.pending or page in self.broken:
            return
        if page < 0 or page * PAGE >= self.total:
            return
        self.pending.add(page)
        reopened = db_generation(self.owner)
        self.readers.enter(source)

        def job() -> None:
            try:
                fetch_page()
            finally:
                self.readers.leave(source)

        def fetch_page() -> None:
            if page not in self.wanted:  # the user has moved on since
                post_back(self.owner, self._forget, page)
                return
            try:
                rows = source.rows(page * PAGE, PAGE)
            except Exception as exc:
                if db_generation(self.owner) == reopened:  # else a reload closed the view: ignore
                    post_back(self.owner, self._failed, generation, page, exc)
                else:
                    post_back(self.owner, self._forget, page)
                return
            post_back(self.owner, self._arrived, generation, page, rows)

        self.owner.run_worker(
            job, thread=True, group=f"pages-{id(self)}", exclusive=False, exit_on_error=False
        )

    def _forget(self, page: int) -> None:
        """A page was not fetched after all; it is asked for again when next drawn.

        (A Python method, not ``set.discard``: Textual passes a callback only as
        many arguments as its signature shows, and builtins show none.)
        """
        self.pending.discard(page)

    def _arrived(self, generation: int, page: int, rows: Sequence[Any]) -> None:
        if generation != self.generation:
            return
        self.pending.discard(page)
        self.cache[page] = rows
        while len(self.cache) > CACHE_PAGES:
            self.cache.popitem(last=False)
        self.owner.refresh()

    def _failed(self, generation: int, page: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self.pending.discard(page)
        self.broken.add(page)  # asking again on every redraw would repeat the error forever
        report_error(self.owner.app, exc)

    def close(self) -> None:
        """The table is going away: stop its build and close every source it holds.

        Its page workers were cancelled with it, so none is waited for; a
        build still running is interrupted, and its source is closed when
        its answer arrives (it belongs to no build the table still wants).
        """
        self.builds += 1
        if self.building is not None:
            self.building.interrupt()
        self.generation += 1
        source, self.source = self.source, None
        self.readers.close_all()
        if source is not None:
            source.close()
