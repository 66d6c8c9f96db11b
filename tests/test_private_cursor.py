"""The store's private cursor: a long query on a real database file, stopped from another thread.

A query that would run for hours (counting a trillion numbers) is started on
a thread of its own, and the test interrupts or closes the cursor from the
main thread.  An interrupt that arrives before DuckDB has started the query
is forgotten, so the main thread keeps asking until the query thread ends;
the deadline only stops a broken build from hanging the suite.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from planscope.store.db import Database, PrivateCursor
from planscope.store.queries.projects import ProjectFilter, ProjectView

#: Far longer than any test runs: only an interrupt can end it.
ENDLESS = "SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3"
#: A count that any cursor on the file answers the same.
PLANS = "SELECT count(*) FROM plans"
#: How long a stuck query may hold the suite before the test gives up on it.
DEADLINE = 60.0


@pytest.fixture
def db(tmp_path: Path, seeded_db: Path) -> Iterator[Database]:
    """A Database on a private copy of the seeded file, closed after the test."""
    path = tmp_path / "plans.duckdb"
    path.write_bytes(seeded_db.read_bytes())
    handle = Database(path)
    yield handle
    handle.close()


class Running:
    """A query run on a thread, remembering how it ended."""

    def __init__(self, cursor: PrivateCursor, sql: str = ENDLESS) -> None:
        self.error: BaseException | None = None
        self.result: object = None
        self.thread = threading.Thread(target=self._run, args=(cursor, sql), daemon=True)
        self.thread.start()

    def _run(self, cursor: PrivateCursor, sql: str) -> None:
        try:
            self.result = cursor.run(lambda cur: cur.execute(sql).fetchall())
        except BaseException as exc:
            self.error = exc

    def stop_with(self, stop: Callable[[], None]) -> None:
        """Call ``stop`` until the query thread has ended (or the deadline passes)."""
        deadline = time.monotonic() + DEADLINE
        while self.thread.is_alive() and time.monotonic() < deadline:
            stop()
            self.thread.join(0.05)
        assert not self.thread.is_alive(), "the query was never stopped"


def test_an_interrupt_from_another_thread_stops_the_query_and_the_cursor_stays_usable(db: Database) -> None:
    cursor = db.private_cursor()
    running = Running(cursor)
    running.stop_with(cursor.interrupt)
    assert isinstance(running.error, duckdb.InterruptException)
    assert not cursor.closed
    assert cursor.run(lambda cur: cur.execute(PLANS).fetchone()) == db.run(
        lambda cur: cur.execute(PLANS).fetchone()
    )
    cursor.close()


def test_an_interrupt_reaches_only_its_own_cursor(db: Database) -> None:
    """Stopping one search must not stop the pages other threads are reading."""
    stopped, other = db.private_cursor(), db.private_cursor()
    running = Running(stopped)
    bystander = Running(other, "SELECT count(*) FROM range(3000000)")
    bystander.thread.join(DEADLINE)
    running.stop_with(stopped.interrupt)
    assert isinstance(running.error, duckdb.InterruptException)
    assert bystander.error is None and bystander.result == [(3000000,)]
    stopped.close()
    other.close()


def test_close_from_another_thread_stops_the_query_and_frees_the_cursor(db: Database) -> None:
    cursor = db.private_cursor()
    running = Running(cursor)
    running.stop_with(cursor.close)
    assert cursor.closed
    # The query either was interrupted, or (closed before it began) was refused.
    assert isinstance(running.error, (duckdb.InterruptException, duckdb.ConnectionException))
    with pytest.raises(duckdb.ConnectionException):
        cursor.run(lambda cur: cur.execute("SELECT 1").fetchall())
    cursor.interrupt()  # a late interrupt from a worker that lost the race does nothing
    cursor.close()  # and closing twice is harmless


def test_a_with_block_closes_the_cursor_even_when_the_query_fails(db: Database) -> None:
    with pytest.raises(duckdb.CatalogException), db.private_cursor() as cursor:
        cursor.run(lambda cur: cur.execute("SELECT * FROM no_such_table").fetchall())
    assert cursor.closed


def test_closing_a_view_frees_its_cursor_and_its_temporary_table(db: Database) -> None:
    view = ProjectView(db.private_cursor(), ProjectFilter(), sort="title")
    total = view.build()
    assert total > 0 and len(view.rows(0, 5)) == min(5, total)
    table = view.cursor.run(
        lambda cur: cur.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone()
    )
    assert table == (1,)
    view.close()
    assert view.cursor.closed
    with pytest.raises(duckdb.ConnectionException):
        view.rows(0, 5)


def test_a_private_cursor_made_after_a_reload_reads_the_new_file(db: Database, tmp_path: Path) -> None:
    """Each search takes a fresh cursor, so it never reads a file that was replaced."""
    before = db.private_cursor()
    plans = before.run(lambda cur: cur.execute(PLANS).fetchone())
    replacement = tmp_path / "next.duckdb"
    replacement.write_bytes(db.path.read_bytes())
    con = duckdb.connect(str(replacement))
    con.execute("UPDATE meta SET value = 'next-load' WHERE key = 'load_id'")
    con.close()
    replacement.replace(db.path)
    after = db.private_cursor()
    assert db.load_id == "next-load"
    assert after.run(lambda cur: cur.execute(PLANS).fetchone()) == plans
    with pytest.raises(duckdb.ConnectionException):  # the old file's connection was closed
        before.run(lambda cur: cur.execute("SELECT 1").fetchall())
    before.close()
    after.close()
