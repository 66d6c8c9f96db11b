"""The app's handle on the store, and the one way widgets run queries in workers.

Nothing here imports DuckDB or a query module at import time: the database
is opened in a worker after the first frame, and query modules load inside
the functions that run on worker threads.  Widgets call :func:`fetch`, which
runs a query on a worker thread, drops the answer if the worker was
superseded, and turns any store error into a notification instead of a
crash.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual.worker import Worker, get_current_worker

from tui.text import message

if TYPE_CHECKING:
    import duckdb
    from textual.app import App
    from textual.dom import DOMNode

    from store.db import Database
    from store.results import Page

T = TypeVar("T")

#: How long a worker waits for the database to open before giving up.
OPEN_TIMEOUT = 120.0


@dataclass(frozen=True, slots=True)
class RecordRef:
    """What `y` copies and Enter opens: a record's kind, id and title."""

    kind: str
    id: str
    title: str


class Store:
    """The database, opened lazily on a worker thread and shared by every widget.

    Workers may ask for :attr:`db` before it is open; they wait for the open
    to finish (or fail) rather than racing it, so panes can start loading as
    soon as they mount.
    """

    def __init__(self, path: Path, *, build_default: bool = False) -> None:
        self.path = path
        self.build_default = build_default
        self._db: Database | None = None
        self._error: BaseException | None = None
        self._opened = threading.Event()
        self.error_reported = False

    def open(self) -> None:
        """Open the database (call on a worker thread); remember a failure for every waiter."""
        try:
            from store.db import Database

            if self.build_default:
                from store.paths import ensure_default_db

                ensure_default_db(self.path)
            self._db = Database(self.path)
        except BaseException as exc:
            self._error = exc
        finally:
            self._opened.set()

    @property
    def open_error(self) -> BaseException | None:
        """Why the database could not be opened, if it could not."""
        return self._error

    @property
    def is_open(self) -> bool:
        """True once the database opened successfully."""
        return self._db is not None

    @property
    def db(self) -> Database:
        """The open database, waiting for it to open; raises the open's own error."""
        if not self._opened.wait(OPEN_TIMEOUT):
            raise TimeoutError(f"{self.path}: the database did not open in time")
        if self._error is not None:
            raise self._error
        assert self._db is not None
        return self._db

    @property
    def generation(self) -> int:
        """How many times the database was reopened after a reload (0 before it opens)."""
        return self._db.generation if self._db is not None else 0

    def run(self, query: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``query`` on this thread's cursor."""
        return self.db.run(query)

    def reload_if_changed(self) -> bool:
        """Reopen when the file was replaced; True when it was (call on a worker thread)."""
        if self._db is None or not self._db.changed():
            return False
        return self._db.refresh()

    def close(self) -> None:
        """Close the database if it was opened."""
        if self._db is not None:
            self._db.close()


def store_of(node: DOMNode) -> Store:
    """The store of the app that ``node`` belongs to."""
    return node.app.store  # type: ignore[attr-defined,no-any-return]


def db_generation(node: DOMNode) -> int:
    """How often the app's database was reopened (0 for an app without a store, as in tests)."""
    store = getattr(node.app, "store", None)
    return store.generation if isinstance(store, Store) else 0


def is_quiet(exc: BaseException) -> bool:
    """True for errors that only mean "someone asked for something newer"."""
    name = type(exc).__name__
    return name in ("InterruptException", "CancelledError")


def report_error(app: App[Any], exc: BaseException) -> None:
    """Show a store error as a notification (never markup, never a traceback).

    A database that failed to open fails every query after it; that error
    is shown once, not once per pane.
    """
    if is_quiet(exc):
        return
    store = getattr(app, "store", None)
    if isinstance(store, Store) and exc is store.open_error:
        if store.error_reported:
            return
        store.error_reported = True
    from store.errors import PlanscopeError

    text = str(exc) if isinstance(exc, PlanscopeError) else f"{type(exc).__name__}: {exc}"
    app.notify(message(text), title="Store error", severity="error", markup=False, timeout=8)


def post_back(node: DOMNode, callback: Callable[..., Any], *args: Any) -> None:
    """Call ``callback`` on the UI thread unless the worker was cancelled or the app is gone."""
    worker = get_current_worker()
    if worker.is_cancelled:
        return
    with contextlib.suppress(RuntimeError):  # the app closed while the query ran
        node.app.call_from_thread(callback, *args)


def fetch(
    node: DOMNode,
    query: Callable[[duckdb.DuckDBPyConnection], T],
    done: Callable[[T], Any],
    *,
    group: str,
    exclusive: bool = True,
) -> Worker[None]:
    """Run ``query`` in a thread worker and hand its answer to ``done`` on the UI thread.

    ``exclusive`` cancels the previous worker of the group, and a cancelled
    worker's answer is dropped.  Errors become notifications; one that comes
    from a reload happening under the query is ignored, because the reload
    refreshes everything anyway.
    """
    store = store_of(node)

    def job() -> None:
        generation = store.generation
        try:
            result = store.run(query)
        except Exception as exc:
            if store.generation == generation and not get_current_worker().is_cancelled:
                post_back(node, report_error, node.app, exc)
            return
        post_back(node, _deliver, node, done, result)

    return node.run_worker(job, thread=True, group=group, exclusive=exclusive, exit_on_error=False)


def _deliver(node: DOMNode, done: Callable[[T], Any], result: T) -> None:
    if node.is_attached:
        done(result)


class RowSource(Protocol):
    """What a virtual table pages from: built once on a worker, then sliced."""

    def build(self) -> int:
        """Prepare the rows; return how many there are."""
        ...

    def rows(self, offset: int, limit: int) -> Sequence[Any]:
        """Rows ``offset`` to ``offset + limit``."""
        ...

    def interrupt(self) -> None:
        """Stop a long build."""
        ...

    def close(self) -> None:
        """Release what the source holds."""
        ...


class PagedSource:
    """A RowSource over a store function that returns :class:`Page` objects."""

    def __init__(
        self, store: Store, page: Callable[[duckdb.DuckDBPyConnection, int, int], Page[Any]]
    ) -> None:
        self._store = store
        self._page = page

    def build(self) -> int:
        """How many rows there are, from a first, one-row page."""
        return self._store.run(lambda cur: self._page(cur, 0, 1)).total

    def rows(self, offset: int, limit: int) -> Sequence[Any]:
        """One slice of rows."""
        return self._store.run(lambda cur: self._page(cur, offset, limit)).rows

    def interrupt(self) -> None:
        """Nothing long runs here."""

    def close(self) -> None:
        """Nothing to release: queries use the thread's own cursor."""
