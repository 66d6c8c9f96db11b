"""Cross-record checks, run in SQL over the freshly loaded base tables.

Running them in DuckDB rather than in Python keeps memory flat for a million
records and lets one load report every problem at once.  Records that failed
their own validation are listed in ``rejected`` and are not reported again as
missing references.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from planscope.store.errors import Problem

RECORDS_VIEW = """
CREATE OR REPLACE TEMP VIEW records_v AS
SELECT 'plan' AS kind, id, id AS plan_id, src, line, ord FROM plans
UNION ALL SELECT 'period', id, plan_id, src, line, ord FROM periods
UNION ALL SELECT 'goal', id, plan_id, src, line, ord FROM goals
UNION ALL SELECT 'project', id, plan_id, src, line, ord FROM projects
UNION ALL SELECT 'indicator', id, plan_id, src, line, ord FROM indicators
UNION ALL SELECT 'milestone', id, plan_id, src, line, ord FROM milestones
"""

# Each check selects: src, line, kind, id, field, a, b, c (details for the message).
_MISSING = "NOT EXISTS (SELECT 1 FROM rejected r WHERE r.id = {col})"


@dataclass(frozen=True)
class Check:
    """One SQL check and how to word what it finds."""

    sql: str
    word: Callable[[tuple[object, ...]], str]


def _missing_goals(kind: str) -> Check:
    """Goals a project or an indicator names (through ``{kind}_goals``) that no file defines."""
    return Check(
        f"""SELECT o.src, o.line, '{kind}', o.id, 'goals[' || l.pos || ']', l.goal_id, NULL, NULL
           FROM {kind}_goals l JOIN {kind}s o ON o.id = l.{kind}_id
           WHERE l.goal_id NOT IN (SELECT id FROM goals) AND {_MISSING.format(col="l.goal_id")}
           ORDER BY o.ord, l.pos""",
        lambda r: f"goal {r[0]!r} does not exist",
    )


def _missing_reference(kind: str, field: str, target: str, noun: str) -> Check:
    """A ``{field}_id`` of a ``kind`` record that names no row of the ``target`` table."""
    col = f"x.{field}_id"
    return Check(
        f"""SELECT x.src, x.line, '{kind}', x.id, '{field}', {col}, NULL, NULL FROM {kind}s x
           WHERE {col} IS NOT NULL AND {col} NOT IN (SELECT id FROM {target})
             AND {_MISSING.format(col=col)} ORDER BY x.ord""",
        lambda r: f"{noun} {r[0]!r} does not exist",
    )


CHECKS: tuple[Check, ...] = (
    Check(
        """SELECT src, line, kind, id, 'id', first_kind, first_path, first_line FROM (
             SELECT v.*, row_number() OVER w AS n,
                    first_value(v.kind) OVER w AS first_kind,
                    first_value(f.path) OVER w AS first_path,
                    first_value(v.line) OVER w AS first_line
             FROM records_v v LEFT JOIN files f USING (src)
             WINDOW w AS (PARTITION BY v.id ORDER BY v.ord)) WHERE n > 1 ORDER BY ord""",
        lambda r: f"duplicate id; already used by the {r[0]} at {r[1]}" + (f":{r[2]}" if r[2] else ""),
    ),
    Check(
        """SELECT src, line, 'source', id, 'id', plan_id, NULL, NULL FROM (
             SELECT *, row_number() OVER (PARTITION BY plan_id, id ORDER BY ord) AS n FROM sources)
           WHERE n > 1 ORDER BY ord""",
        lambda r: f"duplicate source id in plan {r[0]!r}",
    ),
    Check(
        f"""SELECT v.src, v.line, v.kind, v.id, 'plan', v.plan_id, NULL, NULL FROM records_v v
           WHERE v.kind <> 'plan' AND v.plan_id IS NOT NULL
             AND v.plan_id NOT IN (SELECT id FROM plans) AND {_MISSING.format(col="v.plan_id")}
           ORDER BY v.ord""",
        lambda r: f"plan {r[0]!r} is not defined in any file being loaded",
    ),
    Check(
        """SELECT src, line, kind, id, 'plan', NULL, NULL, NULL FROM records_v
           WHERE kind <> 'plan' AND plan_id IS NULL ORDER BY ord""",
        lambda r: "belongs to no plan; give the plan id (the plan of a document, or a plan column)",
    ),
    _missing_reference("plan", "parent", "plans", "parent plan"),
    Check(
        """SELECT s.src, s.line, 'period', s.id, 'start', s.start_year, s.end_year,
                  p.start_year || '-' || coalesce(p.horizon_year, p.end_year)
           FROM periods s JOIN plans p ON p.id = s.plan_id
           WHERE s.start_year < p.start_year OR s.end_year > coalesce(p.horizon_year, p.end_year)
           ORDER BY s.ord""",
        lambda r: f"period {r[0]}-{r[1]} lies outside its plan's span {r[2]}",
    ),
    Check(
        f"""SELECT g.src, g.line, 'goal', g.id, 'parent', g.parent_id, p.plan_id, g.plan_id
           FROM goals g LEFT JOIN (FROM goals QUALIFY row_number() OVER (PARTITION BY id ORDER BY ord) = 1) p
             ON p.id = g.parent_id
           WHERE g.parent_id IS NOT NULL AND (p.id IS NULL OR p.plan_id <> g.plan_id)
             AND {_MISSING.format(col="g.parent_id")} ORDER BY g.ord""",
        lambda r: (
            f"parent goal {r[0]!r} does not exist"
            if r[1] is None
            else f"parent goal {r[0]!r} belongs to plan {r[1]!r}; a parent must be in the same plan"
        ),
    ),
    _missing_goals("project"),
    _missing_goals("indicator"),
    Check(
        f"""SELECT d.src, d.line, d.kind, d.indicator_id, 'indicator', d.indicator_id, NULL, NULL
           FROM detached_rows d
           WHERE d.indicator_id NOT IN (SELECT id FROM indicators) AND {_MISSING.format(col="d.indicator_id")}
           ORDER BY d.pos""",
        lambda r: f"indicator {r[0]!r} does not exist",
    ),
    Check(
        f"""SELECT coalesce(d.src, i.src), coalesce(d.line, i.line), 'indicator', i.id,
                  CASE WHEN d.pos IS NULL THEN 'targets[' || t.pos || '].period' ELSE 'period' END,
                  t.period_id,
                  s.plan_id, i.plan_id
           FROM targets t JOIN indicators i ON i.id = t.indicator_id
           LEFT JOIN detached_rows d
             ON d.kind = 'target' AND d.indicator_id = t.indicator_id AND d.pos = t.pos
           LEFT JOIN (FROM periods QUALIFY row_number() OVER (PARTITION BY id ORDER BY ord) = 1) s
             ON s.id = t.period_id
           WHERE (s.id IS NULL OR s.plan_id <> i.plan_id) AND {_MISSING.format(col="t.period_id")}
           ORDER BY i.ord, t.pos""",
        lambda r: (
            f"period {r[0]!r} does not exist"
            if r[1] is None
            else f"period {r[0]!r} belongs to plan {r[1]!r}, not to this indicator's plan {r[2]!r}"
        ),
    ),
    _missing_reference("milestone", "period", "periods", "period"),
    Check(
        f"""SELECT m.src, m.line, 'milestone', m.id, l.target_kind || 's[' || l.pos || ']',
                  l.target_kind, l.target_id, NULL
           FROM milestone_links l JOIN milestones m ON m.id = l.milestone_id
           WHERE NOT EXISTS (SELECT 1 FROM records_v v WHERE v.id = l.target_id AND v.kind = l.target_kind)
             AND {_MISSING.format(col="l.target_id")} ORDER BY m.ord, l.target_kind, l.pos""",
        lambda r: f"{r[0]} {r[1]!r} does not exist",
    ),
    Check(
        """SELECT v.src, v.line, v.kind, v.id, 'citations[' || c.pos || '].source', c.source_id, c.plan_id,
                  NULL
           FROM citations c JOIN records_v v ON v.id = c.record_id AND v.kind = c.record_kind
           WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.plan_id = c.plan_id AND s.id = c.source_id)
           ORDER BY v.ord, c.pos""",
        lambda r: f"source {r[0]!r} is not among the sources of plan {r[1]!r}",
    ),
    Check(
        """SELECT v.src, v.line, v.kind, v.id, 'citations[' || c.pos || '].paragraph', c.paragraph,
                  s.id, s.paragraphs
           FROM citations c JOIN records_v v ON v.id = c.record_id AND v.kind = c.record_kind
           JOIN sources s ON s.plan_id = c.plan_id AND s.id = c.source_id
           WHERE c.paragraph > s.paragraphs ORDER BY v.ord, c.pos""",
        lambda r: f"paragraph {r[0]} is past the end of source {r[1]!r}, which has {r[2]}",
    ),
    Check(
        """SELECT coalesce(d.src, i.src), coalesce(d.line, i.line), 'indicator', i.id,
                  CASE WHEN d.pos IS NULL THEN 'observations[' || o.pos || '].citation.source'
                       ELSE 'citation' END,
                  o.cite_source, i.plan_id, NULL
           FROM observations o JOIN indicators i ON i.id = o.indicator_id
           LEFT JOIN detached_rows d ON d.kind = 'observation' AND d.indicator_id = o.indicator_id
             AND d.pos = o.pos
           WHERE o.cite_source IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM sources s WHERE s.plan_id = i.plan_id AND s.id = o.cite_source)
           ORDER BY i.ord, o.pos""",
        lambda r: f"source {r[0]!r} is not among the sources of plan {r[1]!r}",
    ),
)

REQUIRE_CITATIONS = Check(
    """SELECT v.src, v.line, v.kind, v.id, 'citations', NULL, NULL, NULL FROM records_v v
       WHERE NOT EXISTS (SELECT 1 FROM citations c WHERE c.record_id = v.id AND c.record_kind = v.kind)
       ORDER BY v.ord""",
    lambda r: "missing; every record of the default plan must cite its source paragraph",
)


def run_checks(
    con: duckdb.DuckDBPyConnection, *, require_citations: bool, limit: int
) -> tuple[list[Problem], int]:
    """Run every check; return up to ``limit`` problems and how many there were in all."""
    con.execute(RECORDS_VIEW)
    files = dict(con.execute("SELECT src, path FROM files").fetchall())
    checks = CHECKS + ((REQUIRE_CITATIONS,) if require_citations else ())
    problems: list[Problem] = []
    total = 0
    for check in checks:
        rows = con.execute(f"SELECT *, count(*) OVER () FROM ({check.sql}) LIMIT {limit}").fetchall()
        if rows:
            total += rows[0][-1]
        for src, line, kind, rid, field, a, b, c, _count in rows[: max(0, limit - len(problems))]:
            problems.append(
                Problem(files.get(src, "?"), line, f"{kind} {rid!r}", field, check.word((a, b, c)))
            )
    for table, kind in (("plans", "plan"), ("goals", "goal")):
        cycles = _cycles(con, files, table, kind)
        total += len(cycles)
        problems.extend(cycles[: max(0, limit - len(problems))])
    return problems, total


def _cycles(con: duckdb.DuckDBPyConnection, files: dict[int, str], table: str, kind: str) -> list[Problem]:
    """Records whose parent chain loops back on itself (a tree must have roots), one per loop."""
    rows = con.execute(f"SELECT id, parent_id, src, line FROM {table} WHERE parent_id IS NOT NULL").fetchall()
    parent = {rid: up for rid, up, _, _ in rows}
    where = {rid: (src, line) for rid, _, src, line in rows}
    state: dict[str, int] = {}
    looped: list[str] = []
    for start in parent:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parent and state.get(node, 0) == 0:
            state[node] = 1
            path.append(node)
            node = parent[node]
        if node is not None and state.get(node) == 1 and node in path:
            looped.append(node)
        for visited in path:
            state[visited] = 2
    problems = []
    for rid in looped:
        src, line = where[rid]
        problems.append(
            Problem(
                files.get(src, "?"),
                line,
                f"{kind} {rid!r}",
                "parent",
                f"the chain of parents loops back to this {kind}; a {kind} tree needs a root",
            )
        )
    return problems
