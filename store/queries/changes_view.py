"""The Changes tab's rows: each edition's header followed by its changes, paged by position.

The log is stored newest first and numbered by ``rn``, so edition ``i``
(counting from the newest) owns one contiguous run of change numbers.  The
view lays the editions out one after another, a header line then the run,
and works out in Python which change numbers a page of positions covers; the
page is then one range read, answered from zone maps at any depth.  A filter
(kind, change) is materialised once into a temporary table of change numbers
whose row ids are the positions within the filter, as the Projects view does.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import duckdb

from planscope.store.db import PrivateCursor
from planscope.store.queries.changes import ChangeFilter


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """A line of the Changes table: an edition's header (``field`` is None, ``count`` set) or a change."""

    edition: int
    loaded_at: str | None
    header: bool
    count: int = 0  # header: changes shown under it
    kind: str = ""
    id: str = ""
    title: str | None = None
    change: str = ""
    field: str | None = None
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True, slots=True)
class _Run:
    edition: int
    loaded_at: str | None
    start: int  # position of the header line
    base: int  # index of its first change among the changes shown
    count: int


class ChangeView:
    """Editions and their changes under a filter, paged in constant time.

    It runs on a :class:`~planscope.store.db.PrivateCursor` of its own:
    temporary tables belong to one connection, and worker threads share the
    cursor one query at a time.
    """

    _counter = 0

    def __init__(self, cursor: PrivateCursor, f: ChangeFilter | None = None) -> None:
        self.filter = f or ChangeFilter()
        self.cursor = cursor
        ChangeView._counter += 1
        self._table = f"cview_{ChangeView._counter}"
        self.direct = self.filter == ChangeFilter()
        self._runs: list[_Run] = []
        self._starts: list[int] = []
        self.total = 0

    def build(self) -> int:
        """Lay out every edition and, under a filter, materialise its changes; return the line count."""
        return self.cursor.run(self._build)

    def _build(self, cur: duckdb.DuckDBPyConnection) -> int:
        if self.direct:
            counts_sql = "SELECT edition, count(*) FROM changes GROUP BY 1"
            params: list[object] = []
        else:
            where, params = self.filter.where()
            cur.execute(
                f"CREATE OR REPLACE TEMP TABLE {self._table} AS "
                f"SELECT rn, edition FROM changes c WHERE {where} ORDER BY rn",
                params,
            )
            counts_sql, params = f"SELECT edition, count(*) FROM {self._table} GROUP BY 1", []
        counts = dict(cur.execute(counts_sql, params).fetchall())
        editions = cur.execute("SELECT edition, loaded_at FROM editions ORDER BY edition DESC").fetchall()
        runs, position, base = [], 0, 0
        for edition, loaded_at in editions:
            n = int(counts.get(edition, 0))
            runs.append(_Run(edition, loaded_at, position, base, n))
            position += 1 + n
            base += n
        self._runs, self._starts, self.total = runs, [r.start for r in runs], position
        return self.total

    def rows(self, offset: int, limit: int) -> list[ChangeLine]:
        """Lines ``offset`` to ``offset + limit``."""
        end = min(self.total, max(0, offset) + limit)
        offset = max(0, offset)
        if offset >= end:
            return []
        wanted: list[tuple[_Run, int | None]] = []  # (run, index among shown changes) or header
        for pos in range(offset, end):
            run = self._runs[bisect.bisect_right(self._starts, pos) - 1]
            wanted.append((run, None if pos == run.start else run.base + pos - run.start - 1))
        indexes = [i for _, i in wanted if i is not None]
        found = self._fetch(min(indexes), max(indexes)) if indexes else {}
        lines = []
        for run, index in wanted:
            if index is None:
                lines.append(ChangeLine(run.edition, run.loaded_at, True, run.count))
            elif index in found:
                kind, rid, title, change, fld, old, new = found[index]
                lines.append(
                    ChangeLine(run.edition, run.loaded_at, False, 0, kind, rid, title, change, fld, old, new)
                )
        return lines

    def _fetch(self, first: int, last: int) -> dict[int, tuple]:
        """Changes by their index among those shown, for indexes ``first`` to ``last``."""
        return self.cursor.run(lambda cur: self._fetch_on(cur, first, last))

    def _fetch_on(self, cur: duckdb.DuckDBPyConnection, first: int, last: int) -> dict[int, tuple]:
        cols = "kind, id, title, change, field, old, new"
        if self.direct:
            rows = cur.execute(
                f"SELECT rn, {cols} FROM changes WHERE rn BETWEEN $1 AND $2", [first, last]
            ).fetchall()
            return {r[0]: r[1:] for r in rows}
        picked = cur.execute(
            f"SELECT rowid, rn FROM {self._table} WHERE rowid BETWEEN $1 AND $2", [first, last]
        ).fetchall()
        if not picked:
            return {}
        by_rn = {rn: i for i, rn in picked}
        rns = list(by_rn)
        rows = cur.execute(
            f"SELECT rn, {cols} FROM changes WHERE rn BETWEEN $2 AND $3 AND rn = ANY($1::BIGINT[])",
            [rns, min(rns), max(rns)],
        ).fetchall()
        return {by_rn[r[0]]: r[1:] for r in rows}

    def interrupt(self) -> None:
        """Stop the query running on this view's cursor, if any."""
        self.cursor.interrupt()

    def close(self) -> None:
        """Drop the cursor, and with it the temporary table."""
        self.cursor.close()
