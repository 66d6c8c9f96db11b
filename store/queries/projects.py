"""The Projects table: filters, facets, sorting and paging at a million rows.

The unfiltered table in load order pages by its row number ``rn``, which
DuckDB answers from zone maps in about a millisecond at any depth.  Any other
filter or sort is materialised once into a temporary table holding the
columns a page shows, in view order, so that every page after that is the
same cheap range scan of one small stretch of that table: OFFSET over a
sorted million rows would cost a full sort per page, and fetching a page's
hundred rows back from the projects table by row number touched rows spread
over the whole table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb

from planscope.store.db import BORROWED_MEMORY_LIMIT, READ_MEMORY_LIMIT, PrivateCursor
from planscope.store.results import FacetValue, ProjectRow
from planscope.store.vocab import PROJECT_FACETS, PROJECT_SORTS, UNKNOWN

COLUMNS = (
    "rn, id, plan_id, title, status, goal_id, area, owner, location, start_year, end_year, "
    "budget_amount, budget_currency"
)

#: The column each order of PROJECT_SORTS sorts by, where it is not the column of that name.
_SORT_COLUMNS = {"order": "rn", "start": "start_year", "end": "end_year", "budget": "budget_amount"}
#: Every order by its name, and the SQL it sorts by; ``id`` is a stable order for scripts.
SORTS = {name: _SORT_COLUMNS.get(name, name) for name in (*PROJECT_SORTS, "id")}

FACETS = tuple(PROJECT_FACETS)


@dataclass(frozen=True, slots=True)
class ProjectFilter:
    """Which projects to show.  None means any; ``"unknown"`` matches a missing value.

    ``period`` is a span of years, ``2021-2025``: projects whose years overlap
    it match (a project without dates takes its plan's years).
    """

    status: str | None = None
    area: str | None = None
    owner: str | None = None
    plan: str | None = None
    goal: str | None = None
    period: str | None = None
    text: str | None = None

    def is_empty(self) -> bool:
        """True when no filter is set."""
        return not any((self.status, self.area, self.owner, self.plan, self.goal, self.period, self.text))

    def without(self, name: str) -> ProjectFilter:
        """The same filter with one facet cleared (facet counts ignore their own choice)."""
        return replace(self, **{name: None})


def where_clause(f: ProjectFilter) -> tuple[str, list[object]]:
    """SQL conditions and their parameters for a filter."""
    conds: list[str] = []
    params: list[object] = []

    def equal(column: str, value: str | None) -> None:
        if value is None:
            return
        if value == UNKNOWN:
            conds.append(f"{column} IS NULL")
        else:
            params.append(value)
            conds.append(f"{column} = ${len(params)}")

    equal("status", f.status)
    equal("area", f.area)
    equal("owner", f.owner)
    equal("plan_id", f.plan)
    if f.goal:
        params.append(f.goal)
        conds.append(f"id IN (SELECT project_id FROM project_goals WHERE goal_id = ${len(params)})")
    if f.period:
        first, last = period_years(f.period)
        params += [first, last]
        n = len(params)
        conds.append(
            f"""EXISTS (SELECT 1 FROM plans pl WHERE pl.id = projects.plan_id
                AND coalesce(projects.start_year, projects.end_year, pl.start_year) <= ${n}
                AND coalesce(projects.end_year, projects.start_year, pl.end_year) >= ${n - 1})"""
        )
    if f.text:
        for term in f.text.lower().split():
            params.append(term)
            conds.append(f"contains(lower(title), ${len(params)})")
    return (" AND ".join(conds) or "TRUE"), params


def count(con: duckdb.DuckDBPyConnection, f: ProjectFilter) -> int:
    """How many projects match."""
    where, params = where_clause(f)
    return con.execute(f"SELECT count(*) FROM projects WHERE {where}", params).fetchone()[0]  # type: ignore[index]


def facet(con: duckdb.DuckDBPyConnection, name: str, f: ProjectFilter, limit: int = 30) -> list[FacetValue]:
    """Values of one facet with counts, most common first, under the other filters."""
    if name == "period":
        return _period_facet(con, f)
    column = {"status": "status", "area": "area", "owner": "owner", "plan": "plan_id"}[name]
    where, params = where_clause(f.without(name))
    params.append(limit)
    rows = con.execute(
        f"SELECT {column}, count(*) FROM projects WHERE {where} GROUP BY 1 "
        f"ORDER BY 2 DESC, 1 NULLS LAST LIMIT ${len(params)}",
        params,
    ).fetchall()
    return [FacetValue(value if value is not None else UNKNOWN, n) for value, n in rows]


def period_years(period: str) -> tuple[int, int]:
    """The years of a period facet value, written ``2021-2025`` (or ``2021`` for one year)."""
    first, _, last = period.partition("-")
    try:
        return int(first), int(last or first)
    except ValueError:
        return 0, -1  # matches nothing, as a period that does not exist should


def _period_facet(con: duckdb.DuckDBPyConnection, f: ProjectFilter) -> list[FacetValue]:
    """Projects per distinct plan-period span, counted in one pass.

    Periods repeat across plans (every region's 14th Five-Year Plan is
    2021-2025), so the facet offers each span once.  Projects are first grouped
    by their own span, which leaves a few hundred groups to match to periods.
    """
    where, params = where_clause(f.without("period"))
    rows = con.execute(
        f"""WITH spans AS (SELECT DISTINCT start_year, end_year FROM periods),
           own AS (
             SELECT coalesce(p.start_year, p.end_year, pl.start_year) AS y0,
                    coalesce(p.end_year, p.start_year, pl.end_year) AS y1, count(*) AS n
             FROM (SELECT * FROM projects WHERE {where}) p JOIN plans pl ON pl.id = p.plan_id
             GROUP BY 1, 2)
           SELECT s.start_year, s.end_year, sum(own.n)::BIGINT
           FROM spans s JOIN own ON own.y0 <= s.end_year AND own.y1 >= s.start_year
           GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 40""",
        params,
    ).fetchall()
    return [FacetValue(f"{a}-{b}" if a != b else str(a), int(n)) for a, b, n in rows]


class ProjectView:
    """A filtered, sorted Projects table that pages in constant time.

    It runs on a :class:`~planscope.store.db.PrivateCursor` of its own:
    temporary tables belong to one connection, worker threads share the
    cursor one query at a time, and ``interrupt`` stops a long build when the
    user has already asked for something else.
    """

    _counter = 0

    def __init__(
        self,
        cursor: PrivateCursor,
        f: ProjectFilter,
        sort: str = "order",
        descending: bool = False,
        memory_limit: str = READ_MEMORY_LIMIT,
    ) -> None:
        self.filter, self.sort, self.descending = f, sort, descending
        self.memory_limit = memory_limit
        self.cursor = cursor
        ProjectView._counter += 1
        self._table = f"pview_{ProjectView._counter}"
        self.direct = f.is_empty() and sort == "order" and not descending
        self.total = 0

    def build(self) -> int:
        """Materialise the order (unless paging the base table directly); return the row count."""
        self.total = self.cursor.run(self._build)
        return self.total

    def _build(self, cur: duckdb.DuckDBPyConnection) -> int:
        if self.direct:
            return cur.execute("SELECT count(*) FROM projects").fetchone()[0]  # type: ignore[index,no-any-return]
        where, params = where_clause(self.filter)
        order = SORTS[self.sort]
        direction = "DESC" if self.descending else "ASC"
        # The view's rowid is its position: ORDER BY can spill to disk, a window cannot.
        sql = (
            f"CREATE OR REPLACE TEMP TABLE {self._table} AS "
            f"SELECT {COLUMNS} FROM projects WHERE {where} ORDER BY {order} {direction} NULLS LAST, rn"
        )
        # Sorting whole rows never fits a reader's small cap at scale, and failing first
        # wasted seconds, so the build borrows memory from the start and gives it back.
        cur.execute(f"SET memory_limit = '{BORROWED_MEMORY_LIMIT}'")
        try:
            cur.execute(sql, params)
        finally:
            cur.execute("SET memory_limit = $1", [self.memory_limit])
        return cur.execute(f"SELECT count(*) FROM {self._table}").fetchone()[0]  # type: ignore[index,no-any-return]

    def rows(self, offset: int, limit: int) -> list[ProjectRow]:
        """Rows ``offset`` to ``offset + limit`` of the view."""
        offset = max(0, offset)
        if self.direct:
            sql = f"SELECT {COLUMNS} FROM projects WHERE rn >= $1 AND rn < $2 ORDER BY rn"
        else:
            sql = f"SELECT {COLUMNS} FROM {self._table} WHERE rowid >= $1 AND rowid < $2 ORDER BY rowid"
        found = self.cursor.run(lambda cur: cur.execute(sql, [offset, offset + limit]).fetchall())
        return [ProjectRow(*r) for r in found]

    def interrupt(self) -> None:
        """Stop the query running on this view's cursor, if any."""
        self.cursor.interrupt()

    def close(self) -> None:
        """Drop the temporary table and the cursor."""
        self.cursor.close()
