"""The goal tree: plan → area → goal → sub-goals, fetched one level at a time.

A level is paged because a generated plan may hold a hundred thousand goals;
a tree widget asks for the children of a node only when it is expanded.
"""

from __future__ import annotations

import duckdb

from planscope.store.queries.paging import counted_page
from planscope.store.results import AreaCount, GoalNode
from planscope.store.vocab import UNKNOWN

NODE_SQL = """
SELECT g.id, g.plan_id, g.parent_id, g.title, g.area, g.status, r.progress,
       c.children, c.projects, c.indicators, c.milestones
FROM goals g
JOIN goal_counts c ON c.goal_id = g.id
LEFT JOIN goal_rollup r ON r.goal_id = g.id
"""


def areas(con: duckdb.DuckDBPyConnection, plan_id: str) -> list[AreaCount]:
    """The areas of a plan's top-level goals, in the order they first appear."""
    rows = con.execute(
        "SELECT plan_id, area, count(*) FROM goals WHERE plan_id = $1 AND parent_id IS NULL "
        "GROUP BY ALL ORDER BY min(ord)",
        [plan_id],
    ).fetchall()
    return [AreaCount(*row) for row in rows]


def top_goals(
    con: duckdb.DuckDBPyConnection, plan_id: str, area: str | None, offset: int = 0, limit: int = 200
) -> tuple[list[GoalNode], int]:
    """A page of a plan's top-level goals in one area (``unknown`` or None: no area)."""
    if area is None or area == UNKNOWN:
        cond, params = "g.area IS NULL", [plan_id]
    else:
        cond, params = "g.area = $2", [plan_id, area]
    where = f"WHERE g.plan_id = $1 AND g.parent_id IS NULL AND {cond}"
    count_sql, rows_sql = f"SELECT count(*) FROM goals g {where}", f"{NODE_SQL} {where} ORDER BY g.ord"
    rows, total = counted_page(con, count_sql, rows_sql, params, offset, limit)
    return [GoalNode(*r) for r in rows], total


def children(
    con: duckdb.DuckDBPyConnection, goal_id: str, offset: int = 0, limit: int = 200
) -> tuple[list[GoalNode], int]:
    """A page of a goal's sub-goals, in file order, and how many there are."""
    count_sql = "SELECT count(*) FROM goals WHERE parent_id = $1"
    rows_sql = f"{NODE_SQL} WHERE g.parent_id = $1 ORDER BY g.ord"
    rows, total = counted_page(con, count_sql, rows_sql, [goal_id], offset, limit)
    return [GoalNode(*r) for r in rows], total
