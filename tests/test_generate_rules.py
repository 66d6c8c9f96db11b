"""Generated data obey every rule a load's cross-record checks enforce, proven in SQL.

Generation writes tables with SQL and skips those checks, so each rule of
store/build/checks.py is asserted here over a real generated file.
"""

from __future__ import annotations

import duckdb

from tests.generated import RECORDS_SQL, rows, scalar


def test_ids_are_unique_across_kinds_and_ord_is_one_sequence(con: duckdb.DuckDBPyConnection) -> None:
    assert not rows(con, f"SELECT id FROM ({RECORDS_SQL}) GROUP BY id HAVING count(*) > 1")
    assert not rows(con, f"SELECT ord FROM ({RECORDS_SQL}) GROUP BY ord HAVING count(*) > 1")
    assert scalar(con, f"SELECT min(ord) FROM ({RECORDS_SQL})") == 0
    assert scalar(con, f"SELECT max(ord) + 1 - count(*) FROM ({RECORDS_SQL})") == 0


def test_records_come_from_the_generated_file(con: duckdb.DuckDBPyConnection) -> None:
    assert rows(con, "SELECT src, path FROM files") == [(0, "<generated>")]
    assert rows(con, f"SELECT DISTINCT src, line FROM ({RECORDS_SQL})") == [(0, None)]


def test_every_record_belongs_to_an_existing_plan(con: duckdb.DuckDBPyConnection) -> None:
    assert not rows(con, f"SELECT id FROM ({RECORDS_SQL}) WHERE plan_id NOT IN (SELECT id FROM plans)")
    assert not rows(
        con, "SELECT id FROM plans WHERE parent_id IS NOT NULL AND parent_id NOT IN (SELECT id FROM plans)"
    )


def test_periods_lie_inside_their_plan(con: duckdb.DuckDBPyConnection) -> None:
    assert not rows(
        con,
        "SELECT s.id FROM periods s JOIN plans p ON p.id = s.plan_id "
        "WHERE s.start_year > s.end_year OR s.start_year < p.start_year "
        "   OR s.end_year > coalesce(p.horizon_year, p.end_year)",
    )


def test_parent_goals_exist_in_the_same_plan_without_cycles(con: duckdb.DuckDBPyConnection) -> None:
    assert not rows(
        con,
        "SELECT c.id FROM goals c LEFT JOIN goals p ON p.id = c.parent_id "
        "WHERE c.parent_id IS NOT NULL AND (p.id IS NULL OR p.plan_id <> c.plan_id)",
    )
    parent = dict(rows(con, "SELECT id, parent_id FROM goals"))
    for start in parent:
        seen, node = set(), start
        while node is not None:
            assert node not in seen, f"goal {start} loops"
            seen.add(node)
            node = parent[node]


def test_project_goals_resolve_within_the_plan(con: duckdb.DuckDBPyConnection) -> None:
    assert not rows(
        con,
        "SELECT l.project_id FROM project_goals l LEFT JOIN goals g ON g.id = l.goal_id "
        "JOIN projects p ON p.id = l.project_id WHERE g.id IS NULL OR g.plan_id <> p.plan_id",
    )
    assert not rows(
        con, "SELECT project_id FROM project_goals WHERE project_id NOT IN (SELECT id FROM projects)"
    )
    # Positions count from 0 without gaps or repeats, and every project serves a goal.
    assert not rows(
        con,
        "SELECT project_id FROM project_goals GROUP BY 1 HAVING min(pos) <> 0 OR max(pos) <> count(*) - 1",
    )
    assert not rows(con, "SELECT project_id, goal_id FROM project_goals GROUP BY ALL HAVING count(*) > 1")
    assert scalar(con, "SELECT count(*) FROM projects WHERE goal_id IS NULL") == 0
    assert scalar(con, "SELECT count(*) FROM project_goals WHERE pos = 1") > 0


def test_indicator_links_targets_and_observations_resolve(con: duckdb.DuckDBPyConnection) -> None:
    assert not rows(
        con,
        "SELECT l.indicator_id FROM indicator_goals l LEFT JOIN goals g ON g.id = l.goal_id "
        "JOIN indicators i ON i.id = l.indicator_id WHERE g.id IS NULL OR g.plan_id <> i.plan_id",
    )
    assert not rows(
        con,
        "SELECT t.indicator_id FROM targets t JOIN indicators i ON i.id = t.indicator_id "
        "LEFT JOIN periods s ON s.id = t.period_id WHERE s.id IS NULL OR s.plan_id <> i.plan_id",
    )
    assert not rows(
        con,
        "SELECT o.indicator_id FROM observations o JOIN indicators i ON i.id = o.indicator_id "
        "LEFT JOIN sources s ON s.plan_id = i.plan_id AND s.id = o.cite_source "
        "WHERE o.cite_source IS NOT NULL AND (s.id IS NULL OR o.cite_paragraph > s.paragraphs)",
    )
    for table in ("indicator_goals", "targets", "observations"):
        assert not rows(
            con, f"SELECT indicator_id FROM {table} WHERE indicator_id NOT IN (SELECT id FROM indicators)"
        )
        assert not rows(
            con,
            f"SELECT indicator_id FROM {table} GROUP BY 1 HAVING min(pos) <> 0 OR max(pos) <> count(*) - 1",
        )


def test_milestone_links_and_periods_resolve_within_the_plan(con: duckdb.DuckDBPyConnection) -> None:
    assert not rows(
        con,
        f"SELECT l.milestone_id FROM milestone_links l JOIN milestones m ON m.id = l.milestone_id "
        f"LEFT JOIN ({RECORDS_SQL}) r ON r.id = l.target_id AND r.kind = l.target_kind "
        f"WHERE r.id IS NULL OR r.plan_id <> m.plan_id",
    )
    assert not rows(
        con,
        "SELECT m.id FROM milestones m LEFT JOIN periods s ON s.id = m.period_id "
        "WHERE m.period_id IS NOT NULL AND (s.id IS NULL OR s.plan_id <> m.plan_id)",
    )
    assert not rows(
        con,
        "SELECT milestone_id FROM milestone_links GROUP BY milestone_id, target_kind "
        "HAVING min(pos) <> 0 OR max(pos) <> count(*) - 1",
    )


def test_citations_point_at_a_paragraph_of_a_source_of_the_plan(con: duckdb.DuckDBPyConnection) -> None:
    assert set(k for (k,) in rows(con, "SELECT DISTINCT record_kind FROM citations")) == {
        "plan",
        "period",
        "goal",
        "project",
        "indicator",
        "milestone",
    }
    assert not rows(
        con,
        "SELECT c.record_id FROM citations c "
        "LEFT JOIN sources s ON s.plan_id = c.plan_id AND s.id = c.source_id "
        "WHERE s.id IS NULL OR c.paragraph < 1 OR c.paragraph > s.paragraphs",
    )
    assert not rows(
        con,
        f"SELECT c.record_id FROM citations c LEFT JOIN ({RECORDS_SQL}) r "
        f"ON r.id = c.record_id AND r.kind = c.record_kind WHERE r.id IS NULL OR r.plan_id <> c.plan_id",
    )
    assert not rows(
        con,
        "SELECT record_id FROM citations GROUP BY record_kind, record_id "
        "HAVING min(pos) <> 0 OR max(pos) <> count(*) - 1",
    )
