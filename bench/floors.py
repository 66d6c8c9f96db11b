"""Floors: what DuckDB itself takes for the same bytes, measured in the same run as planscope.

These 2-core machines are shared and noisy, so every bulk figure of the
benchmark is printed beside the time DuckDB needs to do the bare job on
the same data in the same minute:

- ``copy_floor``: DuckDB's own ``COPY`` of the database's base tables;
- ``ctas_floor``: ``CREATE TABLE AS`` of tables with the same rows, types
  and average widths as every table a build writes, into a new file;
- ``read_csv_floor``: ``read_csv`` of the same CSV files into a new file.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

BASE_TABLES = (
    "plans", "sources", "periods", "goals", "projects", "project_goals", "indicators", "indicator_goals",
    "targets", "observations", "milestones", "milestone_links", "citations",
)  # fmt: skip


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def copy_floor(db: Path, out: Path, fmt: str) -> float:
    """Seconds for DuckDB to COPY every base table to ``out`` as CSV or JSON."""
    out.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(db), read_only=True, config={"memory_limit": "1GB"}) as con:
        started = time.perf_counter()
        for table in BASE_TABLES:
            con.execute(f"COPY {table} TO {_quote(out / f'{table}.{fmt}')} (FORMAT {fmt})")
        return time.perf_counter() - started


def _text(width: float, distinct: int, salt: str = "i") -> str:
    """Text of about ``width`` characters taking about ``distinct`` values (so it compresses alike).

    Cheap to compute (a number padded to the width), so the floor is the cost of writing the
    bytes rather than of making them: hashing every value made the floor slower than planscope.
    """
    w = max(1, round(width))
    return f"lpad(({salt} % {max(1, distinct)})::VARCHAR, {w}, 'planscope floor ')"


def _column(con: duckdb.DuckDBPyConnection, table: str, name: str, typ: str) -> str:
    """An expression over row number ``i`` with the type and the size of ``table.name``."""
    q = f'"{name}"'
    if typ == "VARCHAR":
        width, distinct = con.execute(
            f"SELECT avg(strlen({q})), approx_count_distinct({q}) FROM {table}"
        ).fetchone()
        return f"{_text(width or 0, distinct or 1)}::VARCHAR"
    if typ.endswith("[]"):
        length, items = con.execute(f"SELECT avg(len({q})), sum(len({q})) FROM {table}").fetchone()
        inner = typ[:-2]
        if inner == "VARCHAR":
            width = con.execute(
                f"SELECT avg(strlen(v)) FROM (SELECT unnest({q}) AS v FROM {table})"
            ).fetchone()[0]
            item = _text(width or 8, max(1, int(items or 1)), "(i + j)")
        else:  # a citation: a source id, a paragraph and sometimes a note
            source = _text(12, 200, "(i + j)")
            item = f"{{'source': {source}, 'paragraph': (j + 1)::INTEGER, 'note': NULL::VARCHAR}}"
        return f"list_transform(range({round(length or 0)}), lambda j: {item})::{typ}"
    if typ in ("INTEGER", "BIGINT", "DOUBLE", "HUGEINT"):
        return f"(i % 100003)::{typ}"
    return f"NULL::{typ}"


def ctas_floor(db: Path, scratch: Path) -> float:
    """Seconds for DuckDB to write tables shaped like every table of ``db`` into a new file."""
    with duckdb.connect(str(db), read_only=True) as src:
        tables = [
            r[0] for r in src.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()
        ]
        plans = []
        for table in tables:
            columns = src.execute(
                "SELECT column_name, data_type FROM duckdb_columns() "
                "WHERE table_name = $1 ORDER BY column_index",
                [table],
            ).fetchall()
            rows = src.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            exprs = [f'{_column(src, table, n, t)} AS "{n}"' for n, t in columns if n != "text_lc"]
            plans.append(f"CREATE TABLE {table} AS SELECT {', '.join(exprs)} FROM range({rows}) r(i)")
    scratch.unlink(missing_ok=True)
    with duckdb.connect(str(scratch), config={"memory_limit": "768MB"}) as con:
        started = time.perf_counter()
        for sql in plans:
            con.execute(sql)
        con.execute("CHECKPOINT")
        seconds = time.perf_counter() - started
    scratch.unlink(missing_ok=True)
    return seconds


def read_csv_floor(files: list[Path], scratch: Path) -> float:
    """Seconds for DuckDB to read CSV files (every column as text) into a new database file."""
    scratch.unlink(missing_ok=True)
    with duckdb.connect(str(scratch), config={"memory_limit": "512MB"}) as con:
        started = time.perf_counter()
        for n, path in enumerate(files):
            con.execute(f"CREATE TABLE t{n} AS SELECT * FROM read_csv({_quote(path)}, all_varchar = true)")
        con.execute("CHECKPOINT")
        seconds = time.perf_counter() - started
    scratch.unlink(missing_ok=True)
    return seconds
