"""What the generator's test modules share: its size and seed, and SQL helpers.

The generated database itself is the ``gen_db`` fixture in conftest."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

N = 2_000
SEED = 7
CJK = re.compile(r"[\u4e00-\u9fff]")

RECORDS_SQL = """
SELECT 'plan' AS kind, id, id AS plan_id, ord, src, line FROM plans
UNION ALL SELECT 'source', id, plan_id, ord, src, line FROM sources
UNION ALL SELECT 'period', id, plan_id, ord, src, line FROM periods
UNION ALL SELECT 'goal', id, plan_id, ord, src, line FROM goals
UNION ALL SELECT 'project', id, plan_id, ord, src, line FROM projects
UNION ALL SELECT 'indicator', id, plan_id, ord, src, line FROM indicators
UNION ALL SELECT 'milestone', id, plan_id, ord, src, line FROM milestones
"""


#: Base tables whose rows a JSON round trip must bring back unchanged.
BASE_TABLES = (
    "plans", "sources", "periods", "goals", "projects", "project_goals", "indicators", "indicator_goals",
    "targets", "observations", "milestones", "milestone_links", "citations",
)  # fmt: skip


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]  # type: ignore[index]


def fingerprint(path: Path) -> dict[str, tuple]:
    """Row count and an order-independent hash of every table but those holding the build time."""
    with duckdb.connect(str(path), read_only=True) as c:
        tables = [t for (t,) in c.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {
            t: c.execute(f"SELECT count(*), sum(hash(x))::HUGEINT FROM {t} x").fetchone()
            for t in tables
            if t not in ("meta", "editions")
        }
