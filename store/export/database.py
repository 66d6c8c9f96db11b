"""Write a whole database out as JSON plan documents, CSV tables or Parquet tables.

Every format is written by DuckDB itself (``COPY``), so exporting a million
projects takes seconds, not minutes: no row passes through Python.

- JSON: one plan document per plan, named ``NN-<plan id>.json`` so that a
  folder read in name order loads the plans in their original order (see
  ``planscope.store.export.json_docs``).
- CSV: one file per record kind, in the layout the CSV reader takes
  (``planscope.store.read.csv_format``), rows in load order.  Citations carry their notes.
- Parquet: the same files and columns as CSV, with native types (lists as
  lists, citations as structs), which ``load`` reads back too.

Each file is written under a temporary name and renamed into place, so an
export that fails part-way never leaves a half-written file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb

from planscope.store.db import COMMAND_MEMORY_LIMIT
from planscope.store.errors import InputError
from planscope.store.export.json_docs import export_json, sql_path
from planscope.store.export.sql import RECORDS, csv_cell, order_of
from planscope.store.read.csv_format import COLUMNS

FORMATS = ("json", "csv", "parquet")


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> list[Path]:
    """Export every plan to ``out`` in ``fmt``; return the files written."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    # The sorts and joins of an export need more than a reader's small cap; borrow it for the export.
    cap = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]  # type: ignore[index]
    con.execute(f"SET memory_limit = '{COMMAND_MEMORY_LIMIT}'")
    try:
        out.mkdir(parents=True, exist_ok=True)
        if fmt == "json":
            return export_json(con, out, document_names(con))
        return export_tables(con, out, fmt)
    except OSError as exc:
        raise InputError(f"cannot write the export to {out}: {exc.strerror or exc}") from exc
    except duckdb.IOException as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot write the export to {out}: {first}") from exc
    finally:
        con.execute("SET memory_limit = $1", [cap])


def document_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """``01-<plan id>.json`` and so on, numbered in load order (at least two digits)."""
    ids = [r[0] for r in con.execute("SELECT id FROM plans ORDER BY ord").fetchall()]
    width = max(2, len(str(len(ids))))
    return [f"{n:0{width}d}-{plan_id}.json" for n, plan_id in enumerate(ids, start=1)]


def table_sql(kind: str, fmt: str) -> str:
    """One kind's rows in file order: CSV cells as text, Parquet columns with their own types."""
    columns = COLUMNS[kind]
    cells = [csv_cell(c) if fmt == "csv" else f'"{c}"' for c in columns]
    select = ", ".join(f'{cell} AS "{c}"' for cell, c in zip(cells, columns, strict=True))
    return f"SELECT {select} FROM ({RECORDS[kind]}) ORDER BY {order_of(kind)}"


def export_tables(con: duckdb.DuckDBPyConnection, out: Path, fmt: str) -> list[Path]:
    """One file per record kind, named as the CSV reader expects."""
    options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet"
    written = []
    for kind in COLUMNS:
        path = out / f"{kind}.{fmt}"
        query = table_sql(kind, fmt)
        _atomic(path, lambda tmp, q=query: con.execute(f"COPY ({q}) TO {sql_path(tmp)} ({options})"))
        written.append(path)
    return written


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Have ``write`` fill a temp file beside ``path``, then rename it into place."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
