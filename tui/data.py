"""The app's Backend (its database, opened on a worker) and the one way widgets run queries.

Nothing here imports DuckDB or a query module at import time: the database
is opened in a worker after the first frame, and query modules load inside
the functions that run on worker threads.  Widgets call :func:`fetch`, which
runs a query on a worker thread, shows only the answer to the latest
request, asks again when that answer is lost, and turns a store error into
a notification (and a line where the answer would have been) instead of a
crash or a wait that never ends.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from textual.worker import Worker, get_current_worker

from planscope.tui.host import Host, host_of
from planscope.tui.text import message

if TYPE_CHECKING:
    import duckdb
    from textual.app import App
    from textual.dom import DOMNode

    from planscope.store.db import Database

T = TypeVar("T")

if TYPE_CHECKING:
    #: A query that a worker runs on its thread's cursor, answering a ``T``.
    Query: TypeAlias = Callable[[duckdb.DuckDBPyConnection], T]

#: How long a worker waits for the database to open before giving up.
OPEN_TIMEOUT = 120.0


@dataclass(frozen=True, slots=True)
class RecordRef:
    """What `y` copies and Enter opens: a record's kind, id and title."""

    kind: str
    id: str
    title: str


class Backend:
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
            from planscope.store.db import Database

            if self.build_default:
                from planscope.store.default_db import ensure_default_db

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


def backend_of(node: DOMNode) -> Backend:
    """The backend of the app that ``node`` belongs to."""
    return host_of(node).backend


def db_generation(node: DOMNode) -> int:
    """How often the app's database was reopened (0 for an app without a backend, as in tests)."""
    app = node.app
    return app.backend.generation if isinstance(app, Host) else 0


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
    if isinstance(app, Host) and exc is app.backend.open_error:
        if app.backend.error_reported:
            return
        app.backend.error_reported = True
    from planscope.store.errors import PlanscopeError

    text = str(exc) if isinstance(exc, PlanscopeError) else f"{type(exc).__name__}: {exc}"
    app.notify(message(text), title="Store error", severity="error", markup=False, timeout=8)


def post_back(node: DOMNode, callback: Callable[..., Any], *args: Any) -> None:
    """Call ``callback`` on the UI thread unless the worker was cancelled or the app is gone."""
    worker = get_current_worker()
    if worker.is_cancelled:
        return
    hand_over(node, callback, *args)


def hand_over(node: DOMNode, callback: Callable[..., Any], *args: Any) -> None:
    """Call ``callback`` on the UI thread and wait for it; nothing happens once the app is gone."""
    with contextlib.suppress(RuntimeError):  # the app closed while the query ran
        node.app.call_from_thread(callback, *args)


#: How often a lost answer is asked for again before the loss is shown as an error.
RETRIES = 3


class Requests:
    """Which request of a node's group is the latest: only its answer is shown.

    A worker's answer can be lost: its worker was cancelled, a reload closed
    the cursor under it, or its query was interrupted.  When the lost
    answer belonged to the latest request, nothing newer is coming, so it is
    asked for again; otherwise the newer request will answer.
    """

    def __init__(self) -> None:
        self.latest: dict[str, int] = {}

    def ask(self, group: str) -> int:
        """A new request of ``group``; it supersedes the ones before it."""
        serial = self.latest.get(group, 0) + 1
        self.latest[group] = serial
        return serial

    def is_latest(self, group: str, serial: int) -> bool:
        """True while no newer request of ``group`` was made."""
        return self.latest.get(group) == serial


def requests_of(node: DOMNode) -> Requests:
    """The request book of one widget or screen (made on first use)."""
    book = getattr(node, "_planscope_requests", None)
    if book is None:
        book = Requests()
        node._planscope_requests = book  # type: ignore[attr-defined]
    return book


def fetch(
    node: DOMNode,
    query: Query[T],
    done: Callable[[T], Any],
    *,
    group: str,
    failed: Callable[[str], Any] | None = None,
    attempt: int = 0,
) -> Worker[None]:
    """Run ``query`` in a thread worker and hand its answer to ``done`` on the UI thread.

    Only the answer to the latest request of ``group`` is shown; an older
    one is dropped (and its worker cancelled).  An answer that is lost while
    its request is still the latest (a cancelled worker, a reload closing
    the cursor, an interrupted query) is asked for again, so a widget never
    waits for an answer that nobody will send.  A query that fails is shown
    as a notification and, through ``failed``, where the answer would have
    gone, so no widget stays on "Loading..." for good.
    """
    backend = backend_of(node)
    book = requests_of(node)
    serial = book.ask(group)

    def again() -> None:
        if not node.is_attached or not book.is_latest(group, serial):
            return
        if attempt >= RETRIES:
            _failed(node, failed, RuntimeError("the answer was lost; try again"))
            return
        fetch(node, query, done, group=group, failed=failed, attempt=attempt + 1)

    def deliver(result: T) -> None:
        if node.is_attached and book.is_latest(group, serial):
            done(result)

    def fail(exc: BaseException) -> None:
        if node.is_attached and book.is_latest(group, serial):
            _failed(node, failed, exc)

    def job() -> None:
        worker = get_current_worker()
        generation = backend.generation
        try:
            result = backend.run(query)
        except Exception as exc:
            lost = worker.is_cancelled or is_quiet(exc) or backend.generation != generation
            if lost:
                node.call_later(again)  # thread-safe: it posts a message
            else:
                hand_over(node, fail, exc)
            return
        if worker.is_cancelled:
            node.call_later(again)
            return
        hand_over(node, deliver, result)

    return node.run_worker(job, thread=True, group=group, exclusive=True, exit_on_error=False)


def _failed(node: DOMNode, failed: Callable[[str], Any] | None, exc: BaseException) -> None:
    report_error(node.app, exc)
    if failed is not None:
        failed(error_text(exc))


def error_text(exc: BaseException) -> str:
    """A failure as one short line for the place where the answer would have gone."""
    from planscope.store.errors import PlanscopeError

    text = str(exc) if isinstance(exc, PlanscopeError) else f"{type(exc).__name__}: {exc}"
    return message(text.strip().splitlines()[0] if text.strip() else type(exc).__name__)
