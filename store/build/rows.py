"""Flatten validated models into rows of the base tables.

Rows are buffered per table as columns and sent to DuckDB in large batches,
so a million records cost a few dozen statements, not a million.  A record's
links and citations go to the link and ``citations`` tables only; the copies
kept in the record's own row (its ``goals``, ``citations``... lists) are left
NULL here and filled by ``planscope.store.build.finalize`` in one grouped pass, because
sending a nested list per record from Python costs more than that pass.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from planscope.store.build.schema import TABLES, insert_sql
from planscope.store.read.models import (
    Citation,
    Goal,
    Indicator,
    Milestone,
    Observation,
    Period,
    Plan,
    Project,
    Record,
    Source,
    Target,
)

BATCH_ROWS = 50_000


class Batcher:
    """Column buffers for every base table, flushed when they grow large."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.columns: dict[str, list[list[object]]] = {
            name: [[] for _ in cols] for name, cols in TABLES.items()
        }
        self.pending = 0

    def add(self, table: str, row: tuple[object, ...]) -> None:
        """Buffer one row; flush everything once enough rows are waiting."""
        for column, value in zip(self.columns[table], row, strict=True):
            column.append(value)
        self.pending += 1
        if self.pending >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Insert every buffered row, a table at a time."""
        for table, columns in self.columns.items():
            if columns[0]:
                self.con.execute(insert_sql(table), columns)
                for column in columns:
                    column.clear()
        self.pending = 0


def _cite(batch: Batcher, kind: str, rid: str, plan_id: str | None, cites: list[Citation]) -> None:
    for pos, c in enumerate(cites):
        batch.add("citations", (kind, rid, plan_id, pos, c.source, c.paragraph, c.note))


def add_plan(b: Batcher, m: Plan, ord_: int, plan_id: str | None, src: int, line: int | None) -> None:
    b.add(
        "plans",
        (
            ord_,
            m.id,
            m.title,
            m.issuer,
            m.kind,
            m.start,
            m.end,
            m.horizon,
            m.parent,
            m.summary,
            None,
            src,
            line,
        ),
    )
    _cite(b, "plan", m.id, m.id, m.citations)


def add_source(b: Batcher, m: Source, ord_: int, plan_id: str | None, src: int, line: int | None) -> None:
    b.add(
        "sources",
        (
            ord_,
            plan_id,
            m.id,
            m.title,
            m.publisher,
            m.date,
            m.author,
            m.location,
            m.paragraphs,
            m.note,
            src,
            line,
        ),
    )


def add_period(b: Batcher, m: Period, ord_: int, plan_id: str | None, src: int, line: int | None) -> None:
    b.add("periods", (ord_, plan_id, m.id, m.label, m.start, m.end, None, src, line))
    _cite(b, "period", m.id, plan_id, m.citations)


def add_goal(b: Batcher, m: Goal, ord_: int, plan_id: str | None, src: int, line: int | None) -> None:
    b.add(
        "goals",
        (
            ord_,
            plan_id,
            m.id,
            m.parent,
            m.title,
            m.area,
            m.description,
            m.status,
            m.progress,
            None,
            src,
            line,
        ),
    )
    _cite(b, "goal", m.id, plan_id, m.citations)


def add_project(b: Batcher, m: Project, ord_: int, plan_id: str | None, src: int, line: int | None) -> None:
    budget = m.budget
    b.add(
        "projects",
        (
            None,
            ord_,
            plan_id,
            m.id,
            m.title,
            m.description,
            m.owner,
            m.location,
            m.status,
            m.planned_start,
            m.planned_end,
            m.actual_start,
            m.actual_end,
            budget.amount if budget else None,
            budget.currency if budget else None,
            list(m.tags),
            None,
            None,
            src,
            line,
            None,
            None,
            None,
            None,
        ),
    )
    for pos, goal in enumerate(m.goals):
        b.add("project_goals", (m.id, pos, goal))
    _cite(b, "project", m.id, plan_id, m.citations)


def add_indicator(
    b: Batcher, m: Indicator, ord_: int, plan_id: str | None, src: int, line: int | None
) -> None:
    b.add(
        "indicators",
        (
            ord_,
            plan_id,
            m.id,
            m.title,
            m.unit,
            m.direction,
            m.attribute,
            m.baseline,
            m.baseline_year,
            m.description,
            None,
            None,
            src,
            line,
        ),
    )
    for pos, goal in enumerate(m.goals):
        b.add("indicator_goals", (m.id, pos, goal))
    for pos, t in enumerate(m.targets):
        _add_target(b, m.id, pos, t)
    for pos, o in enumerate(m.observations):
        _add_observation(b, m.id, pos, o)
    _cite(b, "indicator", m.id, plan_id, m.citations)


def _add_target(b: Batcher, indicator: str, pos: int, t: Target) -> None:
    b.add("targets", (indicator, pos, t.period, t.value, t.note))


def _add_observation(b: Batcher, indicator: str, pos: int, o: Observation) -> None:
    c = o.citation
    cite = (c.source, c.paragraph, c.note) if c else (None, None, None)
    b.add("observations", (indicator, pos, o.value, o.as_of, o.note, *cite))


def add_milestone(
    b: Batcher, m: Milestone, ord_: int, plan_id: str | None, src: int, line: int | None
) -> None:
    b.add(
        "milestones",
        (ord_, plan_id, m.id, m.title, m.date, m.period, m.description, None, None, None, src, line),
    )
    for kind, targets in (("goal", m.goals), ("project", m.projects)):
        for pos, target in enumerate(targets):
            b.add("milestone_links", (m.id, pos, kind, target))
    _cite(b, "milestone", m.id, plan_id, m.citations)


#: Targets and observations read on their own (CSV rows) sort after those written inline.
DETACHED_POS = 1_000_000_000


def add_detached(b: Batcher, kind: str, m: Record, owner: str, ord_: int, src: int, line: int | None) -> None:
    """A target or observation row that names its indicator instead of sitting inside it."""
    pos = DETACHED_POS + ord_
    if isinstance(m, Target):
        _add_target(b, owner, pos, m)
    elif isinstance(m, Observation):
        _add_observation(b, owner, pos, m)
    b.add("detached_rows", (kind, owner, pos, src, line))


Adder = Callable[[Batcher, Record, int, "str | None", int, "int | None"], None]

ADDERS: dict[str, Adder] = {
    "plan": add_plan,  # type: ignore[dict-item]
    "source": add_source,  # type: ignore[dict-item]
    "period": add_period,  # type: ignore[dict-item]
    "goal": add_goal,  # type: ignore[dict-item]
    "project": add_project,  # type: ignore[dict-item]
    "indicator": add_indicator,  # type: ignore[dict-item]
    "milestone": add_milestone,  # type: ignore[dict-item]
}
