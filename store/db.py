"""Read-only access to a planscope database that follows reloads.

Many processes may read one file at once; ``planscope load`` replaces it with
``os.replace``.  A :class:`Database` notices the swap on its next query (the
file's inode and mtime change) and reopens, so readers see new data without a
restart.  DuckDB connections are not thread-safe, so each thread gets its own
cursor, and cursors of an old generation are never reused.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

from planscope.store.build.schema import SCHEMA_VERSION
from planscope.store.errors import DatabaseMissing, DatabaseUnreadable
from planscope.store.location import missing_message

T = TypeVar("T")

#: DuckDB memory for a long-lived reader (the app).  It must stay small on a shared
#: server, and scans from the OS page cache are quick enough that a bigger pool buys
#: little; the one big sort the app does borrows more for its duration.
READ_MEMORY_LIMIT = "16MB"
#: DuckDB threads for a long-lived reader.  DuckDB pins buffers per thread, so on a many-core
#: server its default (one thread per core) would not fit READ_MEMORY_LIMIT, and thirty
#: sessions would each start one thread per core; a reader's queries are small.
READ_THREADS = 2
#: DuckDB memory for a one-shot command (export, stats), which exits when done.
COMMAND_MEMORY_LIMIT = "1GB"
#: DuckDB memory lent to one query that did not fit a reader's cap (a sort of a million titles).
BORROWED_MEMORY_LIMIT = "512MB"


def spill_dir() -> str:
    """A per-user folder for DuckDB to spill to; beside a shared read-only file it may not write."""
    return os.path.join(tempfile.gettempdir(), f"planscope-{os.getuid() if hasattr(os, 'getuid') else 0}")


def connect(
    path: Path | str, *, read_only: bool, memory_limit: str, threads: int | None = None
) -> duckdb.DuckDBPyConnection:
    """Every DuckDB connection planscope opens: capped memory, private spill folder, silent.

    DuckDB draws its own progress bar on stdout after a couple of seconds,
    which would corrupt JSON output and the app's screen, so it is turned off.
    Cursors made from the connection inherit these settings.  ``threads`` caps DuckDB's
    threads (by default one per core).
    """
    config: dict[str, str | int] = {"memory_limit": memory_limit, "temp_directory": spill_dir()}
    if threads is not None:
        config["threads"] = threads
    con = duckdb.connect(str(path), read_only=read_only, config=config)
    con.execute("SET enable_progress_bar = false")
    return con


def _stamp(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class Database:
    """A read-only database handle; ``cursor()`` gives each thread its own cursor."""

    def __init__(
        self, path: Path | str, *, memory_limit: str = READ_MEMORY_LIMIT, threads: int | None = READ_THREADS
    ) -> None:
        self.path = Path(path).expanduser()
        self.memory_limit = memory_limit
        self.threads = threads
        self._lock = threading.RLock()
        self._local = threading.local()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int, int] | None = None
        self.generation = 0
        self.load_id = ""
        self.meta: dict[str, str] = {}
        self._open()

    def _open(self) -> None:
        if not self.path.is_file():
            raise DatabaseMissing(missing_message(self.path))
        previous = self.load_id
        for attempt in range(20):
            stamp = _stamp(self.path)
            try:
                con = connect(self.path, read_only=True, memory_limit=self.memory_limit, threads=self.threads)
            except duckdb.Error as exc:
                raise DatabaseUnreadable(
                    f"{self.path}: cannot open as a database: {_first_line(exc)}"
                ) from exc
            meta = _read_meta(con, self.path)
            # DuckDB hands back a cached instance while an old query still holds the
            # replaced file open; wait for it to finish rather than serve stale data.
            if not previous or meta.get("load_id", "") != previous or attempt == 19:
                break
            con.close()
            time.sleep(0.05)
        self._con, self._stamp, self.meta = con, stamp, meta
        self.load_id = meta.get("load_id", "")

    def changed(self) -> bool:
        """True when the file on disk is no longer the one this handle reads."""
        try:
            return _stamp(self.path) != self._stamp
        except FileNotFoundError:
            return False

    def refresh(self) -> bool:
        """Reopen if the file was replaced; return True when it was."""
        with self._lock:
            if not self.changed():
                return False
            old = self._con
            self._con = None
            if old is not None:
                old.close()
            self._open()
            self.generation += 1
            return True

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the current file, reopening after a reload."""
        self.refresh()
        local = self._local
        if getattr(local, "generation", -1) != self.generation or local.cursor is None:
            with self._lock:
                assert self._con is not None
                local.cursor = self._con.cursor()
                local.generation = self.generation
        return local.cursor

    def private_cursor(self) -> PrivateCursor:
        """A cursor of one's own on the current file, which another thread may interrupt.

        For a query that may be stopped (a search the user has typed past) or
        state that must outlive one call (temporary tables); see :class:`PrivateCursor`.
        """
        self.refresh()
        with self._lock:
            assert self._con is not None
            return PrivateCursor(self._con.cursor())

    def run(self, query: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``query`` on this thread's cursor.

        It is retried once if a reload closed the cursor, and once with more
        memory if it did not fit the reader's cap.
        """
        try:
            cursor = self.cursor()
            return with_more_memory(cursor, lambda: query(cursor), self.memory_limit)
        except duckdb.ConnectionException:
            self._local.cursor = None
            cursor = self.cursor()
            return with_more_memory(cursor, lambda: query(cursor), self.memory_limit)

    def close(self) -> None:
        """Close the connection and every cursor made from it."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


#: Seconds between interrupts while :meth:`PrivateCursor.close` waits for a query to stop.
CLOSE_POLL = 0.02


class PrivateCursor:
    """A cursor owned by one task, running one query at a time, which any thread may stop.

    A long query (a search, a sort of a million rows) runs on a cursor of
    its own so that it can be interrupted without touching the queries of
    other threads, and so that its temporary tables live as long as it does.
    :meth:`run` holds a lock for the whole query; :meth:`interrupt` does not,
    so it can reach a query that is running.  :meth:`close` stops what runs,
    waits for it to end, then frees the cursor; after that, :meth:`run`
    raises :class:`duckdb.ConnectionException` and :meth:`interrupt` does
    nothing, so a late interrupt from another thread is always safe.
    """

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self._cur = cursor
        self._running = threading.Lock()  # held while a query runs
        self._state = threading.Lock()  # guards closing against a concurrent interrupt
        self._closed = False

    @property
    def closed(self) -> bool:
        """True once :meth:`close` has freed the cursor."""
        return self._closed

    def run(self, query: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``query`` on the cursor; an interrupt makes it raise ``duckdb.InterruptException``."""
        with self._running:
            if self._closed:
                raise duckdb.ConnectionException("this private cursor was closed")
            return query(self._cur)

    def interrupt(self) -> None:
        """Stop the query running now, if any; the cursor stays usable for the next one.

        An interrupt asked for while nothing runs is lost, as DuckDB forgets
        it when the next query starts: a caller that must stop a query about
        to begin should also tell that query's task it was superseded.
        """
        with self._state:
            if not self._closed:
                with contextlib.suppress(duckdb.Error):
                    self._cur.interrupt()

    def close(self) -> None:
        """Stop what runs, wait for it to end, and free the cursor (and its temporary tables).

        The interrupt is repeated while waiting, since one that arrives just
        before DuckDB starts the query is forgotten.
        """
        self.interrupt()
        while not self._running.acquire(timeout=CLOSE_POLL):
            self.interrupt()
        try:
            with self._state:
                if self._closed:
                    return
                self._closed = True
                with contextlib.suppress(duckdb.Error):
                    self._cur.close()
        finally:
            self._running.release()

    def __enter__(self) -> PrivateCursor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def with_more_memory(cur: duckdb.DuckDBPyConnection, run: Callable[[], T], cap: str) -> T:
    """Run ``run``; if it does not fit the memory cap, retry once with more, then put ``cap`` back.

    A reader keeps little memory for the whole session and borrows for the
    rare query that needs more (sorting a million titles), rather than
    holding that much all the time.  The cap is shared by the connection's
    cursors, so it is put back as soon as the query is done; it is passed in
    because DuckDB reports it rounded, and restoring the rounded value would
    let it creep.
    """
    try:
        return run()
    except duckdb.OutOfMemoryException:
        cur.execute(f"SET memory_limit = '{BORROWED_MEMORY_LIMIT}'")
        try:
            return run()
        finally:
            cur.execute("SET memory_limit = $1", [cap])


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _read_meta(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, str]:
    try:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    except duckdb.Error as exc:
        con.close()
        raise DatabaseUnreadable(f"{path}: not a planscope database (no meta table)") from exc
    version = meta.get("schema_version")
    if version != SCHEMA_VERSION:
        con.close()
        raise DatabaseUnreadable(
            f"{path}: made by another planscope version (schema {version}, expected {SCHEMA_VERSION}); "
            "load the plans again"
        )
    return meta
