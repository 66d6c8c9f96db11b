"""Readers keep a small DuckDB memory cap and borrow more only for a query that needs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from planscope.store.db import READ_MEMORY_LIMIT, READ_THREADS, Database, connect, with_more_memory

BIG_SORT = "SELECT string_agg(s, '') FROM (SELECT md5(range::VARCHAR) AS s FROM range(300000) ORDER BY s)"


def limit_of(cur: duckdb.DuckDBPyConnection) -> str:
    return str(cur.execute("SELECT current_setting('memory_limit')").fetchone()[0])  # type: ignore[index]


def test_a_query_too_big_for_the_cap_borrows_memory_once(tmp_path: Path) -> None:
    con = connect(tmp_path / "scratch.duckdb", read_only=False, memory_limit="4MB")
    before = limit_of(con)
    with pytest.raises(duckdb.OutOfMemoryException):
        con.execute(BIG_SORT).fetchall()
    result = with_more_memory(con, lambda: con.execute(BIG_SORT).fetchone(), "4MB")
    assert result is not None and len(result[0]) == 300000 * 32
    assert limit_of(con) == before  # the cap is given back


def test_readers_use_the_small_cap_and_no_progress_bar(seeded_db: Path, tmp_path: Path) -> None:
    private = tmp_path / "copy.duckdb"  # one process may not open a file under two configurations
    shutil.copyfile(seeded_db, private)
    db = Database(private)
    cur = db.cursor()
    small = limit_of(cur)
    assert cur.execute("SELECT current_setting('enable_progress_bar')").fetchone() == (False,)
    # A reader's threads are capped too: buffers are pinned per thread, so the cap holds on any server.
    assert cur.execute("SELECT current_setting('threads')").fetchone() == (READ_THREADS,)
    db.close()
    big = Database(private, memory_limit="1GB")
    assert limit_of(big.cursor()) != small and db.memory_limit == READ_MEMORY_LIMIT
    big.close()
