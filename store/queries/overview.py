"""Plans and the counts the Overview and ``planscope stats`` show."""

from __future__ import annotations

import duckdb

from planscope.store.build.schema import RECORD_TABLES
from planscope.store.results import PlanInfo, Stats
from planscope.store.vocab import PLURALS, UNKNOWN

PLANS_SQL = """
SELECT p.id, p.title, p.issuer, p.kind, p.start_year, p.end_year, p.horizon_year, p.parent_id,
       p.summary,
       (SELECT count(*) FROM goals g WHERE g.plan_id = p.id),
       (SELECT count(*) FROM projects x WHERE x.plan_id = p.id),
       (SELECT count(*) FROM indicators i WHERE i.plan_id = p.id),
       (SELECT count(*) FROM milestones m WHERE m.plan_id = p.id)
FROM plans p ORDER BY p.start_year, p.ord
"""


def plans(con: duckdb.DuckDBPyConnection) -> list[PlanInfo]:
    """Every plan, oldest first, with its record counts."""
    return [PlanInfo(*row) for row in con.execute(PLANS_SQL).fetchall()]


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per record kind, keyed by plural (``plans``, ``goals``...)."""
    parts = " UNION ALL ".join(
        f"SELECT '{PLURALS[kind]}', count(*) FROM {table}" for kind, table in RECORD_TABLES.items()
    )
    result = dict(con.execute(parts).fetchall())
    result["sources"] = con.execute("SELECT count(*) FROM sources").fetchone()[0]  # type: ignore[index]
    result["citations"] = con.execute("SELECT count(*) FROM citations").fetchone()[0]  # type: ignore[index]
    return result


def _breakdown(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, int]:
    return {key if key is not None else UNKNOWN: n for key, n in con.execute(sql).fetchall()}


def stats(con: duckdb.DuckDBPyConnection) -> Stats:
    """Counts per kind, status breakdowns, goal areas, budgets per currency, and plans."""
    return Stats(
        counts=counts(con),
        project_status=_breakdown(
            con, "SELECT status, count(*) FROM projects GROUP BY status ORDER BY 2 DESC, 1"
        ),
        goal_status=_breakdown(con, "SELECT status, count(*) FROM goals GROUP BY status ORDER BY 2 DESC, 1"),
        areas=_breakdown(con, "SELECT area, count(*) FROM goals GROUP BY area ORDER BY 2 DESC, 1 LIMIT 50"),
        budgets={
            cur: float(total)
            for cur, total in con.execute(
                "SELECT budget_currency, sum(budget_amount) FROM projects "
                "WHERE budget_currency IS NOT NULL GROUP BY 1 ORDER BY 1"
            ).fetchall()
        },
        plans=plans(con),
    )


def meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The database's own facts: schema version, when and from what it was built."""
    return dict(con.execute("SELECT key, value FROM meta ORDER BY key").fetchall())
