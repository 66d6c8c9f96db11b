"""Write a database's plans as the CSV files ``planscope load`` reads, with DuckDB's COPY.

``planscope export --format csv`` writes the same layout row by row from
Python, which on a busy 2-core machine took over an hour for a million
projects; the benchmarks only need the files, so they write them here in
SQL.  The load that reads them back checks every row, so a file this wrote
wrongly would fail the benchmark loudly rather than skew it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

#: A number as the plan files write it: 60000 rather than 60000.0.
NUM = (
    "CASE WHEN {0} = trunc({0}) AND abs({0}) < 1e15 "
    "THEN CAST(CAST({0} AS BIGINT) AS VARCHAR) ELSE CAST({0} AS VARCHAR) END"
)


def _cites(kind: str) -> str:
    return (
        "(SELECT string_agg(source_id || '#' || paragraph, '; ' ORDER BY pos) FROM citations "
        f"WHERE record_kind = '{kind}' AND record_id = r.id) AS citations"
    )


def _links(table: str, owner: str, target: str, where: str = "TRUE") -> str:
    return f"(SELECT string_agg({target}, '; ' ORDER BY pos) FROM {table} WHERE {owner} = r.id AND {where})"


def _select(source: str, columns: list[str], order: str = "r.ord") -> str:
    return f"SELECT {', '.join(columns)} FROM {source} ORDER BY {order}"


_IND = "r JOIN indicators i ON i.id = r.indicator_id"

QUERIES = {
    "plans": _select("plans r", [
        "id", "title", "issuer", "kind", "start_year AS start", 'end_year AS "end"',
        "horizon_year AS horizon", "parent_id AS parent", "summary", _cites("plan"),
    ]),
    "sources": _select("sources r", [
        "plan_id AS plan", "id", "title", "publisher", "date", "author", "location", "paragraphs", "note",
    ]),
    "periods": _select("periods r", [
        "plan_id AS plan", "id", "label", "start_year AS start", 'end_year AS "end"', _cites("period"),
    ]),
    "goals": _select("goals r", [
        "plan_id AS plan", "id", "parent_id AS parent", "title", "area", "description", "status",
        NUM.format("progress") + " AS progress", _cites("goal"),
    ]),
    "projects": _select("projects r", [
        "plan_id AS plan", "id", "title", _links("project_goals", "project_id", "goal_id") + " AS goals",
        "description", "owner", "location", "status", "planned_start", "planned_end", "actual_start",
        "actual_end", NUM.format("budget_amount") + " AS budget_amount", "budget_currency",
        "nullif(array_to_string(tags, '; '), '') AS tags", _cites("project"),
    ]),
    "indicators": _select("indicators r", [
        "plan_id AS plan", "id", "title", "unit", "direction", "attribute",
        _links("indicator_goals", "indicator_id", "goal_id") + " AS goals",
        NUM.format("baseline") + " AS baseline", "baseline_year", "description", _cites("indicator"),
    ]),
    "targets": _select(f"targets {_IND}", [
        "r.indicator_id AS indicator", "r.period_id AS period", NUM.format("r.value") + " AS value", "r.note",
    ], "i.ord, r.pos"),
    "observations": _select(f"observations {_IND}", [
        "r.indicator_id AS indicator", NUM.format("r.value") + " AS value", "r.as_of", "r.note",
        "r.cite_source || '#' || r.cite_paragraph AS citation",
    ], "i.ord, r.pos"),
    "milestones": _select("milestones r", [
        "plan_id AS plan", "id", "title", "date", "period_id AS period",
        _links("milestone_links", "milestone_id", "target_id", "target_kind = 'goal'") + " AS goals",
        _links("milestone_links", "milestone_id", "target_id", "target_kind = 'project'") + " AS projects",
        "description", _cites("milestone"),
    ]),
}  # fmt: skip


def dump(db: Path, out: Path) -> list[Path]:
    """Write one CSV per kind from ``db`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    con = duckdb.connect(str(db), read_only=True, config={"memory_limit": "1GB"})
    try:
        con.execute("SET enable_progress_bar = false")
        for kind, sql in QUERIES.items():
            path = out / f"{kind}.csv"
            con.execute(f"COPY ({sql}) TO '{path}' (HEADER, DELIMITER ',')")
            written.append(path)
    finally:
        con.close()
    return written
