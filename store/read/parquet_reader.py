"""Read Parquet tables of one record kind each: what ``export --format parquet`` writes.

A Parquet file is named like a CSV file (``projects.parquet``,
``goals-north.parquet``) and has the CSV layout's columns, but with native
types: lists are lists and citations are structs.  Rows become the same raw
records as CSV rows, so one set of models validates both.  DuckDB reads the
file and rows are fetched in chunks, so a big table is never held whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from planscope.store.errors import Problem
from planscope.store.read.csv_format import COLUMNS, KIND_OF_TABLE, header_problems, kind_of_file, row_record
from planscope.store.read.items import Item, RawRecord

CHUNK = 5_000


def read_parquet(path: Path, label: str, on_bytes: Callable[[int], None] | None = None) -> Iterator[Item]:
    """Yield a raw record per row of ``path``, or problems for what cannot be read."""
    table = kind_of_file(path.name)
    if table is None:
        names = ", ".join(f"{k}.parquet" for k in COLUMNS)
        yield Problem(label, None, "", None, f"cannot tell which records this file holds from its name; "
                      f"name it one of {names} (or add a suffix, as in projects-north.parquet)")  # fmt: skip
        return
    con = duckdb.connect()
    try:
        try:
            rows = max(1, _rows(con, path))
            cur = con.execute("SELECT * FROM read_parquet($1)", [str(path)])
        except duckdb.Error as exc:
            text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            yield Problem(label, None, "", None, f"cannot read as a Parquet table: {text}")
            return
        header = [d[0] for d in cur.description]  # type: ignore[union-attr]
        problems = header_problems(header, table, label, None)
        if problems:
            yield from problems
            return
        kind = KIND_OF_TABLE[table]
        size = path.stat().st_size
        number = 0
        while chunk := cur.fetchmany(CHUNK):
            for row in chunk:
                number += 1
                yield _record(kind, dict(zip(header, row, strict=True)), label, number)
            if on_bytes:
                on_bytes(size * min(number, rows) // rows)
    finally:
        con.close()


def _rows(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    found = con.execute("SELECT sum(num_rows) FROM parquet_file_metadata($1)", [str(path)]).fetchone()
    return int(found[0] or 0) if found else 0


def _plain(value: Any) -> Any:
    """Drop what is not given (None, empty lists) inside structs and lists, as a plan file would."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _record(kind: str, cells: dict[str, Any], label: str, number: int) -> RawRecord:
    data = {col: _plain(value) for col, value in cells.items() if value is not None and value != []}
    return row_record(kind, data, label, None, number)
