"""The timeline: plan and period spans, busy years, projects and milestones in order."""

from __future__ import annotations

import duckdb

from planscope.store.queries.paging import counted_page
from planscope.store.results import MilestoneRow, Page, Span, Timeline


def timeline(con: duckdb.DuckDBPyConnection) -> Timeline:
    """The frame of the Gantt chart, from the earliest plan year to the last horizon."""
    plans = [
        Span("plan", pid, title, start, end if horizon is None else horizon, pid)
        for pid, title, start, end, horizon in con.execute(
            "SELECT id, title, start_year, end_year, horizon_year FROM plans ORDER BY start_year, ord"
        ).fetchall()
    ]
    periods = [
        Span("period", pid, label, start, end, plan_id)
        for pid, label, start, end, plan_id in con.execute(
            "SELECT id, label, start_year, end_year, plan_id FROM periods ORDER BY start_year, ord"
        ).fetchall()
    ]
    milestone_years = dict(
        con.execute("SELECT year, count(*) FROM milestones WHERE year IS NOT NULL GROUP BY 1").fetchall()
    )
    project_years = dict(con.execute("SELECT year, projects FROM project_years").fetchall())
    years = [s.start_year for s in plans + periods] + [s.end_year for s in plans + periods]
    years += list(milestone_years) + list(project_years)
    first = min(years) if years else 0
    last = max(years) if years else 0
    return Timeline(first, last, plans, periods, milestone_years, project_years)


def project_spans(con: duckdb.DuckDBPyConnection, offset: int = 0, limit: int = 50) -> Page[Span]:
    """Projects as year spans, earliest first; undated ones take their plan's span."""
    rows_sql = """SELECT p.id, p.title, coalesce(p.start_year, p.end_year, pl.start_year),
                  coalesce(p.end_year, p.start_year, pl.end_year), p.plan_id,
                  p.start_year IS NOT NULL OR p.end_year IS NOT NULL, p.status
           FROM projects p JOIN plans pl ON pl.id = p.plan_id
           ORDER BY 3, p.rn"""
    rows, total = counted_page(con, "SELECT count(*) FROM projects", rows_sql, [], offset, limit)
    spans = [
        Span("project", rid, title, min(a, b), max(a, b), plan, dated, status)
        for rid, title, a, b, plan, dated, status in rows
    ]
    return Page(offset, spans, total)


def milestones(con: duckdb.DuckDBPyConnection, offset: int = 0, limit: int = 100) -> Page[MilestoneRow]:
    """Milestones in date order (undated ones at their period's start), paged by position."""
    total = con.execute("SELECT count(*) FROM milestones").fetchone()[0]  # type: ignore[index]
    rows = con.execute(
        "SELECT m.rn, m.id, m.plan_id, m.title, m.date, m.year, m.period_id, "
        "CASE WHEN s.start_year = s.end_year THEN s.start_year::VARCHAR "
        "ELSE s.start_year || '-' || s.end_year END "
        "FROM milestones m LEFT JOIN periods s ON s.id = m.period_id "
        "WHERE m.rn >= $1 AND m.rn < $2 ORDER BY m.rn",
        [offset, offset + limit],
    ).fetchall()
    return Page(offset, [MilestoneRow(*r) for r in rows], total)
