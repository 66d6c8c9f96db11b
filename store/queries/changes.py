"""Editions and their changes, as the command line, the Overview and a record's History ask for them.

The change log is kept newest edition first (``rn`` counts from the newest
change), so every query here is a range or a filter over one table, and the
answer is already in the order people read it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True, slots=True)
class EditionFile:
    """One file an edition was loaded from; generated sets have no file and no hash."""

    path: str
    sha256: str | None
    bytes: int | None


@dataclass(frozen=True, slots=True)
class Edition:
    """One successful load: its number, when, from what, and how much it changed.

    ``changes`` counts change rows (one per changed field, or per record added
    or removed); ``compared`` is false for a first edition, which has nothing
    to be compared with.
    """

    edition: int
    loaded_at: str | None
    origin: str | None
    files: list[EditionFile]
    counts: dict[str, int]
    changes: int
    added: int
    removed: int
    changed: int
    compared: bool


@dataclass(frozen=True, slots=True)
class Change:
    """One row of the change log: a record added or removed, or one field of it that changed."""

    edition: int
    loaded_at: str | None
    kind: str
    id: str
    title: str | None
    change: str
    field: str | None
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class ChangeFilter:
    """Which changes to list; None means any."""

    since: int | None = None  # only editions after this one
    kind: str | None = None
    change: str | None = None
    record_id: str | None = None

    def where(self) -> tuple[str, list[object]]:
        """SQL conditions on ``changes`` and their parameters."""
        conds: list[str] = []
        params: list[object] = []
        for column, value in (
            ("c.edition >", self.since),
            ("c.kind =", self.kind),
            ("c.change =", self.change),
            ("c.id =", self.record_id),
        ):
            if value is not None:
                params.append(value)
                conds.append(f"{column} ${len(params)}")
        return " AND ".join(conds) or "TRUE", params


def editions(con: duckdb.DuckDBPyConnection) -> list[Edition]:
    """Every edition, newest first."""
    files: dict[int, list[EditionFile]] = {}
    for edition, path, sha, size in con.execute(
        "SELECT edition, path, sha256, bytes FROM edition_files ORDER BY edition, pos"
    ).fetchall():
        files.setdefault(edition, []).append(EditionFile(path, sha, size))
    rows = con.execute(
        "SELECT edition, loaded_at, origin, counts, changes, added, removed, changed, compared "
        "FROM editions ORDER BY edition DESC"
    ).fetchall()
    return [
        Edition(e, at, origin, files.get(e, []), dict(counts or {}), n, a, r, c, bool(cmp))
        for e, at, origin, counts, n, a, r, c, cmp in rows
    ]


def latest_edition(con: duckdb.DuckDBPyConnection) -> Edition | None:
    """The edition on show now, or None in a database with no log."""
    found = editions(con)
    return found[0] if found else None


_SELECT = (
    "SELECT c.edition, e.loaded_at, c.kind, c.id, c.title, c.change, c.field, c.old, c.new "
    "FROM changes c JOIN editions e ON e.edition = c.edition"
)


def changes(con: duckdb.DuckDBPyConnection, f: ChangeFilter, limit: int | None = None) -> list[Change]:
    """Changes matching ``f``, newest edition first, in the order of the log."""
    where, params = f.where()
    sql = f"{_SELECT} WHERE {where} ORDER BY c.rn"
    if limit is not None:
        params.append(max(0, limit))
        sql += f" LIMIT ${len(params)}"
    return [Change(*row) for row in con.execute(sql, params).fetchall()]


def changes_json_rows(con: duckdb.DuckDBPyConnection, f: ChangeFilter) -> list[dict[str, object]]:
    """The same rows as plain dicts, for ``changes --json`` at tens of thousands of rows."""
    where, params = f.where()
    cur = con.execute(f"{_SELECT} WHERE {where} ORDER BY c.rn", params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def history(con: duckdb.DuckDBPyConnection, record_id: str, limit: int = 200) -> list[Change]:
    """One record's changes, edition by edition, newest first."""
    return changes(con, ChangeFilter(record_id=record_id), limit)
