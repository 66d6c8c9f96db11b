"""Export what a user is looking at: a filtered, sorted project list or a set of search hits.

Unlike :mod:`~planscope.store.export.database`, which writes whole plan documents, these write
flat tables, one row per record on screen, for a spreadsheet or a script.
Project rows stream from DuckDB, so exporting a million filtered rows is
fine; file names never overwrite an earlier export.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from planscope.store.errors import InputError
from planscope.store.queries.projects import COLUMNS, SORTS, ProjectFilter, where_clause

VIEW_FORMATS = ("csv", "json")
CHUNK = 10_000


def free_path(folder: Path, stem: str, fmt: str) -> Path:
    """``folder/stem.fmt``, or ``stem-2.fmt`` and so on when that is taken."""
    folder = folder.expanduser()
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    candidate = folder / f"{stem}.{fmt}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}.{fmt}"
        n += 1
    return candidate


def export_projects(
    con: duckdb.DuckDBPyConnection, f: ProjectFilter, sort: str, descending: bool, fmt: str, folder: Path
) -> tuple[Path, int]:
    """Write the projects matching ``f`` in the given order; return the file and the row count."""
    where, params = where_clause(f)
    direction = "DESC" if descending else "ASC"
    cur = con.execute(
        f"SELECT {COLUMNS} FROM projects WHERE {where} ORDER BY {SORTS[sort]} {direction} NULLS LAST, rn",
        params,
    )
    names = [d[0] for d in cur.description if d[0] != "rn"]  # type: ignore[union-attr]

    def rows() -> Iterator[dict[str, Any]]:
        while chunk := cur.fetchmany(CHUNK):
            for row in chunk:
                yield dict(zip(names, row[1:], strict=True))

    return write_rows(rows(), names, fmt, free_path(folder, "planscope-projects", fmt))


def export_records(items: Iterable[Any], fmt: str, folder: Path, stem: str) -> tuple[Path, int]:
    """Write dataclass results (search hits, say) as a flat table."""
    dicts = [dataclasses.asdict(item) for item in items]
    names = list(dicts[0]) if dicts else ["kind", "id", "title"]
    return write_rows(iter(dicts), names, fmt, free_path(folder, stem, fmt))


def write_rows(rows: Iterator[dict[str, Any]], names: list[str], fmt: str, path: Path) -> tuple[Path, int]:
    """Stream rows to CSV or to a JSON array, via a temp file so a failed write leaves nothing."""
    if fmt not in VIEW_FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected csv or json")
    tmp = path.with_name(f".{path.name}.tmp")
    count = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            if fmt == "csv":
                writer = csv.DictWriter(handle, fieldnames=names, lineterminator="\n", extrasaction="ignore")
                writer.writeheader()
                for row in rows:
                    writer.writerow(row)
                    count += 1
            else:
                handle.write("[")
                for row in rows:
                    handle.write(("\n  " if count == 0 else ",\n  ") + json.dumps(row, ensure_ascii=False))
                    count += 1
                handle.write("\n]\n" if count else "]\n")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path, count
